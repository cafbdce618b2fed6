import { cellsView } from '../model/parse.js';
import type { Report } from '../model/report.js';
import { t3Rows } from '../templates/index.js';
import { analysisMessage } from './messages.js';

/** An indicator computed the same way for every report: value, the formula in words, the cells used. */
export interface Indicator {
  id: string;
  name: string;
  /** Ratio 0–1, or null where the denominator is 0 or every cell is blank. */
  value: number | null;
  /** The value as a person reads it (「52.4%」, 「—」). */
  display: string;
  /** The formula in the official labels. */
  formula: string;
  numerator: number | null;
  denominator: number | null;
  /** Cells on each side. */
  numeratorCells: string[];
  denominatorCells: string[];
  /** Cells used that the report leaves blank (counted as 0). */
  missing: string[];
}

interface IndicatorDef {
  id: string;
  name: string;
  formula: string;
  numerator: (r: Pick<Report, 'meta'>) => string[];
  /** Denominator cells: added, then `minus` subtracted. */
  denominator: (r: Pick<Report, 'meta'>) => string[];
  minus?: (r: Pick<Report, 'meta'>) => string[];
}

const LIT = ['litigationDirect', 'litigationAfterReview'];

/** The indicators, as data. Formulas use the official labels of the tables. */
export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'grantRate',
    name: '公开率（予以公开和部分公开占办结数的比例）',
    formula: '（“（一）予以公开”＋“（二）部分公开”）÷“（七）总计”（表三“总计”列）',
    numerator: () => ['t3.granted.total', 't3.partial.total'],
    denominator: () => ['t3.total.total'],
  },
  {
    id: 'notHeldRate',
    name: '信息不掌握率（本机关不掌握相关政府信息占办结数的比例）',
    formula: '“（四）无法提供 1.本机关不掌握相关政府信息”÷“（七）总计”（表三“总计”列）',
    numerator: () => ['t3.unavailable.notHeld.total'],
    denominator: () => ['t3.total.total'],
  },
  {
    id: 'reviewCorrectionRate',
    name: '行政复议纠错率',
    formula: '行政复议“结果纠正”÷（行政复议“总计”－“尚未审结”）',
    numerator: () => ['t4.review.corrected'],
    denominator: () => ['t4.review.total'],
    minus: () => ['t4.review.pending'],
  },
  {
    id: 'litigationCorrectionRate',
    name: '行政诉讼纠错率',
    formula: '行政诉讼（未经复议直接起诉、复议后起诉）“结果纠正”之和÷（两组“总计”之和－两组“尚未审结”之和）',
    numerator: () => LIT.map((g) => `t4.${g}.corrected`),
    denominator: () => LIT.map((g) => `t4.${g}.total`),
    minus: () => LIT.map((g) => `t4.${g}.pending`),
  },
  {
    id: 'carryForwardRate',
    name: '结转率（结转下年度继续办理占应办理申请的比例）',
    formula:
      '“四、结转下年度继续办理”÷（“一、本年新收政府信息公开申请数量”＋“二、上年结转政府信息公开申请数量”）（表三“总计”列）',
    numerator: () => ['t3.carriedForward.total'],
    denominator: () => ['t3.new.total', 't3.carriedOver.total'],
  },
];

/** Indicators of one report, each with its value, formula and cells; every report is computed the same way. */
export function indicators(report: Pick<Report, 'meta' | 'cells'>): Indicator[] {
  const cells = cellsView(report);
  // Rows must exist in the report's template (they do in both; checked so a template change cannot go unnoticed).
  const rows = new Set(t3Rows(report.meta.formats.t3).map((r) => r.id));
  return INDICATORS.map((d) => {
    const num = d.numerator(report);
    const den = d.denominator(report);
    const minus = d.minus?.(report) ?? [];
    const used = [...num, ...den, ...minus].filter(
      (id) => !id.startsWith('t3.') || rows.has(id.slice(3, id.lastIndexOf('.'))),
    );
    const missing = used.filter((id) => cells[id] === null || cells[id] === undefined);
    const sum = (ids: string[]) => ids.reduce((s, id) => s + (cells[id] ?? 0), 0);
    const allBlank = missing.length === used.length;
    const numerator = allBlank ? null : sum(num);
    const denominator = allBlank ? null : sum(den) - sum(minus);
    const value = numerator === null || denominator === null || denominator <= 0 ? null : numerator / denominator;
    return {
      id: d.id,
      name: d.name,
      value,
      display: value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`,
      formula: d.formula,
      numerator,
      denominator,
      numeratorCells: num,
      denominatorCells: [...den, ...minus],
      missing,
    };
  });
}

/** One line per indicator for people: 「公开率…：52.4%（= 42 ÷ 81）」. */
export function indicatorText(i: Indicator): string {
  if (i.value === null)
    return analysisMessage('indicator.none', { name: i.name, zeroDenominator: i.denominator === 0 });
  return analysisMessage('indicator.value', {
    name: i.name,
    display: i.display,
    numerator: i.numerator!,
    denominator: i.denominator!,
    formula: i.formula,
    missing: i.missing,
  });
}
