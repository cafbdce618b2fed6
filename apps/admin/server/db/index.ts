import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
  const owned = !config.client;
  if (config.client) {
    client = config.client;
  } else if (config.dataDir) {
    const dir = resolve(config.dataDir);
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: migrationsFolderPath });
  return { db: db as unknown as Db, kind: 'pglite', close: async () => (owned ? client.close() : undefined) };
}
