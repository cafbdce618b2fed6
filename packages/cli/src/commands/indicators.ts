import { parseArgs } from 'node:util';
import { indicators, indicatorText, type Report } from '@nianbao/core';
import type { Command } from '../command.js';
import { reportInputError } from '../errors.js';
import { loadReport } from '../load.js';

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: '计算报告的指标（公开率、不掌握率、复议和诉讼纠错率、结转率），附公式和所用单元格',
  usage: 'nianbao indicators FILE… [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length === 0) {
      io.err('用法：nianbao indicators FILE… [--json]\n');
      return 2;
    }
    const out: Record<string, unknown>[] = [];
    let code = 0;
    for (const file of positionals) {
      let report: Report;
      try {
        report = (await loadReport(file)).report;
      } catch (e) {
        const err = reportInputError(e, file, io);
        out.push({ file, error: err });
        code = 2;
        continue;
      }
      const list = indicators(report);
      if (values.json) out.push({ file, agency: report.meta.agency, year: report.meta.year, indicators: list });
      else {
        io.out(`${file}：${report.meta.agency} ${report.meta.year}年\n`);
        for (const i of list) io.out(`  ${indicatorText(i)}\n`);
      }
    }
    if (values.json) io.out(`${JSON.stringify(out.length === 1 ? out[0] : { files: out }, null, 2)}\n`);
    return code;
  },
};
