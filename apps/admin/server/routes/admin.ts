import { AgencyLevelSchema } from '@nianbao/core';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canEdit, OrgTree, ROLE_LABELS, ROLE_NAMES, type RoleName, readableOrgIds } from '../access.js';
import { ACTION_LABELS, audit } from '../audit.js';
import { type Context, isUniqueViolation } from '../context.js';
import { schema } from '../db/index.js';
import { ApiError, notFound, parseInput } from '../errors.js';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../passwords.js';
import { deadlineOf, orgView } from '../reports.js';
import { requireActor, requireAdmin } from '../session.js';
import { insertUser } from '../users.js';

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const Slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '只能使用小写字母、数字和连字符（如 baoshan-yuejin）')
  .max(60);
const Deadline = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '格式为 MM-DD，如 02-20')
  .nullable();

const OrgCreate = z.object({
  name: z.string().trim().min(1).max(100),
  slug: Slug,
  level: AgencyLevelSchema,
  parentId: z.number().int().positive().nullable().default(null),
  region: z.string().trim().max(100).nullable().default(null),
  deadline: Deadline.default(null),
});
const OrgUpdate = OrgCreate.partial();

const Role = z.object({ organisationId: z.number().int().positive(), role: z.enum(ROLE_NAMES) });
const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{2,64}$/, '用户名须为 2–64 位字母、数字或 _ . @ -');
const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`).max(200),
  isAdmin: z.boolean().default(false),
  roles: z.array(Role).max(200).default([]),
});
const UserUpdate = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`).max(200).optional(),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
  roles: z.array(Role).max(200).optional(),
});
const AuditQuery = z.object({
  reportId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

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
    const { year } = parseInput(
      z.object({ year: z.coerce.number().int().min(2008).max(2100).optional() }),
      request.query,
      '查询条件',
    );
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
    const q = parseInput(AuditQuery, request.query, '查询条件');
    const a = schema.auditLog;
    const conds: SQL[] = [];
    if (q.reportId) conds.push(eq(a.reportId, q.reportId));
    if (q.userId) conds.push(eq(a.userId, q.userId));
    const rows = await db
      .select({
        id: a.id,
        at: a.at,
        action: a.action,
        reportId: a.reportId,
        organisationId: a.organisationId,
        detail: a.detail,
        userId: a.userId,
        username: schema.users.username,
      })
      .from(a)
      .leftJoin(schema.users, eq(schema.users.id, a.userId))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(a.id))
      .limit(q.limit);
    return rows.map((r) => ({ ...r, actionLabel: ACTION_LABELS[r.action] ?? r.action }));
  });
}
