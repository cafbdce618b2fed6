import { dateInWords, LEGAL_DEADLINES } from '../model/deadline.js';
import { cellsView } from '../model/parse.js';
import { unreadCells } from '../model/provenance.js';
import type { AgencyLevel, Report } from '../model/report.js';
import type { Severity } from '../rules/catalogue.js';
import { validate } from '../rules/validate.js';
import {
  cellName,
  reportLayouts,
  SECTION_TABLE,
  SECTIONS,
  type SectionKey,
  sectionHeading,
} from '../templates/index.js';
import { type AnalysisFinding, analysisFinding, applySeverity, countSeverities } from './finding.js';
import { type SectionSimilarity, sectionSimilarity } from './similarity.js';

export { LEGAL_DEADLINES };

export type ReadinessStatus = 'pass' | 'fail' | 'na';

/** One line of the publication checklist. */
export interface ReadinessItem {
  /** Rule id of the findings this item gives (`ready.…`). */
  id: string;
  title: string;
  status: ReadinessStatus;
  /** What was found, in Chinese. */
  detail: string;
}

export interface ReadinessOptions {
  /** The same agency's previous report: section 五 must not copy it; every section's similarity is given. */
  previous?: Pick<Report, 'sections' | 'meta'>;
  /** Deadlines ('MM-DD' of the following year) by level, over `LEGAL_DEADLINES` (e.g. a county's rule for townships). */
  deadlines?: Partial<Record<AgencyLevel, string>>;
  /** Today, for a report not yet published (ISO date). */
  asOf?: string;
  /** Share of section 五 found in last year's above which it counts as copied (default 0.6). */
  copyThreshold?: number;
  severity?: Record<string, Severity | 'off'>;
}

export interface Readiness {
  items: ReadinessItem[];
  /** Passed items out of applicable ones, 0–100. */
  score: number;
  passed: number;
  applicable: number;
  findings: AnalysisFinding[];
  errors: number;
  warnings: number;
  infos: number;
  /** Each section against the previous year's, when `previous` is given. */
  similarity?: SectionSimilarity[];
}

const NARRATIVE: SectionKey[] = ['overview', 'problems', 'other'];
const FEE = /信息处理费|处理费|收费|收取费用/;

/** The deadline of a report (ISO date), or undefined where none is set for its level. */
export function publicationDeadline(
  meta: Pick<Report['meta'], 'year' | 'level'>,
  deadlines: Partial<Record<AgencyLevel, string>> = {},
): string | undefined {
  const md = deadlines[meta.level] ?? LEGAL_DEADLINES[meta.level];
  return md ? `${meta.year + 1}-${md}` : undefined;
}

/**
 * Is the report ready to publish? A checklist with a score: six sections present and not empty, section
 * 五 not a copy of last year's, section 六 speaks to 信息处理费 (2021 表三), no blank cell, tables reconcile,
 * published by the legal deadline of the agency's level.
 */
export function readiness(
  report: Pick<Report, 'meta' | 'cells' | 'sections'> & Partial<Pick<Report, 'provenance'>>,
  options: ReadinessOptions = {},
): Readiness {
  const items: ReadinessItem[] = [];
  const findings: AnalysisFinding[] = [];
  const add = (id: string, title: string, status: ReadinessStatus, detail: string) =>
    items.push({ id, title, status, detail });
  const finding = (ruleId: string, key: string, message: string, cells: string[] = []) =>
    findings.push(
      analysisFinding({
        ruleId,
        kind: 'ready',
        severity: 'warning',
        key,
        year: report.meta.year,
        agency: report.meta.agency,
        left: cells,
        message,
      }),
    );

  const present = new Set(report.sections.map((s) => s.key));
  const absent = SECTIONS.filter((s) => !present.has(s.key));
  if (absent.length === SECTIONS.length) finding('ready.sections', 'all', '报告没有正文：六个部分均缺');
  else for (const s of absent) finding('ready.sections', s.key, `缺少“${s.heading}”部分`);
  add(
    'ready.sections',
    '六个部分齐全',
    absent.length ? 'fail' : 'pass',
    absent.length ? `缺少${absent.map((s) => `“${s.heading}”`).join('、')}` : '六个部分齐全',
  );

  const cells = cellsView(report);
  const unread = new Set(unreadCells(report));
  const layouts = reportLayouts(report.meta.formats);
  const empty: SectionKey[] = [];
  for (const s of SECTIONS) {
    if (!present.has(s.key)) continue;
    const table = SECTION_TABLE[s.key];
    const hasText = (report.sections.find((x) => x.key === s.key)?.blocks ?? []).some((b) => b.text.trim().length > 0);
    const filled = table
      ? layouts.find((l) => l.table === table)!.cells.some((c) => cells[c.id] !== null || unread.has(c.id)) || hasText
      : hasText;
    if (!filled && (NARRATIVE.includes(s.key) || table)) empty.push(s.key);
  }
  for (const key of empty)
    finding(
      'ready.sectionText',
      key,
      SECTION_TABLE[key]
        ? `“${sectionHeading(key)}”的统计表一格也没有填写`
        : `“${sectionHeading(key)}”没有内容；没有需要报告的事项也应写明“无”`,
    );
  add(
    'ready.sectionText',
    '各部分均有内容',
    empty.length ? 'fail' : 'pass',
    empty.length ? `${empty.map((k) => `“${sectionHeading(k)}”`).join('、')}为空` : '各部分均有内容',
  );

  let similarity: SectionSimilarity[] | undefined;
  if (options.previous) {
    similarity = sectionSimilarity(report, options.previous);
    const five = similarity.find((s) => s.key === 'problems')!;
    const threshold = options.copyThreshold ?? 0.6;
    const pct = `${Math.round(five.similarity * 100)}%`;
    const py = options.previous.meta.year;
    if (five.length > 0 && five.similarity >= threshold) {
      const sample = five.copied[0]
        ? `，如“${five.copied[0].length > 60 ? `${five.copied[0].slice(0, 60)}…` : five.copied[0]}”`
        : '';
      finding(
        'ready.problemsCopied',
        'problems',
        `“${sectionHeading('problems')}”有${pct}与${py}年报告相同${sample}：应写本年度的问题和改进情况，并说明上年问题的整改情况`,
      );
      add('ready.problemsCopied', '“五”不照抄上年', 'fail', `${pct}与${py}年报告相同`);
    } else
      add(
        'ready.problemsCopied',
        '“五”不照抄上年',
        five.length ? 'pass' : 'na',
        five.length ? `与${py}年报告相同的内容占${pct}` : '本部分为空',
      );
  } else add('ready.problemsCopied', '“五”不照抄上年', 'na', '未提供上一年度报告');

  if (report.meta.formats.t3 === '2021') {
    const six = (report.sections.find((s) => s.key === 'other')?.blocks ?? []).map((b) => b.text).join('');
    const ok = FEE.test(six);
    if (!ok)
      finding(
        'ready.feeStatement',
        'other',
        `“${sectionHeading('other')}”未说明信息处理费收取情况（未收取的也应写明）`,
      );
    add(
      'ready.feeStatement',
      '“六”说明信息处理费',
      ok ? 'pass' : 'fail',
      ok ? '已说明信息处理费收取情况' : '未提及信息处理费',
    );
  } else add('ready.feeStatement', '“六”说明信息处理费', 'na', '表三为2019版格式，不要求');

  // Cells the import could not read are not the agency's blanks: they are named as such.
  const blank = Object.keys(cells).filter((id) => cells[id] === null && !unread.has(id));
  if (blank.length)
    finding(
      'ready.blankCells',
      'cells',
      `有${blank.length}个单元格未填写（如${cellName(blank[0]!)}）：没有的请填0`,
      blank,
    );
  if (unread.size)
    finding(
      'ready.blankCells',
      'unread',
      `有${unread.size}个单元格导入时未能读取（如${cellName([...unread][0]!)}）：请对照原文补录`,
      [...unread],
    );
  const gaps = [
    blank.length ? `${blank.length}个单元格未填写` : '',
    unread.size ? `${unread.size}个单元格未能读取` : '',
  ]
    .filter(Boolean)
    .join('，');
  add('ready.blankCells', '统计表没有空格', gaps ? 'fail' : 'pass', gaps || '每一格都已填写');

  const tableErrors = validate(report).errors;
  add(
    'ready.tables',
    '统计表勾稽关系成立',
    tableErrors ? 'fail' : 'pass',
    tableErrors ? `${tableErrors}处错误` : '各项勾稽关系成立',
  );

  const deadline = publicationDeadline(report.meta, options.deadlines);
  const legal = !options.deadlines?.[report.meta.level] && Boolean(LEGAL_DEADLINES[report.meta.level]);
  const kind = legal ? '法定期限' : '规定期限';
  const basis = legal ? '（《中华人民共和国政府信息公开条例》第四十九条）' : '';
  const published = report.meta.publishedAt;
  const deadlineZh = deadline ? dateInWords(deadline) : '';
  if (!deadline) add('ready.deadline', '按期发布', 'na', '本级机关没有全国统一的发布期限（可按本地规定设置）');
  else if (published) {
    const late = published > deadline;
    if (late) finding('ready.deadline', 'publishedAt', `发布日期${published}晚于${kind}${deadlineZh}${basis}`);
    add('ready.deadline', '按期发布', late ? 'fail' : 'pass', `${late ? '晚于' : '不晚于'}期限${deadlineZh}`);
  } else if (options.asOf && options.asOf > deadline) {
    finding('ready.deadline', 'publishedAt', `已过${kind}${deadlineZh}，报告尚未发布${basis}`);
    add('ready.deadline', '按期发布', 'fail', `已过期限${deadlineZh}`);
  } else add('ready.deadline', '按期发布', 'na', `期限为${deadlineZh}，尚未填写发布日期`);

  const applicable = items.filter((i) => i.status !== 'na').length;
  const passed = items.filter((i) => i.status === 'pass').length;
  const out = applySeverity(findings, options.severity);
  return {
    items,
    score: applicable ? Math.round((passed / applicable) * 100) : 100,
    passed,
    applicable,
    findings: out,
    ...countSeverities(out),
    ...(similarity ? { similarity } : {}),
  };
}
