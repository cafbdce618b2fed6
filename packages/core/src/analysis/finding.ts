import type { Severity } from '../rules/catalogue.js';
import type { Finding } from '../rules/evaluate.js';
import { countSeverities, fingerprintOf, round6 } from '../rules/evaluate.js';

export { countSeverities };

import type { SectionKey } from '../templates/index.js';
import type { AnalysisRuleId } from './messages.js';

/** The analyses beyond one report's own tables, each with its own rule-id prefix. */
export type AnalysisKind = 'series' | 'rollup' | 'text' | 'ready';

/**
 * A finding of an analysis. Same shape as a table `Finding` (rule id, severity, cells, expected, actual,
 * difference, message), with `kind` naming the analysis and the context a person needs to act on it.
 */
export interface AnalysisFinding extends Omit<Finding, 'kind' | 'ruleId'> {
  ruleId: AnalysisRuleId;
  kind: AnalysisKind;
  /** The year of the report the finding is about (series, roll-up). */
  year?: number;
  /** The agency or unit the finding is about (series, roll-up drill-down). */
  agency?: string;
  /** text: the section and the sentence the number was read from. */
  section?: SectionKey;
  sentence?: string;
}

/** Either kind of finding: what `validate` and the analyses return. */
export type AnyFinding = Finding | AnalysisFinding;

export { round6 };

/** Build an analysis finding: the fingerprint is made from the rule id and the instance key. */
export function analysisFinding(
  f: Omit<AnalysisFinding, 'fingerprint' | 'left' | 'right' | 'missing' | 'cells'> &
    Partial<Pick<AnalysisFinding, 'left' | 'right' | 'missing' | 'cells'>>,
): AnalysisFinding {
  const left = f.left ?? [];
  const right = f.right ?? [];
  return {
    ...f,
    cells: f.cells ?? [...left, ...right],
    left,
    right,
    missing: f.missing ?? [],
    fingerprint: fingerprintOf(`${f.ruleId}|${f.key}`),
  };
}

/** Apply a severity override map (`{ruleId: severity | 'off'}`) to analysis findings. */
export function applySeverity<T extends { ruleId: string; severity: Severity }>(
  findings: T[],
  severity?: Partial<Record<T['ruleId'], Severity | 'off'>>,
): T[] {
  if (!severity) return findings;
  const out: T[] = [];
  for (const f of findings) {
    const s = severity[f.ruleId as T['ruleId']];
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}
