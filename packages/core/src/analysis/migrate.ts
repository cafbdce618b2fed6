import { cellsView, normalizeReport } from '../model/parse.js';
import type { Cells, Report } from '../model/report.js';
import {
  cellDef,
  TABLE_NAMES,
  type TableFormats,
  type TemplateVersion,
  t3Rows,
  tableLayout,
} from '../templates/index.js';
import { round6 } from './finding.js';
import { analysisMessage } from './messages.js';

/** One cell of the target template and the source cells whose sum it is. */
export interface CellMapping {
  to: string;
  from: string[];
}

/** A source cell that has no counterpart in the target template, with the reason in official words. */
export interface UnmappableCell {
  cellId: string;
  reason: string;
}

export interface TemplateMapping {
  table: 't2' | 't3';
  from: TemplateVersion;
  to: TemplateVersion;
  /** Every target cell that can be filled: from the same cell id, or the sum of several. */
  cells: CellMapping[];
  /** Target cells that cannot be filled from the source (they stay blank). */
  unknown: UnmappableCell[];
  /** Source cells whose values cannot be carried over. */
  dropped: UnmappableCell[];
}

/** 2021 （六）1–3 are the rows whose parent is （六）其他处理 in 2021; 2019 has the single row. */
const splitRows = () =>
  t3Rows('2021')
    .filter((r) => r.id.startsWith('otherHandling.'))
    .map((r) => r.id);
const SINGLE_ROW = 'otherHandling';

/** Why a cell has no counterpart: `dropped` cells belong to `from`, `unknown` cells to `to`. */
function reasonFor(id: string, from: TemplateVersion, to: TemplateVersion, role: 'dropped' | 'unknown'): string {
  const def = cellDef(id);
  if (!def) return analysisMessage('migrate.unknownCell', { cellId: id });
  const table = def.table === 't2' ? 't2' : 't3';
  const other = role === 'dropped' ? to : from;
  if (table === 't3' && (def.row === SINGLE_ROW || def.row.startsWith(`${SINGLE_ROW}.`)))
    return analysisMessage(from === '2019' ? 'migrate.otherHandlingSplit' : 'migrate.otherHandlingSum', {});
  const otherCells = tableLayout(table, other).cells;
  const names = { version: other, table: TABLE_NAMES[table], row: def.rowLabel };
  if (!otherCells.some((c) => c.row === def.row)) return analysisMessage('migrate.noRow', names);
  if (!otherCells.some((c) => c.row === def.row && c.columnLabel === def.columnLabel))
    return analysisMessage('migrate.noColumn', { ...names, column: def.columnLabel });
  return analysisMessage('migrate.otherMeaning', { from, to, row: def.rowLabel, column: def.columnLabel });
}

const mappings = new Map<string, TemplateMapping>();

/**
 * How one table of one template version maps onto the other: a cell id that exists in both templates
 * means the same thing (the cell-id contract); 2021 （六）1–3 add up to 2019 （六）; nothing else maps.
 */
export function templateMapping(table: 't2' | 't3', from: TemplateVersion, to: TemplateVersion): TemplateMapping {
  const key = `${table}:${from}:${to}`;
  const cached = mappings.get(key);
  if (cached) return cached;
  const source = tableLayout(table, from).cells;
  const sourceIds = new Set(source.map((c) => c.id));
  const cells: CellMapping[] = [];
  const unknown: UnmappableCell[] = [];
  const used = new Set<string>();
  for (const c of tableLayout(table, to).cells) {
    if (sourceIds.has(c.id)) {
      cells.push({ to: c.id, from: [c.id] });
      used.add(c.id);
    } else if (table === 't3' && c.row === SINGLE_ROW && from === '2021') {
      const parts = splitRows().map((r) => `t3.${r}.${c.column}`);
      cells.push({ to: c.id, from: parts });
      for (const p of parts) used.add(p);
    } else {
      unknown.push({ cellId: c.id, reason: reasonFor(c.id, from, to, 'unknown') });
    }
  }
  const dropped = source
    .filter((c) => !used.has(c.id))
    .map((c) => ({ cellId: c.id, reason: reasonFor(c.id, from, to, 'dropped') }));
  const m: TemplateMapping = { table, from, to, cells, unknown, dropped };
  mappings.set(key, m);
  return m;
}

/** Fill target cells from source cells by a mapping: a sum stays blank only where every part is blank. */
export function mapCells(cells: Cells, mapping: TemplateMapping, out: Cells = {}): Cells {
  for (const m of mapping.cells) {
    if (m.from.length === 1) {
      out[m.to] = cells[m.from[0]!] ?? null;
      continue;
    }
    let sum = 0;
    let any = false;
    for (const id of m.from) {
      const v = cells[id];
      if (v !== null && v !== undefined) {
        sum += v;
        any = true;
      }
    }
    out[m.to] = any ? round6(sum) : null;
  }
  return out;
}

export interface Migration {
  report: Report;
  /** Source cells with a value that the target template cannot hold. */
  dropped: (UnmappableCell & { value: number | null })[];
  /** Target cells left blank because the source cannot tell their value. */
  unknown: UnmappableCell[];
  /** Target cells that are the sum of several source cells (their breakdown is not kept). */
  merged: CellMapping[];
}

/**
 * Convert a report's tables to other template versions (2019 ↔ 2021) where the rows correspond, and list
 * every value that cannot be carried over and every cell that cannot be known.
 */
export function migrateReport(report: Report, target: Partial<TableFormats>): Migration {
  const from = report.meta.formats;
  const to: TableFormats = { t2: target.t2 ?? from.t2, t3: target.t3 ?? from.t3 };
  const src = cellsView(report);
  const out: Cells = {};
  const dropped: Migration['dropped'] = [];
  const unknown: UnmappableCell[] = [];
  const merged: CellMapping[] = [];
  for (const table of ['t2', 't3'] as const) {
    const m = templateMapping(table, from[table], to[table]);
    mapCells(src, m, out);
    merged.push(...m.cells.filter((c) => c.from.length > 1));
    unknown.push(...m.unknown);
    for (const d of m.dropped) dropped.push({ ...d, value: src[d.cellId] ?? null });
  }
  for (const c of tableLayout('t4', to.t3).cells) out[c.id] = src[c.id] ?? null;
  const cellText = report.cellText
    ? Object.fromEntries(Object.entries(report.cellText).filter(([id]) => id in out))
    : undefined;
  const migrated: Report = { ...report, meta: { ...report.meta, formats: to }, cells: out };
  if (cellText) migrated.cellText = cellText;
  else delete migrated.cellText;
  return { report: normalizeReport(migrated), dropped, unknown, merged };
}
