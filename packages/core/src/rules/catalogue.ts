import { T3_APPLICANT_COLUMNS, T3_COLUMNS, t3Rows } from '../templates/table3.js';
import { T4_COLUMNS, T4_GROUPS } from '../templates/table4.js';
import type { CellKind, TableId, TemplateVersion } from '../templates/types.js';

export type Severity = 'error' | 'warning' | 'info';

/** How each severity is named to people, everywhere findings are shown. */
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** Every rule of the catalogue, by id: findings, documentation and settings refer to them. */
export type RuleId =
  | 't3.balance'
  | 't3.resultTotal'
  | 't3.rowTotal'
  | 't4.groupTotal'
  | 't2.count'
  | 't3.count'
  | 't4.count'
  | 't2.change'
  | 't2.money'
  | 't2.feesUnit'
  | 't2.required'
  | 't3.required'
  | 't4.required';

/** The closed set of rule kinds; each has exactly one evaluator (see evaluate.ts). */
export type RuleKind = 'sum' | 'equation' | 'type' | 'required' | 'range';

const T3_BASIS = '《中华人民共和国政府信息公开工作年度报告格式》表三';
const T3_NOTE_BASIS = '表三表头勾稽说明：“第一项加第二项之和，等于第三项加第四项之和”';

interface RuleBase {
  id: RuleId;
  kind: RuleKind;
  severity: Severity;
  table: TableId;
  /** Template versions of `table` the rule applies to. */
  versions: readonly TemplateVersion[];
  /** Short title in Simplified Chinese. */
  title: string;
  /** The identity or condition written out in the official words. */
  formula: string;
  /** Legal or official basis, or how the rule is inferred. */
  basis: string;
}

/** `target = Σ parts`, for each value of `each` ($ in the ids is replaced by it). */
export interface SumRule extends RuleBase {
  kind: 'sum';
  each: Partial<Record<TemplateVersion, readonly string[]>>;
  target: string;
  parts: Partial<Record<TemplateVersion, readonly string[]>>;
}

/** `Σ left = Σ right`, for each value of `each`. */
export interface EquationRule extends RuleBase {
  kind: 'equation';
  each: Partial<Record<TemplateVersion, readonly string[]>>;
  left: readonly string[];
  right: readonly string[];
}

/** Every cell of the given kinds must hold a number of that kind. */
export interface TypeRule extends RuleBase {
  kind: 'type';
  cellKind: CellKind;
}

/** Every cell of the table should be stated; a blank is reported as not stated, never read as 0. */
export interface RequiredRule extends RuleBase {
  kind: 'required';
}

/** A plausibility bound on some cells. */
export interface RangeRule extends RuleBase {
  kind: 'range';
  cells: readonly string[];
  max: number;
  hint: string;
}

export type RuleDef = SumRule | EquationRule | TypeRule | RequiredRule | RangeRule;

const BOTH = ['2019', '2021'] as const;
const T3_COLS = T3_COLUMNS.map((c) => c.id);
const byVersion = <T>(f: (v: TemplateVersion) => T): Record<TemplateVersion, T> => ({
  '2019': f('2019'),
  '2021': f('2021'),
});
const resultRows = (v: TemplateVersion) =>
  t3Rows(v)
    .filter((r) => r.result)
    .map((r) => `t3.${r.id}.$`);

/** The rule catalogue. Ids are stable: findings, documentation and settings refer to them. */
export const RULES: readonly RuleDef[] = [
  {
    id: 't3.balance',
    kind: 'equation',
    severity: 'error',
    table: 't3',
    versions: BOTH,
    title: '表三勾稽关系',
    formula:
      '一、本年新收政府信息公开申请数量＋二、上年结转政府信息公开申请数量＝三、本年度办理结果（（七）总计）＋四、结转下年度继续办理（每一列）',
    basis: T3_NOTE_BASIS,
    each: byVersion(() => T3_COLS),
    left: ['t3.new.$', 't3.carriedOver.$'],
    right: ['t3.total.$', 't3.carriedForward.$'],
  },
  {
    id: 't3.resultTotal',
    kind: 'sum',
    severity: 'error',
    table: 't3',
    versions: BOTH,
    title: '办理结果总计',
    formula:
      '（七）总计＝（一）予以公开＋（二）部分公开＋（三）不予公开1—8＋（四）无法提供1—3＋（五）不予处理1—5＋（六）其他处理（每一列）',
    basis: `${T3_BASIS}“三、本年度办理结果”各项与“（七）总计”的关系（由表格结构推定）`,
    each: byVersion(() => T3_COLS),
    target: 't3.total.$',
    parts: byVersion(resultRows),
  },
  {
    id: 't3.rowTotal',
    kind: 'sum',
    severity: 'error',
    table: 't3',
    versions: BOTH,
    title: '申请人总计',
    formula: '总计＝自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他（每一行）',
    basis: `${T3_BASIS}“申请人情况”各列与“总计”列的关系（由表格结构推定）`,
    each: byVersion((v) => t3Rows(v).map((r) => r.id)),
    target: 't3.$.total',
    parts: byVersion(() => T3_APPLICANT_COLUMNS.map((c) => `t3.$.${c}`)),
  },
  {
    id: 't4.groupTotal',
    kind: 'sum',
    severity: 'error',
    table: 't4',
    versions: BOTH,
    title: '表四各组总计',
    formula: '总计＝结果维持＋结果纠正＋其他结果＋尚未审结（行政复议、未经复议直接起诉、复议后起诉各组）',
    basis: '《中华人民共和国政府信息公开工作年度报告格式》表四（由表格结构推定）',
    each: byVersion(() => T4_GROUPS.map((g) => g.id)),
    target: 't4.$.total',
    parts: byVersion(() => T4_COLUMNS.filter((c) => c.id !== 'total').map((c) => `t4.$.${c.id}`)),
  },
  ...(['t2', 't3', 't4'] as const).map(
    (table): TypeRule => ({
      id: `${table}.count`,
      kind: 'type',
      severity: 'error',
      table,
      versions: BOTH,
      title: '件数为非负整数',
      formula: '件数、数量类单元格为非负整数',
      basis: '统计表各项为件数（由表格含义推定）',
      cellKind: 'count',
    }),
  ),
  {
    id: 't2.change',
    kind: 'type',
    severity: 'error',
    table: 't2',
    versions: ['2019'],
    title: '本年增/减为整数',
    formula: '“本年增/减”为整数，减少用负数表示（如-8）',
    basis: '国办公开办函〔2019〕60号表二',
    cellKind: 'signedCount',
  },
  {
    id: 't2.money',
    kind: 'type',
    severity: 'error',
    table: 't2',
    versions: BOTH,
    title: '金额为非负数',
    formula: '“本年收费金额（单位：万元）”“采购总金额”为非负数，单位万元',
    basis: '国办公开办函〔2021〕30号表二“本年收费金额（单位：万元）”',
    cellKind: 'money',
  },
  {
    id: 't2.feesUnit',
    kind: 'range',
    severity: 'warning',
    table: 't2',
    versions: ['2021'],
    title: '收费金额单位',
    formula: '本年收费金额以万元为单位，数值过大可能是按元填写',
    basis: '国办公开办函〔2021〕30号表二“本年收费金额（单位：万元）”',
    cells: ['t2.fees.amount'],
    max: 100000,
    hint: '单位为万元，请核实是否按元填写',
  },
  ...(['t2', 't3', 't4'] as const).map(
    (table): RequiredRule => ({
      id: `${table}.required`,
      kind: 'required',
      severity: 'warning',
      table,
      versions: BOTH,
      title: '单元格未填写',
      formula: '统计表每一格都应填写，没有的填0；空白按“未填写”处理，不视为0',
      basis: '《中华人民共和国政府信息公开工作年度报告格式》统计表（空白与0的区分由本工具规定）',
    }),
  ),
];

/** Look up a rule by id (undefined for an id that is not in the catalogue). */
export function ruleById(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id);
}
