/** Template version of one table: F2019 (国办公开办函〔2019〕60号) or F2021 (国办公开办函〔2021〕30号). */
export type TemplateVersion = '2019' | '2021';
export const TEMPLATE_VERSIONS = ['2019', '2021'] as const;

export type TableId = 't2' | 't3' | 't4';

/** What a number in a cell means, which decides the type rule that applies to it. */
export type CellKind = 'count' | 'signedCount' | 'money';

/** One value cell of a table, with the official labels of its row and column. */
export interface CellDef {
  id: string;
  table: TableId;
  kind: CellKind;
  /** Row id (the part of the cell id between the table and the column). */
  row: string;
  column: string;
  /** Official row label, as the template prints it (without its parents). */
  rowLabel: string;
  /** Row label with its parents, e.g. 三、本年度办理结果（三）不予公开 1.属于国家秘密. */
  rowPath: string[];
  columnLabel: string;
  /** Column label with its parents, e.g. 申请人情况 › 法人或其他组织 › 商业企业. */
  columnPath: string[];
  /** Unit printed in the column header, if any. */
  unit?: string;
}

/** A cell of a drawn table: a label or a value, with its spans. */
export type GridCell =
  | {
      type: 'label';
      text: string;
      colSpan: number;
      rowSpan: number;
      header: boolean;
      note?: boolean;
      vertical?: boolean;
    }
  | { type: 'value'; cellId: string; colSpan: number; rowSpan: number };

/** A table as the official template draws it: rows of cells (covered positions are omitted). */
export interface TableLayout {
  table: TableId;
  version: TemplateVersion;
  /** 表二 etc. — not printed by the template, used in messages. */
  name: string;
  /** Official title of the table's section. */
  title: string;
  columns: number;
  /** Rows that are table headers, repeated when a table breaks across pages. */
  headerRows: GridCell[][];
  bodyRows: GridCell[][];
  cells: CellDef[];
}
