import { Parser } from 'htmlparser2';
import type { SourcePlace } from '../model/report.js';
import { type LayoutUnread, UNREAD_MARK, unreadMark } from './layout.js';
import { labelKey, toHalfWidth, trimAll } from './normalize.js';
import { type CellValueText, isRowNumber, readCellValue } from './values.js';

/** One piece of the source: words (a label or a sentence), a value, or an empty cell. */
export interface Token {
  kind: 'text' | 'value' | 'blank';
  text: string;
  /** Matching key of a text token (see labelKey). */
  key: string;
  /** 1-based line in the source. */
  line: number;
  /** Where it is in the source: the line, and for HTML/Word the table cell, for PDF the page and position. */
  at: SourcePlace;
  /** The token was a table cell of HTML or Markdown (not words of a sentence). */
  cell: boolean;
  value?: CellValueText;
  /** A cell of the table that is there but cannot be read (beyond the edge of the page, marked 未读取…): why. Not a blank. */
  unread?: TokenUnread;
}

/** Why a token is a cell not read: from the page's layout, or marked so in the source. */
export type TokenUnread = LayoutUnread | 'E_MARKED_UNREAD';

/** A line or block of running text, for the sections and the metadata. */
export interface SourceLine {
  text: string;
  line: number;
  /** Marked as a heading by the source (Markdown `#`, HTML `<h1>`…). */
  heading?: boolean;
}

export interface Tokenized {
  tokens: Token[];
  lines: SourceLine[];
  /** Lines dropped as page headers or footers. */
  pageMarks: number[];
  /** Text of <title>, where the source is HTML. */
  title?: string;
  /** HTML nested deeper than `MAX_HTML_DEPTH`: the page was not read (the parser's work grows with depth squared). */
  tooDeep?: number;
}

/** Deepest nesting of HTML elements read: published pages nest a few dozen deep; a thousand is not a page. */
export const MAX_HTML_DEPTH = 1000;

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** `- 5 -`, `— 12 —`, `第 3 页`, `第3页 共5页`, `3 / 5`: page numbers printed inside tables. */
export function isPageMark(line: string): boolean {
  if (line.length > 40) return false;
  const t = toHalfWidth(line).replace(/\s+/g, '');
  if (t.length === 0 || t.length > 14) return false;
  let i = 0;
  const dash = (c: string | undefined) => c === '-' || c === '—' || c === '–' || c === '－';
  if (dash(t[0])) {
    while (dash(t[i])) i++;
    const start = i;
    while (isDigit(t[i])) i++;
    if (i === start) return false;
    while (dash(t[i])) i++;
    return i === t.length && dash(t[t.length - 1]);
  }
  if (t[0] === '第') {
    i = 1;
    const s = i;
    while (isDigit(t[i])) i++;
    if (i === s || t[i] !== '页') return false;
    i++;
    if (i === t.length) return true;
    if (t[i] !== '共' && t[i] !== ',' && t[i] !== '，') return false;
    i++;
    if (t[i] === '共') i++;
    const s2 = i;
    while (isDigit(t[i])) i++;
    return i > s2 && t[i] === '页' && i + 1 === t.length;
  }
  return false;
}

function textToken(text: string, at: SourcePlace, cell: boolean): Token {
  return { kind: 'text', text, key: labelKey(text), line: at.line ?? 0, at, cell };
}

function valueToken(text: string, v: CellValueText, at: SourcePlace, cell: boolean): Token {
  const tok: Token = { kind: v.text === '' ? 'blank' : 'value', text, key: '', line: at.line ?? 0, at, cell, value: v };
  if (v.flags.includes('unreadMark')) tok.unread = 'E_MARKED_UNREAD';
  return tok;
}

/** A cell of a table: a value, an empty cell, or a label. */
export function cellToken(text: string, at: SourcePlace): Token {
  const v = readCellValue(text);
  return v ? valueToken(text, v, at, true) : textToken(trimAll(text), at, true);
}

/**
 * Split running words into labels and values. Digits stuck to words are values (`数量230` → 数量, 230),
 * except a row number stuck to the values before it (`00000002.其他…` → 0000000, 2.其他…).
 */
export function wordTokens(piece: string, at: SourcePlace, out: Token[]): void {
  // Words are cut where the half-width form (same length) has spaces, and kept as written.
  const half = toHalfWidth(piece);
  const words: string[] = [];
  let from = 0;
  for (let k = 0; k <= half.length; k++) {
    if (k === half.length || half[k] === ' ' || half[k] === '\t') {
      if (k > from) words.push(piece.slice(from, k));
      from = k + 1;
    }
  }
  words.forEach((w, n) => {
    const v = readCellValue(w);
    // `无` between two single characters of a letter-spaced label (申 请 人 无 正 当) is part of the label.
    if (v?.flags.includes('notStatedMark') && isSpacedChar(words[n - 1]) && isSpacedChar(words[n + 1])) {
      out.push(textToken(w, at, false));
      return;
    }
    if (v) {
      out.push(valueToken(w, v, at, false));
      return;
    }
    const start = out.length;
    let i = 0;
    while (i < w.length) {
      let j = i;
      if (isDigit(w[i])) {
        while (isDigit(w[j])) j++;
        if (w[j] === '.' && isDigit(w[j + 1])) {
          j++;
          while (isDigit(w[j])) j++;
        }
        const run = w.slice(i, j);
        const v = readCellValue(run);
        out.push(v ? valueToken(run, v, at, false) : textToken(run, at, false));
      } else {
        while (j < w.length && !isDigit(w[j])) j++;
        let run = w.slice(i, j);
        const prev = out.length > start ? out[out.length - 1] : undefined;
        if (
          (run[0] === '.' || run[0] === '、' || run[0] === '．') &&
          prev &&
          prev.kind === 'value' &&
          isDigit(prev.text[prev.text.length - 1])
        ) {
          // A row number (1–9) glued to the values before it.
          run = prev.text[prev.text.length - 1] + run;
          const left = prev.text.slice(0, -1);
          const lv = left ? readCellValue(left) : null;
          if (lv) out[out.length - 1] = valueToken(left, lv, at, false);
          else out.pop();
          const before = out.length > start ? out[out.length - 1] : undefined;
          if (before && before.kind === 'text') {
            out[out.length - 1] = textToken(before.text + run, at, false);
            i = j;
            continue;
          }
        }
        // A mark for a blank cell between digits (`000—000`) is a value of its own.
        const mark = readCellValue(run);
        if (mark?.flags.includes('notStatedMark')) out.push(valueToken(run, mark, at, false));
        else out.push(textToken(run, at, false));
      }
      i = j;
    }
  });
}

/** One CJK character standing alone, as in a letter-spaced label. */
const isSpacedChar = (w: string | undefined) => w !== undefined && w.length === 1 && w >= '\u3400' && w <= '\u9fff';

function splitLines(input: string): string[] {
  return input.split(/\r\n|\r|\n/);
}

/**
 * Plain text: text copied from a page or a Word document, or the text layer of a PDF. `places` (from
 * `layoutPages`) says where each tab-separated piece of each line is in the source.
 */
export function tokenizeText(input: string, places?: readonly (readonly SourcePlace[])[]): Tokenized {
  const tokens: Token[] = [];
  const lines: SourceLine[] = [];
  const pageMarks: number[] = [];
  splitLines(input).forEach((raw, idx) => {
    const line = idx + 1;
    const where = places?.[idx];
    const placeAt = (k: number): SourcePlace => {
      const p = where?.[k] ?? where?.[0];
      return p ? { line, ...p } : { line };
    };
    const trimmed = trimAll(raw);
    if (trimmed === '') {
      if (raw !== '') tokens.push(valueToken(raw, { value: null, text: '', flags: [] }, placeAt(0), false));
      return;
    }
    if (isPageMark(trimmed)) {
      pageMarks.push(line);
      return;
    }
    lines.push({ text: trimmed, line });
    // Pieces are counted in the raw line (a table row may start with an empty label).
    const pieces = (where ? raw : trimmed).split('\t');
    pieces.forEach((piece, k) => {
      const p = trimAll(piece);
      const mark = where && p.startsWith(UNREAD_MARK) ? unreadMark(p) : undefined;
      if (mark) {
        const cell = valueToken(mark.text, { value: null, text: '', flags: [] }, placeAt(k), false);
        tokens.push({ ...cell, unread: mark.reason });
        return;
      }
      if (p === '') {
        if (where && k === 0) return;
        tokens.push(valueToken(piece, { value: null, text: '', flags: [] }, placeAt(k), false));
      } else wordTokens(p, placeAt(k), tokens);
    });
  });
  return { tokens, lines, pageMarks };
}

function markdownCells(line: string): string[] | null {
  const t = trimAll(line);
  if (t[0] !== '|') return null;
  const parts = t.split('|');
  parts.shift();
  if (parts.length && trimAll(parts[parts.length - 1]!) === '') parts.pop();
  return parts;
}

function isSeparatorRow(cells: string[]): boolean {
  return (
    cells.length > 0 &&
    cells.every((c) => {
      const t = trimAll(c);
      if (t.length < 1) return false;
      for (const ch of t) if (ch !== '-' && ch !== ':') return false;
      return true;
    })
  );
}

/** Markdown: `#` headings, pipe tables (one token per cell), other lines as running text. */
export function tokenizeMarkdown(input: string): Tokenized {
  const tokens: Token[] = [];
  const lines: SourceLine[] = [];
  const pageMarks: number[] = [];
  splitLines(input).forEach((raw, idx) => {
    const line = idx + 1;
    const cells = markdownCells(raw);
    if (cells) {
      if (isSeparatorRow(cells)) return;
      for (const c of cells) tokens.push(cellToken(c, { line }));
      return;
    }
    let t = trimAll(raw);
    // A comment (`<!-- PAGE_BREAK -->` of converters) is not shown: no word of the report.
    if (t === '' || (t.startsWith('<!--') && t.endsWith('-->'))) return;
    if (isPageMark(t)) {
      pageMarks.push(line);
      return;
    }
    let heading = false;
    if (t[0] === '#') {
      let i = 0;
      while (t[i] === '#') i++;
      t = trimAll(t.slice(i));
      heading = true;
    } else if (t[0] === '>') t = trimAll(t.slice(1));
    t = t.replaceAll('**', '');
    if (!t) return;
    lines.push(heading ? { text: t, line, heading } : { text: t, line });
    wordTokens(t, { line }, tokens);
  });
  return { tokens, lines, pageMarks };
}

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'select',
  'button',
  'iframe',
  'object',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'tbody',
  'thead',
  'section',
  'article',
  'blockquote',
  'pre',
  'hr',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'dd',
  'dt',
  'dl',
  'center',
  'form',
  'body',
  'html',
  'caption',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Where a table row opens with a cell of its own before its label (a 序号 column: `1 | 一、本年新收… | 26 | …`, or
 * an empty cell), the index of that first cell: it is no value of any row. Rows of nested tables are not this row's.
 */
function rowNumberCell(tokens: readonly Token[], g: { table: number; row: number; start: number }): number | undefined {
  const own: number[] = [];
  for (let i = g.start; i < tokens.length && own.length < 2; i++) {
    const at = tokens[i]!.at;
    if (at.sourceTable === g.table && at.sourceRow === g.row) own.push(i);
  }
  if (own.length < 2) return undefined;
  const [first, second] = [tokens[own[0]!]!, tokens[own[1]!]!];
  if (second.kind !== 'text' || !second.key) return undefined;
  if (first.kind === 'blank') return own[0];
  return first.kind === 'value' && isRowNumber(first.value) ? own[0] : undefined;
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true } as const;
const isCellTag = (name: string) => name === 'td' || name === 'th';

/**
 * Table cells (by their order in the page) that hold a table or a heading: cells of a page laid out in a table,
 * whose content is the report's own flow of text and tables, not the value or label of one cell. Undefined where
 * the elements nest deeper than `MAX_HTML_DEPTH` (not a page: the parser's work would grow with depth squared).
 */
function layoutCells(input: string): Set<number> | undefined {
  const layout = new Set<number>();
  const open: number[] = [];
  let count = 0;
  let skipDepth = 0;
  let depth = 0;
  let tooDeep = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (++depth > MAX_HTML_DEPTH && !tooDeep) {
          tooDeep = true;
          parser.pause();
        }
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth) return;
        if (isCellTag(name)) open.push(count++);
        else if (name === 'table' || HEADINGS.has(name)) for (const c of open) layout.add(c);
      },
      onclosetag(name) {
        depth--;
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (!skipDepth && isCellTag(name)) open.pop();
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(input);
  if (tooDeep) return undefined;
  parser.end();
  return layout;
}

/**
 * HTML as published: table cells become tokens (rowspan/colspan need no expansion), blocks become lines. A cell
 * holding a table or a heading is layout (the whole report inside a table's cell): its content is read as the page's
 * flow of text and tables.
 */
export function tokenizeHtml(input: string): Tokenized {
  const layout = layoutCells(input);
  if (!layout) return { tokens: [], lines: [], pageMarks: [], tooDeep: MAX_HTML_DEPTH };
  let cellCount = 0;
  // Per open cell tag: whether it is a layout cell (read as flow) rather than a table cell.
  const openCells: boolean[] = [];
  const tokens: Token[] = [];
  const lines: SourceLine[] = [];
  const newlines: number[] = [];
  for (let i = input.indexOf('\n'); i !== -1; i = input.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  let skipDepth = 0;
  let inTitle = false;
  let title = '';
  const cells: { text: string; at: SourcePlace }[] = [];
  // Where a cell is: the n-th table of the page, its n-th row, the n-th cell of that row (as written).
  let tableCount = 0;
  // `start`: the number of tokens when the current row began.
  const grids: { table: number; row: number; column: number; start: number }[] = [];
  // Row numbers of a 序号 column, left out of the tokens.
  const numbers = new Set<number>();
  let block = '';
  let blockLine = 1;
  let blockHeading = false;
  let linkDepth = 0;
  let ownText = false;
  const flush = () => {
    const t = trimAll(block.replace(/\s+/g, ' '));
    if (t) {
      // A block of nothing but links is the page's navigation, not the report's text.
      if (ownText)
        lines.push(blockHeading ? { text: t, line: blockLine, heading: true } : { text: t, line: blockLine });
      if (!isPageMark(t)) wordTokens(t, { line: blockLine }, tokens);
    }
    block = '';
    blockHeading = false;
    ownText = false;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (name === 'a') linkDepth++;
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth) return;
        if (name === 'table') grids.push({ table: ++tableCount, row: 0, column: 0, start: tokens.length });
        else if (name === 'tr' && grids.length) {
          const g = grids[grids.length - 1]!;
          g.row++;
          g.column = 0;
          g.start = tokens.length;
        }
        if (isCellTag(name)) {
          const g = grids[grids.length - 1];
          if (g) g.column++;
          const isLayout = layout.has(cellCount++);
          openCells.push(isLayout);
          if (isLayout) {
            flush();
            blockLine = lineAt(parser.startIndex);
            return;
          }
          if (!cells.length) flush();
          const line = lineAt(parser.startIndex);
          cells.push({
            text: '',
            at: g ? { line, sourceTable: g.table, sourceRow: Math.max(1, g.row), sourceColumn: g.column } : { line },
          });
          return;
        }
        if (cells.length) {
          if (BLOCK.has(name)) cells[cells.length - 1]!.text += ' ';
          return;
        }
        if (BLOCK.has(name)) {
          flush();
          blockLine = lineAt(parser.startIndex);
          if (HEADINGS.has(name)) blockHeading = true;
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth) return;
        if (cells.length) cells[cells.length - 1]!.text += text;
        else {
          if (!trimAll(block)) blockLine = lineAt(parser.startIndex);
          block += text;
          if (!linkDepth && trimAll(text)) ownText = true;
        }
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'a') linkDepth = Math.max(0, linkDepth - 1);
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth) return;
        if (name === 'table') grids.pop();
        if (name === 'tr' && grids.length) {
          const g = grids[grids.length - 1]!;
          const own = rowNumberCell(tokens, g);
          if (own !== undefined) numbers.add(own);
        }
        if (isCellTag(name)) {
          if (openCells.pop()) {
            flush();
            return;
          }
          const c = cells.pop();
          if (c) tokens.push(cellToken(c.text.replace(/\s+/g, ' '), c.at));
          return;
        }
        if (!cells.length && BLOCK.has(name)) flush();
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(input);
  parser.end();
  while (cells.length) {
    const c = cells.pop()!;
    tokens.push(cellToken(c.text, c.at));
  }
  flush();
  const out: Tokenized = {
    tokens: numbers.size ? tokens.filter((_, i) => !numbers.has(i)) : tokens,
    lines,
    pageMarks: [],
  };
  const t = trimAll(title);
  if (t) out.title = t;
  return out;
}
