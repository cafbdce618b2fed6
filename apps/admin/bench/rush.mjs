// The January rush, on loopback (bounded in time): editors open their report and type, autosaving every few
// seconds (some pairs on one report, sometimes in the same cell), then submit; reviewers open the overview
// and the roll-up, approve and publish. Every request is timed; the same schedule runs against a bare
// Fastify route answering the same JSON (the baseline). Then: the event loop's longest stall while a report at
// the text limits is rendered and while zip bombs are uploaded, and the server's memory around them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const here = fileURLToPath(new URL('.', import.meta.url));
const EDITORS = Number(process.env.BENCH_EDITORS || 50);
const SECONDS = Number(process.env.BENCH_SECONDS || 40);
const AUTOSAVE_MS = Number(process.env.BENCH_AUTOSAVE_MS || 3000);
const DB = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';

if (!existsSync(join(here, '../dist/server/app.js'))) {
  console.error('build first: npm run build -w @nianbao/admin');
  process.exit(2);
}
const { mergeReports } = await import('../dist/contract/index.js');

function startServer(mode, env = {}) {
  // BENCH_SERVER_ARGS: node flags for the app's server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const args = mode === 'admin' ? (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...args, join(here, 'server.mjs'), mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms) => ms * (0.7 + 0.6 * Math.random());
const pct = (xs, p) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
const line = (name, value, unit, baseName, baseValue, digits = 1) =>
  console.log(
    `bench ${name}: ${fmt(value, digits)} ${unit} | baseline ${baseName}: ${fmt(baseValue, digits)} ${unit} | ratio ${fmt(baseValue === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / baseValue, 2)}`,
  );

/** A client of one server: timed requests by kind. */
function client(base) {
  const times = {};
  let errors = 0;
  const errorKinds = {};
  async function req(kind, method, path, who, body, headers = {}) {
    const t0 = performance.now();
    let res;
    try {
      res = await fetch(base + path, {
        method,
        headers: {
          ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch {
      errors++;
      errorKinds[`${kind}:network`] = (errorKinds[`${kind}:network`] ?? 0) + 1;
      return { status: 0, json: null };
    }
    const text = await res.text();
    times[kind] ??= [];
    times[kind].push(performance.now() - t0);
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, text };
  }
  const fail = (kind, status) => {
    errors++;
    errorKinds[`${kind}:${status}`] = (errorKinds[`${kind}:${status}`] ?? 0) + 1;
  };
  return { req, times, fail, errors: () => errors, errorKinds };
}

const T2 = (seed) => Object.keys(seed.cells).filter((c) => c.startsWith('t2.'));

/** The rush against the app: editors, pairs, reviewers, publishes. */
async function rushAdmin(info) {
  const c = client(`http://127.0.0.1:${info.port}`);
  const seed = info.seed;
  const t2 = T2(seed);
  const stats = { merges: 0, conflicts: 0, saves: 0, submitted: 0, published: 0 };
  const until = performance.now() + SECONDS * 1000;
  const editorRun = async (e) => {
    // The pair's halves own different cells and sections; they meet in one shared cell now and then.
    const mine = e.pair === null ? t2 : t2.filter((_, k) => k % 2 === e.pair);
    const section = e.pair === 1 ? 'problems' : 'overview';
    await sleep(Math.random() * AUTOSAVE_MS);
    let r = await c.req('read', 'GET', `/api/reports/${e.reportId}`, e);
    if (r.status !== 200) return c.fail('read', r.status);
    let base = r.json.report;
    let revision = r.json.revision;
    let local = structuredClone(base);
    const saved = new Map();
    let n = 0;
    while (performance.now() < until) {
      await sleep(jitter(AUTOSAVE_MS));
      n++;
      // What was typed since the last autosave: a few cells, sometimes a sentence.
      for (let k = 0; k < 3; k++) {
        const cell = mine[(n * 3 + k + e.index) % mine.length];
        local.cells[cell] = e.index * 1000 + n;
      }
      if (e.pair !== null && n % 7 === 0) local.cells['t3.new.natural'] = e.index * 1000 + n;
      if (n % 4 === 0) {
        const s = local.sections.find((x) => x.key === section);
        s.blocks = [{ kind: 'paragraph', text: `${e.index} 第${n}次修改的说明。` }, ...s.blocks.slice(1)];
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const sent = local;
        r = await c.req(
          'save',
          'PUT',
          `/api/reports/${e.reportId}`,
          e,
          { report: sent },
          { 'if-match': String(revision) },
        );
        if (r.status === 200) {
          stats.saves++;
          for (const cell of mine) saved.set(cell, sent.cells[cell]);
          if (r.json.merged) {
            stats.merges++;
            base = r.json.merged.report;
            local = structuredClone(base);
          } else base = sent;
          revision = r.json.revision;
          break;
        }
        if (r.status === 409 && r.json?.error?.code === 'E_CONFLICT') {
          stats.conflicts++;
          // The person keeps their own value for each conflict; what only the other changed stays.
          const choices = Object.fromEntries(r.json.conflicts.map((x) => [x.key, 'mine']));
          local = mergeReports(base, sent, r.json.report, choices).report;
          base = r.json.report;
          revision = r.json.revision;
          continue;
        }
        c.fail('save', r.status);
        break;
      }
      if (n % 5 === 0) {
        const g = await c.req('read', 'GET', `/api/reports/${e.reportId}`, e);
        if (g.status !== 200) c.fail('read', g.status);
      }
    }
    e.saved = saved;
    e.final = revision;
  };
  const reviewerRun = async (v) => {
    let k = 0;
    while (performance.now() < until) {
      await sleep(jitter(5000));
      const o = await c.req('overview', 'GET', '/api/overview?year=2024', v);
      if (o.status !== 200) c.fail('overview', o.status);
      if (k++ % 3 === 0) {
        const u = await c.req(
          'rollup',
          'GET',
          `/api/overview/rollup?year=2024&organisationId=${info.rootOrganisationId}&include=all`,
          v,
        );
        if (u.status !== 200) c.fail('rollup', u.status);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all([...info.editors.map(editorRun), ...info.reviewers.map(reviewerRun)]);
  const elapsed = (performance.now() - t0) / 1000;

  // Lost updates: every cell an editor owns holds the last value the server accepted from them.
  let lost = 0;
  const finals = new Map();
  for (const e of info.editors) {
    if (!finals.has(e.reportId)) {
      const g = await c.req('verify', 'GET', `/api/reports/${e.reportId}`, e);
      finals.set(e.reportId, g.json.report);
    }
    const rep = finals.get(e.reportId);
    for (const [cell, v] of e.saved ?? []) if (rep.cells[cell] !== v) lost++;
  }
  // Submissions (one per report), then a reviewer approves and publishes a tenth of them.
  const firsts = info.editors.filter((e) => e.pair !== 1);
  await Promise.all(
    firsts.map(async (e) => {
      const s = await c.req('submit', 'POST', `/api/reports/${e.reportId}/submit`, e, {});
      if (s.status === 200) stats.submitted++;
      else c.fail('submit', s.status);
    }),
  );
  const v = info.reviewers[0];
  for (const e of firsts.slice(0, Math.max(1, Math.floor(firsts.length / 10)))) {
    const a = await c.req('approve', 'POST', `/api/reports/${e.reportId}/approve`, v, {});
    const p = await c.req('publish', 'POST', `/api/reports/${e.reportId}/publish`, v, {});
    if (a.status === 200 && p.status === 200) stats.published++;
    else c.fail('publish', `${a.status}/${p.status}`);
  }
  const u = await c.req(
    'rollup-submitted',
    'GET',
    `/api/overview/rollup?year=2024&organisationId=${info.rootOrganisationId}`,
    v,
  );
  return { c, stats, lost, elapsed, rollupUnits: u.json?.units?.length ?? 0 };
}

/** The same schedule against the baseline server: reads and saves of the same sizes. */
async function rushBaseline(info, editors, reviewers) {
  const c = client(`http://127.0.0.1:${info.port}`);
  const until = performance.now() + SECONDS * 1000;
  const body = JSON.stringify({ report: editors.seed });
  const editorRun = async (e) => {
    await sleep(Math.random() * AUTOSAVE_MS);
    await c.req('read', 'GET', `/static/${e.reportId}`);
    let n = 0;
    while (performance.now() < until) {
      await sleep(jitter(AUTOSAVE_MS));
      n++;
      await c.req('save', 'PUT', `/static/${e.reportId}`, null, body);
      if (n % 5 === 0) await c.req('read', 'GET', `/static/${e.reportId}`);
    }
  };
  const reviewerRun = async () => {
    let k = 0;
    while (performance.now() < until) {
      await sleep(jitter(5000));
      await c.req('overview', 'GET', '/static-other/1');
      if (k++ % 3 === 0) await c.req('rollup', 'GET', '/static-other/2');
    }
  };
  await Promise.all([...editors.list.map(editorRun), ...reviewers.map(reviewerRun)]);
  return c;
}

/** A `.docx` that is a zip bomb: one entry of `size` zero bytes, declared honestly or as `declared`. */
function zipBomb(size, declared = size) {
  const name = Buffer.from('word/document.xml');
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // CRC (not checked before the size is)
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

async function attacks(info) {
  const base = `http://127.0.0.1:${info.port}`;
  const probe = async (reset) => (await fetch(`${base}/__bench/probe${reset ? '?reset=1' : ''}`)).json();
  const who = info.admin;
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  // Idle: the event loop with nothing to do but a stream of reads.
  const reads = async (ms) => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      await fetch(`${base}/api/reports/${info.editors[0].reportId}`, { headers });
      n++;
    }
    return n;
  };
  await probe(true);
  await reads(3000);
  const idle = await probe(true);
  // A render of a report at the text limits, beside the same stream of reads.
  const t0 = performance.now();
  let renderStatus = 0;
  const render = fetch(`${base}/api/reports/${info.heavyReportId}/pdf`, { headers }).then(async (r) => {
    renderStatus = r.status;
    await r.arrayBuffer();
    return performance.now() - t0;
  });
  let readsDuring = 0;
  let renderDone = false;
  const renderMs = render.then((ms) => {
    renderDone = true;
    return ms;
  });
  while (!renderDone) {
    await fetch(`${base}/api/reports/${info.editors[0].reportId}`, { headers });
    if (!renderDone) readsDuring++;
  }
  const rendered = await probe(true);
  // Zip bombs: three at once, honest and lying about their size; memory before and after.
  const before = await probe(true);
  const bombs = [zipBomb(1024 * 1024 * 1024), zipBomb(512 * 1024 * 1024, 1000), zipBomb(1024 * 1024 * 1024)];
  const answers = await Promise.all(
    bombs.map(async (b) => {
      const form = new FormData();
      form.append('file', new Blob([b]), '年报.docx');
      // A fresh connection for each upload (not one a previous answer may have left half-closed).
      const req = new Request(`${base}/api/import`, { method: 'POST', body: form });
      const payload = Buffer.from(await req.arrayBuffer());
      return new Promise((resolve) => {
        const r = httpRequest(
          `${base}/api/import`,
          {
            method: 'POST',
            agent: false,
            headers: { ...headers, 'content-type': req.headers.get('content-type'), 'content-length': payload.length },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text || 'null') }));
          },
        );
        r.on('error', (e) => resolve({ status: 0, body: { error: { code: e.code ?? e.message } } }));
        r.end(payload);
      });
    }),
  );
  const afterBombs = await probe(true);
  // A 25 MB upload, refused before its body is read.
  const big = new FormData();
  big.append('file', new Blob([Buffer.alloc(25 * 1024 * 1024, 0x41)]), 'big.txt');
  const huge = await fetch(`${base}/api/import`, { method: 'POST', headers, body: big }).catch((e) => ({
    status: `refused before the body was sent (${e.cause?.code ?? e.message})`,
    arrayBuffer: async () => {},
  }));
  await huge.arrayBuffer().catch(() => {});
  const after = await probe(false);
  return {
    idle,
    rendered,
    renderMs: await renderMs,
    renderStatus,
    readsDuring,
    before,
    afterBombs,
    after,
    answers,
    hugeStatus: huge.status,
  };
}

const admin = await startServer('admin', { BENCH_EDITORS: String(EDITORS) });
let exitCode = 0;
try {
  const info = admin.info;
  console.log(
    `# rush: ${EDITORS} editors (${info.editors.filter((e) => e.pair === 1).length} pairs on one report), ${info.reviewers.length} reviewers, autosave every ~${AUTOSAVE_MS / 1000} s for ${SECONDS} s, database ${info.kind}, loopback, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const a = await rushAdmin(info);
  // BENCH_SKIP_ATTACKS=1: the rush only (for profiles and large runs).
  const atk = process.env.BENCH_SKIP_ATTACKS === '1' ? null : await attacks(info);
  // The baseline answers the app's own answers, of the same sizes.
  const e0 = info.editors[0];
  const h = { cookie: e0.cookie };
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-rush-'));
  writeFileSync(
    join(dir, 'read.json'),
    await (await fetch(`http://127.0.0.1:${info.port}/api/reports/${e0.reportId}`, { headers: h })).text(),
  );
  writeFileSync(
    join(dir, 'save.json'),
    JSON.stringify({
      revision: 2,
      updatedAt: new Date().toISOString(),
      findings: [],
      counts: { errors: 0, warnings: 0, infos: 0 },
      likely: [],
    }),
  );
  writeFileSync(
    join(dir, 'other.json'),
    await (
      await fetch(`http://127.0.0.1:${info.port}/api/overview?year=2024`, {
        headers: { cookie: info.reviewers[0].cookie },
      })
    ).text(),
  );
  admin.child.kill();
  const base = await startServer('baseline', {
    BENCH_READ_BODY: join(dir, 'read.json'),
    BENCH_SAVE_BODY: join(dir, 'save.json'),
    BENCH_OTHER_BODY: join(dir, 'other.json'),
  });
  const b = await rushBaseline(base.info, { list: info.editors, seed: info.seed }, info.reviewers);
  const idleBase = await (await fetch(`http://127.0.0.1:${base.info.port}/__bench/probe`)).json();
  base.child.kill();

  const rate = (c, kind) => (c.times[kind]?.length ?? 0) / SECONDS;
  for (const kind of ['save', 'read', 'overview', 'rollup']) {
    line(`rush-${DB}-${EDITORS}-${kind}-rate`, rate(a.c, kind), 'req/s', `static-json-${kind}-rate`, rate(b, kind));
    line(
      `rush-${DB}-${EDITORS}-${kind}-p50`,
      pct(a.c.times[kind] ?? [], 50),
      'ms',
      `static-json-${kind}-p50`,
      pct(b.times[kind] ?? [], 50),
    );
    line(
      `rush-${DB}-${EDITORS}-${kind}-p99`,
      pct(a.c.times[kind] ?? [], 99),
      'ms',
      `static-json-${kind}-p99`,
      pct(b.times[kind] ?? [], 99),
    );
  }
  for (const kind of ['submit', 'approve', 'publish'])
    console.log(
      `# ${kind}: ${a.c.times[kind]?.length ?? 0} requests, p50 ${fmt(pct(a.c.times[kind] ?? [], 50))} ms, p99 ${fmt(pct(a.c.times[kind] ?? [], 99))} ms`,
    );
  line(`rush-${DB}-${EDITORS}-errors`, a.c.errors(), 'requests', 'static-json-errors', b.errors(), 0);
  line(`rush-${DB}-${EDITORS}-lost-updates`, a.lost, 'cells', 'rush-accepted-saves', a.stats.saves, 0);
  line(`rush-${DB}-${EDITORS}-merges`, a.stats.merges, 'saves', 'rush-accepted-saves', a.stats.saves, 0);
  line(`rush-${DB}-${EDITORS}-conflicts-shown`, a.stats.conflicts, 'saves', 'rush-accepted-saves', a.stats.saves, 0);
  console.log(`# submitted ${a.stats.submitted}, published ${a.stats.published}, roll-up of ${a.rollupUnits} units`);
  if (a.c.errors()) console.log(`# errors: ${JSON.stringify(a.c.errorKinds)}`);
  if (atk) printAttacks(atk, idleBase);
  if (a.c.errors() || a.lost) exitCode = 1;
} finally {
  admin.child.kill();
}
process.exit(exitCode);

function printAttacks(atk, idleBase) {
  line(
    `${DB}-event-loop-max-during-heavy-render`,
    atk.rendered.loopMaxMs,
    'ms',
    'event-loop-max-reads-only',
    atk.idle.loopMaxMs,
  );
  console.log(
    `# heavy render: ${fmt(atk.renderMs)} ms (status ${atk.renderStatus}), ${atk.readsDuring} reads answered meanwhile`,
  );
  line(
    `${DB}-event-loop-max-during-zip-bombs`,
    atk.afterBombs.loopMaxMs,
    'ms',
    'event-loop-max-reads-only',
    atk.idle.loopMaxMs,
  );
  line(`${DB}-rss-after-zip-bombs`, atk.afterBombs.rssMb, 'MB', 'rss-before-zip-bombs', atk.before.rssMb, 0);
  line(`${DB}-rss-after-upload-attacks`, atk.after.rssMb, 'MB', 'rss-before-zip-bombs', atk.before.rssMb, 0);
  console.log(
    `# zip bombs answered ${atk.answers.map((x) => `${x.status} ${x.body?.error?.code ?? ''}`).join(', ')}; 25 MB upload answered ${atk.hugeStatus}; baseline server rss ${fmt(idleBase.rssMb, 0)} MB`,
  );
}
