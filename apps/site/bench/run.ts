// npm run bench: the site build for 10, 100 and 1,000 generated reports beside a plain VitePress build
// of Markdown pages with the same text and tables (both run the same way, one after the other).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  canonicalJson,
  computeCellTotals,
  type Report,
  reportFrom,
  reportLayouts,
  reportTitle,
  SECTION_TABLE,
  SECTIONS,
} from '@nianbao/core';
import { generate } from '../src/generate.js';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
const work = join(siteRoot, '.tmp', 'bench');
const require = createRequire(import.meta.url);
const vitepressBin = join(dirname(require.resolve('vitepress/package.json')), 'bin/vitepress.js');
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const seed = reportFrom(JSON.parse(readFileSync(join(siteRoot, 'reports/seed-2024-baoshan-yuejin.json'), 'utf8')));

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seedValue: number) {
  let a = seedValue;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['government', 'department', 'township'] as const;

/** A report with the seed's text and random counts whose totals hold: 50 agencies, years 2019–2024. */
function synthetic(i: number): Report {
  const rand = rng(i + 1);
  const agency = `测试市第${Math.floor(i / 6) + 1}机关`;
  const year = 2019 + (i % 6);
  const formats = year >= 2021 ? ({ t2: '2021', t3: '2021' } as const) : ({ t2: '2019', t3: '2019' } as const);
  const cells: Record<string, number | null> = {};
  for (const l of reportLayouts(formats))
    for (const c of l.cells)
      cells[c.id] = c.kind === 'money' ? Math.round(rand() * 1000) / 10 : Math.floor(rand() * 20);
  const swap = (s: string) => s.replaceAll(seed.meta.agency, agency).replaceAll('跃进', `测试${i}`);
  return reportFrom({
    ...seed,
    meta: {
      ...seed.meta,
      agency,
      year,
      formats,
      level: LEVELS[Math.floor(i / 6) % 3],
      region: `测试区${Math.floor(i / 60) + 1}`,
    },
    preamble: seed.preamble.map((b) => ({ ...b, text: swap(b.text) })),
    sections: seed.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ ...b, text: swap(b.text) })) })),
    cells: computeCellTotals(cells, formats),
  });
}

/** The same report as a plain Markdown page: headings, paragraphs and one GFM table per table. */
function plainMarkdown(r: Report): string {
  const md = [`# ${reportTitle(r.meta.agency, r.meta.year)}`, ''];
  for (const b of r.preamble) md.push(b.text, '');
  const layouts = reportLayouts(r.meta.formats);
  for (const s of SECTIONS) {
    const sec = r.sections.find((x) => x.key === s.key);
    md.push(`## ${sec?.heading ?? s.heading}`, '');
    for (const b of sec?.blocks ?? []) md.push(b.kind === 'heading' ? `### ${b.text}` : b.text, '');
    const t = SECTION_TABLE[s.key];
    if (!t) continue;
    const cells = layouts.find((l) => l.table === t)!.cells;
    md.push('| 行 | 列 | 数值 |', '|---|---|---|');
    for (const c of cells) md.push(`| ${c.rowPath.join(' ')} | ${c.columnPath.join(' ')} | ${r.cells[c.id] ?? ''} |`);
    md.push('');
  }
  return md.join('\n');
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    const s = statSync(join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}

function vitepressBuild(root: string, env: Record<string, string>): number {
  const start = performance.now();
  // Both builds get the same heap; at 1,000 reports the site's search index needs more than the default.
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', vitepressBin, 'build', root], {
    cwd: siteRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`vitepress build failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - start;
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

/** The local search index VitePress ships (loaded when a reader opens search). */
function searchIndexBytes(dist: string): number {
  const dir = join(dist, 'assets/chunks');
  return readdirSync(dir)
    .filter((f) => f.startsWith('@localSearchIndex'))
    .reduce((a, f) => a + statSync(join(dir, f)).size, 0);
}

const fmt = (n: number, d = 2) => n.toFixed(d);
const line = (name: string, v: number, unit: string, base: string, b: number) =>
  console.log(`bench ${name}: ${fmt(v)} ${unit} | baseline ${base}: ${fmt(b)} ${unit} | ratio ${fmt(v / b)}`);

const perReport: Record<number, number> = {};
for (const n of sizes) {
  const dir = join(work, String(n));
  rmSync(dir, { recursive: true, force: true });
  const reportsDir = join(dir, 'reports');
  const plainRoot = join(dir, 'plain');
  mkdirSync(reportsDir, { recursive: true });
  mkdirSync(join(plainRoot, '.vitepress'), { recursive: true });
  const reports = Array.from({ length: n }, (_, i) => synthetic(i));
  reports.forEach((r, i) => {
    writeFileSync(join(reportsDir, `r${i}.json`), canonicalJson(r));
  });

  // Plain VitePress: the same text and tables as Markdown, local search on, default theme.
  writeFileSync(
    join(plainRoot, '.vitepress/config.mts'),
    `export default { lang: 'zh-CN', title: '年报', themeConfig: { search: { provider: 'local' } } };\n`,
  );
  const plainStart = performance.now();
  mkdirSync(join(plainRoot, 'reports'));
  reports.forEach((r, i) => {
    writeFileSync(join(plainRoot, 'reports', `r${i}.md`), plainMarkdown(r));
  });
  writeFileSync(
    join(plainRoot, 'index.md'),
    `# 年报\n\n${reports.map((r, i) => `- [${reportTitle(r.meta.agency, r.meta.year)}](/reports/r${i})`).join('\n')}\n`,
  );
  const plainMs = performance.now() - plainStart + vitepressBuild(plainRoot, {});
  const plainDist = join(plainRoot, '.vitepress/dist');

  const siteEnv = {
    NIANBAO_SITE_SRC: join(dir, 'src'),
    NIANBAO_SITE_OUT: join(dir, 'dist'),
    NIANBAO_SITE_CACHE: join(dir, 'cache'),
  };
  const siteStart = performance.now();
  await generate({ reportsDir, srcDir: siteEnv.NIANBAO_SITE_SRC, office: false, warn: () => {} });
  const siteMs = performance.now() - siteStart + vitepressBuild(siteRoot, siteEnv);

  perReport[n] = siteMs / n;
  line(`site-build-${n}`, siteMs / 1000, 's', `vitepress-plain-build-${n}`, plainMs / 1000);
  line(
    `site-output-${n}`,
    dirBytes(siteEnv.NIANBAO_SITE_OUT) / 1e6,
    'MB',
    `vitepress-plain-output-${n}`,
    dirBytes(plainDist) / 1e6,
  );
  const siteDist = siteEnv.NIANBAO_SITE_OUT;
  line(
    `site-output-without-downloads-${n}`,
    (dirBytes(siteDist) - dirBytes(join(siteDist, 'data'))) / 1e6,
    'MB',
    `vitepress-plain-output-${n}`,
    dirBytes(plainDist) / 1e6,
  );
  line(
    `site-search-index-${n}`,
    searchIndexBytes(siteDist) / 1e6,
    'MB',
    `vitepress-plain-search-index-${n}`,
    searchIndexBytes(plainDist) / 1e6,
  );
  line(
    `site-heaviest-report-page-gzip-${n}`,
    heaviestPage(siteEnv.NIANBAO_SITE_OUT, 'reports') / 1024,
    'kB',
    `vitepress-plain-heaviest-page-gzip-${n}`,
    heaviestPage(plainDist, 'reports') / 1024,
  );
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}
const ns = sizes.filter((n) => perReport[n]);
if (ns.length > 1) {
  const first = ns[0]!;
  const last = ns[ns.length - 1]!;
  line(`site-build-per-report-${last}`, perReport[last]!, 'ms', `site-build-per-report-${first}`, perReport[first]!);
}
