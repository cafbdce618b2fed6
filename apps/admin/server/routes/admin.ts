import { and, desc, eq, gte, ilike, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canEdit, OrgTree, ROLE_LABELS, type RoleName, readableOrgIds } from '../access.js';
import { ACTION_LABELS, audit } from '../audit.js';
import { type Context, isUniqueViolation } from '../context.js';
import {
  AccountCreateRequestSchema,
  AccountUpdateRequestSchema,
  AuditQuerySchema,
  IdParamsSchema,
  OrganisationCreateRequestSchema,
  OrganisationListQuerySchema,
  OrganisationUpdateRequestSchema,
} from '../contract.js';
import { schema } from '../db/index.js';
import { ApiError, notFound, parseInput } from '../errors.js';
import { hashPassword } from '../passwords.js';
import { deadlineOf, orgView } from '../reports.js';
import { requireActor, requireAdmin } from '../session.js';
import { insertUser } from '../users.js';

const IdParams = IdParamsSchema;
const OrgCreate = OrganisationCreateRequestSchema;
const OrgUpdate = OrganisationUpdateRequestSchema;
const UserCreate = AccountCreateRequestSchema;
const UserUpdate = AccountUpdateRequestSchema;

/** Escape `%`, `_` and `\` for a LIKE pattern. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function adminRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  const { db } = ctx;

  const checkParent = (tree: OrgTree, id: number | null, parentId: number | null) => {
    if (parentId === null) return;
    if (!tree.byId.has(parentId)) throw new ApiError(400, 'E_INVALID_INPUT', '上级机关不存在');
    if (id !== null && tree.ancestors(parentId).includes(id))
      throw new ApiError(400, 'E_ORG_CYCLE', '不能把机关设为其自身或其下级机关的下级');
  };
  const checkRoles = (tree: OrgTree, roles: { organisationId: number }[]) => {
    const bad = roles.find((r) => !tree.byId.has(r.organisationId));
    if (bad) throw new ApiError(400, 'E_INVALID_INPUT', `机关 ${bad.organisationId} 不存在`);
  };
  const slugTaken = (slug: string) => new ApiError(409, 'E_SLUG_EXISTS', `机关代号 ${slug} 已被使用`);

  /** Organisations the user can see (administrators: all), with the deadline of a year if asked. */
  app.get('/api/organisations', async (request) => {
    const actor = requireActor(request);
    const { year } = parseInput(OrganisationListQuerySchema, request.query, '查询条件');
    const tree = await OrgTree.load(db);
    const visible = readableOrgIds(actor, tree);
    return tree.all
      .filter((o) => visible.has(o.id))
      .map((o) => ({
        ...orgView(o),
        deadlineRule: o.deadline,
        ...(year ? { deadline: deadlineOf(o, year) } : {}),
        canCreateReport: canEdit(actor, o.id),
      }));
  });

  app.post('/api/organisations', async (request, reply) => {
    const actor = requireAdmin(request);
    const body = parseInput(OrgCreate, request.body, '机关信息');
    const tree = await OrgTree.load(db);
    checkParent(tree, null, body.parentId);
    try {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.insert(schema.organisations).values(body).returning();
        await audit(tx, { userId: actor.id, action: 'organisation.create', organisationId: row!.id, detail: body });
        return row!;
      });
      OrgTree.invalidate(db);
      reply.status(201);
      return { ...orgView(row), deadlineRule: row.deadline };
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTaken(body.slug);
      throw err;
    }
  });

  app.patch('/api/organisations/:id', async (request) => {
    const actor = requireAdmin(request);
    const { id } = parseInput(IdParams, request.params, '机关编号');
    const body = parseInput(OrgUpdate, request.body, '机关信息');
    const tree = await OrgTree.load(db);
    if (!tree.byId.has(id)) throw notFound('机关');
    if (body.parentId !== undefined) checkParent(tree, id, body.parentId);
    try {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(schema.organisations)
          .set(body)
          .where(eq(schema.organisations.id, id))
          .returning();
        await audit(tx, { userId: actor.id, action: 'organisation.update', organisationId: id, detail: body });
        return row!;
      });
      OrgTree.invalidate(db);
      return { ...orgView(row), deadlineRule: row.deadline };
    } catch (err) {
      if (isUniqueViolation(err) && body.slug) throw slugTaken(body.slug);
      throw err;
    }
  });

  const usersView = async (ids?: number[]) => {
    const tree = await OrgTree.load(db);
    const users = await db
      .select({
        id: schema.users.id,
        username: schema.users.username,
        displayName: schema.users.displayName,
        isAdmin: schema.users.isAdmin,
        disabled: schema.users.disabled,
        createdAt: schema.users.createdAt,
      })
      .from(schema.users)
      .where(ids ? inArray(schema.users.id, ids) : undefined)
      .orderBy(schema.users.id);
    const roles = users.length
      ? await db
          .select()
          .from(schema.roles)
          .where(
            inArray(
              schema.roles.userId,
              users.map((u) => u.id),
            ),
          )
      : [];
    return users.map((u) => ({
      ...u,
      roles: roles
        .filter((r) => r.userId === u.id)
        .map((r) => ({
          organisationId: r.organisationId,
          organisationName: tree.byId.get(r.organisationId)?.name ?? '',
          role: r.role,
          roleLabel: ROLE_LABELS[r.role as RoleName],
        })),
    }));
  };

  app.get('/api/users', async (request) => {
    requireAdmin(request);
    return usersView();
  });

  app.post('/api/users', async (request, reply) => {
    const actor = requireAdmin(request);
    const body = parseInput(UserCreate, request.body, '账号信息');
    checkRoles(await OrgTree.load(db), body.roles);
    const passwordHash = await hashPassword(body.password);
    try {
      const row = await db.transaction(async (tx) => {
        const row = await insertUser(tx, body, passwordHash);
        await audit(tx, {
          userId: actor.id,
          action: 'user.create',
          detail: { id: row.id, username: body.username, isAdmin: body.isAdmin, roles: body.roles },
        });
        return row;
      });
      reply.status(201);
      return (await usersView([row.id]))[0];
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError(409, 'E_USERNAME_EXISTS', `用户名 ${body.username} 已存在`);
      throw err;
    }
  });

  app.patch('/api/users/:id', async (request) => {
    const actor = requireAdmin(request);
    const { id } = parseInput(IdParams, request.params, '账号编号');
    const body = parseInput(UserUpdate, request.body, '账号信息');
    if (id === actor.id && (body.isAdmin === false || body.disabled === true)) {
      throw new ApiError(400, 'E_SELF_LOCKOUT', '不能停用自己的账号或取消自己的管理员身份');
    }
    const [existing] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, id));
    if (!existing) throw notFound('账号');
    if (body.roles) checkRoles(await OrgTree.load(db), body.roles);
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    await db.transaction(async (tx) => {
      const set: Partial<typeof schema.users.$inferInsert> = {};
      if (body.displayName !== undefined) set.displayName = body.displayName;
      if (body.isAdmin !== undefined) set.isAdmin = body.isAdmin;
      if (body.disabled !== undefined) set.disabled = body.disabled;
      if (passwordHash) set.passwordHash = passwordHash;
      if (Object.keys(set).length) await tx.update(schema.users).set(set).where(eq(schema.users.id, id));
      if (body.roles) {
        await tx.delete(schema.roles).where(eq(schema.roles.userId, id));
        const unique = [...new Map(body.roles.map((r) => [`${r.organisationId}|${r.role}`, r])).values()];
        if (unique.length) await tx.insert(schema.roles).values(unique.map((r) => ({ userId: id, ...r })));
      }
      // A new password or a disabled account ends every session of that user.
      if (passwordHash || body.disabled) await tx.delete(schema.sessions).where(eq(schema.sessions.userId, id));
      const { password: _omit, ...logged } = body;
      await audit(tx, {
        userId: actor.id,
        action: 'user.update',
        detail: { id, ...logged, ...(passwordHash ? { passwordChanged: true } : {}) },
      });
    });
    return (await usersView([id]))[0];
  });

  app.get('/api/audit', async (request) => {
    requireAdmin(request);
    const q = parseInput(AuditQuerySchema, request.query, '查询条件');
    const a = schema.auditLog;
    const o = schema.organisations;
    const u = schema.users;
    const conds: SQL[] = [];
    if (q.reportId) conds.push(eq(a.reportId, q.reportId));
    if (q.userId) conds.push(eq(a.userId, q.userId));
    if (q.organisationId) conds.push(eq(a.organisationId, q.organisationId));
    if (q.action) conds.push(q.action.includes('.') ? eq(a.action, q.action) : like(a.action, `${q.action}.%`));
    if (q.before) conds.push(lt(a.id, q.before));
    // Days in the server's time zone, as the person reads the times shown.
    if (q.from) conds.push(gte(a.at, new Date(`${q.from}T00:00:00`)));
    if (q.to) {
      const end = new Date(`${q.to}T00:00:00`);
      end.setDate(end.getDate() + 1);
      conds.push(lt(a.at, end));
    }
    if (q.q) {
      const p = likeText(q.q);
      conds.push(
        or(ilike(u.username, p), ilike(u.displayName, p), ilike(o.name, p), ilike(sql`${a.detail}::text`, p))!,
      );
    }
    const rows = await db
      .select({
        id: a.id,
        at: a.at,
        action: a.action,
        reportId: a.reportId,
        organisationId: a.organisationId,
        organisationName: o.name,
        detail: a.detail,
        userId: a.userId,
        username: u.username,
        displayName: u.displayName,
      })
      .from(a)
      .leftJoin(u, eq(u.id, a.userId))
      .leftJoin(o, eq(o.id, a.organisationId))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(a.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        actionLabel: ACTION_LABELS[r.action] ?? r.action,
        user: r.userId === null ? null : { id: r.userId, username: r.username ?? '', displayName: r.displayName ?? '' },
        reportId: r.reportId,
        organisation: r.organisationId === null ? null : { id: r.organisationId, name: r.organisationName ?? '' },
        detail: (r.detail ?? null) as Record<string, unknown> | null,
      })),
      next: rows.length > q.limit ? page[page.length - 1]!.id : null,
      actions: ACTION_LABELS,
    };
  });
}
