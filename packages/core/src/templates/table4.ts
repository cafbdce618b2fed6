import { TABLE_NAMES, TABLE_TITLES } from './sections.js';
import type { CellDef, GridCell, TableLayout, TemplateVersion } from './types.js';

export const T4_REVIEW = '行政复议';
export const T4_LITIGATION = '行政诉讼';

export const T4_GROUPS = [
  { id: 'review', label: T4_REVIEW, path: [T4_REVIEW] },
  { id: 'litigationDirect', label: '未经复议直接起诉', path: [T4_LITIGATION, '未经复议直接起诉'] },
  { id: 'litigationAfterReview', label: '复议后起诉', path: [T4_LITIGATION, '复议后起诉'] },
] as const;

export const T4_COLUMNS = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
] as const;

export type T4GroupId = (typeof T4_GROUPS)[number]['id'];
export type T4ColumnId = (typeof T4_COLUMNS)[number]['id'];

/** The outcome columns of each group (every column but 总计). */
export const T4_OUTCOMES = T4_COLUMNS.filter((c) => c.id !== 'total');

/** A group's full name: `行政复议`, `行政诉讼—未经复议直接起诉`. */
export function t4GroupName(id: T4GroupId): string {
  return T4_GROUPS.find((g) => g.id === id)!.path.join('—');
}

/** Table 4 is the same in both templates: one row of 15 counts. */
export function buildTable4(version: TemplateVersion): TableLayout {
  const cells: CellDef[] = [];
  for (const g of T4_GROUPS) {
    for (const c of T4_COLUMNS) {
      cells.push({
        id: `t4.${g.id}.${c.id}`,
        table: 't4',
        kind: 'count',
        row: g.id,
        column: c.id,
        rowLabel: g.label,
        rowPath: [...g.path],
        columnLabel: c.label,
        columnPath: [...g.path, c.label],
      });
    }
  }
  const head = (text: string, colSpan = 1, rowSpan = 1): GridCell => ({
    type: 'label',
    text,
    colSpan,
    rowSpan,
    header: true,
  });
  const headerRows: GridCell[][] = [
    [head(T4_REVIEW, 5), head(T4_LITIGATION, 10)],
    [...T4_COLUMNS.map((c) => head(c.label, 1, 2)), head(T4_GROUPS[1].label, 5), head(T4_GROUPS[2].label, 5)],
    [...T4_COLUMNS.map((c) => head(c.label)), ...T4_COLUMNS.map((c) => head(c.label))],
  ];
  const bodyRows: GridCell[][] = [
    cells.map((c): GridCell => ({ type: 'value', cellId: c.id, colSpan: 1, rowSpan: 1 })),
  ];
  return {
    table: 't4',
    version,
    name: TABLE_NAMES.t4,
    title: TABLE_TITLES.t4,
    columns: 15,
    headerRows,
    bodyRows,
    cells,
  };
}
