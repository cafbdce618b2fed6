// The shapes of the data files the site's pages load in the browser (written by the generator).
import type { AgencyLevel, TableId, TemplateVersion } from '@nianbao/core';

/** How a report's check came out: tables reconcile; an identity fails; cells could not be read from the original. */
export type CheckState = 'ok' | 'fail' | 'unread';

/** Numbers each browse row carries for sorting (key → label), the same in every report. */
export interface Measure {
  key: string;
  label: string;
  /** `ratio`: 0–1, shown as a percentage. */
  kind: 'count' | 'ratio';
}

/** `/data/index.json`: every agency and report, small enough to sort and filter in the browser. */
export interface SiteIndex {
  schemaVersion: 1;
  built: string;
  levels: Record<AgencyLevel, string>;
  checks: Record<CheckState, string>;
  measures: Measure[];
  agencies: { id: string; name: string; level: AgencyLevel; region: string | null; regionId: string | null }[];
  /** One row per report: id, agency index, year, check, then one value per measure (null: cannot be given). */
  reports: [string, number, number, CheckState, ...(number | null)[]][];
}

/** One entry of the cell-id dictionary (`/data/cell-ids.json`, `/data/cell-ids.csv`). */
export interface CellEntry {
  id: string;
  table: TableId;
  tableName: string;
  versions: TemplateVersion[];
  row: string;
  column: string;
  unit: string;
}
