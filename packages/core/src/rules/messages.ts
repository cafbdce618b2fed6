import { cellDef, cellName, rowShortName } from '../templates/index.js';
import type { RuleInstance } from './instances.js';

/** Numbers as a person reads them: integers plainly, decimals without float noise. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

/** Cells of one check differ in rows (a column check) or in columns (a row or group check). */
export type NameBy = 'row' | 'column';

function quoted(id: string, by: NameBy): string {
  const def = cellDef(id);
  if (!def) return id;
  return by === 'row' ? `“${rowShortName(def)}”` : `“${def.columnLabel}”`;
}

/** How the cells of an instance are told apart in its message. */
export function nameBy(inst: RuleInstance): NameBy {
  return inst.rule.id === 't3.balance' || inst.rule.id === 't3.resultTotal' ? 'row' : 'column';
}

/** Where an instance applies, in official words: 表三“自然人”列, 表三“（一）予以公开”行, 表四“行政复议”. */
export function instancePlace(inst: RuleInstance): string {
  const first = cellDef(inst.left[0] ?? '');
  if (!first) return inst.key;
  switch (inst.rule.id) {
    case 't3.balance':
    case 't3.resultTotal':
      return `表三“${first.columnLabel}”列`;
    case 't3.rowTotal':
      return `表三“${rowShortName(first)}”行`;
    case 't4.groupTotal':
      return `表四“${first.rowPath.join('—')}”`;
    default:
      return cellName(first.id);
  }
}

export function sideText(ids: string[], sum: number, by: NameBy, maxNamed = 2): string {
  if (ids.length <= maxNamed) return `${ids.map((id) => quoted(id, by)).join('＋')}（${formatNumber(sum)}）`;
  return `${quoted(ids[0]!, by)}至${quoted(ids[ids.length - 1]!, by)}共${ids.length}项之和（${formatNumber(sum)}）`;
}

export function missingText(missing: string[], by: NameBy): string {
  if (missing.length === 0) return '';
  const names = missing
    .slice(0, 3)
    .map((id) => quoted(id, by))
    .join('、');
  return `；其中${names}${missing.length > 3 ? `等${missing.length}格` : ''}未填写，按0计算`;
}

/** The cells of a check that were not read: `“（一）予以公开”` or `“（一）予以公开”、“（二）部分公开”等5格`. */
export function unreadText(unread: string[], by: NameBy): string {
  const names = unread
    .slice(0, 3)
    .map((id) => quoted(id, by))
    .join('、');
  return `${names}${unread.length > 3 ? `等${unread.length}格` : ''}`;
}
