import { eq } from 'drizzle-orm';
import type { RoleName } from './access.js';
import { audit } from './audit.js';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords.js';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  isAdmin?: boolean;
  roles?: { organisationId: number; role: RoleName }[];
}

/** Insert a user with a hashed password and their roles, in the caller's transaction. */
export async function insertUser(tx: Pick<Db, 'insert'>, user: NewUser, passwordHash?: string) {
  const [row] = await tx
    .insert(schema.users)
    .values({
      username: user.username,
      displayName: user.displayName,
      passwordHash: passwordHash ?? (await hashPassword(user.password)),
      isAdmin: user.isAdmin ?? false,
    })
    .returning();
  if (user.roles?.length)
    await tx
      .insert(schema.roles)
      .values(user.roles.map((r) => ({ userId: row!.id, organisationId: r.organisationId, role: r.role })));
  return row!;
}

export async function userCount(db: Db): Promise<number> {
  const rows = await db.select({ id: schema.users.id }).from(schema.users).limit(1);
  return rows.length;
}

export async function findUser(db: Db, username: string) {
  const [row] = await db.select().from(schema.users).where(eq(schema.users.username, username));
  return row ?? null;
}

/** The first (or another) administrator of a deployment, as the create-admin command makes it. */
export async function createAdmin(
  db: Db,
  user: { username: string; displayName: string; password: string },
): Promise<{ ok: true; id: number } | { ok: false; message: string }> {
  if (user.password.length < PASSWORD_MIN_LENGTH) return { ok: false, message: `密码至少 ${PASSWORD_MIN_LENGTH} 位` };
  if (await findUser(db, user.username)) return { ok: false, message: `用户名 ${user.username} 已存在` };
  const passwordHash = await hashPassword(user.password);
  const id = await db.transaction(async (tx) => {
    const row = await insertUser(tx, { ...user, isAdmin: true }, passwordHash);
    await audit(tx, {
      userId: null,
      action: 'user.create',
      detail: { id: row.id, username: row.username, isAdmin: true, via: 'create-admin' },
    });
    return row.id;
  });
  return { ok: true, id };
}
