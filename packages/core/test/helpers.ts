import { readFileSync } from 'node:fs';
import { seedReportUrl } from '../fixtures/index.js';
import { type Report, reportFrom } from '../src/index.js';

/** The seed report (宝山区跃进街道办事处 2024), written by hand from the corpus expected.json. */
export function seed(): Report {
  return reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
}

/** A report in the 2021 template whose every identity holds, with some applications in it. */
export function report2021(): Report {
  const r = seed();
  const cells: Record<string, number | null> = {};
  return reportFrom({ ...r, meta: { ...r.meta, formats: { t2: '2021', t3: '2021' } }, cells, cellText: undefined });
}

/** A copy of a report with some cells changed. */
export function withCells(r: Report, cells: Record<string, number | null>): Report {
  return { ...r, cells: { ...r.cells, ...cells } };
}
