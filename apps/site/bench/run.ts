// npm run bench: the site build for generated reports (BENCH_SIZES, default 100,1000) beside a plain VitePress
// build of Markdown pages with the same text and tables; peak memory of the whole build (every child process);
// output size; the heaviest report page's transfer; search transfer and time in Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { canonicalJson, type Report, reportTitle } from '@nianbao/core';
import { CHROMIUM, CHROMIUM_ARGS } from '@nianbao/corpus';
import { chromium } from 'playwright-core';
import { serve } from '../src/serve.js';
import { plainMarkdown, synthetic } from './reports.js';
import { treeRss } from './rss.js';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
const work = join(siteRoot, '.tmp', 'bench');
const require = createRequire(import.meta.url);
const vitepressBin = join(dirname(require.resolve('vitepress/package.json')), 'bin/vitepress.js');
const tsxCli = require.resolve('tsx/cli');
const sizes = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
/** Plain VitePress is built (as the baseline) up to this size; above it only the site is built. */
const plainMax = Number(process.env.BENCH_PLAIN_MAX ?? 1000);
/** Measured rounds per size up to 1,000 reports (after BENCH_WARMUP warm-up rounds); larger sizes run once. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const QUERIES = ['行政复议', '跃进街道', '不予公开'];

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    const s = statSync(join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}

/** Run a command with Node's default heap; time it and sample the RSS of its whole process tree. */
function run(args: string[], env: Record<string, string>): Promise<{ ms: number; peak: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: siteRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let peak = 0;
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
    });
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    }, 100);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${args.join(' ')} failed (${code}):\n${err}`));
      else resolve({ ms: performance.now() - start, peak });
    });
  });
}

/** The site's build as `npm run build` runs it (PDF/Word left out: they are @nianbao/pdf's own bench). */
async function siteBuild(dir: string) {
  const env = {
    NIANBAO_REPORTS_DIR: join(dir, 'reports'),
    NIANBAO_SITE_OUT: join(dir, 'dist'),
    NIANBAO_SITE_CACHE: join(dir, 'cache'),
    NIANBAO_SITE_OFFICE: '0',
  };
  rmSync(env.NIANBAO_SITE_OUT, { recursive: true, force: true });
  const a = await run([vitepressBin, 'build'], env);
  const b = await run([tsxCli, 'src/cli.ts'], env);
  return { ms: a.ms + b.ms, peak: Math.max(a.peak, b.peak), vitepressMs: a.ms, generateMs: b.ms };
}

async function plainBuild(dir: string, reports: Report[]) {
  const root = join(dir, 'plain');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'reports'), { recursive: true });
  mkdirSync(join(root, '.vitepress'), { recursive: true });
  const start = performance.now();
  writeFileSync(
    join(root, '.vitepress/config.mts'),
    `export default { lang: 'zh-CN', title: '年报', themeConfig: { search: { provider: 'local' } } };\n`,
  );
  reports.forEach((r, i) => {
    writeFileSync(join(root, 'reports', `r${i}.md`), plainMarkdown(r));
  });
  writeFileSync(
    join(root, 'index.md'),
    `# 年报\n\n${reports.map((r, i) => `- [${reportTitle(r.meta.agency, r.meta.year)}](/reports/r${i})`).join('\n')}\n`,
  );
  const writeMs = performance.now() - start;
  const b = await run([vitepressBin, 'build', root], {});
  return { ms: writeMs + b.ms, peak: b.peak, dist: join(root, '.vitepress/dist') };
}

/** gzip size of the heaviest report page and everything it loads, fonts left out. */
function heaviestPage(dist: string, dir: string): number {
  let heaviest = 0;
  for (const f of readdirSync(join(dist, dir))) {
    const html = readFileSync(join(dist, dir, f));
    const assets = [...html.toString().matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const bytes = [html, ...new Set(assets)].reduce(
      (a, p) => a + gzipSync(typeof p === 'string' ? readFileSync(join(dist, p)) : p).length,
      0,
    );
    heaviest = Math.max(heaviest, bytes);
  }
  return heaviest;
}

/** Open the search page in Chromium, run each query: bytes fetched for it and time until results show. */
async function searchInBrowser(dist: string) {
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  const out: { query: string; bytes: number; ms: number; warmMs: number; results: string }[] = [];
  try {
    for (const query of QUERIES) {
      const page = await browser.newPage();
      // Everything the search costs a reader: Pagefind's script, WebAssembly, filters and the query's chunks.
      let bytes = 0;
      // Every response of the search, fetch() included (body as transferred plus headers), once it has finished.
      page.on('requestfinished', (r) => {
        if (!r.url().includes('/pagefind/')) return;
        r.sizes().then(
          (s) => {
            bytes += s.responseBodySize + s.responseHeadersSize;
          },
          // A request still finishing when the page closes: after the figure was taken.
          () => {},
        );
      });
      const once = async () => {
        await page.goto(`${server.url}/search.html`);
        await page.waitForLoadState('networkidle');
        // Timed inside the page: from submitting the query to the first result in the document.
        return page.evaluate(
          (q) =>
            new Promise<number>((resolve) => {
              const input = document.querySelector<HTMLInputElement>('#nb-search-q')!;
              input.value = q;
              input.dispatchEvent(new Event('input'));
              const start = performance.now();
              const seen = new MutationObserver(() => {
                if (!document.querySelector('.nb-result')) return;
                seen.disconnect();
                resolve(performance.now() - start);
              });
              seen.observe(document.body, { subtree: true, childList: true });
              input.form!.requestSubmit();
            }),
          query,
        );
      };
      const ms = await once();
      // The transfer of the whole first page of results (its excerpts), not only up to the first one.
      await page.locator('.nb-search-status', { hasText: /找到|没有找到/ }).waitFor({ timeout: 600_000 });
      await page.waitForLoadState('networkidle');
      await new Promise((r) => setTimeout(r, 500));
      const fetched = bytes;
      const results = (await page.locator('.nb-search-status').textContent()) ?? '';
      // The same query on a second visit: the browser has the chunks already.
      const warmMs = await once();
      out.push({ query, bytes: fetched, ms, warmMs, results });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, d = 2) => n.toFixed(d);
const line = (name: string, v: number, unit: string, base: string, b: number) =>
  console.log(`bench ${name}: ${fmt(v)} ${unit} | baseline ${base}: ${fmt(b)} ${unit} | ratio ${fmt(v / b)}`);
const MB = 1024 * 1024;

console.log(
  `# ${new Date().toISOString()} · ${cpus().length} cores · load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const perReport: Record<number, number> = {};
const peakOf: Record<number, number> = {};
for (const n of sizes) {
  const dir = join(work, String(n));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'reports'), { recursive: true });
  const reports = Array.from({ length: n }, (_, i) => synthetic(i));
  reports.forEach((r, i) => {
    writeFileSync(join(dir, 'reports', `r${i}.json`), canonicalJson(r));
  });
  const withPlain = n <= plainMax;
  const measured = n <= 1000 ? rounds : 1;
  const site: Awaited<ReturnType<typeof siteBuild>>[] = [];
  const plain: Awaited<ReturnType<typeof plainBuild>>[] = [];
  // Warm-up rounds up to 1,000, then interleaved rounds: site, plain, site, plain…
  for (let round = n <= 1000 ? -warmup : 0; round < measured; round++) {
    const s = await siteBuild(dir);
    const p = withPlain ? await plainBuild(dir, reports) : undefined;
    if (round >= 0) {
      site.push(s);
      if (p) plain.push(p);
    }
    console.log(
      `# ${n} reports, round ${round < 0 ? 'warm-up' : round + 1}: site ${fmt(s.ms / 1000, 1)} s (vitepress ${fmt(s.vitepressMs / 1000, 1)} s, pages and search ${fmt(s.generateMs / 1000, 1)} s), peak ${fmt(s.peak / MB, 0)} MB${p ? `; plain ${fmt(p.ms / 1000, 1)} s, peak ${fmt(p.peak / MB, 0)} MB` : ''} · load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
  const siteMs = median(site.map((s) => s.ms));
  const sitePeak = Math.max(...site.map((s) => s.peak));
  perReport[n] = siteMs / n;
  peakOf[n] = sitePeak;
  const siteDist = join(dir, 'dist');
  if (withPlain) {
    const plainMs = median(plain.map((p) => p.ms));
    const plainDist = plain[0]!.dist;
    line(`site-build-${n}`, siteMs / 1000, 's', `vitepress-plain-build-${n}`, plainMs / 1000);
    line(
      `site-build-peak-rss-${n}`,
      sitePeak / MB,
      'MB',
      `vitepress-plain-build-peak-rss-${n}`,
      Math.max(...plain.map((p) => p.peak)) / MB,
    );
    line(`site-output-${n}`, dirBytes(siteDist) / 1e6, 'MB', `vitepress-plain-output-${n}`, dirBytes(plainDist) / 1e6);
    line(
      `site-heaviest-report-page-gzip-${n}`,
      heaviestPage(siteDist, 'reports') / 1024,
      'kB',
      `vitepress-plain-heaviest-page-gzip-${n}`,
      heaviestPage(plainDist, 'reports') / 1024,
    );
  } else {
    const smaller = sizes.filter((s) => s < n && peakOf[s]);
    const base = smaller[smaller.length - 1];
    if (base) line(`site-build-peak-rss-${n}`, sitePeak / MB, 'MB', `site-build-peak-rss-${base}`, peakOf[base]! / MB);
    else console.log(`bench site-build-peak-rss-${n}: ${fmt(sitePeak / MB)} MB`);
    console.log(`# site build ${n}: ${fmt(siteMs / 1000, 1)} s; output ${fmt(dirBytes(siteDist) / 1e6, 1)} MB`);
  }
  const pagefindBytes = dirBytes(join(siteDist, 'pagefind'));
  for (const q of await searchInBrowser(siteDist)) {
    console.log(`# search ${q.query} at ${n}: ${q.results}`);
    line(`site-search-transfer-${q.query}-${n}`, q.bytes / 1024, 'kB', `whole-search-index-${n}`, pagefindBytes / 1024);
    line(`site-search-time-${q.query}-${n}`, q.ms, 'ms', `same-query-again-${n}`, q.warmMs);
  }
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}
const ns = sizes.filter((n) => perReport[n]);
if (ns.length > 1) {
  const first = ns[0]!;
  const last = ns[ns.length - 1]!;
  line(`site-build-per-report-${last}`, perReport[last]!, 'ms', `site-build-per-report-${first}`, perReport[first]!);
}
