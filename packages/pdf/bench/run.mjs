// Time and size of a report PDF from renderPdf, beside Debian Chromium printing the same report's HTML in
// the same run. Cold = a new process per report; warm = many reports in one process. Prints
// `bench … | baseline … | ratio …` lines (ratio = ours / Chromium: below 1 is better).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { chromium } from 'playwright-core';
import { documentModel, renderPdf } from '../dist/index.js';
import { reportHtml } from './html.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 40);
const CHROMIUM_WARM_RUNS = Number(process.env.BENCH_CHROMIUM_WARM_RUNS ?? 8);

const seedPath = fileURLToPath(seedReportUrl);
const seed = JSON.parse(readFileSync(seedPath, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-bench-'));
const htmlPath = join(dir, 'report.html');
writeFileSync(htmlPath, reportHtml(documentModel(seed)));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => n.toFixed(n < 100 ? 1 : 0);
const line = (name, value, unit, baseName, baseValue, ratio) =>
  console.log(
    `bench ${name}: ${value} ${unit} | baseline ${baseName}: ${baseValue} ${unit} | ratio ${ratio.toFixed(3)}`,
  );

function wall(cmd, args) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return performance.now() - t;
}

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install Debian chromium (scripts/setup-system.sh)`);
  process.exit(2);
}

// Cold: a new process that loads the package, renders one report and writes it.
const oursPdf = join(dir, 'ours.pdf');
const chromePdf = join(dir, 'chromium.pdf');
const coldScript = `import { renderPdf } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
import { readFileSync, writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(oursPdf)}, await renderPdf(JSON.parse(readFileSync(${JSON.stringify(seedPath)}, 'utf8'))));`;
const oursCold = [];
const chromeCold = [];
for (let i = 0; i < COLD_RUNS; i++) {
  oursCold.push(wall(process.execPath, ['--input-type=module', '-e', coldScript]));
  chromeCold.push(
    wall(CHROMIUM, [...FLAGS, '--no-pdf-header-footer', `--print-to-pdf=${chromePdf}`, `file://${htmlPath}`]),
  );
}
line(
  'pdf cold (new process, seed report)',
  ms(median(oursCold)),
  'ms',
  'chromium --print-to-pdf cold',
  ms(median(chromeCold)),
  median(oursCold) / median(chromeCold),
);

// Warm: one process, the same report many times (after a first render that loads fonts).
await renderPdf(seed);
let t = performance.now();
for (let i = 0; i < WARM_RUNS; i++) await renderPdf(seed);
const oursWarm = (performance.now() - t) / WARM_RUNS;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((f) => f !== '--headless') });
const page = await browser.newPage();
const html = readFileSync(htmlPath, 'utf8');
const printOnce = async () => {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ preferCSSPageSize: true, printBackground: false });
};
await printOnce();
t = performance.now();
for (let i = 0; i < CHROMIUM_WARM_RUNS; i++) await printOnce();
const chromeWarm = (performance.now() - t) / CHROMIUM_WARM_RUNS;
await browser.close();
line(
  'pdf warm (per report, one process)',
  ms(oursWarm),
  'ms',
  'chromium page.pdf warm',
  ms(chromeWarm),
  oursWarm / chromeWarm,
);

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

const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`(warm process RSS after ${WARM_RUNS} reports: ${rss.toFixed(0)} MB; files in ${dir})`);
