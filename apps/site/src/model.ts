// A report as the site keeps it while building: what every page and data file needs, without its text.
import {
  type AgencyLevel,
  type Cells,
  type Finding,
  fingerprintOf,
  type Meta,
  type Report,
  ruleInstances,
  validate,
} from '@nianbao/core';
import type { CheckState } from './site-data.js';

export interface Downloads {
  json: string;
  csv: string;
  pdf?: string;
  docx?: string;
}

/** The check result in plain words and as data (the same for the page, reports.json and the report's JSON). */
export interface CheckSummary {
  state: CheckState;
  identities: number;
  identitiesHold: boolean;
  summary: string;
  errors: Finding[];
  notes: Finding[];
  /** Cells printed in the original that the import could not read (never the agency's blank). */
  unread: string[];
}

/** One report of the site: its file, identity, meta, cells, check result and downloads. */
export interface SiteReport {
  file: string;
  slug: string;
  agencySlug: string;
  regionSlug: string | null;
  meta: Meta;
  cells: Cells;
  check: CheckSummary;
  downloads: Downloads;
  /** The portal's headline measures of this report (`MEASURES` order). */
  values: (number | null)[];
}

export const agencySlug = (agency: string) => `a${fingerprintOf(agency)}`;
export const regionSlug = (region: string | undefined) => (region ? `r${fingerprintOf(region)}` : null);

export const reportUrl = (slug: string) => `/reports/${slug}.html`;
export const agencyUrl = (slug: string) => `/agencies/${slug}.html`;
export const regionUrl = (slug: string) => `/regions/${slug}.html`;
export const levelUrl = (level: AgencyLevel) => `/levels/${level}.html`;

const IDENTITY_KINDS = new Set(['sum', 'equation']);

/** The words for each check state (browse filters, lists). */
export const CHECK_LABELS: Record<CheckState, string> = {
  ok: '勾稽关系成立',
  fail: '勾稽关系不成立',
  unread: '有未能读取的单元格',
};

/** Check a report: identities that fail on cells the agency printed are the agency's; unread cells are the import's. */
export function checkReport(report: Report, unread: string[] = []): CheckSummary {
  const identities = ruleInstances(report.meta.formats).filter((i) => IDENTITY_KINDS.has(i.rule.kind)).length;
  const findings = validate(report).findings;
  const gap = new Set(unread);
  const touchesGap = (f: Finding) => f.cells.some((c) => gap.has(c));
  // Core already reports an identity through an unread cell as 无法核对 (a warning), never as an error.
  const errors = findings.filter((f) => f.severity === 'error' && !touchesGap(f));
  const notes = findings.filter((f) => f.severity !== 'error');
  const failed = errors.filter((f) => IDENTITY_KINDS.has(f.kind)).length;
  const state: CheckState = failed ? 'fail' : unread.length ? 'unread' : 'ok';
  const summary =
    state === 'fail'
      ? `表格数据核对未通过：${identities}项勾稽关系中有${failed}项不成立。`
      : state === 'unread'
        ? `有${unread.length}个单元格未能从原文读取，涉及这些单元格的勾稽关系无法核对；其余勾稽关系均成立。`
        : errors.length
          ? `表格数据有${errors.length}处问题（勾稽关系均成立）。`
          : `表格数据核对通过：全部${identities}项勾稽关系均成立。`;
  return { state, identities, identitiesHold: failed === 0, summary, errors, notes, unread };
}
