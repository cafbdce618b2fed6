// The one place the site derives figures from cells (series for charts, indicators with formulas).
// Labels come from core's templates; nothing here retypes a row.
import { cellDef, cellsView, tableLayout, T3_RESULT_GROUP, T4_COLUMNS, T4_GROUPS, type Report } from '@nianbao/core';

/** `（二）部分公开（区分处理的…）` → `（二）部分公开`: the category number and name only. */
export const shortLabel = (label: string) => /^（[^）]+）[^（]*/.exec(label)?.[0] ?? label;

export interface Category {
  key: string;
  label: string;
}

/** The result categories of 表三 (（一）…（六）, without （七）总计), from the template. */
export function resultCategories(): Category[] {
  const out: Category[] = [];
  for (const d of tableLayout('t3', '2021').cells) {
    if (d.column !== 'total' || d.rowPath[0] !== T3_RESULT_GROUP || d.row === 'total') continue;
    const key = d.row.split('.')[0]!;
    if (!out.some((c) => c.key === key)) out.push({ key, label: shortLabel(d.rowPath[1]!) });
  }
  return out;
}

/** Sum of the stated cells; null when every one is blank (a blank is never 0). */
function sumStated(cells: Record<string, number | null>, ids: string[]): number | null {
  const stated = ids.map((id) => cells[id]).filter((v): v is number => typeof v === 'number');
  return stated.length ? stated.reduce((a, b) => a + b, 0) : null;
}

/** 表三 总计 column of one result category: its own row, or the sum of its numbered rows. */
export function categoryTotal(report: Report, key: string): number | null {
  const cells = cellsView(report);
  const ids = Object.keys(cells).filter((id) => id.startsWith('t3.') && id.endsWith('.total') && (id === `t3.${key}.total` || id.startsWith(`t3.${key}.`)));
  return sumStated(cells, ids);
}

export const RECEIVED = 't3.new.total';
export const HANDLED = 't3.total.total';

export const t4Label = (group: string) => T4_GROUPS.find((g) => g.id === group)!.path.join('—');
export const t4Outcomes = () => T4_COLUMNS.filter((c) => c.id !== 'total');

export interface Indicator {
  key: string;
  name: string;
  /** The formula in the template's words. */
  formula: string;
  numerator: number | null;
  denominator: number | null;
  /** Share in percent, or null when it cannot be computed (blank cells or a zero denominator). */
  value: number | null;
}

const label = (id: string) => {
  const d = cellDef(id)!;
  return d.table === 't4' ? d.columnPath.join('—') : shortLabel(d.rowLabel);
};

function ratio(key: string, name: string, cells: Record<string, number | null>, num: string[], den: string[]): Indicator {
  const numerator = num.some((id) => cells[id] === null || cells[id] === undefined) ? null : sumStated(cells, num);
  const denominator = den.some((id) => cells[id] === null || cells[id] === undefined) ? null : sumStated(cells, den);
  const side = (ids: string[]) => (ids.length > 1 ? `（${ids.map(label).join(' ＋ ')}）` : label(ids[0]!));
  return {
    key,
    name,
    formula: `${side(num)} ÷ ${side(den)} × 100%`,
    numerator,
    denominator,
    value: numerator !== null && denominator ? Math.round((numerator / denominator) * 1000) / 10 : null,
  };
}

/** Indicators of one report, each with its formula. */
export function indicators(report: Report): Indicator[] {
  const cells = cellsView(report);
  const lit = ['litigationDirect', 'litigationAfterReview'];
  return [
    ratio('disclosed', '予以公开或部分公开的比例', cells, ['t3.granted.total', 't3.partial.total'], [HANDLED]),
    ratio('reviewCorrected', '行政复议结果纠正的比例', cells, ['t4.review.corrected'], ['t4.review.total']),
    ratio('litigationCorrected', '行政诉讼结果纠正的比例', cells, lit.map((g) => `t4.${g}.corrected`), lit.map((g) => `t4.${g}.total`)),
  ];
}
