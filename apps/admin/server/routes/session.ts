import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Actor, OrgTree, ROLE_LABELS } from '../access.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { LoginRequestSchema, PasswordChangeRequestSchema } from '../contract.js';
import { schema } from '../db/index.js';
import { ApiError, parseInput } from '../errors.js';
import { type LoginLimit, LoginLimiter } from '../login-limit.js';
import { dummyHash, hashPassword, verifyPassword } from '../passwords.js';
import { clearSessionCookie, createSession, requireActor, setSessionCookie } from '../session.js';

const LoginSchema = LoginRequestSchema;
const PasswordChangeSchema = PasswordChangeRequestSchema;

/** The user as the app shows them: name, administrator flag, roles with organisation names. */
export function userView(actor: Omit<Actor, 'csrfToken' | 'sessionHash'>, tree: OrgTree) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    isAdmin: actor.isAdmin,
    roles: actor.roles.map((r) => ({
      organisationId: r.organisationId,
      organisationName: tree.byId.get(r.organisationId)?.name ?? '',
      role: r.role,
      roleLabel: ROLE_LABELS[r.role],
    })),
  };
}

export async function sessionRoutes(app: FastifyInstance, ctx: Context, limit: LoginLimit): Promise<void> {
  const { db } = ctx;
  const limiter = new LoginLimiter(db, limit, ctx.now);
  app.post('/api/session', async (request, reply) => {
    const body = parseInput(LoginSchema, request.body, '登录信息');
    await limiter.check(request.ip, body.username);
    const [user] = await db.select().from(schema.users).where(eq(schema.users.username, body.username));
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabled) {
      await limiter.failed(request.ip, body.username);
      await audit(db, {
        userId: user?.id ?? null,
        action: 'login.failed',
        detail: { username: body.username, ip: request.ip },
      });
      throw new ApiError(
        401,
        'E_LOGIN_FAILED',
        user?.disabled && ok ? '该账号已停用，请联系管理员' : '用户名或密码错误',
      );
    }
    await limiter.succeeded(request.ip, body.username);
    const session = await db.transaction(async (tx) => {
      const s = await createSession(tx, user.id, ctx.sessionHours);
      await audit(tx, { userId: user.id, action: 'login', detail: { ip: request.ip } });
      return s;
    });
    setSessionCookie(reply, session.token, session.expiresAt, ctx.secureCookies);
    const roles = await db.select().from(schema.roles).where(eq(schema.roles.userId, user.id));
    const tree = await OrgTree.load(db);
    const actor = {
      ...user,
      roles: roles.map((r) => ({ organisationId: r.organisationId, role: r.role as 'editor' | 'reviewer' })),
    };
    return { user: userView(actor, tree), csrfToken: session.csrfToken };
  });

  app.get('/api/session', async (request) => {
    const actor = requireActor(request);
    return { user: userView(actor, await OrgTree.load(db, actor.orgGeneration)), csrfToken: actor.csrfToken };
  });

  app.delete('/api/session', async (request, reply) => {
    const actor = request.actor;
    if (actor) {
      await db.transaction(async (tx) => {
        await tx.delete(schema.sessions).where(eq(schema.sessions.tokenHash, actor.sessionHash));
        await audit(tx, { userId: actor.id, action: 'logout' });
      });
    }
    clearSessionCookie(reply, ctx.secureCookies);
    return { ok: true };
  });

  app.post('/api/session/password', async (request) => {
    const actor = requireActor(request);
    const body = parseInput(PasswordChangeSchema, request.body, '修改密码');
    const [user] = await db.select().from(schema.users).where(eq(schema.users.id, actor.id));
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new ApiError(400, 'E_PASSWORD_WRONG', '当前密码不正确');
    }
    const passwordHash = await hashPassword(body.newPassword);
    await db.transaction(async (tx) => {
      await tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, actor.id));
      // Other sessions of this user end; this one stays.
      const others = await tx
        .select({ h: schema.sessions.tokenHash })
        .from(schema.sessions)
        .where(eq(schema.sessions.userId, actor.id));
      for (const o of others)
        if (o.h !== actor.sessionHash) await tx.delete(schema.sessions).where(eq(schema.sessions.tokenHash, o.h));
      await audit(tx, { userId: actor.id, action: 'user.password' });
    });
    return { ok: true };
  });
}
