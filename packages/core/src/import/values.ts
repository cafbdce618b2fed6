import { UNREAD_CELL_MARK } from '../model/provenance.js';
import { toHalfWidth, trimAll } from './normalize.js';

/** What was unusual about a value as written (each gives a diagnostic). */
export type ValueFlag =
  | 'percent'
  | 'annotation'
  | 'yuan'
  | 'wanYuan'
  | 'countUnit'
  | 'signed'
  | 'notStatedMark'
  | 'unreadMark'
  | 'thousands';

/**
 * A cell's text read as a value: the number (or null for not stated) plus what was odd about it. With flag
 * `unreadMark` the value is null because the source marks the cell as not read (`UNREAD_CELL_MARK`): unknown,
 * never a blank.
 */
export interface CellValueText {
  value: number | null;
  text: string;
  flags: ValueFlag[];
}

const NOT_STATED = new Set([
  '-',
  '--',
  '---',
  '—',
  '——',
  '–',
  '―',
  '－',
  '/',
  '／',
  // A slash as PDF text layers give it back (Chromium prints ／ with a glyph mapped to ∕).
  '∕',
  '⁄',
  '\\',
  '无',
  '無',
  '空',
  '暂无',
  '/ ',
  'N/A',
  'n/a',
]);
const COUNT_UNITS = new Set(['件', '个', '项', '条', '次', '宗', '人']);
const MAX_VALUE_CHARS = 48;

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Largest row number of a 序号 column. */
const MAX_ROW_NUMBER = 999;

/** A whole number from 1 to 999 printed as nothing else: the row number of a 序号 column, no value of the row. */
export function isRowNumber(v: CellValueText | null | undefined): boolean {
  return (
    v !== null &&
    v !== undefined &&
    v.flags.length === 0 &&
    v.value !== null &&
    Number.isInteger(v.value) &&
    v.value >= 1 &&
    v.value <= MAX_ROW_NUMBER
  );
}

/**
 * Read the text of one table cell. Returns null when the text is not a value at all (a label, a
 * sentence); blank and marks such as `—`, `/`, `无` give value null (not stated), `未读取` value null with
 * flag `unreadMark` (not read).
 */
export function readCellValue(raw: string): CellValueText | null {
  const text = trimAll(raw);
  if (text === '') return { value: null, text: '', flags: [] };
  if (text.length > MAX_VALUE_CHARS) return null;
  if (NOT_STATED.has(text)) return { value: null, text, flags: ['notStatedMark'] };
  if (text === UNREAD_CELL_MARK) return { value: null, text, flags: ['unreadMark'] };
  const t = toHalfWidth(text);
  const flags: ValueFlag[] = [];
  let i = 0;
  let sign = 1;
  if (t[0] === '+' || t[0] === '-') {
    if (t[0] === '-') sign = -1;
    flags.push('signed');
    i = 1;
    while (t[i] === ' ') i++;
  }
  let digits = '';
  while (i < t.length) {
    const ch = t[i]!;
    if (isDigit(ch)) digits += ch;
    else if (
      ch === ',' &&
      digits.length > 0 &&
      isDigit(t[i + 1]) &&
      isDigit(t[i + 2]) &&
      isDigit(t[i + 3]) &&
      !isDigit(t[i + 4])
    ) {
      if (!flags.includes('thousands')) flags.push('thousands');
    } else break;
    i++;
  }
  if (digits === '') return null;
  if (t[i] === '.' && isDigit(t[i + 1])) {
    digits += '.';
    i++;
    while (isDigit(t[i])) digits += t[i++]!;
  }
  const rest = trimAll(t.slice(i));
  let value = sign * Number(digits);
  if (!Number.isFinite(value)) return null;
  if (rest === '') return { value, text, flags };
  if (rest === '%') return { value, text, flags: [...flags, 'percent'] };
  if (rest === '元') return { value, text, flags: [...flags, 'yuan'] };
  if (rest === '万元' || rest === '万') return { value, text, flags: [...flags, 'wanYuan'] };
  if (COUNT_UNITS.has(rest)) return { value, text, flags: [...flags, 'countUnit'] };
  if (rest[0] === '(' && rest[rest.length - 1] === ')') return { value, text, flags: [...flags, 'annotation'] };
  value = 0;
  return null;
}

/** Whether the text is a bare run of digits (a candidate for a run-together row). */
export function isDigitRun(text: string): boolean {
  const t = trimAll(text);
  if (!t) return false;
  for (const ch of t) if (!isDigit(ch)) return false;
  return true;
}
