import { parseArgs } from 'node:util';
import { validate, type Finding } from '@nianbao/core';
import type { Command } from '../command.js';
import { loadReport } from '../load.js';
import { reportInputError } from '../errors.js';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

function findingJson(f: Finding) {
  const out: Record<string, unknown> = { ruleId: f.ruleId, severity: f.severity, cells: f.cells };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.difference !== undefined) out.difference = f.difference;
  if (f.missing.length) out.missing = f.missing;
  if (f.likelyCell) out.likelyCell = f.likelyCell;
  out.fingerprint = f.fingerprint;
  out.message = f.message;
  return out;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: '检查年度报告：勾稽关系、总计、数值类型、未填写的单元格',
  usage: 'nianbao validate FILE… [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length === 0) {
      io.err('用法：nianbao validate FILE… [--json]\n');
      return 2;
    }
    let worst = 0;
    const results: Record<string, unknown>[] = [];
    for (const file of positionals) {
      let loaded;
      try {
        loaded = await loadReport(file);
      } catch (e) {
        const err = reportInputError(e, file, io);
        if (values.json) results.push({ file, error: err });
        worst = 2;
        continue;
      }
      const result = validate(loaded.report);
      // A value of the wrong type (a negative count, a fraction) makes the file unusable as a report.
      const typeErrors = result.findings.filter((f) => f.kind === 'type' && f.severity === 'error');
      const code = typeErrors.length ? 2 : result.errors ? 1 : 0;
      worst = Math.max(worst, code);
      if (values.json) {
        results.push({ file, findings: result.findings.map(findingJson), errors: result.errors, warnings: result.warnings, likely: result.likely });
        continue;
      }
      const { agency, year } = loaded.report.meta;
      io.out(`${file}：${agency} ${year}年（表二 ${loaded.report.meta.formats.t2} 版，表三 ${loaded.report.meta.formats.t3} 版）\n`);
      for (const n of loaded.notes) io.out(`  · ${n}\n`);
      for (const f of result.findings) {
        io.out(`  [${SEVERITY_ZH[f.severity]}] ${f.message}（${f.ruleId}）${f.likelyCell ? ' ◀' : ''}\n`);
      }
      for (const l of result.likely) io.out(`  → ${l.message}\n`);
      io.out(
        result.findings.length === 0
          ? '  全部检查通过：各项勾稽关系成立，没有未填写的单元格。\n'
          : `  共 ${result.errors} 个错误，${result.warnings} 个警告。\n`,
      );
    }
    if (values.json) {
      const body = results.length === 1 ? results[0] : { files: results };
      io.out(`${JSON.stringify(body, null, 2)}\n`);
    }
    return worst;
  },
};
