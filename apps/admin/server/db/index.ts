import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseConfig =
  | {
      kind: 'pglite';
      /** Folder of the embedded database; omitted = in memory. */
      dataDir?: string;
      /** An instance the caller opened and will close (tests share one to avoid starting Postgres again). */
      client?: PGlite;
    }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** The folder of generated SQL migrations, found from the source file as well as from `dist/`. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('drizzle migrations folder not found');
}

/**
 * The embedded database serves one process at a time: a lock file beside the folder (with the owner's pid)
 * stops a second server or the create-admin command from opening it at the same time.
 */
function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `内嵌数据库 ${dir} 正由另一进程（pid ${pid}）使用：请先停止它（内嵌数据库一次只能由一个进程打开）`,
        );
      }
      rmSync(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new Error(`无法锁定内嵌数据库 ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Open the database and bring its schema up to date (the same migrations on both kinds). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const migrationsFolderPath = migrationsFolder();
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder: migrationsFolderPath });
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  let client: PGlite;
  let release = () => {};
  const owned = !config.client;
  if (config.client) {
    client = config.client;
  } else if (config.dataDir) {
    const dir = resolve(config.dataDir);
    mkdirSync(dir, { recursive: true });
    release = lockDataDir(dir);
    try {
      client = new PGlite(dir);
      await client.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: migrationsFolderPath });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    close: async () => {
      if (owned) await client.close();
      release();
    },
  };
}
