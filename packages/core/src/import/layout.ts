// Positioned text (a PDF's text layer) → lines of text whose table rows keep every value in its column.
import type { SourcePlace, UnreadReason } from '../model/report.js';
import { t2Blocks } from '../templates/table2.js';
import { T3_COLUMNS, T3_ROWS } from '../templates/table3.js';
import { T4_COLUMNS } from '../templates/table4.js';
import { type LayoutRule, type RuledCell, ruledCells } from './lattice.js';
import { labelKey, stripNumber, stripParens, unifyRadicals } from './normalize.js';
import { isRowNumber, readCellValue } from './values.js';

/** One piece of text on a page: its baseline's left end (points, from the top left), width and font size. */
export interface LayoutItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export type { LayoutRule } from './lattice.js';

/** The text items of one page, in any order, the straight lines it draws (table rules) and its width, if known. */
export interface LayoutPage {
  items: LayoutItem[];
  rules?: LayoutRule[];
  width?: number;
}

/** Lines of text (table rows as tab-separated cells, a blank cell empty) and where each cell is on its page. */
export interface LaidOut {
  text: string;
  /** Per line, per tab-separated piece: the place in the source. */
  places: SourcePlace[][];
}

/** Gap between two pieces of text, in font sizes, above which they are separate cells. */
const CELL_GAP = 0.3;
/**
 * Gap, in font sizes, below which two pieces touch: glyphs of one word drawn one by one (some producers write each
 * character as its own piece), joined whatever they are, as the same text drawn at once would be.
 */
const TOUCH_GAP = 0.1;
/** Header labels are short; a longer piece of text is a sentence or a row label. */
const MAX_HEADER_CHARS = 10;
/** A whole header cell of a ruled table (`本年收费金额（单位：万元）`) may be longer. */
const MAX_BOXED_HEADER_CHARS = 24;
/** How far (in font sizes) the lines of one header label may be apart. */
const STACK_GAP = 2.6;
/** How far (in font sizes) the labels of one header row may be apart vertically. */
const HEADER_BAND = 9;
/** Labels looked at around each candidate header label (bounds the work on a hostile file). */
const MAX_BAND = 200;

interface Cell {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
  /** A whole cell of a ruled table (its box, its text from every line inside). */
  boxed?: boolean;
}

interface Line {
  cells: Cell[];
  page: number;
  y: number;
}

const isValueText = (t: string) => {
  const v = readCellValue(t);
  return v !== null && v.text !== '';
};

/** Items on one baseline (within half a font size), left to right. */
function baselines<T extends LayoutItem>(items: readonly T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: T[][] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0]!.y - it.y) <= Math.max(2, 0.5 * Math.min(last[0]!.size, it.size))) last.push(it);
    else groups.push([it]);
  }
  for (const g of groups) g.sort((a, b) => a.x - b.x);
  return groups;
}

/** Lines of free text: pieces closer than CELL_GAP form one cell. */
function textLines(items: readonly LayoutItem[], page: number): Line[] {
  return baselines(items).map((g) => {
    const cells: Cell[] = [];
    for (const it of g) {
      const last = cells[cells.length - 1];
      // Values stay apart from the words before them (`数量 26` printed with a narrow gap is two cells); pieces
      // that touch are one (`96171` `.` `6`, `1` `.` `申请人…` drawn a character at a time).
      const gap = last ? it.x - last.x1 : Infinity;
      const joins =
        last &&
        gap <= CELL_GAP * it.size &&
        (gap <= TOUCH_GAP * it.size || isValueText(it.str.trim()) === isValueText(last.text.trim()));
      if (last && joins) {
        last.text += it.str;
        last.x1 = Math.max(last.x1, it.x + it.w);
      } else cells.push({ text: it.str, x0: it.x, x1: it.x + it.w, y: it.y, size: it.size, page });
    }
    for (const c of cells) c.text = c.text.trim();
    return { cells, page, y: g[0]!.y };
  });
}

const isDigitChar = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLatin = (ch: string | undefined) => ch !== undefined && /[0-9A-Za-z.,%]/.test(ch);

/** One printed line inside a ruled cell. */
interface BoxLine {
  text: string;
  /** Baseline. */
  y: number;
  size: number;
}

function boxLines(cell: RuledCell<LayoutItem>): BoxLine[] {
  const out: BoxLine[] = [];
  for (const g of baselines(cell.items)) {
    let text = '';
    let end = -Infinity;
    for (const it of g) {
      const spaced = text && it.x - end > CELL_GAP * it.size && isLatin(text[text.length - 1]) && isLatin(it.str[0]);
      text += spaced ? ` ${it.str}` : it.str;
      end = Math.max(end, it.x + it.w);
    }
    text = text.trim();
    if (text) out.push({ text, y: g[0]!.y, size: Math.max(...g.map((i) => i.size)) });
  }
  return out;
}

/**
 * The text of a ruled cell, its lines top to bottom. Digits continued on the next line are one number only where
 * a number printed on one line in a neighbouring cell of the row sits between the two lines (the cell's text is
 * centred on the row: a number wrapped in a narrow column); otherwise they stay apart and the cell is not a value.
 */
function boxedText(lines: readonly BoxLine[], wrapped: (top: number, bottom: number) => boolean): string {
  let out = '';
  lines.forEach((l, i) => {
    const a = out[out.length - 1];
    const b = l.text[0];
    if (!out) out = l.text;
    else if (isDigitChar(a) && isDigitChar(b)) out += wrapped(lines[i - 1]!.y, l.y) ? l.text : ` ${l.text}`;
    else out += isLatin(a) && isLatin(b) ? ` ${l.text}` : l.text;
  });
  return out;
}

/** The lines of one page: free text by baseline, and each row of a ruled table as one line of whole cells. */
function pageLines(page: LayoutPage, pageNo: number): Line[] {
  const items = page.items
    .map((i) => ({ ...i, str: unifyRadicals(i.str.replaceAll(UNREAD_MARK, '')) }))
    .filter((i) => i.str.trim() !== '');
  const { cells, free } = page.rules?.length ? ruledCells(page.rules, items) : { cells: [], free: items };
  const lines = textLines(free, pageNo);
  const rows = new Map<string, { cell: RuledCell<LayoutItem>; lines: BoxLine[] }[]>();
  for (const c of cells) {
    const ls = boxLines(c);
    if (!ls.length) continue;
    const key = `${c.table}:${c.row}`;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push({ cell: c, lines: ls });
  }
  for (const row of rows.values()) {
    // Baselines of numbers printed on one line in this row.
    const single = row.filter((r) => r.lines.length === 1 && isValueText(r.lines[0]!.text)).map((r) => r.lines[0]!);
    const wrapped = (top: number, bottom: number) =>
      single.some((l) => l.y > top + 0.25 * l.size && l.y < bottom - 0.25 * l.size);
    const out: Cell[] = row.map(({ cell, lines: ls }) => {
      const sizes = ls.map((l) => l.size).sort((p, q) => p - q);
      const size = sizes[sizes.length >> 1]!;
      return { text: boxedText(ls, wrapped), x0: cell.x0, x1: cell.x1, y: cell.y0, size, page: pageNo, boxed: true };
    });
    out.sort((p, q) => p.x0 - q.x0);
    lines.push({ cells: out, page: pageNo, y: row[0]!.cell.y0 });
  }
  return lines.sort((p, q) => p.y - q.y);
}

/** A header label as printed, possibly over several lines of one cell. */
interface Stack {
  key: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  page: number;
  size: number;
  /** Index of its last line in the document's lines. */
  line: number;
}

/**
 * Short pieces stacked in one cell (`社会` / `公益` / `组织`) joined top to bottom: every run of consecutive
 * pieces in a column is a candidate label (so a group label above a column does not hide the column's own).
 */
function headerStacks(lines: readonly Line[]): Stack[] {
  const stacks: Stack[] = [];
  let open: Stack[] = [];
  // Labels of the last ruled row put out, and whether a ruled row has been seen on the current page.
  let lastRuled: { page: number; stacks: Stack[] } | undefined;
  let ruledPage = 0;
  lines.forEach((line, li) => {
    open = open.filter((s) => s.page === line.page && line.y - s.bottom <= STACK_GAP * s.size);
    const ruled = line.cells.some((c) => c.boxed);
    // The first ruled row of a page may continue cells that a page break cut (`结` | `果维持`).
    const carried = ruled && ruledPage !== line.page && lastRuled?.page === line.page - 1 ? lastRuled.stacks : [];
    const next: Stack[] = [];
    const extended = new Set<Stack>();
    for (const c of line.cells) {
      const key = labelKey(c.text);
      if (!key || key.length > (c.boxed ? MAX_BOXED_HEADER_CHARS : MAX_HEADER_CHARS) || isValueText(c.text)) continue;
      const mid = (c.x0 + c.x1) / 2;
      const own: Stack = { key, x0: c.x0, x1: c.x1, top: c.y, bottom: c.y, page: c.page, size: c.size, line: li };
      next.push(own);
      if (c.boxed)
        for (const s of carried)
          if (Math.abs(s.x0 - c.x0) <= 1 && Math.abs(s.x1 - c.x1) <= 1)
            next.push({ ...s, key: s.key + key, bottom: c.y, line: li });
      // Lines of one label start or centre together and are about as wide.
      for (const s of open) {
        if (s.line === li || s.key.length + key.length > 2 * MAX_HEADER_CHARS) continue;
        const aligned = Math.abs(s.x0 - c.x0) <= c.size || Math.abs((s.x0 + s.x1) / 2 - mid) <= c.size;
        if (!aligned || Math.abs(s.x1 - s.x0 - (c.x1 - c.x0)) > 3 * c.size) continue;
        extended.add(s);
        next.push({
          ...s,
          key: s.key + key,
          x0: Math.min(s.x0, c.x0),
          x1: Math.max(s.x1, c.x1),
          bottom: c.y,
          line: li,
        });
      }
    }
    stacks.push(...next);
    open = open.filter((s) => !extended.has(s)).concat(next);
    if (ruled) {
      lastRuled = { page: line.page, stacks: next };
      ruledPage = line.page;
    }
  });
  return stacks;
}

/** The value columns of a table: left and right bounds of each, between the label column and the table's right edge. */
interface Model {
  bounds: [number, number][];
  /** Line index of the header's last line: the model applies below it. */
  from: number;
  /** Columns of the header beyond the right edge of the page (a table wider than the paper): not printed. */
  cut: number;
}

/**
 * Starts a piece put out for a cell that is in the table but cannot be read, followed by the reason
 * (`UnreadReason`): a cell beyond the edge of the page, a row whose values do not sit in the columns.
 * tokenizeText turns such a piece into a cell not read, never into a value or a blank.
 */
export const UNREAD_MARK = '\uFFFC';
/** Why layoutPages puts out a cell as not readable. */
export type LayoutUnread = Extract<UnreadReason, 'E_NOT_PRINTED' | 'E_COLUMN_UNKNOWN'>;
const LAYOUT_UNREAD: readonly LayoutUnread[] = ['E_NOT_PRINTED', 'E_COLUMN_UNKNOWN'];
/** The piece for a cell not readable: the mark, the reason, and the text printed there (if any). */
const markPiece = (reason: LayoutUnread, text = '') => `${UNREAD_MARK}${reason}:${text}`;
const NOT_PRINTED = markPiece('E_NOT_PRINTED');
const isMark = (piece: string) => piece.startsWith(UNREAD_MARK);

/** A piece put out by markPiece, read back (undefined for any other text). */
export function unreadMark(piece: string): { reason: LayoutUnread; text: string } | undefined {
  if (!isMark(piece)) return undefined;
  const colon = piece.indexOf(':');
  const reason = LAYOUT_UNREAD.find((r) => r === piece.slice(UNREAD_MARK.length, colon));
  return reason && colon > 0 ? { reason, text: piece.slice(colon + 1) } : undefined;
}
/** Columns a table cut at the page edge must still show for its header to be recognised. */
const MIN_SHOWN = 3;

const keySet = (labels: readonly string[]) => labels.map((l) => new Set([labelKey(l), labelKey(stripParens(l))]));

/** Header rows of the official tables, each as its columns' labels, left to right. */
const HEADERS: Set<string>[][] = (() => {
  const out: Set<string>[][] = [keySet(T3_COLUMNS.map((c) => c.label))];
  out.push(keySet([...T4_COLUMNS, ...T4_COLUMNS, ...T4_COLUMNS].map((c) => c.label)));
  const seen = new Set<string>();
  for (const v of ['2019', '2021'] as const)
    for (const b of t2Blocks(v)) {
      const labels = b.columns.map((c) => c.label);
      if (seen.has(labels.join('|'))) continue;
      seen.add(labels.join('|'));
      out.push(keySet(labels));
    }
  // Longest first: a header that is the start of another (上一年项目数量 / 本年增/减) is tried last.
  return out.sort((a, b) => b.length - a.length);
})();

/** Matching keys of every row label of 表二 and 表三 (with and without number and note). */
const ROW_KEYS: string[] = (() => {
  const labels = T3_ROWS.map((r) => r.label);
  for (const v of ['2019', '2021'] as const) for (const b of t2Blocks(v)) for (const r of b.rows) labels.push(r.label);
  const keys = new Set<string>();
  for (const l of labels)
    for (const t of [l, stripNumber(l), stripParens(l), stripParens(stripNumber(l))])
      if (labelKey(t).length >= 2) keys.add(labelKey(t));
  return [...keys];
})();

/** Whether words end with a whole row label. */
const endsWithRowLabel = (words: string) => {
  const key = labelKey(words);
  return ROW_KEYS.some((k) => key.endsWith(k));
};

/** Where the stacks name every column of a header in order left to right, the columns' bounds. */
function findModels(stacks: readonly Stack[], lineCount: number, widths: readonly (number | undefined)[]): Model[] {
  const models: Model[] = [];
  const wanted = new Set<string>();
  for (const h of HEADERS) for (const s of h) for (const k of s) wanted.add(k);
  const candidates = stacks.filter((s) => wanted.has(s.key));
  let i = 0;
  while (i < candidates.length) {
    const first = candidates[i]!;
    // The header band: labels near the first one on its page, else also at the top of the next page.
    const near = (s: Stack) => s.page === first.page && Math.abs(s.top - first.top) <= HEADER_BAND * first.size;
    const next = (s: Stack) => s.page === first.page + 1 && s.top <= 4 * HEADER_BAND * first.size;
    const window = candidates.slice(Math.max(0, i - MAX_BAND), i + MAX_BAND);
    let found: Model | undefined;
    const bands = [window.filter(near), window.filter((s) => near(s) || next(s))];
    // Whole headers first; then a header whose last columns run off the right edge of the page.
    for (const clipped of [false, true]) {
      for (const band of bands) {
        for (const header of HEADERS) {
          const picked = pickHeader(band, header, clipped ? widths : undefined);
          if (picked) {
            const from = Math.max(...picked.map((s) => s.line));
            found = { bounds: boundsOf(picked), from, cut: header.length - picked.length };
            break;
          }
        }
        if (found) break;
      }
      if (found) break;
    }
    if (found && found.from < lineCount) {
      models.push(found);
      const last = found.from;
      i++;
      while (i < candidates.length && candidates[i]!.line <= last) i++;
    } else i++;
  }
  return models.sort((a, b) => a.from - b.from);
}

/**
 * One stack per column, left to right without overlap, naming the header's columns in order. With the pages'
 * widths, the first columns suffice where the last of them reaches the page's right edge (the rest is cut off).
 */
function pickHeader(
  band: readonly Stack[],
  header: readonly Set<string>[],
  widths?: readonly (number | undefined)[],
): Stack[] | undefined {
  const byX = [...band].sort((a, b) => a.x0 - b.x0 || b.key.length - a.key.length);
  const out: Stack[] = [];
  let k = 0;
  for (const s of byX) {
    if (k === header.length) break;
    if (!header[k]!.has(s.key)) continue;
    const prev = out[out.length - 1];
    if (prev && s.x0 < prev.x1 - 1) continue;
    out.push(s);
    k++;
  }
  if (k === header.length) return out;
  if (!widths || k < MIN_SHOWN || header.length < 2 * MIN_SHOWN) return undefined;
  const last = out[k - 1]!;
  const width = widths[last.page - 1];
  return width !== undefined && last.x1 >= width - 1 ? out : undefined;
}

/** Column bounds: halfway across the gaps between neighbouring labels; the outer ones as wide again. */
function boundsOf(stacks: readonly Stack[]): [number, number][] {
  const cuts: number[] = [];
  for (let i = 1; i < stacks.length; i++) cuts.push((stacks[i - 1]!.x1 + stacks[i]!.x0) / 2);
  const size = stacks[0]!.size;
  const pad = cuts.length ? Math.max(size, (cuts[0]! - stacks[0]!.x1) * 1.2) : 2 * size;
  const left = stacks[0]!.x0 - pad;
  const padRight = cuts.length
    ? Math.max(size, (stacks[stacks.length - 1]!.x0 - cuts[cuts.length - 1]!) * 1.2)
    : 2 * size;
  const right = stacks[stacks.length - 1]!.x1 + padRight;
  const edges = [left, ...cuts, right];
  return stacks.map((_, i) => [edges[i]!, edges[i + 1]!]);
}

const placeOf = (c: Cell, x = c.x0): SourcePlace => ({ page: c.page, x: Math.round(x), y: Math.round(c.y) });

const cutPieces = (model: Model) => Array.from({ length: model.cut }, () => NOT_PRINTED);

/**
 * The cells of a line without the row number printed before its label (a 序号 column: `1  一、本年新收…  80 …`):
 * the number is no value of the row, and no value left of the columns either.
 */
function withoutRowNumber(cells: readonly Cell[]): readonly Cell[] {
  if (cells.length < 2) return cells;
  const [first, second] = [cells[0]!, cells[1]!];
  return isRowNumber(readCellValue(first.text)) && labelKey(second.text) !== '' && !isValueText(second.text)
    ? cells.slice(1)
    : cells;
}

/** A table row under a header: the label, then one piece per column (empty where the cell is blank). */
function slotLine(line: Line, model: Model): { pieces: string[]; places: SourcePlace[] } | undefined {
  const left = model.bounds[0]![0];
  const right = model.bounds[model.bounds.length - 1]![1];
  const cells = withoutRowNumber(line.cells);
  const label = cells.filter((c) => (c.x0 + c.x1) / 2 < left);
  const values = cells.filter((c) => (c.x0 + c.x1) / 2 >= left);
  // Values left of the columns: another table's row, not this one's.
  if (label.some((c) => isValueText(c.text))) return undefined;
  if (!values.length) return undefined;
  const slots: (Cell | undefined)[] = model.bounds.map(() => undefined);
  for (const c of values) {
    const mid = (c.x0 + c.x1) / 2;
    // A sentence across the columns, or text in a value column: not a row of values.
    if (!isValueText(c.text) || mid > right || c.x1 - c.x0 > 2 * (right - left)) return undefined;
    const col = model.bounds.findIndex(([a, b]) => mid >= a && mid < b);
    if (col < 0) return undefined;
    const had = slots[col];
    if (had) return undefined;
    slots[col] = c;
  }
  const first = cells[0]!;
  const labelText = label.map((c) => c.text).join(' ');
  const pieces = [labelText, ...slots.map((c) => c?.text ?? ''), ...cutPieces(model)];
  const places = [
    label.length ? placeOf(label[0]!) : placeOf(first, left),
    ...slots.map((c, i) => (c ? placeOf(c) : placeOf(first, (model.bounds[i]![0] + model.bounds[i]![1]) / 2))),
    ...cutPieces(model).map(() => placeOf(first, right)),
  ];
  return { pieces, places };
}

/**
 * Lines of text from positioned text, page by page, top to bottom: a table row under a recognised header of the
 * official tables comes out as its label and one tab-separated piece per column, a blank cell as an empty piece,
 * so a row with blank cells keeps each value in its column. Other lines come out as their cells joined by spaces.
 */
export function layoutPages(pages: readonly LayoutPage[]): LaidOut {
  const lines: Line[] = [];
  pages.forEach((p, i) => {
    lines.push(...pageLines(p, i + 1));
  });
  const models = findModels(
    headerStacks(lines),
    lines.length,
    pages.map((p) => p.width),
  );
  const out: string[] = [];
  const places: SourcePlace[][] = [];
  let m = -1;
  const slottedLines: ({ pieces: string[]; places: SourcePlace[] } | undefined)[] = [];
  const modelOf: number[] = [];
  lines.forEach((line, li) => {
    while (m + 1 < models.length && models[m + 1]!.from < li) m++;
    modelOf.push(m);
    slottedLines.push(m >= 0 ? slotLine(line, models[m]!) : undefined);
  });
  // A row label alone under a header, between two rows that are not its wrapped values: a row left blank.
  const valuesOnly = (k: number) => slottedLines[k] !== undefined && slottedLines[k]!.pieces[0] === '';
  // The last ruled row put out, and whether it held values.
  let lastRow: { line: number; out: number; values: boolean } | undefined;
  /** Where line li is the first ruled row of its page and the last one put out ended the page before. */
  const cutRow = (li: number): number | undefined => {
    const line = lines[li]!;
    if (!lastRow?.values || !line.cells.every((c) => c.boxed)) return undefined;
    const prev = lines[lastRow.line]!;
    if (prev.page !== line.page - 1) return undefined;
    for (let k = lastRow.line + 1; k < li; k++) if (lines[k]!.cells.some((c) => c.boxed)) return undefined;
    return lastRow.out;
  };
  lines.forEach((line, li) => {
    const model = models[modelOf[li]!];
    let slotted = slottedLines[li];
    // A ruled row is whole: its cells under the columns are empty, whatever the rows around it hold.
    const boxed = line.cells.every((c) => c.boxed);
    if (!slotted && model && li > model.from && (boxed || (!valuesOnly(li - 1) && !valuesOnly(li + 1)))) {
      const left = model.bounds[0]![0];
      const cells = withoutRowNumber(line.cells);
      const labelOnly = cells.every((c) => (c.boxed ? (c.x0 + c.x1) / 2 : c.x1) < left && !isValueText(c.text));
      const shortLabel = cells.map((c) => c.text).join('').length <= 60;
      if (labelOnly && shortLabel)
        slotted = {
          pieces: [cells.map((c) => c.text).join(' '), ...model.bounds.map(() => ''), ...cutPieces(model)],
          places: [
            placeOf(cells[0]!),
            ...model.bounds.map(([a, b]) => placeOf(cells[0]!, (a + b) / 2)),
            ...cutPieces(model).map(() => placeOf(cells[0]!, model.bounds[model.bounds.length - 1]![1])),
          ],
        };
    }
    // Values under the columns that could not be placed in them (two in one column, a cell holding two
    // numbers): the row is there but not read, rather than its values read in the wrong columns.
    if (!slotted && model && li > model.from) {
      const left = model.bounds[0]![0];
      const right = model.bounds[model.bounds.length - 1]![1];
      const mid = (c: Cell) => (c.x0 + c.x1) / 2;
      const cells = withoutRowNumber(line.cells);
      const label = cells.filter((c) => mid(c) < left);
      const inColumns = cells.filter((c) => mid(c) >= left);
      // Only inside this table's columns (values further right belong to another table).
      const inside = inColumns.every((c) => mid(c) <= right && (isValueText(c.text) || c.boxed));
      if (!label.some((c) => isValueText(c.text)) && inColumns.some((c) => /\d/.test(c.text)))
        if (inside)
          slotted = {
            pieces: [
              label.map((c) => c.text).join(' '),
              ...model.bounds.map(([a, b]) =>
                markPiece(
                  'E_COLUMN_UNKNOWN',
                  inColumns
                    .filter((c) => mid(c) >= a && mid(c) < b)
                    .map((c) => c.text)
                    .join(' '),
                ),
              ),
              ...cutPieces(model),
            ],
            places: [
              placeOf(line.cells[0]!),
              ...model.bounds.map(([a, b]) => placeOf(line.cells[0]!, (a + b) / 2)),
              ...cutPieces(model).map(() => placeOf(line.cells[0]!, model.bounds[model.bounds.length - 1]![1])),
            ],
          };
    }
    // A row number alone on its line, left of the columns (a 序号 column beside a label wrapped over two lines).
    const only = line.cells.length === 1 ? line.cells[0]! : undefined;
    if (
      !slotted &&
      model &&
      li > model.from &&
      only &&
      isRowNumber(readCellValue(only.text)) &&
      only.x1 < model.bounds[0]![0]
    ) {
      out.push('');
      places.push([]);
      return;
    }
    // A row broken by a page break: the rest of its label heads the next page, its cells there empty.
    const cut = cutRow(li);
    if (slotted && cut !== undefined && slotted.pieces.slice(1).every((p) => p === '' || p === NOT_PRINTED)) {
      const [label, ...rest] = out[cut]!.split('\t');
      const joined = `${label} ${slotted.pieces[0]}`;
      if (!endsWithRowLabel(label!) && endsWithRowLabel(joined)) {
        out[cut] = [joined, ...rest].join('\t');
        out.push('');
        places.push([]);
        return;
      }
    }
    if (slotted) {
      out.push(slotted.pieces.join('\t'));
      places.push(slotted.places);
      const values = slotted.pieces.slice(1).some((p) => p !== '' && !isMark(p));
      if (boxed) lastRow = { line: li, out: out.length - 1, values };
    } else {
      out.push(line.cells.map((c) => c.text).join(' '));
      places.push([placeOf(line.cells[0]!)]);
    }
  });
  return { text: out.join('\n'), places };
}
