import { TABLE_NAMES } from './sections.js';
import { buildTable2 } from './table2.js';
import { buildTable3 } from './table3.js';
import { buildTable4 } from './table4.js';
import type { CellDef, TableId, TableLayout, TemplateVersion } from './types.js';

export type TableFormats = { t2: TemplateVersion; t3: TemplateVersion };

const layouts = new Map<string, TableLayout>();

/** The official layout of one table in one template version (built once, then shared). */
export function tableLayout(table: TableId, version: TemplateVersion): TableLayout {
  const key = `${table}:${version}`;
  let layout = layouts.get(key);
  if (!layout) {
    layout = table === 't2' ? buildTable2(version) : table === 't3' ? buildTable3(version) : buildTable4(version);
    layouts.set(key, layout);
  }
  return layout;
}

/** The three table layouts of a report, each in its own template version. Table 4 does not vary. */
export function reportLayouts(formats: TableFormats): [TableLayout, TableLayout, TableLayout] {
  return [tableLayout('t2', formats.t2), tableLayout('t3', formats.t3), tableLayout('t4', formats.t3)];
}

const cellsByFormats = new Map<string, CellDef[]>();

/** Every value cell of a report with these table formats, in table order. */
export function reportCells(formats: TableFormats): CellDef[] {
  const key = `${formats.t2}:${formats.t3}`;
  let cells = cellsByFormats.get(key);
  if (!cells) {
    cells = reportLayouts(formats).flatMap((l) => l.cells);
    cellsByFormats.set(key, cells);
  }
  return cells;
}

const allDefs = new Map<string, CellDef>();
for (const t of ['t2', 't3', 't4'] as const) {
  for (const v of ['2019', '2021'] as const)
    for (const c of tableLayout(t, v).cells) if (!allDefs.has(c.id)) allDefs.set(c.id, c);
}

/** The definition of a cell id in any template, or undefined for an unknown id. */
export function cellDef(id: string): CellDef | undefined {
  return allDefs.get(id);
}

/** Every cell id known in either template. */
export function allCellIds(): string[] {
  return [...allDefs.keys()];
}

/** 「表三“总计”列，“一、本年新收政府信息公开申请数量”行」-style human name of a cell. */
export function cellName(id: string): string {
  const def = allDefs.get(id);
  if (!def) return id;
  const table = TABLE_NAMES[def.table];
  if (def.table === 't4') return `${table}“${def.columnPath.join('—')}”`;
  if (def.table === 't2') return `${table}“${def.rowLabel}”行“${def.columnLabel}”列`;
  return `${table}“${rowShortName(def)}”行“${def.columnLabel}”列`;
}

/** Short row name for Table 3 messages: the category prefix plus the numbered label. */
export function rowShortName(def: CellDef): string {
  if (def.table !== 't3') return def.rowLabel;
  const path = def.rowPath;
  if (path.length === 3) return `${/^（[^）]+）/.exec(path[1]!)?.[0] ?? path[1]}${path[2]}`;
  if (def.row === 'partial') return '（二）部分公开';
  return def.rowLabel;
}

export type { GridFault, GridPart, PlacedCell, PlacedGrid } from './grid.js';
export { placeGrid } from './grid.js';
export * from './sections.js';
export type { T2Block, T2Column } from './table2.js';
export { T2_CONTENT_HEADER, t2Blocks } from './table2.js';
export type { T3Category, T3CategoryId, T3ColumnId, T3Row } from './table3.js';
export {
  T3_APPLICANT_COLUMNS,
  T3_APPLICANT_HEADER,
  T3_CATEGORIES,
  T3_COLUMNS,
  T3_NOTE,
  T3_ORG_GROUP,
  T3_RESULT_GROUP,
  T3_ROWS,
  t3CategoryRows,
  t3Rows,
} from './table3.js';
export type { T4ColumnId, T4GroupId } from './table4.js';
export { T4_COLUMNS, T4_GROUPS, T4_LITIGATION, T4_OUTCOMES, T4_REVIEW, t4GroupName } from './table4.js';
export * from './types.js';
