import { LEGAL_DEADLINES } from '../model/deadline.js';
import { cellsView } from '../model/parse.js';
import { unreadCells } from '../model/provenance.js';
import type { AgencyLevel, Report } from '../model/report.js';
import type { Severity } from '../rules/catalogue.js';
import { validate } from '../rules/validate.js';
import { reportLayouts, SECTION_TABLE, SECTIONS, type SectionKey, sectionHeading } from '../templates/index.js';
import { type AnalysisFinding, analysisFinding, applySeverity, countSeverities } from './finding.js';
import { analysisMessage, READY_TITLES, type ReadyRuleId } from './messages.js';
import { type SectionSimilarity, sectionSimilarity } from './similarity.js';

export { LEGAL_DEADLINES };

export type ReadinessStatus = 'pass' | 'fail' | 'na';

/** One line of the publication checklist. */
export interface ReadinessItem {
  /** Rule id of the findings this item gives (`ready.…`). */
  id: ReadyRuleId;
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
  severity?: Partial<Record<ReadyRuleId, Severity | 'off'>>;
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
  const add = (id: ReadyRuleId, status: ReadinessStatus, detail: string) =>
    items.push({ id, title: READY_TITLES[id], status, detail });
  const finding = (ruleId: ReadyRuleId, key: string, message: string, cells: string[] = []) =>
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
  if (absent.length === SECTIONS.length) finding('ready.sections', 'all', analysisMessage('ready.noSections', {}));
  else
    for (const s of absent)
      finding('ready.sections', s.key, analysisMessage('ready.sectionMissing', { heading: s.heading }));
  add(
    'ready.sections',
    absent.length ? 'fail' : 'pass',
    analysisMessage('item.sections', { missing: absent.map((s) => s.heading) }),
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
      analysisMessage(SECTION_TABLE[key] ? 'ready.tableEmpty' : 'ready.sectionEmpty', { heading: sectionHeading(key) }),
    );
  add(
    'ready.sectionText',
    empty.length ? 'fail' : 'pass',
    analysisMessage('item.sectionText', { empty: empty.map(sectionHeading) }),
  );

  let similarity: SectionSimilarity[] | undefined;
  if (options.previous) {
    similarity = sectionSimilarity(report, options.previous);
    const five = similarity.find((s) => s.key === 'problems')!;
    const threshold = options.copyThreshold ?? 0.6;
    const py = options.previous.meta.year;
    if (five.length > 0 && five.similarity >= threshold) {
      const first = five.copied[0];
      finding(
        'ready.problemsCopied',
        'problems',
        analysisMessage('ready.problemsCopied', {
          heading: sectionHeading('problems'),
          share: five.similarity,
          previousYear: py,
          ...(first ? { sample: first.length > 60 ? `${first.slice(0, 60)}…` : first } : {}),
        }),
      );
      add(
        'ready.problemsCopied',
        'fail',
        analysisMessage('item.problemsCopied', { status: 'copied', share: five.similarity, previousYear: py }),
      );
    } else
      add(
        'ready.problemsCopied',
        five.length ? 'pass' : 'na',
        analysisMessage(
          'item.problemsCopied',
          five.length ? { status: 'own', share: five.similarity, previousYear: py } : { status: 'empty' },
        ),
      );
  } else add('ready.problemsCopied', 'na', analysisMessage('item.problemsCopied', { status: 'noPrevious' }));

  if (report.meta.formats.t3 === '2021') {
    const six = (report.sections.find((s) => s.key === 'other')?.blocks ?? []).map((b) => b.text).join('');
    const ok = FEE.test(six);
    if (!ok)
      finding(
        'ready.feeStatement',
        'other',
        analysisMessage('ready.feeStatement', { heading: sectionHeading('other') }),
      );
    add(
      'ready.feeStatement',
      ok ? 'pass' : 'fail',
      analysisMessage('item.feeStatement', { status: ok ? 'stated' : 'missing' }),
    );
  } else add('ready.feeStatement', 'na', analysisMessage('item.feeStatement', { status: 'notRequired' }));

  // Cells the import could not read are not the agency's blanks: they are named as such.
  const blank = Object.keys(cells).filter((id) => cells[id] === null && !unread.has(id));
  if (blank.length)
    finding(
      'ready.blankCells',
      'cells',
      analysisMessage('ready.blankCells', { count: blank.length, first: blank[0]! }),
      blank,
    );
  if (unread.size)
    finding(
      'ready.blankCells',
      'unread',
      analysisMessage('ready.unreadCells', { count: unread.size, first: [...unread][0]! }),
      [...unread],
    );
  add(
    'ready.blankCells',
    blank.length || unread.size ? 'fail' : 'pass',
    analysisMessage('item.blankCells', { blank: blank.length, unread: unread.size }),
  );

  const tableErrors = validate(report).errors;
  add('ready.tables', tableErrors ? 'fail' : 'pass', analysisMessage('item.tables', { errors: tableErrors }));

  const deadline = publicationDeadline(report.meta, options.deadlines);
  const legal = !options.deadlines?.[report.meta.level] && Boolean(LEGAL_DEADLINES[report.meta.level]);
  const published = report.meta.publishedAt;
  if (!deadline) add('ready.deadline', 'na', analysisMessage('item.deadline', { status: 'none' }));
  else if (published) {
    const late = published > deadline;
    if (late)
      finding('ready.deadline', 'publishedAt', analysisMessage('ready.deadlineLate', { published, deadline, legal }));
    add(
      'ready.deadline',
      late ? 'fail' : 'pass',
      analysisMessage('item.deadline', { status: late ? 'late' : 'onTime', deadline }),
    );
  } else if (options.asOf && options.asOf > deadline) {
    finding('ready.deadline', 'publishedAt', analysisMessage('ready.deadlinePassed', { deadline, legal }));
    add('ready.deadline', 'fail', analysisMessage('item.deadline', { status: 'passed', deadline }));
  } else add('ready.deadline', 'na', analysisMessage('item.deadline', { status: 'pending', deadline }));

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
