import type { CellProvenance, Cells, SourcePlace, UnreadReason } from '../model/report.js';
import { round6 } from '../rules/evaluate.js';
import { ruleInstances } from '../rules/instances.js';
import { type TableFormats, tableLayout } from '../templates/index.js';
import { t2Blocks } from '../templates/table2.js';
import { T3_COLUMNS, T3_ROWS } from '../templates/table3.js';
import { T4_COLUMNS, T4_GROUPS, T4_LITIGATION, T4_REVIEW } from '../templates/table4.js';
import type { CellKind, TableId, TemplateVersion } from '../templates/types.js';
import {
  type ImportCode,
  type ImportDiagnostic,
  type ImportDiagnosticData,
  importDiagnostic,
  SPLIT_BASIS_TEXT,
  type SplitBasis,
} from './messages.js';
import { labelKey, similarity, stripNumber, stripParens } from './normalize.js';
import {
  type CellCheck,
  checksOver,
  constraintCheck,
  identityCheck,
  placeValues,
  settleRows,
  splitRuns,
} from './split.js';
import type { Token } from './tokens.js';
import type { InferredCell, SourceLocation } from './types.js';
import { type CellValueText, isDigitRun } from './values.js';

/** A data row of a template as the reader looks for it. */
interface RowSpec {
  table: TableId;
  rowId: string;
  label: string;
  cellIds: string[];
  columns: string[];
  kinds: CellKind[];
  keys: string[];
  versions: readonly TemplateVersion[];
  order: number;
}

/** What the reader collects while reading a report. */
export interface ReadContext {
  cells: Cells;
  cellText: Record<string, string>;
  /** How each cell not read plainly was obtained; `unread` entries are for cells absent from `cells`. */
  provenance: Record<string, CellProvenance>;
  diagnostics: ImportDiagnostic[];
  inferred: InferredCell[];
  /**
   * Whether the table's print separates values (two values side by side somewhere in it): only then can a blank
   * cell have vanished between them. In a table whose rows all run their digits together, a row is cut, never spread.
   */
  separated: boolean;
}

/** Whether any two values (not blank marks) stand side by side in tokens[start, end). */
function valuesSeparated(tokens: readonly Token[], start: number, end: number): boolean {
  const plain = (t: Token | undefined) => t !== undefined && t.kind === 'value' && t.value?.value !== null;
  for (let i = start; i + 1 < end; i++) if (plain(tokens[i]) && plain(tokens[i + 1])) return true;
  return false;
}

/** Cells of a row that is in the source but could not be read, with the reason and the place. */
function markUnread(ctx: ReadContext, ids: readonly string[], reason: UnreadReason, at: SourcePlace): void {
  for (const id of ids) {
    if (id in ctx.cells) continue;
    ctx.provenance[id] = { status: 'unread', reason, at };
  }
}

/** A cell whose value was worked out rather than printed plainly. */
function markInferred(ctx: ReadContext, cell: InferredCell, at: SourcePlace): void {
  ctx.inferred.push(cell);
  ctx.provenance[cell.cellId] = { status: 'derived', how: cell.how, at };
}

const MAX_P_CHARS = 240;
const FUZZY_MIN = 0.6;
/** Digits one count cell may hold as printed (a longer run is digits run together). */
const MAX_PLAIN_DIGITS = 9;
/** Characters of other labels (a vertical group label) that may sit inside a blank row's wrapped label. */
const MAX_SKIPPED = 6;

/** Whether `text` ends with `key`, allowing up to `skip` other characters inside (matched from the end). */
function endsWithLoosely(text: string, key: string, skip: number): boolean {
  let i = text.length - 1;
  for (let k = key.length - 1; k >= 0; k--) {
    while (i >= 0 && text[i] !== key[k]) {
      if (k === key.length - 1 || --skip < 0) return false;
      i--;
    }
    if (i < 0) return false;
    i--;
  }
  return true;
}

/** Values with no row label reported per table; beyond this they are counted only. */
const MAX_UNMATCHED = 10;

/** Matching keys of a row label: with and without its number and its parenthesised note. */
function keysOf(labels: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const l of labels) {
    for (const k of [
      labelKey(l),
      labelKey(stripNumber(l)),
      labelKey(stripParens(l)),
      labelKey(stripParens(stripNumber(l))),
    ]) {
      if (k.length >= 2) keys.add(k);
    }
  }
  return [...keys].sort((a, b) => b.length - a.length);
}

function t3Specs(): RowSpec[] {
  return T3_ROWS.map((r, order) => ({
    table: 't3',
    rowId: r.id,
    label: r.label,
    cellIds: T3_COLUMNS.map((c) => `t3.${r.id}.${c.id}`),
    columns: T3_COLUMNS.map((c) => c.id),
    kinds: T3_COLUMNS.map(() => 'count' as const),
    keys: keysOf([r.label]),
    versions: r.versions,
    order,
  }));
}

function t2Specs(version: TemplateVersion): RowSpec[] {
  const other = version === '2021' ? '2019' : '2021';
  const aliases = new Map<string, string>();
  for (const b of t2Blocks(other)) for (const r of b.rows) aliases.set(r.id, r.label);
  const out: RowSpec[] = [];
  for (const b of t2Blocks(version)) {
    for (const r of b.rows) {
      const alias = aliases.get(r.id);
      out.push({
        table: 't2',
        rowId: r.id,
        label: r.label,
        cellIds: b.columns.map((c) => `t2.${r.id}.${c.id}`),
        columns: b.columns.map((c) => c.id),
        kinds: b.columns.map((c) => c.kind),
        keys: keysOf(alias ? [r.label, alias] : [r.label]),
        versions: [version],
        order: out.length,
      });
    }
  }
  return out;
}

function diag<C extends ImportCode>(
  ctx: ReadContext,
  code: C,
  location: SourceLocation,
  data: ImportDiagnosticData[C],
  text?: string,
): void {
  ctx.diagnostics.push(importDiagnostic(code, location, data, text) as ImportDiagnostic);
}

/** Store one cell read from the source, with a diagnostic for anything unusual about how it is written. */
export function setCell(ctx: ReadContext, id: string, kind: CellKind, v: CellValueText, at: SourcePlace): void {
  const [table, ...rest] = id.split('.');
  const column = rest.pop();
  const loc = { ...at, table: table as TableId, row: rest.join('.'), column: column!, cellId: id };
  let value = v.value;
  if (v.text) ctx.cellText[id] = v.text;
  delete ctx.provenance[id];
  if (value === null) {
    ctx.provenance[id] = { status: 'blank', printed: v.text, at };
    if (v.flags.includes('notStatedMark')) diag(ctx, 'I_VALUE_NOT_STATED', loc, {}, v.text);
    else diag(ctx, 'W_CELL_BLANK', loc, {}, '');
    ctx.cells[id] = null;
    return;
  }
  if (v.flags.includes('percent')) diag(ctx, 'W_VALUE_PERCENT', loc, { value }, v.text);
  if (v.flags.includes('annotation')) diag(ctx, 'I_VALUE_ANNOTATED', loc, { value }, v.text);
  if (v.flags.includes('yuan')) {
    if (kind === 'money') {
      const wan = round6(value / 10000);
      diag(ctx, 'I_VALUE_YUAN', loc, { wan }, v.text);
      value = wan;
    } else diag(ctx, 'W_VALUE_UNIT', loc, { value }, v.text);
  } else if (v.flags.includes('wanYuan') && kind !== 'money') diag(ctx, 'W_VALUE_UNIT', loc, { value }, v.text);
  if (value < 0 && kind !== 'signedCount') diag(ctx, 'W_VALUE_NEGATIVE', loc, {}, v.text);
  if (kind !== 'money' && !Number.isInteger(value)) diag(ctx, 'W_VALUE_FRACTION', loc, {}, v.text);
  ctx.cells[id] = value;
}

/** Store one cell of a row: its value, or for a cell there but not readable (see Token.unread), why not. */
function putCell(ctx: ReadContext, id: string, kind: CellKind, tok: Token): void {
  if (tok.unread) markUnread(ctx, [id], tok.unread, tok.at);
  else setCell(ctx, id, kind, tok.value!, tok.at);
}

/** One diagnostic per reason for the cells of a row that are there but could not be read. */
function unreadInRow(ctx: ReadContext, table: TableId, label: string, ids: readonly string[], row: readonly Token[]) {
  const reasons = new Set(ids.map((_, i) => row[i]?.unread).filter((r) => r !== undefined));
  for (const reason of reasons) {
    const cells = ids.filter((_, i) => row[i]?.unread === reason);
    const tok = row.find((t) => t.unread === reason)!;
    const location = { ...tok.at, table, cellId: cells[0]! };
    if (reason === 'E_NOT_PRINTED' || reason === 'E_MARKED_UNREAD') diag(ctx, reason, location, { label, cells });
    else {
      const value = row.map((t) => t.text.trim() || '（空）').join(' ');
      diag(ctx, 'E_COLUMN_UNKNOWN', location, { label, value });
    }
  }
}

/** A row whose values cannot be placed one by one: digits run together, or fewer values than cells. */
interface Pending {
  spec: RowSpec;
  tokens: Token[];
  at: SourcePlace;
}

interface RowsRead {
  matched: Set<string>;
  pending: Pending[];
  cellsRead: number;
  /**
   * Whether some values of the table may stand under the wrong label: values with no label, a row with more values
   * than cells, a label matched only approximately.
   */
  doubt: boolean;
  /** Rows whose values are followed by values with no label (the next row's, its label lost). */
  followed: Set<string>;
  /** Where each row's values are in the source. */
  places: Map<string, SourcePlace>;
  /** Values with no label, between the rows found before and after them. */
  loose: Loose[];
}

/** Values with no label: the row found before them, the row found after them, and their diagnostic. */
interface Loose {
  before?: RowSpec;
  after?: RowSpec;
  tokens: Token[];
  at: SourcePlace;
  diagnostic: ImportDiagnostic;
}

/** Drop empty cells beyond the row's width: first at the end (layout cells after it), then at the start. */
function trimBlanks(values: Token[], n: number): Token[] {
  let end = values.length;
  while (end > n && values[end - 1]!.kind === 'blank') end--;
  let start = 0;
  while (end - start > n && values[start]!.kind === 'blank') start++;
  return values.slice(start, end);
}

/** Still too wide: empty layout cells inside (a merged cell drawn as several) go if that leaves the row's width. */
function dropInnerBlanks(row: Token[], n: number): Token[] {
  if (row.length > n && row.filter((t) => t.kind !== 'blank').length === n)
    return row.filter((t) => t.kind !== 'blank');
  return row;
}

/**
 * Read rows from tokens[start, end): the words before each run of values name its row (matched at the
 * end of the words, so wrapped labels and group labels in front do not matter).
 */
function readRows(
  tokens: readonly Token[],
  start: number,
  end: number,
  specs: readonly RowSpec[],
  ctx: ReadContext,
  table: TableId,
  extraColumn?: number,
): RowsRead {
  const matched = new Set<string>();
  const pending: Pending[] = [];
  let cellsRead = 0;
  let words = '';
  let values: Token[] = [];
  let lastOrder = -1;
  let unmatched = 0;
  let doubt = false;
  const followed = new Set<string>();
  const places = new Map<string, SourcePlace>();
  let last: RowSpec | undefined;
  const loose: Loose[] = [];
  const findSpec = (key: string): { spec: RowSpec; fuzzy: boolean } | undefined => {
    let best: RowSpec | undefined;
    let bestLen = 0;
    for (const s of specs) {
      if (matched.has(s.rowId)) continue;
      for (const k of s.keys) {
        if (k.length > bestLen && key.endsWith(k)) {
          best = s;
          bestLen = k.length;
        }
      }
    }
    if (best) return { spec: best, fuzzy: false };
    // A label wrapped round its values: the words so far are the start of the label, and of no other.
    for (const s of specs) {
      if (matched.has(s.rowId)) continue;
      for (const k of s.keys) {
        for (let n = Math.min(k.length - 1, key.length); n >= 4 && n > bestLen; n--) {
          if (k.startsWith(key.slice(key.length - n))) {
            best = s;
            bestLen = n;
            break;
          }
        }
      }
    }
    if (best) {
      const start = key.slice(key.length - bestLen);
      const other = specs.some((s) => s !== best && !matched.has(s.rowId) && s.keys.some((k) => k.startsWith(start)));
      if (!other) return { spec: best, fuzzy: false };
      best = undefined;
    }
    const next = specs.find((s) => s.order > lastOrder && !matched.has(s.rowId));
    if (!next || key.length < 2) return undefined;
    const full = labelKey(next.label);
    const core = labelKey(stripParens(stripNumber(next.label)));
    // The row's whole label with other words after it: those words, not this label, lead to the values.
    for (const k of [full, core]) {
      const i = k.length >= 4 ? key.lastIndexOf(k) : -1;
      if (i >= 0 && key.length - (i + k.length) >= 2) return undefined;
    }
    const score = Math.max(
      similarity(full, key.slice(-(full.length + 4))),
      similarity(core, key.slice(-(core.length + 4))),
    );
    return score >= FUZZY_MIN ? { spec: next, fuzzy: true } : undefined;
  };
  const blankRow = (key: string, width: number): RowSpec | undefined => {
    for (const s of specs) {
      if (matched.has(s.rowId) || s.cellIds.length !== width) continue;
      // A short label (`3.其他`) only where it is all the words since the last row.
      if (s.keys.some((k) => (k.length >= 4 && endsWithLoosely(key, k, MAX_SKIPPED)) || (k.length >= 3 && key === k)))
        return s;
    }
    return undefined;
  };
  const flush = () => {
    if (!values.length) return;
    if (!values.some((t) => t.kind === 'value')) {
      // A row printed with every cell empty: only where its whole label ends the words, cell for cell.
      const spec = blankRow(words, values.length);
      if (spec) {
        matched.add(spec.rowId);
        lastOrder = spec.order;
        last = spec;
        places.set(spec.rowId, values[0]!.at);
        spec.cellIds.forEach((id, i) => {
          putCell(ctx, id, spec.kinds[i]!, values[i]!);
        });
        unreadInRow(ctx, table, spec.label, spec.cellIds, values);
        cellsRead += spec.cellIds.length;
        words = '';
      }
      values = [];
      return;
    }
    const at = values[0]!.at;
    const found = findSpec(words);
    const shown = values.map((t) => t.text.trim() || '（空）').join(' ');
    if (!found) {
      doubt = true;
      if (last) followed.add(last.rowId);
      if (++unmatched > MAX_UNMATCHED) {
        values = [];
        words = '';
        return;
      }
      diag(ctx, 'W_VALUES_UNMATCHED', { ...at, table }, {}, shown);
      loose.push({ before: last, tokens: values, at, diagnostic: ctx.diagnostics[ctx.diagnostics.length - 1]! });
    } else {
      const { spec, fuzzy } = found;
      for (let k = loose.length - 1; k >= 0 && !loose[k]!.after; k--) loose[k]!.after = spec;
      matched.add(spec.rowId);
      lastOrder = spec.order;
      last = spec;
      places.set(spec.rowId, at);
      const n = spec.cellIds.length;
      let row = trimBlanks(values, n);
      // A column the template does not have (法人或其他组织小计), where the table adds one.
      if (extraColumn !== undefined && row.length === n + 1) row = row.filter((_, i) => i !== extraColumn);
      row = dropInnerBlanks(row, n);
      if (fuzzy) {
        doubt = true;
        diag(ctx, 'W_LABEL_APPROXIMATE', { ...at, table, row: spec.rowId }, { label: spec.label });
      }
      if (row.length > n) {
        // More values than cells: which of them are the row's, the print does not say.
        doubt = true;
        markUnread(ctx, spec.cellIds, 'E_COLUMN_UNKNOWN', at);
        diag(
          ctx,
          'E_COLUMN_UNKNOWN',
          { ...at, table, row: spec.rowId, cellId: spec.cellIds[0]! },
          { label: spec.label, value: shown },
          shown,
        );
      } else if (row.length === n) {
        for (let i = 0; i < n; i++) {
          const tok = row[i]!;
          putCell(ctx, spec.cellIds[i]!, spec.kinds[i]!, tok);
          if (fuzzy && tok.value!.value !== null) {
            markInferred(
              ctx,
              {
                cellId: spec.cellIds[i]!,
                value: ctx.cells[spec.cellIds[i]!]!,
                how: 'label',
                detail: `行名称不完全一致，按位置读作“${spec.label}”`,
              },
              tok.at,
            );
          }
          cellsRead++;
        }
        unreadInRow(ctx, table, spec.label, spec.cellIds, row);
      } else if (row.some((t) => t.unread)) {
        // A short row with a cell that is there but unreadable: no reading may fill it or move values past it.
        markUnread(ctx, spec.cellIds, 'E_ROW_INCOMPLETE', at);
        diag(
          ctx,
          'E_ROW_INCOMPLETE',
          { ...at, table, row: spec.rowId },
          { label: spec.label, expected: n, found: row.length, cells: n },
          shown,
        );
      } else pending.push({ spec, tokens: row, at });
    }
    words = '';
    values = [];
  };
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      if (values.length) flush();
      words = (words + t.key).slice(-MAX_P_CHARS);
    } else {
      // A Markdown table line is a row: values on a new line after a line with values are another row's.
      const prev = values[values.length - 1];
      const mdCell = t.cell && t.at.sourceRow === undefined;
      if (prev && mdCell && prev.cell && t.line !== prev.line && values.some((v) => v.kind === 'value')) flush();
      values.push(t);
    }
  }
  flush();
  if (unmatched > MAX_UNMATCHED) {
    diag(ctx, 'W_VALUES_UNMATCHED', { table }, { more: unmatched - MAX_UNMATCHED });
  }
  return { matched, pending, cellsRead, doubt, followed, places, loose };
}

/** Words joined into one label at most (a label printed with spaces inside). */
const MAX_LABEL_WORDS = 4;
/** Longest key of a label or header looked for among a table's words. */
const MAX_LABEL_KEY = 40;

const wordKeysOf = new Map<TableId, Set<string>>();
/** Keys of every label a table prints, in either template: headers, captions, group labels and row labels. */
function tableWordKeys(table: TableId): Set<string> {
  let keys = wordKeysOf.get(table);
  if (!keys) {
    keys = new Set();
    for (const v of ['2019', '2021'] as const) {
      const l = tableLayout(table, v);
      for (const row of [...l.headerRows, ...l.bodyRows])
        for (const c of row) if (c.type === 'label') for (const k of keysOf([c.text])) keys.add(k);
    }
    wordKeysOf.set(table, keys);
  }
  return keys;
}

/** What a piece of a table's region is, for finding rows printed with no cell at all. */
interface Piece {
  kind: 'value' | 'row' | 'header' | 'other';
  spec?: RowSpec;
  tok?: Token;
}

/**
 * Rows printed with every cell empty where the empty cells vanished from the print: the row's label stands alone.
 * Read as printed blank only where no doubt is left:
 * - every value of the table went to a row under its own label, none to a row with more values than cells, none
 *   without a label or under a label matched approximately;
 * - the print puts each row's values right after its own label (somewhere a row's values are followed directly by
 *   the next row's label, which a print giving all labels first and all values after never does);
 * - every row of the table is there, with its values or as its label alone;
 * - the label stands among the table's own words, once: after a row's values, a header or the table's start (or
 *   after other such labels), and followed by a header, the table's end or the label of a later row.
 */
function readBlankRows(
  tokens: readonly Token[],
  start: number,
  end: number,
  specs: readonly RowSpec[],
  rows: RowsRead,
  ctx: ReadContext,
  table: TableId,
): number {
  if (rows.doubt || rows.matched.size === 0) return 0;
  // Row labels by key: the whole label, or a shorter form of at least four characters; a key of two rows is neither.
  const byKey = new Map<string, RowSpec | null>();
  for (const s of specs)
    for (const k of s.keys) {
      if (k.length < 4 && k !== labelKey(s.label)) continue;
      const had = byKey.get(k);
      byKey.set(k, had === undefined || had === s ? s : null);
    }
  const words = tableWordKeys(table);
  const pieces: Piece[] = [];
  for (let i = start; i < end; ) {
    const t = tokens[i]!;
    if (t.kind !== 'text') {
      pieces.push({ kind: 'value', tok: t });
      i++;
      continue;
    }
    let key = '';
    let hit: Piece = { kind: 'other' };
    let used = 1;
    for (let w = 0; w < MAX_LABEL_WORDS && i + w < end; w++) {
      const u = tokens[i + w]!;
      if (u.kind !== 'text') break;
      key += u.key;
      if (key.length > MAX_LABEL_KEY) break;
      const spec = byKey.get(key);
      if (spec !== undefined) {
        hit = spec ? { kind: 'row', spec, tok: t } : { kind: 'other' };
        used = w + 1;
      } else if (words.has(key)) {
        hit = { kind: 'header' };
        used = w + 1;
      }
    }
    // Punctuation alone (a key of nothing) is no word of its own.
    if (key !== '' || hit.kind !== 'other') pieces.push(hit);
    i += used;
  }
  let ordered = false;
  const seen = new Map<string, number>();
  pieces.forEach((p, j) => {
    if (p.kind !== 'row') return;
    seen.set(p.spec!.rowId, (seen.get(p.spec!.rowId) ?? 0) + 1);
    if (pieces[j - 1]?.kind === 'value') ordered = true;
  });
  if (!ordered) return 0;
  const alone = (p: Piece) =>
    p.kind === 'row' &&
    !rows.matched.has(p.spec!.rowId) &&
    seen.get(p.spec!.rowId) === 1 &&
    !p.spec!.cellIds.some((id) => id in ctx.cells);
  const blank: Piece[] = [];
  for (let j = 0; j < pieces.length; ) {
    if (!alone(pieces[j]!)) {
      j++;
      continue;
    }
    // A run of labels standing alone, in the template's order.
    let k = j;
    while (k + 1 < pieces.length && alone(pieces[k + 1]!) && pieces[k + 1]!.spec!.order > pieces[k]!.spec!.order) k++;
    const before = pieces[j - 1];
    const after = pieces[k + 1];
    const opens = before === undefined || before.kind === 'value' || before.kind === 'header';
    const closes =
      after === undefined ||
      after.kind === 'header' ||
      (after.kind === 'row' && after.spec!.order > pieces[k]!.spec!.order);
    if (opens && closes) for (let r = j; r <= k; r++) blank.push(pieces[r]!);
    j = k + 1;
  }
  // Every row of the table is there, with its values or as its label alone: else the values under a label may be
  // those of a row whose label is missing, the label standing alone.
  const found = new Set([...rows.matched, ...blank.map((p) => p.spec!.rowId)]);
  if (specs.some((s) => !found.has(s.rowId))) return 0;
  let read = 0;
  for (const { spec, tok } of blank) {
    rows.matched.add(spec!.rowId);
    spec!.cellIds.forEach((id, c) => {
      setCell(ctx, id, spec!.kinds[c]!, { value: null, text: '', flags: [] }, tok!.at);
    });
    diag(ctx, 'I_ROW_BLANK', { ...tok!.at, table, row: spec!.rowId }, { label: spec!.label }, tok!.text);
    read += spec!.cellIds.length;
  }
  return read;
}

/**
 * Values with no label placed by the template's row order, only where nothing else can be meant: they stand between
 * two rows found, exactly one row of the template between those is not found, no other values without a label
 * stand between them, and there are as many values as that row has cells.
 */
function placeByOrder(specs: readonly RowSpec[], rows: RowsRead, ctx: ReadContext, table: TableId): void {
  for (const g of rows.loose) {
    const { before, after } = g;
    if (!before || !after || !rows.matched.has(before.rowId) || !rows.matched.has(after.rowId)) continue;
    const between = specs.filter((s) => s.order > before.order && s.order < after.order);
    const open = between.filter((s) => !rows.matched.has(s.rowId));
    if (between.length !== 1 || open.length !== 1) continue;
    if (rows.loose.filter((o) => o.before === before && o.after === after).length !== 1) continue;
    const spec = open[0]!;
    const row = dropInnerBlanks(trimBlanks(g.tokens, spec.cellIds.length), spec.cellIds.length);
    if (row.length !== spec.cellIds.length || row.some((t) => t.unread)) continue;
    rows.matched.add(spec.rowId);
    ctx.diagnostics = ctx.diagnostics.filter((d) => d !== g.diagnostic);
    spec.cellIds.forEach((id, i) => {
      const tok = row[i]!;
      putCell(ctx, id, spec.kinds[i]!, tok);
      const v = ctx.cells[id];
      if (typeof v === 'number')
        markInferred(
          ctx,
          { cellId: id, value: v, how: 'order', detail: `缺少行名称，按格式的行序读作“${spec.label}”` },
          tok.at,
        );
    });
    diag(ctx, 'I_ROW_BY_ORDER', { ...g.at, table, row: spec.rowId }, { label: spec.label });
  }
}

/**
 * A row read under its label whose next row in the template is not found at all, a later row being found: its
 * values may be that row's, printed with its label lost, this row being printed as its label alone. Unless values
 * with no label follow it (the next row's, then), its cells are not read.
 */
function doubtBeforeMissing(specs: readonly RowSpec[], rows: RowsRead, ctx: ReadContext, table: TableId): void {
  const ordered = [...specs].sort((a, b) => a.order - b.order);
  for (let i = 0; i + 1 < ordered.length; i++) {
    const row = ordered[i]!;
    const next = ordered[i + 1]!;
    if (!rows.matched.has(row.rowId) || rows.matched.has(next.rowId) || rows.followed.has(row.rowId)) continue;
    // Where no later row is found either, the table ends here as printed (cut short), not a label lost inside it.
    if (!ordered.slice(i + 2).some((s) => rows.matched.has(s.rowId))) continue;
    const held = row.cellIds.filter((id) => id in ctx.cells);
    if (!held.length) continue;
    const at = rows.places.get(row.rowId) ?? {};
    for (const id of held) {
      delete ctx.cells[id];
      delete ctx.cellText[id];
    }
    ctx.inferred = ctx.inferred.filter((c) => !held.includes(c.cellId));
    markUnread(ctx, held, 'E_READINGS_DISAGREE', at);
    diag(
      ctx,
      'E_NEXT_ROW_MISSING',
      { ...at, table, row: row.rowId, cellId: held[0]! },
      {
        label: row.label,
        next: next.label,
        cells: held,
      },
    );
  }
}

/**
 * After the rows read under their labels, the rest of a table in the template's rows (`specs`): rows printed as
 * their label alone, values placed by the row order, rows settled by the table's checks, and rows whose next row is
 * lost. Returns the cells read. (Blank rows are read only where no value stands without a label, and rows are
 * placed by order only where some do: the two never act on the same table.)
 */
function finishRows(
  tokens: readonly Token[],
  start: number,
  end: number,
  specs: readonly RowSpec[],
  rows: RowsRead,
  formats: TableFormats,
  ctx: ReadContext,
  table: 't2' | 't3',
): number {
  const blank = readBlankRows(tokens, start, end, specs, rows, ctx, table);
  placeByOrder(specs, rows, ctx, table);
  const inTemplate = new Set(specs);
  const settled = resolvePending(
    rows.pending.filter((p) => inTemplate.has(p.spec)),
    formats,
    table,
    ctx,
  );
  doubtBeforeMissing(specs, rows, ctx, table);
  return blank + settled;
}

/** The checks of a table: its sum and equation rules and, for 表二, what the format implies within a row. */
function tableChecks(formats: TableFormats, table: TableId): CellCheck[] {
  const checks = ruleInstances(formats)
    .filter((i) => i.rule.table === table && (i.rule.kind === 'sum' || i.rule.kind === 'equation'))
    .map(identityCheck);
  if (table === 't2')
    for (const b of t2Blocks(formats.t2))
      for (const c of b.constraints ?? []) for (const r of b.rows) checks.push(constraintCheck(c, r.id));
  return checks;
}

/** One reading of a pending row, and where it comes from. */
interface Reading {
  values: (number | null)[];
  /** `split`: digits cut; `column`: values put in cells with vanished blanks. */
  how: 'split' | 'column';
  /** For `column`: the token in each cell (-1: a blank that vanished). */
  slots?: number[];
}

const isMark = (t: Token) => t.kind === 'blank' || (t.value !== undefined && t.value.value === null);
/** A value that can stand in one cell as printed: not a run of digits with a leading zero or too long for a count. */
const isPlainValue = (t: Token) => {
  if (isMark(t)) return true;
  if (t.value === undefined) return false;
  const d = t.text.trim();
  return !isDigitRun(d) || ((d.length === 1 || d[0] !== '0') && d.length <= MAX_PLAIN_DIGITS);
};

/** Every reading the print of a row allows, under the row's own checks. */
function rowReadings(p: Pending, checks: readonly CellCheck[], separated: boolean) {
  const ids = p.spec.cellIds;
  const n = ids.length;
  const splittable =
    p.tokens.some((t) => !isMark(t)) && p.tokens.every((t) => isMark(t) || (t.kind === 'value' && isDigitRun(t.text)));
  const placeable = separated && p.tokens.length < n && p.tokens.every(isPlainValue);
  const readings: Reading[] = [];
  let exhausted = false;
  if (splittable) {
    const s = splitRuns(
      p.tokens.map((t) => (isMark(t) ? null : t.text.trim())),
      ids,
      checks,
    );
    exhausted ||= s.exhausted;
    // Each blank of a cut is the next mark printed in the row.
    const marks = p.tokens.flatMap((t, i) => (isMark(t) ? [i] : []));
    for (const v of s.readings) {
      let m = 0;
      readings.push({ values: v, how: 'split', slots: v.map((x) => (x === null ? marks[m++]! : -1)) });
    }
  }
  if (placeable) {
    const s = placeValues(
      p.tokens.map((t) => t.value?.value ?? null),
      ids,
      checks,
    );
    exhausted ||= s.exhausted;
    for (const slots of s.slots)
      readings.push({
        values: slots.map((i) => (i < 0 ? null : (p.tokens[i]!.value?.value ?? null))),
        how: 'column',
        slots,
      });
  }
  // The same values from both readings are one reading.
  const seen = new Set<string>();
  const unique = readings.filter((r) => {
    const key = r.values.join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { readings: unique, splittable, placeable, exhausted };
}

/**
 * Settle rows whose values could not be placed one by one: every reading the print allows (digits cut, or
 * values put in their cells with the blanks that vanished), kept where the table's identities and 表二's own
 * constraints hold; a cell is read where every reading left agrees on it, else it is not read.
 */
function resolvePending(pending: Pending[], formats: TableFormats, table: TableId, ctx: ReadContext): number {
  if (!pending.length) return 0;
  const checks = tableChecks(formats, table);
  const identities = checks.filter((c) => c.kind === 'identity');
  const rows = pending.map((p) => {
    const ids = new Set(p.spec.cellIds);
    const own = checksOver(checks, ids);
    const r = rowReadings(p, own, ctx.separated);
    // Whether the row's own checks are identities, constraints, or nothing at all (to say how it was settled).
    const free = own.some((c) => c.kind === 'constraint')
      ? rowReadings(p, [], ctx.separated).readings.length
      : r.readings.length;
    return { p, ...r, free, checked: checksOver(identities, ids).length > 0 };
  });
  const settled = settleRows(
    rows.map((r) => ({ ids: r.p.spec.cellIds, readings: r.readings.map((x) => x.values) })),
    ctx.cells,
    checksOver(checks, new Set(pending.flatMap((p) => p.spec.cellIds))),
  );
  let read = 0;
  rows.forEach((row, r) => {
    const { p, readings } = row;
    const { spec, at, tokens } = p;
    const loc = { ...at, table, row: spec.rowId };
    const shown = tokens.map((t) => t.text.trim() || '（空）');
    const runs = shown;
    const n = spec.cellIds.length;
    if (!readings.length) {
      markUnread(ctx, spec.cellIds, row.splittable ? 'E_SPLIT_NONE' : 'E_ROW_INCOMPLETE', at);
      if (row.splittable)
        diag(ctx, 'E_SPLIT_NONE', loc, { label: spec.label, runs, tooMany: row.exhausted }, runs.join(' '));
      else
        diag(
          ctx,
          'E_ROW_INCOMPLETE',
          loc,
          { label: spec.label, expected: n, found: tokens.length, cells: n },
          shown.join(' '),
        );
      return;
    }
    const kept = settled.kept[r]!.map((k) => readings[k]!);
    const hows = new Set(kept.map((k) => k.how));
    const values = settled.cells[r]!;
    const open = spec.cellIds.filter((_, j) => values[j] === undefined);
    const how: 'split' | 'column' = hows.has('split') ? 'split' : 'column';
    const basis: SplitBasis =
      kept.length < readings.length
        ? 'table'
        : row.checked
          ? 'row'
          : row.free > readings.length
            ? 'constraint'
            : 'only';
    const derivedHow = basis === 'constraint' ? 'constraint' : how;
    spec.cellIds.forEach((id, j) => {
      const v = values[j];
      if (v === undefined) return;
      // The token a value was printed as, where every reading kept puts the same one here.
      const slot = kept.every((k) => k.slots && k.slots[j] === kept[0]!.slots![j]) ? kept[0]!.slots![j]! : -2;
      const tok = slot >= 0 ? tokens[slot] : undefined;
      const text: CellValueText =
        tok?.value && tok.value.value === v ? tok.value : { value: v, text: v === null ? '' : String(v), flags: [] };
      setCell(ctx, id, spec.kinds[j]!, text, tok?.at ?? at);
      read++;
      if (v === null) return;
      const plain = how === 'column' && basis === 'only' && tok !== undefined;
      if (!plain)
        markInferred(
          ctx,
          {
            cellId: id,
            value: ctx.cells[id]!,
            how: derivedHow,
            detail:
              how === 'split'
                ? `“${runs.join(' ')}”拆为 ${values.map((x) => (x === undefined ? '?' : x)).join('|')}（${SPLIT_BASIS_TEXT[basis]}）`
                : `“${shown.join(' ')}”中的数值按${SPLIT_BASIS_TEXT[basis]}对应到各栏，其余为空白`,
          },
          tok?.at ?? at,
        );
    });
    if (!open.length) {
      if (how === 'split')
        diag(
          ctx,
          'I_SPLIT_RECOVERED',
          loc,
          { label: spec.label, runs, split: values as (number | null)[], basis },
          runs.join(' '),
        );
      else diag(ctx, 'I_VALUES_PLACED', loc, { label: spec.label, values: shown, basis }, shown.join(' '));
      return;
    }
    const reason = hows.size > 1 ? 'E_READINGS_DISAGREE' : how === 'split' ? 'E_SPLIT_AMBIGUOUS' : 'E_ROW_INCOMPLETE';
    markUnread(ctx, open, reason, at);
    if (reason === 'E_READINGS_DISAGREE')
      diag(
        ctx,
        reason,
        loc,
        {
          label: spec.label,
          readings: kept.slice(0, 3).map((k) => k.values.map((x) => x ?? '空').join('|')),
          cells: open.length,
          width: n,
        },
        shown.join(' '),
      );
    else if (reason === 'E_SPLIT_AMBIGUOUS')
      diag(
        ctx,
        reason,
        loc,
        {
          label: spec.label,
          runs,
          ways: kept.length,
          checked: row.checked || row.free > readings.length,
          cells: open.length,
          width: n,
        },
        runs.join(' '),
      );
    else
      diag(
        ctx,
        reason,
        loc,
        { label: spec.label, expected: n, found: tokens.length, cells: open.length, ways: kept.length },
        shown.join(' '),
      );
  });
  return read;
}

export interface TableRead {
  version: TemplateVersion;
  decidedBy: 'labels' | 'rows' | 'default';
  found: boolean;
}

function uniqueLabelKeys(version: TemplateVersion): string[] {
  const keysOfVersion = (v: TemplateVersion) => {
    const s = new Set<string>();
    for (const b of t2Blocks(v)) {
      s.add(labelKey(b.caption));
      for (const c of b.columns) s.add(labelKey(stripParens(c.label)));
      for (const r of b.rows) s.add(labelKey(r.label));
    }
    return s;
  };
  const mine = keysOfVersion(version);
  const theirs = keysOfVersion(version === '2021' ? '2019' : '2021');
  return [...mine].filter((k) => k.length >= 4 && ![...theirs].some((t) => t.includes(k) || k.includes(t)));
}
const T2_SIGNALS = { '2019': uniqueLabelKeys('2019'), '2021': uniqueLabelKeys('2021') };

/** A context to read one table into, knowing whether its print separates values. */
function scratch(tokens: readonly Token[], start: number, end: number): ReadContext {
  return {
    cells: {},
    cellText: {},
    provenance: {},
    diagnostics: [],
    inferred: [],
    separated: valuesSeparated(tokens, start, end),
  };
}

function merge(into: ReadContext, from: ReadContext): void {
  Object.assign(into.cells, from.cells);
  Object.assign(into.cellText, from.cellText);
  Object.assign(into.provenance, from.provenance);
  into.diagnostics.push(...from.diagnostics);
  into.inferred.push(...from.inferred);
}

/** Table 2: the template is decided by the labels only one version has, else by the rows found. */
export function readTable2(
  tokens: readonly Token[],
  start: number,
  end: number,
  fallback: TemplateVersion,
  ctx: ReadContext,
): TableRead {
  const score = { '2019': 0, '2021': 0 };
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text') continue;
    for (const v of ['2019', '2021'] as const) for (const k of T2_SIGNALS[v]) if (t.key.includes(k)) score[v]++;
  }
  const decided = score['2019'] !== score['2021'];
  const versions = decided ? ([score['2019'] > score['2021'] ? '2019' : '2021'] as const) : (['2021', '2019'] as const);
  const tries = versions.map((v) => {
    const c = scratch(tokens, start, end);
    const specs = t2Specs(v);
    const rows = readRows(tokens, start, end, specs, c, 't2');
    const read = rows.cellsRead + finishRows(tokens, start, end, specs, rows, { t2: v, t3: '2021' }, c, 't2');
    return { v, c, read, rows: rows.matched.size };
  });
  let pick = tries.find((t) => t.v === fallback) ?? tries[0]!;
  let decidedBy: TableRead['decidedBy'] = 'default';
  if (decided) {
    pick = tries[0]!;
    decidedBy = 'labels';
  } else if (tries[0]!.read !== tries[1]!.read) {
    pick = tries[0]!.read > tries[1]!.read ? tries[0]! : tries[1]!;
    decidedBy = 'rows';
  }
  merge(ctx, pick.c);
  return { version: pick.v, decidedBy, found: pick.rows > 0 };
}

/** Table 3: rows of both templates are looked for; the （六） rows decide the template. */
export function readTable3(
  tokens: readonly Token[],
  start: number,
  end: number,
  fallback: TemplateVersion,
  ctx: ReadContext,
): TableRead {
  const c = scratch(tokens, start, end);
  const specs = t3Specs();
  // Some software adds a 法人或其他组织小计 column before 总计; it is not in the template.
  let subtotal = false;
  for (let i = start; i < end && !subtotal; i++)
    if (tokens[i]!.kind === 'text' && tokens[i]!.key.includes('小计')) subtotal = true;
  if (subtotal) {
    diag(c, 'I_T3_SUBTOTAL_COLUMN', { table: 't3' }, {});
  }
  const rows = readRows(tokens, start, end, specs, c, 't3', subtotal ? T3_COLUMNS.length - 1 : undefined);
  const only = (v: TemplateVersion) =>
    specs.filter((s) => s.versions.length === 1 && s.versions[0] === v && rows.matched.has(s.rowId));
  const has2021 = only('2021').length > 0;
  const has2019 = only('2019').length > 0;
  const version: TemplateVersion = has2021 ? '2021' : has2019 ? '2019' : fallback;
  const decidedBy: TableRead['decidedBy'] = has2021 || has2019 ? 'rows' : 'default';
  if (has2021 && has2019) {
    diag(c, 'W_T3_BOTH_TEMPLATES', { table: 't3' }, {});
  }
  const drop = new Set(specs.filter((s) => !s.versions.includes(version)).flatMap((s) => s.cellIds));
  for (const id of drop) {
    delete c.cells[id];
    delete c.cellText[id];
    delete c.provenance[id];
  }
  c.diagnostics = c.diagnostics.filter((d) => !d.location.cellId || !drop.has(d.location.cellId));
  const kept = specs.filter((s) => s.versions.includes(version));
  finishRows(tokens, start, end, kept, rows, { t2: '2021', t3: version }, c, 't3');
  merge(ctx, c);
  return { version, decidedBy, found: rows.matched.size > 0 };
}

const T4_LABEL_KEYS = [
  T4_REVIEW,
  T4_LITIGATION,
  ...T4_GROUPS.map((g) => g.label),
  ...T4_COLUMNS.map((c) => c.label),
].map(labelKey);

function isT4Header(key: string): boolean {
  if (!key) return true;
  if (T4_LABEL_KEYS.some((k) => k.includes(key))) return true;
  let rest = key;
  for (const k of T4_LABEL_KEYS) rest = rest.split(k).join('');
  return rest.length <= 2;
}

/** Table 4: one row of 15 values under header cells; collected in order after the headers. */
export function readTable4(tokens: readonly Token[], start: number, end: number, ctx: ReadContext): TableRead {
  const cells = tableLayout('t4', '2021').cells;
  const collect = (needHeader: boolean): Token[] => {
    const out: Token[] = [];
    let group: Token[] = [];
    let header = !needHeader;
    const close = () => {
      if (group.some((t) => t.kind === 'value')) out.push(...group);
      group = [];
    };
    for (let i = start; i < end; i++) {
      const t = tokens[i]!;
      if (t.kind === 'text') {
        close();
        const ok = isT4Header(t.key);
        if (out.length && !ok) break;
        if (ok) header = true;
        continue;
      }
      if (header) group.push(t);
    }
    close();
    return out;
  };
  let values = collect(true);
  if (!values.length) values = collect(false);
  if (!values.length) return { version: '2021', decidedBy: 'default', found: false };
  const at = values[0]!.at;
  const shown = values.map((t) => t.text.trim() || '（空）').join(' ');
  const n = cells.length;
  const row = dropInnerBlanks(trimBlanks(values, n), n);
  if (row.length > n) {
    // More values than cells: which of them are the table's, the print does not say.
    const ids = cells.map((c) => c.id);
    markUnread(ctx, ids, 'E_COLUMN_UNKNOWN', at);
    diag(ctx, 'E_COLUMN_UNKNOWN', { ...at, table: 't4', cellId: ids[0]! }, { label: '', value: shown }, shown);
    return { version: '2021', decidedBy: 'default', found: true };
  }
  if (row.length === n) {
    cells.forEach((c, i) => {
      putCell(ctx, c.id, c.kind, row[i]!);
    });
    unreadInRow(
      ctx,
      't4',
      '',
      cells.map((c) => c.id),
      row,
    );
    return { version: '2021', decidedBy: 'default', found: true };
  }
  if (row.some((t) => t.unread)) {
    // A cell there but unreadable in a short row: no reading may fill it or move values past it.
    markUnread(
      ctx,
      cells.map((c) => c.id),
      'E_ROW_INCOMPLETE',
      at,
    );
    diag(
      ctx,
      'E_ROW_INCOMPLETE',
      { ...at, table: 't4' },
      { label: '', expected: n, found: row.length, cells: n },
      shown,
    );
    return { version: '2021', decidedBy: 'default', found: true };
  }
  {
    const spec: RowSpec = {
      table: 't4',
      rowId: 'all',
      label: '',
      cellIds: cells.map((c) => c.id),
      columns: cells.map((c) => c.column),
      kinds: cells.map((c) => c.kind),
      keys: [],
      versions: ['2019', '2021'],
      order: 0,
    };
    const separated = valuesSeparated(row, 0, row.length);
    resolvePending([{ spec, tokens: row, at }], { t2: '2021', t3: '2021' }, 't4', { ...ctx, separated });
    return { version: '2021', decidedBy: 'default', found: true };
  }
}
