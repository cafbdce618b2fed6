import type { DerivedHow, Report, SourcePlace } from '../model/report.js';
import type { TableId, TemplateVersion } from '../templates/types.js';
import type { ImportDiagnostic } from './messages.js';

export type ImportFormat = 'text' | 'html' | 'markdown';

export interface ImportOptions {
  /** Format of the input; guessed from the file name and the content when absent. */
  format?: ImportFormat;
  /** Name of the file the text came from (its extension helps guess the format). */
  fileName?: string;
  /** For text laid out from positioned text (`layoutPages`): where each tab-separated piece of each line is. */
  places?: readonly (readonly SourcePlace[])[];
  /**
   * The agency that published the report, where the text does not name it (or names it wrongly): used
   * instead of what the title, preamble or signature say. Without it, an agency the text does not name is
   * the error `E_NO_AGENCY` and `report.meta.agency` is empty (never a made-up name).
   */
  agency?: string;
}

/**
 * Where in the source a diagnostic points: the place in the source (a line; for HTML and Word also the table,
 * row and cell as written; for PDF the page and position) and, for table cells, the template's table, row,
 * column and cell id.
 */
export interface SourceLocation extends SourcePlace {
  table?: TableId;
  /** Row id of the template (`new`, `denied.stateSecret`, `licensing`…). */
  row?: string;
  /** Column id of the template (`natural`, `total`, `issued`…). */
  column?: string;
  cellId?: string;
}

/** A cell whose value was not written plainly but worked out. */
export interface InferredCell {
  cellId: string;
  value: number;
  /** How it was worked out (`split`, `label`, `column`, `constraint`, `order`; see `DERIVED_HOW_TEXT`). */
  how: DerivedHow;
  detail: string;
}

/** How the template of one table was decided. */
export interface TableReading {
  table: TableId;
  version: TemplateVersion;
  /** `labels`: by labels only one template has; `rows`: by the rows found; `default`: nothing decided it. */
  decidedBy: 'labels' | 'rows' | 'default';
  /** Whether the table was found in the source at all. */
  found: boolean;
  /** Cells holding a number (read as printed or worked out). */
  cellsFound: number;
  cellsExpected: number;
  /** Cells read as printed. */
  cellsRead: number;
  /** Cells worked out (split, misprinted label, column position, constraint, row order). */
  cellsDerived: number;
  /** Cells printed blank (empty, `—`, `/`, `无`…): the agency's blank. */
  cellsBlank: number;
  /** Cells in the source that could not be read. */
  cellsUnread: number;
}

export interface ImportResult {
  /** The report read (cells not found are null). With `E_NO_AGENCY` its agency is empty: it cannot be saved. */
  report: Report;
  format: ImportFormat;
  tables: TableReading[];
  diagnostics: ImportDiagnostic[];
  /** Cells that hold a number read from the source, in table order. */
  found: string[];
  /** Cells without a number: printed blank or not read (`blank` + `unread`). */
  missing: string[];
  /** Cells printed blank (empty, `—`, `/`, `无`…): the agency's blank. */
  blank: string[];
  /** Cells in the source that could not be read: unknown, never the agency's blank (`report.provenance` says why). */
  unread: string[];
  inferred: InferredCell[];
  /** `complete`: every cell read or printed blank; `partial`: some not read; `none`: no table cell at all. */
  status: ImportStatus;
}

/** How much of a report's tables an import read. */
export type ImportStatus = 'complete' | 'partial' | 'none';
