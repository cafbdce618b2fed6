import type { Report } from '../model/report.js';
import type { Severity } from '../rules/catalogue.js';
import { T3_COLUMNS, type TemplateVersion, t2Blocks } from '../templates/index.js';
import { type AnalysisFinding, analysisFinding, applySeverity, countSeverities, round6 } from './finding.js';
import { analysisMessage, type SeriesRuleId } from './messages.js';

/** A cross-year check, as data: what it compares and under which template versions it applies. */
export interface SeriesRule {
  id: SeriesRuleId;
  severity: Severity;
  title: string;
  formula: string;
  basis: string;
}

/** The cross-year rules (format spec §5.3). All are warnings: mergers and corrections break them legitimately. */
export const SERIES_RULES: readonly SeriesRule[] = [
  {
    id: 'series.carryOver',
    severity: 'warning',
    title: '上年结转与上年报告一致',
    formula: '本年“二、上年结转政府信息公开申请数量”＝上年“四、结转下年度继续办理”（每一列）',
    basis: '表三勾稽关系跨年度推定；两版格式均有这两行',
  },
  {
    id: 'series.t2InForce',
    severity: 'warning',
    title: '现行有效件数滚动',
    formula:
      '本年“现行有效件数”＝上年“现行有效件数”＋本年“本年制发件数”－本年“本年废止件数”（规章、行政规范性文件，2021版表二）',
    basis: '国办公开办函〔2021〕30号表二第二十条第（一）项（跨年度推定；修订、清理可合理打破）',
  },
  {
    id: 'series.t2Items',
    severity: 'warning',
    title: '上一年项目数量滚动',
    formula: '本年“上一年项目数量”＝上年“上一年项目数量”＋上年“本年增/减”（2019版表二）',
    basis: '国办公开办函〔2019〕60号表二第二十条第（五）（六）（八）项（跨年度推定）',
  },
  {
    id: 'series.gap',
    severity: 'info',
    title: '缺少年度',
    formula: '相邻年度的报告才能逐项核对',
    basis: '跨年度核对需要上一年度的报告',
  },
  {
    id: 'series.duplicateYear',
    severity: 'error',
    title: '同一年度有多份报告',
    formula: '同一机关每年一份年度报告',
    basis: '《中华人民共和国政府信息公开条例》第四十九条',
  },
  {
    id: 'series.agency',
    severity: 'warning',
    title: '机关名称不一致',
    formula: '系列中的报告应属于同一机关',
    basis: '跨年度核对只对同一机关有意义',
  },
];

const RULE = Object.fromEntries(SERIES_RULES.map((r) => [r.id, r])) as Record<SeriesRuleId, SeriesRule>;

export interface SeriesOptions {
  /** Change the severity of a series rule, or turn it off. */
  severity?: Partial<Record<SeriesRuleId, Severity | 'off'>>;
}

/** A check that was not run, and why (e.g. 表二 changed template between the two years). */
export interface SkippedCheck {
  ruleId: SeriesRuleId;
  from: number;
  to: number;
  reason: string;
}

export interface SeriesResult {
  findings: AnalysisFinding[];
  /** Year pairs that were compared. */
  pairs: { from: number; to: number }[];
  skipped: SkippedCheck[];
  errors: number;
  warnings: number;
  infos: number;
}

type SeriesReport = Pick<Report, 'meta' | 'cells'>;

const val = (r: SeriesReport, id: string): number | null => r.cells[id] ?? null;
const CARRY = T3_COLUMNS.map((col) => ({
  col,
  now: `t3.carriedOver.${col.id}`,
  before: `t3.carriedForward.${col.id}`,
}));

/** Agency names are the same agency if equal, or one is the other without its higher-level prefix (洪泽区人民政府 / 淮安市洪泽区人民政府). */
export function sameAgency(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  return x === y || (x.length >= 4 && y.length >= 4 && (x.endsWith(y) || y.endsWith(x)));
}

/**
 * Compare `now = Σ (sign · term)`, blank counted as 0 and listed as missing. Null when it holds or when every
 * cell is blank (the common case allocates nothing).
 */
function compare(
  now: { id: string; report: SeriesReport },
  terms: { id: string; report: SeriesReport; sign: 1 | -1 }[],
) {
  const stated = val(now.report, now.id);
  let sum = 0;
  let allBlank = stated === null;
  for (const t of terms) {
    const v = t.report.cells[t.id];
    if (v !== null && v !== undefined) {
      allBlank = false;
      sum += v * t.sign;
    }
  }
  if (allBlank) return null;
  const expected = round6(sum);
  const actual = stated ?? 0;
  if (actual === expected) return null;
  const values = terms.map((t) => val(t.report, t.id));
  const missing: string[] = [];
  if (stated === null) missing.push(now.id);
  terms.forEach((t, i) => {
    if (values[i] === null) missing.push(t.id);
  });
  return { expected, actual, difference: round6(actual - expected), missing, values };
}

/** A cross-year identity that does not hold (`compare`'s answer), as a finding. */
function rollFinding(
  ruleId: SeriesRuleId,
  at: { key: string; year: number; agency: string },
  cells: { left: string[]; right: string[] },
  c: NonNullable<ReturnType<typeof compare>>,
  message: string,
): AnalysisFinding {
  return analysisFinding({
    ruleId,
    kind: 'series',
    severity: RULE[ruleId].severity,
    ...at,
    ...cells,
    expected: c.expected,
    actual: c.actual,
    difference: c.difference,
    missing: c.missing,
    message,
  });
}

/**
 * Check this year's report against last year's report of the same agency: 表三 carry-over for every
 * column, and 表二's roll-forward where both years use the same 表二 template.
 */
export function checkPrevious(
  previous: SeriesReport,
  current: SeriesReport,
  options: SeriesOptions = {},
): SeriesResult {
  return seriesResult(comparePair(previous, current), [{ from: previous.meta.year, to: current.meta.year }], options);
}

function comparePair(prev: SeriesReport, cur: SeriesReport): { findings: AnalysisFinding[]; skipped: SkippedCheck[] } {
  const findings: AnalysisFinding[] = [];
  const skipped: SkippedCheck[] = [];
  const py = prev.meta.year;
  const cy = cur.meta.year;
  const agency = cur.meta.agency;
  if (!sameAgency(prev.meta.agency, cur.meta.agency)) {
    findings.push(
      analysisFinding({
        ruleId: 'series.agency',
        kind: 'series',
        severity: RULE['series.agency'].severity,
        key: `${py}-${cy}`,
        year: cy,
        agency,
        message: analysisMessage('series.agency', {
          previousYear: py,
          year: cy,
          previousAgency: prev.meta.agency,
          agency: cur.meta.agency,
        }),
      }),
    );
  }

  // X1: 二、上年结转 (N) = 四、结转下年度继续办理 (N−1), every column; both templates have both rows.
  for (const { col, now, before } of CARRY) {
    const x = cur.cells[now];
    const y = prev.cells[before];
    if (x === y || (x == null && y == null)) continue; // holds, or both blank: the common case allocates nothing
    const c = compare({ id: now, report: cur }, [{ id: before, report: prev, sign: 1 }]);
    if (!c) continue;
    findings.push(
      rollFinding(
        'series.carryOver',
        { key: `${cy}:${col.id}`, year: cy, agency },
        { left: [now], right: [before] },
        c,
        analysisMessage('series.carryOver', {
          column: col.label,
          year: cy,
          previousYear: py,
          actual: c.actual,
          expected: c.expected,
          difference: c.difference,
          missing: c.missing.map((cellId) => ({ cellId, year: cellId === now ? cy : py })),
        }),
      ),
    );
  }

  const v2 = (r: SeriesReport): TemplateVersion => r.meta.formats.t2;
  if (v2(prev) === '2021' && v2(cur) === '2021') {
    for (const row of t2Blocks('2021')[0]!.rows) {
      const inForce = `t2.${row.id}.inForce`;
      const n = cur.cells[inForce];
      const p0 = prev.cells[inForce];
      const is = cur.cells[`t2.${row.id}.issued`];
      const rp = cur.cells[`t2.${row.id}.repealed`];
      if (n != null && p0 != null && is != null && rp != null && n === round6(p0 + is - rp)) continue;
      const c = compare({ id: inForce, report: cur }, [
        { id: inForce, report: prev, sign: 1 },
        { id: `t2.${row.id}.issued`, report: cur, sign: 1 },
        { id: `t2.${row.id}.repealed`, report: cur, sign: -1 },
      ]);
      if (!c) continue;
      const [p, issued, repealed] = c.values.map((v) => v ?? 0) as [number, number, number];
      findings.push(
        rollFinding(
          'series.t2InForce',
          { key: `${cy}:${row.id}`, year: cy, agency },
          { left: [inForce], right: [inForce, `t2.${row.id}.issued`, `t2.${row.id}.repealed`] },
          c,
          analysisMessage('series.t2InForce', {
            row: row.label,
            year: cy,
            previousYear: py,
            actual: c.actual,
            previous: p,
            issued,
            repealed,
            expected: c.expected,
            difference: c.difference,
          }),
        ),
      );
    }
  } else if (v2(prev) !== v2(cur)) {
    skipped.push({
      ruleId: v2(cur) === '2021' ? 'series.t2InForce' : 'series.t2Items',
      from: py,
      to: cy,
      reason: analysisMessage('series.t2Skipped', {
        previousYear: py,
        year: cy,
        previousVersion: v2(prev),
        version: v2(cur),
      }),
    });
  }
  if (v2(prev) === '2019' && v2(cur) === '2019') {
    for (const block of t2Blocks('2019')) {
      if (!block.columns.some((c) => c.id === 'lastYearItems')) continue;
      for (const row of block.rows) {
        const items = `t2.${row.id}.lastYearItems`;
        const change = `t2.${row.id}.change`;
        const c = compare({ id: items, report: cur }, [
          { id: items, report: prev, sign: 1 },
          { id: change, report: prev, sign: 1 },
        ]);
        if (!c) continue;
        const [p, ch] = c.values.map((v) => v ?? 0) as [number, number];
        findings.push(
          rollFinding(
            'series.t2Items',
            { key: `${cy}:${row.id}`, year: cy, agency },
            { left: [items], right: [items, change] },
            c,
            analysisMessage('series.t2Items', {
              row: row.label,
              year: cy,
              previousYear: py,
              actual: c.actual,
              previous: p,
              change: ch,
              expected: c.expected,
              difference: c.difference,
            }),
          ),
        );
      }
    }
  }
  return { findings, skipped };
}

function seriesResult(
  parts: { findings: AnalysisFinding[]; skipped: SkippedCheck[] },
  pairs: { from: number; to: number }[],
  options: SeriesOptions,
): SeriesResult {
  const findings = applySeverity(parts.findings, options.severity);
  return { findings, pairs, skipped: parts.skipped, ...countSeverities(findings) };
}

/**
 * Check one agency's reports over several years (any order): every pair of consecutive years is compared
 * as `checkPrevious` does; missing years and duplicate years are findings.
 */
export function checkSeries(reports: readonly SeriesReport[], options: SeriesOptions = {}): SeriesResult {
  const sorted = [...reports].sort((a, b) => a.meta.year - b.meta.year);
  const findings: AnalysisFinding[] = [];
  const skipped: SkippedCheck[] = [];
  const pairs: { from: number; to: number }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const py = prev.meta.year;
    const cy = cur.meta.year;
    if (py === cy) {
      findings.push(
        analysisFinding({
          ruleId: 'series.duplicateYear',
          kind: 'series',
          severity: RULE['series.duplicateYear'].severity,
          key: String(cy),
          year: cy,
          agency: cur.meta.agency,
          message: analysisMessage('series.duplicateYear', { year: cy }),
        }),
      );
      continue;
    }
    if (cy - py > 1) {
      const missingYears = Array.from({ length: cy - py - 1 }, (_, k) => py + 1 + k);
      findings.push(
        analysisFinding({
          ruleId: 'series.gap',
          kind: 'series',
          severity: RULE['series.gap'].severity,
          key: `${py}-${cy}`,
          year: cy,
          agency: cur.meta.agency,
          message: analysisMessage('series.gap', { missingYears, year: cy, previousYear: py }),
        }),
      );
      continue;
    }
    const r = comparePair(prev, cur);
    findings.push(...r.findings);
    skipped.push(...r.skipped);
    pairs.push({ from: py, to: cy });
  }
  return seriesResult({ findings, skipped }, pairs, options);
}

/** Group reports by agency (names compared as `sameAgency` does), each group in year order. */
export function groupByAgency<T extends SeriesReport>(reports: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const r of reports) {
    const g = groups.find((x) => sameAgency(x[0]!.meta.agency, r.meta.agency));
    if (g) g.push(r);
    else groups.push([r]);
  }
  for (const g of groups) g.sort((a, b) => a.meta.year - b.meta.year);
  return groups;
}
