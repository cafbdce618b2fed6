// Totals, trends and rankings across reports: core's `aggregate` sums the cells, core's `indicators` the rates.
import {
  type AgencyLevel,
  aggregate,
  cellName,
  formatNumber,
  INDICATORS,
  indicators,
  legalDeadline,
  type RollUp,
} from '@nianbao/core';
import type { SiteReport } from './model.js';
import type { Measure } from './site-data.js';

/** A measure of the portal: a cell (or a sum of cells) or a core indicator, with the cell a reader is sent to. */
interface MeasureDef extends Measure {
  cells?: string[];
  indicator?: string;
}

const indicatorName = (id: string) => {
  const name = INDICATORS.find((i) => i.id === id)!.name;
  return name.replace(/（.*$/, '');
};

/** The headline measures, in the tables' own words. */
export const MEASURES: MeasureDef[] = [
  { key: 'received', label: '本年新收申请', kind: 'count', cells: ['t3.new.total'] },
  { key: 'handled', label: '办理结果总计', kind: 'count', cells: ['t3.total.total'] },
  { key: 'grantRate', label: indicatorName('grantRate'), kind: 'ratio', indicator: 'grantRate' },
  { key: 'notHeldRate', label: indicatorName('notHeldRate'), kind: 'ratio', indicator: 'notHeldRate' },
  { key: 'review', label: '行政复议', kind: 'count', cells: ['t4.review.total'] },
  {
    key: 'reviewCorrection',
    label: indicatorName('reviewCorrectionRate'),
    kind: 'ratio',
    indicator: 'reviewCorrectionRate',
  },
  {
    key: 'litigation',
    label: '行政诉讼',
    kind: 'count',
    cells: ['t4.litigationDirect.total', 't4.litigationAfterReview.total'],
  },
  {
    key: 'litigationCorrection',
    label: indicatorName('litigationCorrectionRate'),
    kind: 'ratio',
    indicator: 'litigationCorrectionRate',
  },
];

/** The cell a reader of one report is sent to for a measure (an indicator's first numerator cell). */
export function measureCell(m: MeasureDef, r: Pick<SiteReport, 'meta'>): string {
  return m.cells?.[0] ?? INDICATORS.find((i) => i.id === m.indicator)!.numerator(r)[0]!;
}

/** How a measure is computed, for the table under a chart. */
export function measureBasis(m: MeasureDef): string {
  if (m.cells) return m.cells.map(cellName).join('＋');
  return INDICATORS.find((i) => i.id === m.indicator)!.formula;
}

/** The measures of one report or roll-up (null where a value cannot be given). */
export function measureValues(r: Pick<SiteReport, 'meta' | 'cells'>): (number | null)[] {
  const ind = indicators(r);
  return MEASURES.map((m) => {
    if (m.indicator) return ind.find((i) => i.id === m.indicator)!.value;
    const stated = m.cells!.map((id) => r.cells[id]).filter((v): v is number => typeof v === 'number');
    return stated.length ? stated.reduce((a, b) => a + b, 0) : null;
  });
}

export const showMeasure = (m: Measure, v: number | null) =>
  v === null ? '—' : m.kind === 'ratio' ? `${(Math.round(v * 1000) / 10).toFixed(1)}%` : formatNumber(v);

/** When a report was published against its legal deadline. */
export type Timeliness = 'onTime' | 'late' | 'noDate' | 'noDeadline';

export function timeliness(r: Pick<SiteReport, 'meta'>): Timeliness {
  const deadline = legalDeadline(r.meta.level, r.meta.year);
  if (!deadline) return 'noDeadline';
  if (!r.meta.publishedAt) return 'noDate';
  return r.meta.publishedAt <= deadline ? 'onTime' : 'late';
}

/** A group of reports summed: the roll-up, its measures, the units whose own tables break an identity. */
export interface Total {
  reports: SiteReport[];
  rollup: RollUp;
  values: (number | null)[];
  /** Units whose own tables break an identity (core `validate`, as on their pages): the roll-up inherits it. */
  breaks: SiteReport[];
  timely: Record<Timeliness, number>;
}

export function total(
  reports: SiteReport[],
  options: { agency: string; level?: AgencyLevel; region?: string; year?: number },
): Total {
  const rollup = aggregate(reports, options);
  const timely: Record<Timeliness, number> = { onTime: 0, late: 0, noDate: 0, noDeadline: 0 };
  for (const r of reports) timely[timeliness(r)]++;
  const breaks = reports.filter((r) => r.check.state === 'fail');
  return { reports, rollup, values: measureValues(rollup.report), breaks, timely };
}

/** Group by a key, keeping the order of first appearance. */
export function groupBy<K, T>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}
