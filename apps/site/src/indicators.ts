// The one place the site derives chart series from cells; indicators come from core (`indicators`).
// Labels come from core's templates; nothing here retypes a row.
import { cellsView, type Report, T3_RESULT_GROUP, T4_COLUMNS, T4_GROUPS, tableLayout } from '@nianbao/core';

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
  const ids = Object.keys(cells).filter(
    (id) => id.startsWith('t3.') && id.endsWith('.total') && (id === `t3.${key}.total` || id.startsWith(`t3.${key}.`)),
  );
  return sumStated(cells, ids);
}

export const RECEIVED = 't3.new.total';
export const HANDLED = 't3.total.total';

export const t4Label = (group: string) => T4_GROUPS.find((g) => g.id === group)!.path.join('—');
export const t4Outcomes = () => T4_COLUMNS.filter((c) => c.id !== 'total');
