// A server for the load tests, in its own process, loopback only. `admin`: the real app on a fresh embedded
// database (or BENCH_DATABASE_URL) with editors (each with their own organisation, report and session; the
// first BENCH_PAIRS pairs share one report), reviewers of the district, an administrator and a report whose
// text is at the limits. `baseline`: bare Fastify answering static JSON of the same sizes. Both add
// `/__bench/probe` (event-loop delay and memory since the last reset). Prints one JSON line when listening.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seedReportUrl } from '@nianbao/core/fixtures';
import Fastify from 'fastify';

const mode = process.argv[2];
const EDITORS = Number(process.env.BENCH_EDITORS || 50);
const PAIRS = Number(process.env.BENCH_PAIRS ?? Math.floor(EDITORS / 10));
const REVIEWERS = Number(process.env.BENCH_REVIEWERS || Math.max(2, Math.floor(EDITORS / 50)));

// Exit on the bench's kill, so that `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
function probe(app) {
  app.get('/__bench/probe', (req, reply) => {
    const m = process.memoryUsage();
    const out = {
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      rssMb: m.rss / 1024 / 1024,
      heapMb: m.heapUsed / 1024 / 1024,
      externalMb: (m.external + m.arrayBuffers) / 1024 / 1024,
    };
    if (req.query.reset) loop.reset();
    return reply.send(out);
  });
}

async function admin() {
  const { buildApp } = await import('../dist/server/app.js');
  const { openDatabase, schema } = await import('../dist/server/db/index.js');
  const { loadDemo } = await import('../dist/server/demo.js');
  const { insertUser } = await import('../dist/server/users.js');
  const { hashPassword } = await import('../dist/server/passwords.js');
  const { createSession } = await import('../dist/server/session.js');
  const { reportFrom, validate } = await import('@nianbao/core');
  const url = process.env.BENCH_DATABASE_URL;
  if (url && process.env.BENCH_KEEP_DATABASE !== '1') {
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
      ? { kind: 'postgres', url, poolSize: Number(process.env.BENCH_POOL || 10) }
      : { kind: 'pglite', dataDir: join(mkdtempSync(join(tmpdir(), 'nianbao-bench-db-')), 'db') },
  );
  const db = database.db;
  if (process.env.BENCH_KEEP_DATABASE === '1') {
    // A second process on the same database: only the app.
    const app = await buildApp({ database, publishDir: mkdtempSync(join(tmpdir(), 'nianbao-bench-')) });
    probe(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: app.server.address().port, kind: database.kind };
  }
  await loadDemo(db);
  const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
  const hash = await hashPassword('bench-password-unused');
  const session = async (userId) => {
    const s = await createSession(db, userId, 4);
    return { cookie: `nianbao_session=${s.token}`, csrf: s.csrfToken };
  };
  const addReport = async (orgId, name, report) => {
    const v = validate(report);
    const [row] = await db
      .insert(schema.reports)
      .values({
        organisationId: orgId,
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
      content: { ...report, meta: { ...report.meta, agency: name } },
      errors: v.errors,
      warnings: v.warnings,
    });
    return row.id;
  };
  const editors = [];
  let org;
  let reportId;
  for (let i = 0; i < EDITORS; i++) {
    // Editors 2j and 2j+1 (j < PAIRS) fill in the same report.
    const shared = i < 2 * PAIRS && i % 2 === 1;
    if (!shared) {
      const name = `宝山区压测街道${i + 1}办事处`;
      [org] = await db
        .insert(schema.organisations)
        .values({ name, slug: `bench-${i + 1}`, level: 'township', parentId: 1, region: '宝山区' })
        .returning();
      reportId = await addReport(org.id, name, seed);
    }
    const user = await insertUser(
      db,
      {
        username: `bench${i + 1}`,
        displayName: `压测填报人${i + 1}`,
        password: '',
        roles: [{ organisationId: org.id, role: 'editor' }],
      },
      hash,
    );
    editors.push({ index: i, reportId, pair: i < 2 * PAIRS ? i % 2 : null, ...(await session(user.id)) });
  }
  const reviewers = [];
  for (let i = 0; i < REVIEWERS; i++) {
    const user = await insertUser(
      db,
      {
        username: `bench-reviewer${i + 1}`,
        displayName: `压测审核人${i + 1}`,
        password: '',
        roles: [{ organisationId: 1, role: 'reviewer' }],
      },
      hash,
    );
    reviewers.push(await session(user.id));
  }
  const adminUser = await insertUser(
    db,
    { username: 'bench-admin', displayName: '压测管理员', password: '', isAdmin: true },
    hash,
  );
  // A report whose text is at the limits: the heaviest render the server accepts.
  const { LIMITS } = await import('../dist/contract/index.js');
  const [heavyOrg] = await db
    .insert(schema.organisations)
    .values({ name: '宝山区压测长文机关', slug: 'bench-heavy', level: 'department', parentId: 1 })
    .returning();
  const paragraph = '本机关依法做好政府信息公开工作，'
    .repeat(Math.floor(LIMITS.blockChars / 16))
    .slice(0, LIMITS.blockChars);
  const n = Math.floor(LIMITS.reportChars / LIMITS.blockChars);
  const heavy = {
    ...seed,
    sections: seed.sections.map((s, k) => ({
      ...s,
      blocks: k === 0 ? Array.from({ length: n }, () => ({ kind: 'paragraph', text: paragraph })) : s.blocks,
    })),
  };
  const heavyReportId = await addReport(heavyOrg.id, heavyOrg.name, heavy);
  const app = await buildApp({ database, publishDir: mkdtempSync(join(tmpdir(), 'nianbao-bench-')) });
  probe(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: app.server.address().port,
    kind: database.kind,
    editors,
    reviewers,
    admin: await session(adminUser.id),
    heavyReportId,
    rootOrganisationId: 1,
    seed,
  };
}

async function baseline() {
  const read = readFileSync(process.env.BENCH_READ_BODY);
  const save = readFileSync(process.env.BENCH_SAVE_BODY);
  const other = process.env.BENCH_OTHER_BODY ? readFileSync(process.env.BENCH_OTHER_BODY) : read;
  const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
  app.get('/static/:id', (_req, reply) => reply.type('application/json; charset=utf-8').send(read));
  app.get('/static-other/:id', (_req, reply) => reply.type('application/json; charset=utf-8').send(other));
  // Same work at the edge as a save: the JSON body is read and parsed; the answer is a static JSON.
  app.put('/static/:id', (req, reply) => {
    if (!req.body || typeof req.body !== 'object') return reply.status(400).send({});
    return reply.type('application/json; charset=utf-8').send(save);
  });
  probe(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port };
}

const info = mode === 'admin' ? await admin() : await baseline();
process.stdout.write(`${JSON.stringify(info)}\n`);
