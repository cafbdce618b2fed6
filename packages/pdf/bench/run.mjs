// Time and size of a report PDF from renderPdf, beside Debian Chromium printing the same report's HTML in
// the same run, and the cost of the draft mark and of PDF/A beside a plain PDF. Cold = a new process per
// report; warm = many reports in one process. Every side is warmed up until steady (at least 3 runs, the
// last 3 within 15% of their median), then the sides run in interleaved rounds and each figure is the median
// of the rounds. Prints `bench … | baseline … | ratio …` lines (ratio = value / baseline: below 1 is better).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { CHROMIUM, CHROMIUM_ARGS } from '@nianbao/corpus';
import { chromium } from 'playwright-core';
import { documentModel, renderPdf } from '../dist/index.js';
import { reportHtml } from './html.mjs';

const FLAGS = CHROMIUM_ARGS;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 5);
const MAX_WARMUP = 12;

const seedPath = fileURLToPath(seedReportUrl);
const seed = JSON.parse(readFileSync(seedPath, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-bench-'));
const htmlPath = join(dir, 'report.html');
writeFileSync(htmlPath, reportHtml(documentModel(seed)));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n) => n.toFixed(n < 100 ? 1 : 0);
const line = (name, value, unit, baseName, baseValue, ratio) =>
  console.log(
    `bench ${name}: ${value} ${unit} | baseline ${baseName}: ${baseValue} ${unit} | ratio ${ratio.toFixed(3)}`,
  );

async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Run `fn` until its last three times are within 15% of their median (at least 3 runs, at most MAX_WARMUP);
 * returns how many runs it took, or that it never settled (a loaded machine).
 */
async function warmUp(fn) {
  const runs = [];
  while (runs.length < MAX_WARMUP) {
    runs.push(await time(fn));
    if (runs.length < 3) continue;
    const last = runs.slice(-3);
    const m = median(last);
    if (last.every((x) => Math.abs(x - m) <= 0.15 * m)) return `${runs.length}`;
  }
  return `${runs.length} (not steady)`;
}

/** Interleaved rounds of every side; the median time of each. */
async function rounds(sides, n) {
  const times = sides.map(() => []);
  for (let r = 0; r < n; r++) for (const [i, side] of sides.entries()) times[i].push(await time(side));
  return times.map(median);
}

function wall(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
}

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install Debian chromium (scripts/setup-system.sh)`);
  process.exit(2);
}
const warmups = {};
console.log(
  `(load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on a 2-core machine)`,
);

// Cold: a new process that loads the package, renders one report and writes it; Chromium likewise prints once.
const oursPdf = join(dir, 'ours.pdf');
const chromePdf = join(dir, 'chromium.pdf');
const coldScript = `import { renderPdf } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
import { readFileSync, writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(oursPdf)}, await renderPdf(JSON.parse(readFileSync(${JSON.stringify(seedPath)}, 'utf8'))));`;
const oursCold = () => wall(process.execPath, ['--input-type=module', '-e', coldScript]);
const chromeCold = () =>
  wall(CHROMIUM, [...FLAGS, '--no-pdf-header-footer', `--print-to-pdf=${chromePdf}`, `file://${htmlPath}`]);
// Warmed up: the files each side reads are in the page cache, as on a server that has run before.
warmups['cold pdf'] = await warmUp(oursCold);
warmups['cold chromium'] = await warmUp(chromeCold);
const [oc, cc] = await rounds([oursCold, chromeCold], COLD_ROUNDS);
line('pdf cold (new process, seed report)', ms(oc), 'ms', 'chromium --print-to-pdf cold', ms(cc), oc / cc);

// Warm: one process each, the same report again and again.
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((f) => f !== '--headless') });
const page = await browser.newPage();
const html = readFileSync(htmlPath, 'utf8');
const chromeWarm = async () => {
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ preferCSSPageSize: true, printBackground: false });
};
const plain = () => renderPdf(seed);
const draft = () => renderPdf(seed, { draft: true });
const archival = () => renderPdf(seed, { archival: true });
for (const [name, fn] of Object.entries({ plain, draft, archival, chromium: chromeWarm }))
  warmups[name] = await warmUp(fn);
const [ow, dw, aw, cw] = await rounds([plain, draft, archival, chromeWarm], ROUNDS);
await browser.close();
line('pdf warm (per report, one process)', ms(ow), 'ms', 'chromium page.pdf warm', ms(cw), ow / cw);
line('pdf warm with the 草稿 mark', ms(dw), 'ms', 'pdf warm without it', ms(ow), dw / ow);
line('pdf warm as PDF/A-2b', ms(aw), 'ms', 'pdf warm plain', ms(ow), aw / ow);

const kb = (bytes) => bytes.length / 1024;
const oursSize = statSync(oursPdf).size / 1024;
const chromeSize = statSync(chromePdf).size / 1024;
line(
  'pdf file size (seed report)',
  oursSize.toFixed(0),
  'KB',
  'chromium --print-to-pdf',
  chromeSize.toFixed(0),
  oursSize / chromeSize,
);
const [p, d, a] = [kb(await plain()), kb(await draft()), kb(await archival())];
line('pdf file size with the 草稿 mark', d.toFixed(0), 'KB', 'without it', p.toFixed(0), d / p);
line('pdf file size as PDF/A-2b', a.toFixed(0), 'KB', 'plain', p.toFixed(0), a / p);

const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `(warm-up runs until steady: ${Object.entries(warmups)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}; ${ROUNDS} interleaved rounds, ${COLD_ROUNDS} cold; RSS ${rss.toFixed(0)} MB; load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; files in ${dir})`,
);
