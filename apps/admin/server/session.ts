import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RoleName } from './access.js';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'nianbao_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Create a session row; answers the cookie value and the CSRF token. */
export async function createSession(
  db: Pick<Db, 'insert' | 'delete'>,
  userId: number,
  hours: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db.insert(schema.sessions).values({ tokenHash: tokenHash(token), userId, csrfToken, expiresAt });
  // Expired sessions are removed lazily, at each login.
  await db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, new Date()));
  return { token, csrfToken, expiresAt };
}

/** The actor of a request, from its session cookie (null when there is none or it expired). */
export async function actorFromRequest(db: Db, request: FastifyRequest): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const hash = tokenHash(token);
  const { sessions, users, roles } = schema;
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      isAdmin: users.isAdmin,
      csrfToken: sessions.csrfToken,
      organisationId: roles.organisationId,
      role: roles.role,
      // Read here, so that the organisation tree costs no query of its own on most requests.
      orgGeneration: sql<number>`(select ${schema.orgGeneration.generation} from ${schema.orgGeneration} where ${schema.orgGeneration.id} = 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roles, eq(roles.userId, users.id))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)));
  const row = rows[0];
  if (!row) return null;
  const roleRows = rows.filter((r) => r.organisationId !== null && r.role !== null) as {
    organisationId: number;
    role: string;
  }[];
  const { id, username, displayName, isAdmin, csrfToken, orgGeneration } = row;
  return {
    id,
    username,
    displayName,
    isAdmin,
    csrfToken,
    roles: roleRows.map((r) => ({ organisationId: r.organisationId, role: r.role as RoleName })),
    sessionHash: hash,
    ...(orgGeneration === null ? {} : { orgGeneration: Number(orgGeneration) }),
  };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new ApiError(401, 'E_UNAUTHENTICATED', '请先登录（登录已过期或尚未登录）');
  return request.actor;
}

export function requireAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!actor.isAdmin) throw new ApiError(403, 'E_FORBIDDEN', '只有系统管理员可以执行此操作');
  return actor;
}

/** Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`. */
export function checkCsrf(request: FastifyRequest): void {
  if (!request.actor) return;
  const sent = request.headers[CSRF_HEADER];
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  const expected = Buffer.from(request.actor.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(403, 'E_CSRF', '安全校验失败（缺少或错误的 X-CSRF-Token），请刷新页面后重试');
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
