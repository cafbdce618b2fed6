import { cellDef, cellName, rowShortName } from '../templates/index.js';
import type { CellKind } from '../templates/types.js';
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

/** The data each rule message is built from, by code (one per rule kind, plus 无法核对 and the likely cell). */
export interface RuleMessageData {
  sum: { inst: RuleInstance; stated: number; expected: number; difference: number; missing: string[] };
  equation: { inst: RuleInstance; left: number; right: number; difference: number; missing: string[] };
  type: { cellId: string; kind: CellKind; value: number };
  required: { cellId: string };
  range: { cellId: string; value: number; hint: string };
  /** An identity through a cell the import could not read. */
  unverifiable: { inst: RuleInstance; unread: string[] };
  /** One cell whose change would make several failing identities hold. */
  likelyCell: { cellId: string; suggested: number; explains: number };
}

export type RuleMessageCode = keyof RuleMessageData;

const TYPE_WANTED: Record<CellKind, string> = {
  count: '非负整数',
  signedCount: '整数（减少用负数）',
  money: '非负数（单位：万元）',
};

/** Every message of the table rules, by code: the one place their Chinese wording is written. */
export const RULE_MESSAGES: { [C in RuleMessageCode]: (d: RuleMessageData[C]) => string } = {
  sum: (d) =>
    `${instancePlace(d.inst)}：${sideText(d.inst.left, d.stated, nameBy(d.inst))}不等于${sideText(d.inst.right, d.expected, nameBy(d.inst))}，相差${formatNumber(Math.abs(d.difference))}${missingText(d.missing, nameBy(d.inst))}`,
  equation: (d) =>
    `${instancePlace(d.inst)}：${sideText(d.inst.left, d.left, nameBy(d.inst))}不等于${sideText(d.inst.right, d.right, nameBy(d.inst))}，相差${formatNumber(Math.abs(d.difference))}${missingText(d.missing, nameBy(d.inst))}`,
  type: (d) => `${cellName(d.cellId)}应为${TYPE_WANTED[d.kind]}，填写的是${formatNumber(d.value)}`,
  required: (d) => `${cellName(d.cellId)}未填写：空白不等于0，没有的请填0`,
  range: (d) => `${cellName(d.cellId)}为${formatNumber(d.value)}，${d.hint}`,
  unverifiable: (d) =>
    `${instancePlace(d.inst)}无法核对：${unreadText(d.unread, nameBy(d.inst))}未能读取（原文有此格，导入时没有读出），请对照原文补录`,
  likelyCell: (d) =>
    `${cellName(d.cellId)}可能填错：若改为${formatNumber(d.suggested)}，以上${d.explains}处不一致将同时消除`,
};

/** Build a rule message from its code and data. */
export function ruleMessage<C extends RuleMessageCode>(code: C, data: RuleMessageData[C]): string {
  return (RULE_MESSAGES[code] as (d: RuleMessageData[C]) => string)(data);
}
