import { parseArgs } from 'node:util';
import {
  type AnyFinding,
  checkPrevious,
  checkSeries,
  checkText,
  countSeverities,
  groupByAgency,
  type Readiness,
  type Report,
  readiness,
  SEVERITY_LABELS,
  type SectionSimilarity,
  sameAgency,
  validate,
} from '@nianbao/core';
import type { Command, Io } from '../command.js';
import { reportInputError } from '../errors.js';
import { type Loaded, loadReport } from '../load.js';

const USAGE = 'nianbao validate FILE… [--json] [--previous LAST] [--series] [--as-of 日期] [--deadline 月-日]';

export function findingJson(f: AnyFinding) {
  const out: Record<string, unknown> = { ruleId: f.ruleId, severity: f.severity, cells: f.cells };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.difference !== undefined) out.difference = f.difference;
  if (f.missing.length) out.missing = f.missing;
  if ('unread' in f && f.unread?.length) out.unread = f.unread;
  if (f.likelyCell) out.likelyCell = f.likelyCell;
  if ('sentence' in f && f.sentence) out.sentence = f.sentence;
  if ('year' in f && f.year !== undefined && f.kind === 'series') out.year = f.year;
  out.fingerprint = f.fingerprint;
  out.message = f.message;
  return out;
}

export function printFinding(f: AnyFinding, io: Io, indent = '  '): void {
  io.out(`${indent}[${SEVERITY_LABELS[f.severity]}] ${f.message}（${f.ruleId}）${f.likelyCell ? ' ◀' : ''}\n`);
  if ('sentence' in f && f.sentence) io.out(`${indent}    原文：${f.sentence}\n`);
}

/** Readiness items whose findings the table rules already give (blank cells, identities). */
const DUPLICATED = new Set(['ready.blankCells', 'ready.tables']);

interface Checked {
  findings: AnyFinding[];
  errors: number;
  warnings: number;
  likely: ReturnType<typeof validate>['likely'];
  readiness: Readiness;
  /** Exit code for this file alone. */
  code: number;
}

interface CheckOptions {
  asOf?: string;
  /** The publication deadline (月-日) for the levels without a national one. */
  deadline?: string;
}

/** The publication checklist, against last year's report where given. */
function readinessOf(report: Report, previous: Report | undefined, opts: CheckOptions): Readiness {
  const deadlines = opts.deadline ? { township: opts.deadline, other: opts.deadline } : undefined;
  return readiness(report, {
    ...(previous ? { previous } : {}),
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    ...(deadlines ? { deadlines } : {}),
  });
}

/** The single-report checks (tables, text ↔ table, readiness), plus the year-to-year check when `previous` is given. */
function checkOne(report: Report, previous: Report | undefined, opts: CheckOptions): Checked {
  const table = validate(report);
  const text = checkText(report);
  const ready = readinessOf(report, previous, opts);
  const series = previous ? checkPrevious(previous, report).findings : [];
  const findings: AnyFinding[] = [
    ...table.findings,
    ...text.findings,
    ...ready.findings.filter((f) => !DUPLICATED.has(f.ruleId)),
    ...series,
  ];
  const { errors, warnings } = countSeverities(findings);
  // A value of the wrong type (a negative count, a fraction) makes the file unusable as a report.
  const typeErrors = table.findings.filter((f) => f.kind === 'type' && f.severity === 'error');
  return {
    findings,
    errors,
    warnings,
    likely: table.likely,
    readiness: ready,
    code: typeErrors.length ? 2 : errors ? 1 : 0,
  };
}

function printReadiness(r: Readiness, io: Io): void {
  io.out(`  发布前检查：${r.passed}/${r.applicable} 项通过（得分 ${r.score}）\n`);
  for (const i of r.items) if (i.status === 'fail') io.out(`    ✗ ${i.title}：${i.detail}\n`);
}

function printSimilarity(list: SectionSimilarity[], year: number, io: Io): void {
  const shown = list.filter((s) => s.length > 0);
  if (!shown.length) return;
  io.out(`  与${year}年报告相比（相同内容所占比例）：\n`);
  for (const s of shown) {
    io.out(`    ${s.heading}：${Math.round(s.similarity * 100)}%\n`);
    for (const p of s.copied.slice(0, 2)) io.out(`      相同段落：“${p.length > 80 ? `${p.slice(0, 80)}…` : p}”\n`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^\d{2}-\d{2}$/;

export const validateCommand: Command = {
  name: 'validate',
  summary: '检查年度报告：勾稽关系、未填写的单元格、正文与表格数字、发布前检查；--previous / --series 跨年度核对',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        previous: { type: 'string' },
        series: { type: 'boolean' },
        'as-of': { type: 'string' },
        deadline: { type: 'string' },
      },
      allowPositionals: true,
    });
    if (
      positionals.length === 0 ||
      (values.previous && positionals.length !== 1) ||
      (values.previous && values.series)
    ) {
      io.err(`用法：${USAGE}\n  --previous 只能与一个报告文件同用；--series 与 --previous 不能同用\n`);
      return 2;
    }
    if ((values['as-of'] && !DATE.test(values['as-of'])) || (values.deadline && !MONTH_DAY.test(values.deadline))) {
      io.err('参数有误：--as-of 应为日期（如 2025-02-01），--deadline 应为月-日（如 02-20）（E_BAD_OPTION）\n');
      return 2;
    }
    const opts = {
      ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      ...(values.deadline ? { deadline: values.deadline } : {}),
    };

    let worst = 0;
    let previous: Loaded | undefined;
    if (values.previous) {
      try {
        previous = await loadReport(values.previous);
      } catch (e) {
        const err = reportInputError(e, values.previous, io);
        if (values.json) io.out(`${JSON.stringify({ file: values.previous, error: err }, null, 2)}\n`);
        return 2;
      }
    }

    const results: Record<string, unknown>[] = [];
    const loadedAll: { file: string; loaded: Loaded }[] = [];
    for (const file of positionals) {
      let loaded: Awaited<ReturnType<typeof loadReport>>;
      try {
        loaded = await loadReport(file);
      } catch (e) {
        const err = reportInputError(e, file, io);
        if (values.json) results.push({ file, error: err });
        worst = 2;
        continue;
      }
      loadedAll.push({ file, loaded });
    }
    // In a series, each report's section similarity is against the same agency's previous year, where given.
    const prevInSeries = (r: Report) =>
      values.series
        ? loadedAll
            .map((x) => x.loaded.report)
            .find((p) => p.meta.year === r.meta.year - 1 && sameAgency(p.meta.agency, r.meta.agency))
        : undefined;

    for (const { file, loaded } of loadedAll) {
      const report = loaded.report;
      const prev = previous?.report ?? prevInSeries(report);
      // In --series mode the year-to-year findings are given once for the whole series, below.
      const result = checkOne(report, values.series ? undefined : prev, opts);
      if (values.series && prev) result.readiness = readinessOf(report, prev, opts);
      worst = Math.max(worst, result.code);
      if (values.json) {
        results.push({
          file,
          findings: result.findings.map(findingJson),
          errors: result.errors,
          warnings: result.warnings,
          likely: result.likely,
          readiness: {
            score: result.readiness.score,
            passed: result.readiness.passed,
            applicable: result.readiness.applicable,
            items: result.readiness.items,
          },
          ...(result.readiness.similarity ? { similarity: result.readiness.similarity } : {}),
        });
        continue;
      }
      const { agency, year } = report.meta;
      io.out(`${file}：${agency} ${year}年（表二 ${report.meta.formats.t2} 版，表三 ${report.meta.formats.t3} 版）\n`);
      if (previous)
        io.out(`  对照上一年度：${values.previous}（${previous.report.meta.agency} ${previous.report.meta.year}年）\n`);
      for (const n of loaded.notes) io.out(`  · ${n}\n`);
      for (const f of result.findings) printFinding(f, io);
      for (const l of result.likely) io.out(`  → ${l.message}\n`);
      io.out(
        result.findings.length === 0
          ? '  全部检查通过：各项勾稽关系成立，没有未填写的单元格。\n'
          : `  共 ${result.errors} 个错误，${result.warnings} 个警告。\n`,
      );
      printReadiness(result.readiness, io);
      if (result.readiness.similarity && prev) printSimilarity(result.readiness.similarity, prev.meta.year, io);
    }

    let seriesBody: Record<string, unknown> | undefined;
    if (values.series) {
      // Reports of several agencies are checked as one series per agency.
      const groups = groupByAgency(loadedAll.map((x) => x.loaded.report));
      const bodies: Record<string, unknown>[] = [];
      for (const group of groups) {
        const s = checkSeries(group);
        if (s.errors) worst = Math.max(worst, 1);
        const agency = group[group.length - 1]!.meta.agency;
        bodies.push({
          agency,
          years: group.map((r) => r.meta.year),
          findings: s.findings.map(findingJson),
          errors: s.errors,
          warnings: s.warnings,
          pairs: s.pairs,
          skipped: s.skipped,
        });
        if (values.json) continue;
        io.out(`跨年度核对：${agency}（${group.map((r) => r.meta.year).join('、')}年）\n`);
        for (const f of s.findings) printFinding(f, io);
        for (const k of s.skipped) io.out(`  · 未核对（${k.ruleId}）：${k.reason}\n`);
        if (group.length < 2) io.out('  只有一个年度的报告，无可核对。\n');
        else if (s.findings.length === 0) io.out(`  ${s.pairs.length} 组相邻年度核对通过：上年结转与上年报告一致。\n`);
        else io.out(`  共 ${s.errors} 个错误，${s.warnings} 个警告。\n`);
      }
      seriesBody = bodies.length === 1 ? bodies[0] : { agencies: bodies };
    }
    if (values.json) {
      const body =
        results.length === 1 && !seriesBody
          ? results[0]
          : { files: results, ...(seriesBody ? { series: seriesBody } : {}) };
      io.out(`${JSON.stringify(body, null, 2)}\n`);
    }
    return worst;
  },
};
