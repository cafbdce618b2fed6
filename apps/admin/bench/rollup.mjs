// The reviewer's roll-up of a district with BENCH_UNITS units (default 300), every unit's report included, on an
// otherwise idle server (embedded database, or BENCH_DATABASE_URL): one request at a time, interleaved rounds
// against a bare Fastify route answering the same JSON, after a warm-up; medians and p99.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const UNITS = Number(process.env.BENCH_UNITS || 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 15);
const DB = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';

function startServer(mode, env = {}) {
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

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
async function timed(url, headers) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
  return { ms: performance.now() - t0, text };
}

const app = await startServer('admin', { BENCH_EDITORS: String(UNITS), BENCH_PAIRS: '0' });
let base;
try {
  const { info } = app;
  const headers = { cookie: info.reviewers[0].cookie };
  const url = `http://127.0.0.1:${info.port}/api/overview/rollup?year=2024&organisationId=${info.rootOrganisationId}&include=all`;
  const first = await timed(url, headers);
  const units = JSON.parse(first.text).units?.length ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-rollup-'));
  writeFileSync(join(dir, 'rollup.json'), first.text);
  base = await startServer('baseline', {
    BENCH_READ_BODY: join(dir, 'rollup.json'),
    BENCH_SAVE_BODY: join(dir, 'rollup.json'),
    BENCH_OTHER_BODY: join(dir, 'rollup.json'),
  });
  const baseUrl = `http://127.0.0.1:${base.info.port}/static-other/1`;
  const a = [];
  const b = [];
  for (let i = 0; i < 3; i++) {
    await timed(url, headers);
    await timed(baseUrl, {});
  }
  for (let i = 0; i < ROUNDS; i++) {
    a.push((await timed(url, headers)).ms);
    b.push((await timed(baseUrl, {})).ms);
  }
  console.log(
    `# roll-up of ${units} units (${(first.text.length / 1024).toFixed(0)} KiB of JSON), database ${DB}, ${ROUNDS} rounds, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const p of [50, 99]) {
    const v = pct(a, p);
    const w = pct(b, p);
    console.log(
      `bench rollup-${DB}-${units}-p${p}: ${v.toFixed(1)} ms | baseline static-json-rollup-p${p}: ${w.toFixed(1)} ms | ratio ${(v / w).toFixed(2)}`,
    );
  }
} finally {
  app.child.kill();
  base?.child.kill();
}
