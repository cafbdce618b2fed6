// Generated reports for the bench: the seed's text with random counts whose totals hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeCellTotals,
  type Report,
  reportFrom,
  reportLayouts,
  reportTitle,
  SECTION_TABLE,
  SECTIONS,
} from '@nianbao/core';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
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

/** A report with the seed's text and random counts whose totals hold: 6 years per agency, 10 agencies per region. */
export function synthetic(i: number): Report {
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
      publishedAt: `${year + 1}-0${1 + (i % 3)}-15`,
    },
    preamble: seed.preamble.map((b) => ({ ...b, text: swap(b.text) })),
    sections: seed.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ ...b, text: swap(b.text) })) })),
    cells: computeCellTotals(cells, formats),
  });
}

/** The same report as a plain Markdown page: headings, paragraphs and one GFM table per table. */
export function plainMarkdown(r: Report): string {
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
