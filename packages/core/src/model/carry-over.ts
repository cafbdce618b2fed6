import { T3_COLUMNS, type TableFormats } from '../templates/index.js';
import { emptyReport } from './parse.js';
import type { Report } from './report.js';

/**
 * A new, empty report for the year after `previous`: same agency, level, region, parent agency and
 * contact; 表三 二、上年结转 of every column taken from last year's 四、结转下年度继续办理.
 */
export function nextYearReport(previous: Report, options: { year?: number; formats?: TableFormats } = {}): Report {
  const { agency, level, region, parentAgency, contact } = previous.meta;
  const year = options.year ?? previous.meta.year + 1;
  const report = emptyReport({
    agency,
    level,
    year,
    formats: options.formats ?? { t2: '2021', t3: '2021' },
    ...(region !== undefined ? { region } : {}),
    ...(parentAgency !== undefined ? { parentAgency } : {}),
    ...(contact !== undefined ? { contact } : {}),
    statisticsPeriod: { from: `${year}-01-01`, to: `${year}-12-31` },
  });
  for (const c of T3_COLUMNS)
    report.cells[`t3.carriedOver.${c.id}`] = previous.cells[`t3.carriedForward.${c.id}`] ?? null;
  return report;
}
