// Load test of the API with 50 concurrent editors (loopback only, bounded in time): reads of a full report
// and saves with If-Match, each beside a bare Fastify route answering static JSON of the same size.
// Checks zero errors and zero lost updates (every accepted save is a revision holding its value).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
const CONNECTIONS = Number(process.env.BENCH_EDITORS || 50);
// Bounded by the number of requests (every answer is awaited, so each accepted save can be checked).
const READS = Number(process.env.BENCH_READS || 1000);
const SAVES = Number(process.env.BENCH_SAVES || 300);
const MARK = 987654321;
const CELL = 't3.new.natural';

if (!existsSync(join(here, '../dist/server/app.js'))) {
  console.error('build first: npm run build -w @nianbao/admin');
  process.exit(2);
}

function startServer(mode, env = {}) {
  const child = spawn(process.execPath, [join(here, 'server.mjs'), mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function run(opts) {
  return new Promise((resolve, reject) =>
    autocannon({ connections: CONNECTIONS, pipelining: 1, timeout: 60, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );
}

/** A pool of editors: a connection takes one for each request and gives it back with the answer. */
function editorPool(editors) {
  const free = editors.map((_, i) => i);
  return { take: () => free.shift(), give: (i) => free.push(i) };
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
const line = (name, value, unit, baseName, baseValue, digits = 1) =>
  console.log(
    `bench ${name}: ${fmt(value, digits)} ${unit} | baseline ${baseName}: ${fmt(baseValue, digits)} ${unit} | ratio ${fmt(baseValue === 0 ? (value === 0 ? 1 : Infinity) : value / baseValue, 2)}`,
  );

const throughput = (r) => (r.requests.total ?? 0) / (r.duration || 1);

async function readsAndSaves(port, editors, paths) {
  // Warm-up (not measured): the first requests compile code paths and fill caches.
  let next = 0;
  await run({
    amount: editors.length * 2,
    url: `http://127.0.0.1:${port}`,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const e = editors[next++ % editors.length];
          return { ...req, path: paths.read(e), headers: { cookie: e.cookie ?? '' } };
        },
      },
    ],
  });
  // Reads: every connection reads a full report of a random editor (with findings).
  let readErrors = 0;
  const reads = await run({
    amount: READS,
    url: `http://127.0.0.1:${port}`,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const e = editors[Math.floor(Math.random() * editors.length)];
          return { ...req, path: paths.read(e), headers: { cookie: e.cookie ?? '' } };
        },
        onResponse: (status) => {
          if (status !== 200) readErrors++;
        },
      },
    ],
  });
  // Saves: each connection saves as one editor at a time, with the revision it last got (If-Match).
  const pool = editorPool(editors);
  let saveErrors = 0;
  const saves = await run({
    amount: SAVES,
    url: `http://127.0.0.1:${port}`,
    requests: [
      {
        method: 'PUT',
        setupRequest: (req, context) => {
          const i = pool.take();
          const e = editors[i];
          context.editor = i;
          e.counter += 1;
          context.value = e.counter;
          return {
            ...req,
            path: paths.save(e),
            headers: {
              'content-type': 'application/json',
              cookie: e.cookie ?? '',
              'x-csrf-token': e.csrf ?? '',
              'if-match': String(e.revision),
            },
            body: e.template.replace(String(MARK), String(e.counter)),
          };
        },
        onResponse: (status, body, context) => {
          const e = editors[context.editor];
          if (status === 200) {
            const r = JSON.parse(body);
            if (typeof r.revision === 'number') e.revision = r.revision;
            e.accepted += 1;
            e.saved.push([r.revision, context.value]);
          } else saveErrors++;
          pool.give(context.editor);
        },
      },
    ],
  });
  return { reads, saves, readErrors, saveErrors };
}

const admin = await startServer('admin', { BENCH_PAIRS: '0' });
let exitCode = 0;
try {
  const { port, editors: raw, kind, seed } = admin.info;
  const editors = raw.map((e) => {
    const report = structuredClone(seed);
    report.cells[CELL] = MARK;
    return { ...e, template: JSON.stringify({ report }), revision: 1, counter: 0, accepted: 0, saved: [] };
  });
  const adminPaths = { read: (e) => `/api/reports/${e.reportId}`, save: (e) => `/api/reports/${e.reportId}` };
  const a = await readsAndSaves(port, editors, adminPaths);

  // Lost updates: each editor's report has exactly one revision per accepted save, each holding the value
  // that save sent, and the report ends with the value of the last one.
  let lost = 0;
  let accepted = 0;
  for (const e of editors) {
    accepted += e.accepted;
    const headers = { cookie: e.cookie };
    const get = async (path) =>
      (await fetch(`http://127.0.0.1:${port}/api/reports/${e.reportId}${path}`, { headers })).json();
    const revs = await get('/revisions');
    if (revs.length !== 1 + e.accepted) lost += Math.abs(revs.length - (1 + e.accepted));
    for (const [revision, value] of e.saved) {
      const rev = await get(`/revisions/${revision}`);
      if (rev.report?.cells?.[CELL] !== value) lost += 1;
    }
    const last = e.saved.at(-1);
    if (last && (await get('')).report.cells[CELL] !== last[1]) lost += 1;
  }

  // Baseline: the same sizes of answers from a bare route, the same load.
  const sample = await (
    await fetch(`http://127.0.0.1:${port}${adminPaths.read(editors[0])}`, { headers: { cookie: editors[0].cookie } })
  ).text();
  const e0 = editors[0];
  const saveAnswer = await fetch(`http://127.0.0.1:${port}/api/reports/${e0.reportId}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      cookie: e0.cookie,
      'x-csrf-token': e0.csrf,
      'if-match': String(e0.revision),
    },
    body: e0.template.replace(String(MARK), String(e0.counter + 1)),
  }).then((r) => r.text());
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  writeFileSync(join(dir, 'read.json'), sample);
  writeFileSync(join(dir, 'save.json'), saveAnswer);
  admin.child.kill();
  const base = await startServer('baseline', {
    BENCH_READ_BODY: join(dir, 'read.json'),
    BENCH_SAVE_BODY: join(dir, 'save.json'),
  });
  const baseEditors = editors.map((e) => ({ ...e, cookie: '', csrf: '', revision: 1, counter: 0, accepted: 0 }));
  const b = await readsAndSaves(base.info.port, baseEditors, {
    read: (e) => `/static/${e.reportId}`,
    save: (e) => `/static/${e.reportId}`,
  });
  base.child.kill();

  if (process.env.BENCH_VERBOSE)
    for (const [n, r] of Object.entries({ reads: a.reads, saves: a.saves }))
      console.log(`# ${n}: ${JSON.stringify(r.latency)}`);
  console.log(
    `# ${CONNECTIONS} concurrent editors, ${READS} reads and ${SAVES} saves, loopback, database ${kind}; read answer ${(sample.length / 1024).toFixed(1)} KB, save body ${(e0.template.length / 1024).toFixed(1)} KB`,
  );
  line('admin-read-throughput', throughput(a.reads), 'req/s', 'static-json-read-throughput', throughput(b.reads));
  line('admin-read-latency-p50', a.reads.latency.p50, 'ms', 'static-json-read-latency-p50', b.reads.latency.p50);
  line('admin-read-latency-p99', a.reads.latency.p99, 'ms', 'static-json-read-latency-p99', b.reads.latency.p99);
  line('admin-save-throughput', throughput(a.saves), 'req/s', 'static-json-save-throughput', throughput(b.saves));
  line('admin-save-latency-p50', a.saves.latency.p50, 'ms', 'static-json-save-latency-p50', b.saves.latency.p50);
  line('admin-save-latency-p99', a.saves.latency.p99, 'ms', 'static-json-save-latency-p99', b.saves.latency.p99);
  const errors = a.readErrors + a.saveErrors + a.reads.errors + a.saves.errors + a.reads.timeouts + a.saves.timeouts;
  const baseErrors =
    b.readErrors + b.saveErrors + b.reads.errors + b.saves.errors + b.reads.timeouts + b.saves.timeouts;
  line('admin-errors', errors, 'requests', 'static-json-errors', baseErrors, 0);
  line('admin-lost-updates', lost, 'saves', 'admin-accepted-saves', accepted, 0);
  if (errors || lost) exitCode = 1;
} finally {
  admin.child.kill();
}

// The browser timing of the editor (findings within a frame of a keystroke), when the app is built.
if (!process.env.BENCH_SKIP_UI && existsSync(join(here, 'ui.mjs'))) {
  const ui = spawn(process.execPath, [join(here, 'ui.mjs')], { stdio: 'inherit' });
  const code = await new Promise((res) => ui.once('exit', res));
  if (code) exitCode = exitCode || code;
}
process.exit(exitCode);
