// The analysis area's messages: every code, the data it is built from and its Chinese wording, once.

import { dateInWords } from '../model/deadline.js';
import { formatNumber } from '../rules/messages.js';
import { cellName } from '../templates/index.js';

/** Cross-year rules (format spec §5.3). */
export type SeriesRuleId =
  | 'series.carryOver'
  | 'series.t2InForce'
  | 'series.t2Items'
  | 'series.gap'
  | 'series.duplicateYear'
  | 'series.agency';

/** The quantities the narrative may state about the tables (`TEXT_MEASURES`). */
export type TextMeasureId =
  | 'received'
  | 'concluded'
  | 'granted'
  | 'partial'
  | 'grantedOrPartial'
  | 'denied'
  | 'unavailable'
  | 'notProcessed'
  | 'otherHandling'
  | 'carriedOver'
  | 'carriedForward'
  | 'applicant'
  | 'review'
  | 'litigation'
  | 'litigationDirect'
  | 'litigationAfterReview'
  | 'caseResult';
export type TextRuleId = `text.${TextMeasureId}`;

/** The items of the publication checklist (`readiness`). */
export type ReadyRuleId =
  | 'ready.sections'
  | 'ready.sectionText'
  | 'ready.problemsCopied'
  | 'ready.feeStatement'
  | 'ready.blankCells'
  | 'ready.tables'
  | 'ready.deadline';

export type RollUpRuleId = 'rollup.sum';

/** Every rule id an analysis finding can carry. */
export type AnalysisRuleId = SeriesRuleId | TextRuleId | ReadyRuleId | RollUpRuleId;

/** Where a stated number does not speak of this report's tables, and so is not compared. */
export type TextScope = 'report' | 'year' | 'period' | 'unit' | 'change' | 'approximate';

/** The data each analysis message is built from, by code. */
export interface AnalysisMessageData {
  'series.agency': { previousYear: number; year: number; previousAgency: string; agency: string };
  'series.carryOver': {
    column: string;
    year: number;
    previousYear: number;
    actual: number;
    expected: number;
    difference: number;
    /** Blank cells counted as 0, with the year of the report they belong to. */
    missing: { cellId: string; year: number }[];
  };
  'series.t2InForce': {
    row: string;
    year: number;
    previousYear: number;
    actual: number;
    previous: number;
    issued: number;
    repealed: number;
    expected: number;
    difference: number;
  };
  'series.t2Items': {
    row: string;
    year: number;
    previousYear: number;
    actual: number;
    previous: number;
    change: number;
    expected: number;
    difference: number;
  };
  'series.duplicateYear': { year: number };
  'series.gap': { missingYears: number[]; year: number; previousYear: number };
  'series.t2Skipped': { previousYear: number; year: number; previousVersion: string; version: string };
  'rollup.name': { units: number };
  'rollup.sum': {
    cellId: string;
    units: number;
    /** null: the roll-up leaves the cell blank. */
    actual: number | null;
    expected: number;
    difference: number;
    largest: { agency: string; value: number }[];
    more: boolean;
  };
  'text.mismatch': {
    /** `preamble` or the section's official heading. */
    section: string | null;
    text: string;
    title: string;
    cells: string[];
    expected: number;
    difference: number;
    /** The other readings (with 上年结转), which do not agree either. */
    others: number[];
  };
  'ready.noSections': Record<string, never>;
  'ready.sectionMissing': { heading: string };
  'ready.tableEmpty': { heading: string };
  'ready.sectionEmpty': { heading: string };
  'ready.problemsCopied': { heading: string; share: number; previousYear: number; sample?: string };
  'ready.feeStatement': { heading: string };
  'ready.blankCells': { count: number; first: string };
  'ready.unreadCells': { count: number; first: string };
  'ready.deadlineLate': { published: string; deadline: string; legal: boolean };
  'ready.deadlinePassed': { deadline: string; legal: boolean };
  'item.sections': { missing: string[] };
  'item.sectionText': { empty: string[] };
  'item.problemsCopied':
    | { status: 'copied' | 'own'; share: number; previousYear: number }
    | { status: 'empty' | 'noPrevious' };
  'item.feeStatement': { status: 'stated' | 'missing' | 'notRequired' };
  'item.blankCells': { blank: number; unread: number };
  'item.tables': { errors: number };
  'item.deadline': { status: 'late' | 'onTime' | 'passed' | 'pending'; deadline: string } | { status: 'none' };
  'migrate.unknownCell': { cellId: string };
  'migrate.otherHandlingSplit': Record<string, never>;
  'migrate.otherHandlingSum': Record<string, never>;
  'migrate.noRow': { version: string; table: string; row: string };
  'migrate.noColumn': { version: string; table: string; row: string; column: string };
  'migrate.otherMeaning': { from: string; to: string; row: string; column: string };
  'indicator.none': { name: string; zeroDenominator: boolean };
  'indicator.value': {
    name: string;
    display: string;
    numerator: number;
    denominator: number;
    formula: string;
    missing: string[];
  };
}

export type AnalysisMessageCode = keyof AnalysisMessageData;

const diff = (n: number) => formatNumber(Math.abs(n));
const pct = (share: number) => `${Math.round(share * 100)}%`;
const signed = (n: number) => (n < 0 ? `－${formatNumber(-n)}` : `＋${formatNumber(n)}`);
const deadlineKind = (legal: boolean) => (legal ? '法定期限' : '规定期限');
const deadlineBasis = (legal: boolean) => (legal ? '（《中华人民共和国政府信息公开条例》第四十九条）' : '');

/** Every analysis message, by code: the one place their Chinese wording is written. */
export const ANALYSIS_MESSAGES: { [C in AnalysisMessageCode]: (d: AnalysisMessageData[C]) => string } = {
  'series.agency': (d) =>
    `${d.previousYear}年报告的机关为“${d.previousAgency}”，${d.year}年报告的机关为“${d.agency}”：请确认是同一机关（机构改革、更名时上年结转可能不一致）`,
  'series.carryOver': (d) =>
    `表三“${d.column}”列：${d.year}年“二、上年结转政府信息公开申请数量”为${formatNumber(d.actual)}，${d.previousYear}年“四、结转下年度继续办理”为${formatNumber(d.expected)}，相差${diff(d.difference)}${
      d.missing.length
        ? `；其中${d.missing.map((m) => `${m.year}年${cellName(m.cellId)}`).join('、')}未填写，按0计算`
        : ''
    }`,
  'series.t2InForce': (d) =>
    `表二“${d.row}”：${d.year}年“现行有效件数”为${formatNumber(d.actual)}，按${d.previousYear}年现行有效${formatNumber(d.previous)}${signed(d.issued)}（本年制发）－${formatNumber(d.repealed)}（本年废止）应为${formatNumber(d.expected)}，相差${diff(d.difference)}（如有修订、集中清理，请在报告中说明）`,
  'series.t2Items': (d) =>
    `表二“${d.row}”：${d.year}年“上一年项目数量”为${formatNumber(d.actual)}，按${d.previousYear}年上一年项目数量${formatNumber(d.previous)}${signed(d.change)}（${d.previousYear}年本年增/减）应为${formatNumber(d.expected)}，相差${diff(d.difference)}`,
  'series.duplicateYear': (d) => `${d.year}年有不止一份报告，请只保留一份后再做跨年度核对`,
  'series.gap': (d) =>
    `缺少${d.missingYears.length > 2 ? `${d.missingYears[0]}—${d.missingYears[d.missingYears.length - 1]}` : d.missingYears.join('、')}年的报告：${d.year}年的上年结转无法与${d.previousYear}年核对`,
  'series.t2Skipped': (d) =>
    `表二格式不同（${d.previousYear}年 ${d.previousVersion} 版，${d.year}年 ${d.version} 版），两版各列含义不同，不作滚动核对`,
  'rollup.name': (d) => `${d.units}个单位汇总`,
  'rollup.sum': (d) =>
    d.actual === null
      ? `${cellName(d.cellId)}：汇总报告未填写，${d.units}个单位合计为${formatNumber(d.expected)}`
      : `${cellName(d.cellId)}：汇总报告填写为${formatNumber(d.actual)}，${d.units}个单位合计为${formatNumber(d.expected)}，相差${diff(d.difference)}${
          d.largest.length
            ? `（其中${d.largest.map((c) => `${c.agency} ${formatNumber(c.value)}`).join('、')}${d.more ? '等' : ''}）`
            : ''
        }`,
  'text.mismatch': (d) =>
    `${d.section === null ? '报告引言' : `“${d.section}”`}写明“${d.text}”（${d.title}），但${cellsText(d.cells)}为${formatNumber(d.expected)}，相差${diff(d.difference)}${
      d.others.length ? `；计入上年结转为${d.others.map(formatNumber).join('、')}，也不相符` : ''
    }`,
  'ready.noSections': () => '报告没有正文：六个部分均缺',
  'ready.sectionMissing': (d) => `缺少“${d.heading}”部分`,
  'ready.tableEmpty': (d) => `“${d.heading}”的统计表一格也没有填写`,
  'ready.sectionEmpty': (d) => `“${d.heading}”没有内容；没有需要报告的事项也应写明“无”`,
  'ready.problemsCopied': (d) =>
    `“${d.heading}”有${pct(d.share)}与${d.previousYear}年报告相同${d.sample ? `，如“${d.sample}”` : ''}：应写本年度的问题和改进情况，并说明上年问题的整改情况`,
  'ready.feeStatement': (d) => `“${d.heading}”未说明信息处理费收取情况（未收取的也应写明）`,
  'ready.blankCells': (d) => `有${d.count}个单元格未填写（如${cellName(d.first)}）：没有的请填0`,
  'ready.unreadCells': (d) => `有${d.count}个单元格导入时未能读取（如${cellName(d.first)}）：请对照原文补录`,
  'ready.deadlineLate': (d) =>
    `发布日期${d.published}晚于${deadlineKind(d.legal)}${dateInWords(d.deadline)}${deadlineBasis(d.legal)}`,
  'ready.deadlinePassed': (d) =>
    `已过${deadlineKind(d.legal)}${dateInWords(d.deadline)}，报告尚未发布${deadlineBasis(d.legal)}`,
  'item.sections': (d) => (d.missing.length ? `缺少${d.missing.map((h) => `“${h}”`).join('、')}` : '六个部分齐全'),
  'item.sectionText': (d) => (d.empty.length ? `${d.empty.map((h) => `“${h}”`).join('、')}为空` : '各部分均有内容'),
  'item.problemsCopied': (d) =>
    d.status === 'copied'
      ? `${pct(d.share)}与${d.previousYear}年报告相同`
      : d.status === 'own'
        ? `与${d.previousYear}年报告相同的内容占${pct(d.share)}`
        : d.status === 'empty'
          ? '本部分为空'
          : '未提供上一年度报告',
  'item.feeStatement': (d) =>
    d.status === 'stated'
      ? '已说明信息处理费收取情况'
      : d.status === 'missing'
        ? '未提及信息处理费'
        : '表三为2019版格式，不要求',
  'item.blankCells': (d) =>
    [d.blank ? `${d.blank}个单元格未填写` : '', d.unread ? `${d.unread}个单元格未能读取` : '']
      .filter(Boolean)
      .join('，') || '每一格都已填写',
  'item.tables': (d) => (d.errors ? `${d.errors}处错误` : '各项勾稽关系成立'),
  'item.deadline': (d) =>
    d.status === 'none'
      ? '本级机关没有全国统一的发布期限（可按本地规定设置）'
      : d.status === 'late'
        ? `晚于期限${dateInWords(d.deadline)}`
        : d.status === 'onTime'
          ? `不晚于期限${dateInWords(d.deadline)}`
          : d.status === 'passed'
            ? `已过期限${dateInWords(d.deadline)}`
            : `期限为${dateInWords(d.deadline)}，尚未填写发布日期`,
  'migrate.unknownCell': (d) => `未知的单元格编号 ${d.cellId}`,
  'migrate.otherHandlingSplit': () =>
    '2019版“（六）其他处理”只有一行，2021版分为“1.”“2.”“3.其他”三行：无法得知如何拆分，也不能全部计入“3.其他”',
  'migrate.otherHandlingSum': () => '2021版“（六）其他处理”三行之和计入2019版“（六）其他处理”，分项无法保留',
  'migrate.noRow': (d) => `${d.version}版${d.table}没有“${d.row}”行`,
  'migrate.noColumn': (d) => `${d.version}版${d.table}“${d.row}”行没有“${d.column}”列；两版各列含义不同，不能换算`,
  'migrate.otherMeaning': (d) => `${d.from}版与${d.to}版的“${d.row}·${d.column}”含义不同，不能换算`,
  'indicator.none': (d) => `${d.name}：—（${d.zeroDenominator ? '分母为0，不计算' : '相关单元格未填写'}）`,
  'indicator.value': (d) =>
    `${d.name}：${d.display}（${d.numerator} ÷ ${d.denominator}；${d.formula}）${d.missing.length ? `；${d.missing.map(cellName).join('、')}未填写，按0计算` : ''}`,
};

/** The publication checklist's items, as a person reads them. */
export const READY_TITLES: Record<ReadyRuleId, string> = {
  'ready.sections': '六个部分齐全',
  'ready.sectionText': '各部分均有内容',
  'ready.problemsCopied': '“五”不照抄上年',
  'ready.feeStatement': '“六”说明信息处理费',
  'ready.blankCells': '统计表没有空格',
  'ready.tables': '统计表勾稽关系成立',
  'ready.deadline': '按期发布',
};

/** Why a stated number is out of scope, in Chinese. */
export const TEXT_SCOPE_NOTES: Record<Exclude<TextScope, 'report'>, string> = {
  year: '说的是另一年度',
  period: '说的是另一时期或部分时段',
  unit: '说的是另一机关或下属单位',
  change: '说的是增减变化，不是件数',
  approximate: '是约数',
};

/** Build an analysis message from its code and data. */
export function analysisMessage<C extends AnalysisMessageCode>(code: C, data: AnalysisMessageData[C]): string {
  return (ANALYSIS_MESSAGES[code] as (d: AnalysisMessageData[C]) => string)(data);
}

function cellsText(ids: string[]): string {
  if (ids.length === 1) return cellName(ids[0]!);
  if (ids.every((id) => id.startsWith('t4.'))) return ids.map(cellName).join('与');
  if (ids.length === 2) return `${cellName(ids[0]!)}与${cellName(ids[1]!)}之和`;
  return `${cellName(ids[0]!)}等${ids.length}格之和`;
}
