// A server for the load test, in its own process, loopback only. `admin`: the real app on a fresh embedded
// database (or BENCH_DATABASE_URL) with 50 editors, each with their own organisation, report and session.
// `baseline`: bare Fastify answering static JSON of the same sizes. Prints one JSON line when listening.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReportUrl } from '@nianbao/core/fixtures';
import Fastify from 'fastify';

const mode = process.argv[2];
const EDITORS = Number(process.env.BENCH_EDITORS || 50);

async function admin() {
  const { buildApp } = await import('../dist/server/app.js');
  const { openDatabase, schema } = await import('../dist/server/db/index.js');
  const { loadDemo } = await import('../dist/server/demo.js');
  const { insertUser } = await import('../dist/server/users.js');
  const { hashPassword } = await import('../dist/server/passwords.js');
  const { createSession } = await import('../dist/server/session.js');
  const { reportFrom, validate } = await import('@nianbao/core');
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    // A throwaway database: emptied before the run.
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(
      'SET client_min_messages = warning; DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;',
    );
    await c.end();
  }
  // The embedded database on disk, as `npm start` runs it.
  const database = await openDatabase(
    url
      ? { kind: 'postgres', url, poolSize: 10 }
      : { kind: 'pglite', dataDir: join(mkdtempSync(join(tmpdir(), 'nianbao-bench-db-')), 'db') },
  );
  const db = database.db;
  await loadDemo(db);
  const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
  const hash = await hashPassword('bench-password-unused');
  const editors = [];
  for (let i = 0; i < EDITORS; i++) {
    const name = `宝山区压测街道${i + 1}办事处`;
    const [org] = await db
      .insert(schema.organisations)
      .values({ name, slug: `bench-${i + 1}`, level: 'township', parentId: 1 })
      .returning();
    const user = await insertUser(
      db,
      {
        username: `bench${i + 1}`,
        displayName: name,
        password: '',
        roles: [{ organisationId: org.id, role: 'editor' }],
      },
      hash,
    );
    const report = { ...seed, meta: { ...seed.meta, agency: name } };
    const v = validate(report);
    const [row] = await db
      .insert(schema.reports)
      .values({
        organisationId: org.id,
        year: 2024,
        formatT2: report.meta.formats.t2,
        formatT3: report.meta.formats.t3,
        revision: 1,
        errors: v.errors,
        warnings: v.warnings,
      })
      .returning();
    await db.insert(schema.revisions).values({
      reportId: row.id,
      number: 1,
      content: report,
      errors: v.errors,
      warnings: v.warnings,
      authorId: user.id,
    });
    const s = await createSession(db, user.id, 2);
    editors.push({ reportId: row.id, cookie: `nianbao_session=${s.token}`, csrf: s.csrfToken, report });
  }
  const app = await buildApp({ database, publishDir: mkdtempSync(join(tmpdir(), 'nianbao-bench-')) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, editors, kind: database.kind };
}

async function baseline() {
  const read = readFileSync(process.env.BENCH_READ_BODY);
  const save = readFileSync(process.env.BENCH_SAVE_BODY);
  const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
  app.get('/static/:id', (_req, reply) => reply.type('application/json; charset=utf-8').send(read));
  // Same work at the edge as a save: the JSON body is read and parsed; the answer is a static JSON.
  app.put('/static/:id', (req, reply) => {
    if (!req.body || typeof req.body !== 'object') return reply.status(400).send({});
    return reply.type('application/json; charset=utf-8').send(save);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port };
}

const info = mode === 'admin' ? await admin() : await baseline();
process.stdout.write(`${JSON.stringify(info)}\n`);
