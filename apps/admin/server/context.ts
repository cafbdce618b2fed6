import type { Database, Db } from './db/index.js';
import type { HeavyPool } from './heavy.js';

/** What the routes share: the database and the settings of this server. */
export interface Context {
  db: Db;
  database: Database;
  publishDir: string;
  sessionHours: number;
  secureCookies: boolean;
  now: () => Date;
  /** Worker threads for rendering files and reading uploads. */
  heavy: HeavyPool;
  /** Largest uploaded file, bytes. */
  uploadLimit: number;
}

/** Postgres unique violation (a concurrent insert of the same key). */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
