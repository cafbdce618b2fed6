import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type AppOptions, buildApp } from '../server/app.js';
import { type Database, openDatabase } from '../server/db/index.js';
import { DEMO_PASSWORD, loadDemo } from '../server/demo.js';

/** The databases every API test runs on: embedded PGlite always, a PostgreSQL server when TEST_DATABASE_URL is set. */
export const BACKENDS: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const RESET = 'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;';

// One embedded Postgres per test worker (files run one after another in it): starting PGlite is the slow part.
let shared: PGlite | undefined;

async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query(RESET);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    if (shared) await shared.exec(`SET client_min_messages = warning; ${RESET}`);
    shared ??= new PGlite();
    return openDatabase({ kind: 'pglite', client: shared });
  }
  const url = process.env.TEST_DATABASE_URL!;
  await resetPostgres(url);
  return openDatabase({ kind: 'postgres', url, poolSize: 10 });
}

/** The same database again, without emptying it (a restart). */
export async function reopenDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', client: shared! });
  return openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL!, poolSize: 4 });
}

export interface Harness {
  app: FastifyInstance;
  database: Database;
  publishDir: string;
  close(): Promise<void>;
}

/** A server on a fresh database with the demo loaded (the demo organisations and four accounts). */
export async function startHarness(kind: 'pglite' | 'postgres', options: Partial<AppOptions> = {}): Promise<Harness> {
  const database = await freshDatabase(kind);
  await loadDemo(database.db);
  const publishDir = mkdtempSync(join(tmpdir(), 'nianbao-publish-'));
  const app = await buildApp({ database, publishDir, loginLimit: { max: 1000, timeWindowMs: 60_000 }, ...options });
  await app.ready();
  return {
    app,
    database,
    publishDir,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in client: cookie and CSRF token sent with every request. */
export interface Client {
  username: string;
  cookie: string;
  csrf: string;
  req(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'nianbao_session')!;
  const csrf = res.json().csrfToken as string;
  const jar = `nianbao_session=${cookie.value}`;
  return {
    username,
    cookie: jar,
    csrf,
    req: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: jar, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? {
                payload: body,
                headers: { cookie: jar, 'x-csrf-token': csrf, 'content-type': 'application/json', ...headers },
              }
            : { payload: body as object }),
      }),
  };
}

/** The id of the demo report of an organisation, as the admin sees the list. */
export async function reportIdOf(admin: Client, orgName: string, year = 2024): Promise<number> {
  const list = (await admin.req('GET', '/api/reports')).json() as {
    id: number;
    organisation: { name: string };
    year: number;
  }[];
  const r = list.find((x) => x.organisation.name === orgName && x.year === year);
  if (!r) throw new Error(`no report for ${orgName} ${year}`);
  return r.id;
}
