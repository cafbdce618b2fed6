import { parseArgs } from 'node:util';
import {
  type AgencyLevel,
  AgencyLevelSchema,
  aggregate,
  canonicalJson,
  cellName,
  checkRollUp,
  contributions,
  formatNumber,
  type Report,
  unitBreaks,
  validate,
} from '@nianbao/core';
import type { Command, Io } from '../command.js';
import { reportInputError } from '../errors.js';
import { loadReport } from '../load.js';
import { writeAtomic } from '../output.js';
import { findingJson, printFinding } from './validate.js';

const USAGE =
  'nianbao aggregate FILE… [-o OUT.json] [--agency 名称] [--year 年度] [--level 层级] [--check 汇总.json] [--json]';

function fail(io: Io, message: string, code: string): number {
  io.err(`错误：${message}（${code}）\n`);
  return 2;
}

export const aggregateCommand: Command = {
  name: 'aggregate',
  summary: '汇总多个单位的年度报告（每格为各单位之和），列出各格来源和勾稽不平的单位；--check 核对已报送的汇总表',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        output: { type: 'string', short: 'o' },
        agency: { type: 'string' },
        year: { type: 'string' },
        level: { type: 'string' },
        check: { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0) {
      io.err(`用法：${USAGE}\n`);
      return 2;
    }
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 2100))
      return fail(io, `--year 应为年度（如 2024），收到“${values.year}”`, 'E_BAD_OPTION');
    let level: AgencyLevel | undefined;
    if (values.level !== undefined) {
      const parsed = AgencyLevelSchema.safeParse(values.level);
      if (!parsed.success)
        return fail(
          io,
          `--level 应为 government、department、township 或 other，收到“${values.level}”`,
          'E_BAD_OPTION',
        );
      level = parsed.data;
    }

    // Every input must be usable before anything is written.
    const units: Report[] = [];
    for (const file of positionals) {
      try {
        units.push((await loadReport(file)).report);
      } catch (e) {
        reportInputError(e, file, io);
        return 2;
      }
    }
    let submitted: Report | undefined;
    if (values.check) {
      try {
        submitted = (await loadReport(values.check)).report;
      } catch (e) {
        reportInputError(e, values.check, io);
        return 2;
      }
    }
    const years = [...new Set(units.map((u) => u.meta.year))].sort((a, b) => a - b);
    if (years.length > 1 && year === undefined && !submitted) {
      return fail(
        io,
        `各单位报告的年度不一致（${years.join('、')}年）：请检查文件，或用 --year 指定汇总年度`,
        'E_MIXED_YEARS',
      );
    }

    if (submitted) {
      const r = checkRollUp(submitted, units);
      if (values.json)
        io.out(
          `${JSON.stringify({ findings: r.findings.map(findingJson), errors: r.errors, warnings: r.warnings }, null, 2)}\n`,
        );
      else {
        io.out(
          `核对汇总报告 ${values.check}（${submitted.meta.agency} ${submitted.meta.year}年）与 ${units.length} 个单位：\n`,
        );
        for (const f of r.findings) printFinding(f, io);
        io.out(r.findings.length ? `  共 ${r.errors} 处与各单位之和不符。\n` : '  每一格都等于各单位之和。\n');
      }
      return r.errors ? 1 : 0;
    }

    const rollup = aggregate(units, {
      ...(values.agency ? { agency: values.agency } : {}),
      ...(year ? { year } : {}),
      ...(level ? { level } : {}),
    });
    const text = canonicalJson(rollup.report);
    if (values.output) {
      try {
        await writeAtomic(values.output, text);
      } catch {
        return fail(io, `无法写入 ${values.output}`, 'E_WRITE');
      }
    }
    const check = validate(rollup.report, { kinds: ['sum', 'equation'] });
    const breaks = unitBreaks(rollup);
    const byFingerprint = (fp: string) =>
      breaks.filter((b) => b.findings.some((f) => f.fingerprint === fp)).map((b) => `${b.agency}（${b.year}年）`);

    if (values.json) {
      io.out(
        `${JSON.stringify(
          {
            ...(values.output ? { output: values.output } : { report: JSON.parse(text) }),
            units: rollup.units,
            formats: rollup.report.meta.formats,
            findings: check.findings.map((f) => ({ ...findingJson(f), units: byFingerprint(f.fingerprint) })),
            errors: check.errors,
            unitBreaks: breaks.map((b) => ({
              unit: b.unit,
              agency: b.agency,
              year: b.year,
              findings: b.findings.map(findingJson),
            })),
            dropped: rollup.dropped,
            incomplete: rollup.incomplete,
          },
          null,
          2,
        )}\n`,
      );
      return check.errors ? 1 : 0;
    }
    if (!values.output) {
      io.out(text);
      return check.errors ? 1 : 0;
    }
    const f = rollup.report.meta.formats;
    io.out(
      `已汇总 ${units.length} 个单位 → ${values.output}（${rollup.report.meta.agency} ${rollup.report.meta.year}年；表二 ${f.t2} 版，表三 ${f.t3} 版）\n`,
    );
    const total = rollup.report.cells['t3.new.total'];
    if (total !== null && total !== undefined) {
      const top = contributions(rollup, 't3.new.total')
        .filter((c) => c.value)
        .sort((a, b) => b.value - a.value)
        .slice(0, 3);
      io.out(
        `  ${cellName('t3.new.total')}：${formatNumber(total)}${top.length ? `（其中 ${top.map((c) => `${c.agency} ${formatNumber(c.value)}`).join('、')}）` : ''}\n`,
      );
    }
    for (const d of rollup.dropped)
      io.out(
        `  · ${rollup.units[d.unit]!.agency}的${cellName(d.cellId)}（${formatNumber(d.value)}）未计入：${d.reason}\n`,
      );
    if (rollup.incomplete.length)
      io.out(`  · 有 ${rollup.incomplete.length} 格部分单位因表格格式不同无法计入（见 --json 的 incomplete）\n`);
    for (const x of check.findings) {
      printFinding(x, io);
      const who = byFingerprint(x.fingerprint);
      if (who.length) io.out(`    来自：${who.join('、')}自身的表格不平\n`);
    }
    io.out(check.findings.length ? `  汇总表有 ${check.errors} 处勾稽错误。\n` : '  汇总表各项勾稽关系成立。\n');
    return check.errors ? 1 : 0;
  },
};
