// The one place the site derives chart series from cells; indicators come from core (`indicators`).
// Labels come from core's templates; nothing here retypes a row.
import { cellsView, type Report, T3_RESULT_GROUP, tableLayout } from '@nianbao/core';

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

/** 表三 总计 column of one result category: its own row, or the sum of its numbered rows; null when all blank. */
export function categoryTotal(report: Pick<Report, 'meta' | 'cells'>, key: string): number | null {
  const cells = cellsView(report);
  const stated = Object.keys(cells)
    .filter(
      (id) =>
        id.startsWith('t3.') && id.endsWith('.total') && (id === `t3.${key}.total` || id.startsWith(`t3.${key}.`)),
    )
    .map((id) => cells[id])
    .filter((v): v is number => typeof v === 'number');
  return stated.length ? stated.reduce((a, b) => a + b, 0) : null;
}

export const RECEIVED = 't3.new.total';
