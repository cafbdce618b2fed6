// Positioned text (a PDF's text layer) → lines of text whose table rows keep every value in its column.
import type { SourcePlace } from '../model/report.js';
import { t2Blocks } from '../templates/table2.js';
import { T3_COLUMNS } from '../templates/table3.js';
import { T4_COLUMNS } from '../templates/table4.js';
import { labelKey, stripParens } from './normalize.js';
import { readCellValue } from './values.js';

/** One piece of text on a page: its baseline's left end (points, from the top left), width and font size. */
export interface LayoutItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** The text items of one page, in any order. */
export interface LayoutPage {
  items: LayoutItem[];
}

/** Lines of text (table rows as tab-separated cells, a blank cell empty) and where each cell is on its page. */
export interface LaidOut {
  text: string;
  /** Per line, per tab-separated piece: the place in the source. */
  places: SourcePlace[][];
}

/** Gap between two pieces of text, in font sizes, above which they are separate cells. */
const CELL_GAP = 0.3;
/** Header labels are short; a longer piece of text is a sentence or a row label. */
const MAX_HEADER_CHARS = 10;
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
}

interface Line {
  cells: Cell[];
  page: number;
  y: number;
}

/** Kangxi radicals (⼀ ⼈ ⾃ …) that some PDF fonts map their CJK glyphs to: the ideographs they stand for. */
function unifyRadicals(s: string): string {
  let out = '';
  let changed = false;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x2f00 && c <= 0x2fd5) || (c >= 0x2e80 && c <= 0x2ef3)) {
      out += ch.normalize('NFKC');
      changed = true;
    } else out += ch;
  }
  return changed ? out : s;
}

const isValueText = (t: string) => {
  const v = readCellValue(t);
  return v !== null && v.text !== '';
};

/** Items on one baseline (within half a font size) form a line; pieces closer than CELL_GAP form one cell. */
function pageLines(items: readonly LayoutItem[], page: number): Line[] {
  const sorted = items
    .filter((i) => i.str.trim() !== '')
    .map((i) => ({ ...i, str: unifyRadicals(i.str) }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: LayoutItem[][] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0]!.y - it.y) <= Math.max(2, 0.5 * Math.min(last[0]!.size, it.size))) last.push(it);
    else groups.push([it]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    const cells: Cell[] = [];
    for (const it of g) {
      const last = cells[cells.length - 1];
      // Values stay apart from the words before them (`数量 26` printed with a narrow gap is two cells).
      const joins =
        last && it.x - last.x1 <= CELL_GAP * it.size && !(isValueText(it.str.trim()) !== isValueText(last.text.trim()));
      if (last && joins) {
        last.text += it.str;
        last.x1 = Math.max(last.x1, it.x + it.w);
      } else cells.push({ text: it.str, x0: it.x, x1: it.x + it.w, y: it.y, size: it.size, page });
    }
    for (const c of cells) c.text = c.text.trim();
    return { cells, page, y: g[0]!.y };
  });
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
  lines.forEach((line, li) => {
    open = open.filter((s) => s.page === line.page && line.y - s.bottom <= STACK_GAP * s.size);
    const next: Stack[] = [];
    const extended = new Set<Stack>();
    for (const c of line.cells) {
      const key = labelKey(c.text);
      if (!key || key.length > MAX_HEADER_CHARS || isValueText(c.text)) continue;
      const mid = (c.x0 + c.x1) / 2;
      const own: Stack = { key, x0: c.x0, x1: c.x1, top: c.y, bottom: c.y, page: c.page, size: c.size, line: li };
      next.push(own);
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
  });
  return stacks;
}

/** The value columns of a table: left and right bounds of each, between the label column and the table's right edge. */
interface Model {
  bounds: [number, number][];
  /** Line index of the header's last line: the model applies below it. */
  from: number;
}

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

/** Where the stacks name every column of a header in order left to right, the columns' bounds. */
function findModels(stacks: readonly Stack[], lineCount: number): Model[] {
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
    for (const band of [window.filter(near), window.filter((s) => near(s) || next(s))]) {
      for (const header of HEADERS) {
        const picked = pickHeader(band, header);
        if (picked) {
          found = { bounds: boundsOf(picked), from: Math.max(...picked.map((s) => s.line)) };
          break;
        }
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

/** One stack per column, left to right without overlap, naming the header's columns in order. */
function pickHeader(band: readonly Stack[], header: readonly Set<string>[]): Stack[] | undefined {
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
  return k === header.length ? out : undefined;
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

/** A table row under a header: the label, then one piece per column (empty where the cell is blank). */
function slotLine(line: Line, model: Model): { pieces: string[]; places: SourcePlace[] } | undefined {
  const left = model.bounds[0]![0];
  const right = model.bounds[model.bounds.length - 1]![1];
  const label = line.cells.filter((c) => (c.x0 + c.x1) / 2 < left);
  const values = line.cells.filter((c) => (c.x0 + c.x1) / 2 >= left);
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
  const first = line.cells[0]!;
  const labelText = label.map((c) => c.text).join(' ');
  const pieces = [labelText, ...slots.map((c) => c?.text ?? '')];
  const places = [
    label.length ? placeOf(label[0]!) : placeOf(first, left),
    ...slots.map((c, i) => (c ? placeOf(c) : placeOf(first, (model.bounds[i]![0] + model.bounds[i]![1]) / 2))),
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
    lines.push(...pageLines(p.items, i + 1));
  });
  const models = findModels(headerStacks(lines), lines.length);
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
  lines.forEach((line, li) => {
    const model = models[modelOf[li]!];
    let slotted = slottedLines[li];
    if (!slotted && model && li > model.from && !valuesOnly(li - 1) && !valuesOnly(li + 1)) {
      const left = model.bounds[0]![0];
      const labelOnly = line.cells.every((c) => c.x1 < left && !isValueText(c.text));
      const shortLabel = line.cells.map((c) => c.text).join('').length <= 60;
      if (labelOnly && shortLabel)
        slotted = {
          pieces: [line.cells.map((c) => c.text).join(' '), ...model.bounds.map(() => '')],
          places: [placeOf(line.cells[0]!), ...model.bounds.map(([a, b]) => placeOf(line.cells[0]!, (a + b) / 2))],
        };
    }
    if (slotted) {
      out.push(slotted.pieces.join('\t'));
      places.push(slotted.places);
    } else {
      out.push(line.cells.map((c) => c.text).join(' '));
      places.push([placeOf(line.cells[0]!)]);
    }
  });
  return { text: out.join('\n'), places };
}
