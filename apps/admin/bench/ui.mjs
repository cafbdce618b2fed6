// Findings update within one frame of a keystroke: a real Chromium types into a full report and the page
// records, per keystroke, the time from the input to core's validation applied to the laid-out DOM.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '@nianbao/corpus';
import { chromium } from 'playwright-core';

const adminDir = fileURLToPath(new URL('..', import.meta.url));
const KEYSTROKES = Number(process.env.UI_BENCH_KEYSTROKES || 200);
const FRAME_MS = 16;
// The production editor carries no timing hooks: a bench build of the same sources does.
const benchWeb = join(adminDir, 'dist/web-bench');

function buildBenchWeb() {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--mode', 'bench', '--outDir', benchWeb, '--logLevel', 'warn'],
    { cwd: adminDir, stdio: 'inherit' },
  );
}

async function startServer() {
  if (!existsSync(join(adminDir, 'dist/server/main.js')))
    throw new Error('build the admin app first: npm run build -w @nianbao/admin');
  buildBenchWeb();
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-uibench-'));
  const child = spawn(process.execPath, [join(adminDir, 'bench/ui-server.mjs'), benchWeb], {
    cwd: adminDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NIANBAO_DATA_DIR: dataDir,
      NIANBAO_DEMO: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { port } = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/`);
  await page.getByLabel('用户名').fill('editor');
  await page.getByLabel('密码', { exact: true }).fill('nianbao-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '宝山区跃进街道办事处' }).click();
  const cells = page.locator('input[data-cell]:not([readonly])');
  await cells.first().waitFor();

  // Fill every table with numbers (pasted, as from a spreadsheet), so the report is full and has findings.
  await page.evaluate(() => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return (seed % 40) + 1;
    };
    for (const first of ['t2.rules.newlyMade', 't3.new.natural', 't4.review.upheld']) {
      const el = document.querySelector(`input[data-cell="${first}"]`);
      el.focus();
      const rows = Array.from({ length: 30 }, () => Array.from({ length: 15 }, rnd).join('\t')).join('\n');
      const dt = new DataTransfer();
      dt.setData('text/plain', rows);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }
  });
  const stated = await page.evaluate(
    () => [...document.querySelectorAll('input[data-cell]')].filter((i) => i.value !== '').length,
  );
  const findings = await page.locator('[data-finding]').count();

  const ids = await cells.evaluateAll((els) =>
    els.filter((e) => e.dataset.cell.startsWith('t3.')).map((e) => e.dataset.cell),
  );
  await page.evaluate(() => (window.__nianbaoFrames.length = 0));
  for (let i = 0; i < KEYSTROKES; i++) {
    const id = ids[(i * 7) % ids.length];
    await page.locator(`input[data-cell="${id}"]`).focus();
    await page.keyboard.type(String((i % 9) + 1));
  }
  const frames = await page.evaluate(() => [...window.__nianbaoFrames]);
  const phases = await page.evaluate(() => [...window.__nianbaoPhases]);
  if (frames.length < KEYSTROKES * 0.9)
    throw new Error(`only ${frames.length} of ${KEYSTROKES} keystrokes were measured`);
  const p50 = quantile(frames, 0.5);
  const p95 = quantile(frames, 0.95);
  const max = Math.max(...frames);
  const f = (x) => x.toFixed(2);
  console.log(`ui: ${stated} cells stated, ${findings} findings shown, ${frames.length} keystrokes`);
  const phase = (i) =>
    f(
      quantile(
        phases.map((p) => p[i]),
        0.5,
      ),
    );
  console.log(
    `ui: median phases — edit+totals ${phase(0)} ms, validate ${phase(1)} ms, render ${phase(2)} ms, layout ${phase(3)} ms`,
  );
  console.log(
    `bench ui-keystroke-findings-p50: ${f(p50)} ms | baseline one-frame: ${FRAME_MS} ms | ratio ${(p50 / FRAME_MS).toFixed(3)}`,
  );
  console.log(
    `bench ui-keystroke-findings-p95: ${f(p95)} ms | baseline one-frame: ${FRAME_MS} ms | ratio ${(p95 / FRAME_MS).toFixed(3)}`,
  );
  console.log(
    `bench ui-keystroke-findings-max: ${f(max)} ms | baseline one-frame: ${FRAME_MS} ms | ratio ${(max / FRAME_MS).toFixed(3)}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
