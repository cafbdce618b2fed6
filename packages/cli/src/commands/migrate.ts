import { parseArgs } from 'node:util';
import {
  canonicalJson,
  cellName,
  formatNumber,
  migrateReport,
  type Report,
  type TemplateVersion,
  TemplateVersionSchema,
} from '@nianbao/core';
import type { Command } from '../command.js';
import { reportInputError } from '../errors.js';
import { loadReport } from '../load.js';
import { writeAtomic } from '../output.js';

const USAGE = 'nianbao migrate FILE [--t2 2019|2021] [--t3 2019|2021] [-o OUT.json] [--json]';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: '在2019版与2021版格式之间转换统计表（行相对应的才转换），并列出无法对应的单元格及原因',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        t2: { type: 'string' },
        t3: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const file = positionals[0];
    if (!file || positionals.length > 1 || (!values.t2 && !values.t3)) {
      io.err(`用法：${USAGE}\n`);
      return 2;
    }
    const target: { t2?: TemplateVersion; t3?: TemplateVersion } = {};
    for (const table of ['t2', 't3'] as const) {
      const v = values[table];
      if (v === undefined) continue;
      const parsed = TemplateVersionSchema.safeParse(v);
      if (!parsed.success) {
        io.err(`错误：--${table} 应为 2019 或 2021，收到“${v}”（E_BAD_OPTION）\n`);
        return 2;
      }
      target[table] = parsed.data;
    }
    let report: Report;
    try {
      report = (await loadReport(file)).report;
    } catch (e) {
      reportInputError(e, file, io);
      return 2;
    }
    const m = migrateReport(report, target);
    const text = canonicalJson(m.report);
    if (values.output) {
      try {
        await writeAtomic(values.output, text);
      } catch {
        io.err(`错误：无法写入 ${values.output}（E_WRITE）\n`);
        return 2;
      }
    }
    const lost = m.dropped.filter((d) => d.value !== null && d.value !== 0);
    if (values.json) {
      io.out(
        `${JSON.stringify({ ...(values.output ? { output: values.output } : { report: JSON.parse(text) }), formats: m.report.meta.formats, dropped: m.dropped, unknown: m.unknown, merged: m.merged }, null, 2)}\n`,
      );
      return 0;
    }
    if (!values.output) {
      io.out(text);
      return 0;
    }
    const f = m.report.meta.formats;
    io.out(`已转换 ${file} → ${values.output}（表二 ${f.t2} 版，表三 ${f.t3} 版）\n`);
    for (const d of lost) io.out(`  · ${cellName(d.cellId)}（${formatNumber(d.value!)}）未转换：${d.reason}\n`);
    if (m.unknown.length)
      io.out(
        `  · 有 ${m.unknown.length} 格无法由原表得出，保留为空白（如${cellName(m.unknown[0]!.cellId)}：${m.unknown[0]!.reason}）\n`,
      );
    if (m.merged.length)
      io.out(`  · 有 ${m.merged.length} 格由原表多格相加得出，分项不再保留（如${cellName(m.merged[0]!.to)}）\n`);
    if (!lost.length && !m.unknown.length && !m.merged.length) io.out('  所有单元格都已一一对应转换。\n');
    return 0;
  },
};
