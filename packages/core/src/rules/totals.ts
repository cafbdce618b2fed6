import { cellsView } from '../model/parse.js';
import type { Cells, Report } from '../model/report.js';
import { type T3CategoryId, type T3ColumnId, type TableFormats, t3CategoryRows } from '../templates/index.js';
import { round6 } from './evaluate.js';
import { ruleInstances } from './instances.js';

const DERIVING_RULES = ['t3.resultTotal', 't3.rowTotal', 't4.groupTotal'] as const;

/** Cells that `computeTotals` fills from others (the totals of the sum rules), in fill order. */
export function derivedCells(formats: TableFormats): string[] {
  return ruleInstances(formats)
    .filter((i) => (DERIVING_RULES as readonly string[]).includes(i.rule.id))
    .map((i) => i.left[0]!);
}

/** Fill every total from its parts (a total stays blank only where all its parts are blank). */
export function computeCellTotals(cells: Cells, formats: TableFormats): Cells {
  const out: Cells = { ...cells };
  // Column totals of 表三 first, then row totals (which then include the 总计 row), then 表四.
  for (const id of DERIVING_RULES) {
    for (const inst of ruleInstances(formats)) {
      if (inst.rule.id !== id) continue;
      const parts = inst.right.map((p) => out[p] ?? null);
      const stated = parts.filter((v): v is number => v !== null);
      out[inst.left[0]!] = stated.length ? round6(stated.reduce((a, b) => a + b, 0)) : null;
    }
  }
  return out;
}

/** A copy of the report with every derived total computed by the rules (for editors that compute totals). */
export function computeTotals(report: Report): Report {
  return { ...report, cells: computeCellTotals(cellsView(report), report.meta.formats) };
}

/**
 * One 表三 result category summed over its rows in one column (（三）不予公开 = 1.–8.): null only where
 * every row is blank (a blank is never 0).
 */
export function categorySum(
  report: Pick<Report, 'meta' | 'cells'>,
  category: T3CategoryId,
  column: T3ColumnId = 'total',
): number | null {
  let sum: number | null = null;
  for (const row of t3CategoryRows(category, report.meta.formats.t3)) {
    const v = report.cells[`t3.${row}.${column}`];
    if (typeof v === 'number') sum = (sum ?? 0) + v;
  }
  return sum === null ? null : round6(sum);
}
