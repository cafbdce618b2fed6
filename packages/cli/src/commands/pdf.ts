import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Report, validate } from '@nianbao/core';
import type { Command, Io } from '../command.js';
import { reportInputError } from '../errors.js';
import { loadReport } from '../load.js';
import { writeAtomic } from '../output.js';

type Kind = 'pdf' | 'docx';

const NAMES: Record<Kind, string> = { pdf: 'PDF', docx: 'Word' };

function exportCommand(kind: Kind): Command {
  const usage = `nianbao ${kind} FILE [-o OUT.${kind}] [--draft]${kind === 'pdf' ? ' [--pdfa] [--font 字体文件]' : ''}`;
  return {
    name: kind,
    summary:
      kind === 'pdf'
        ? '生成版式规范的 PDF（A4、页码、书签，三张统计表按官方表样）'
        : '生成可编辑的 Word 文件（标题样式、合并单元格的统计表）',
    usage,
    async run(argv, io: Io) {
      const { values, positionals } = parseArgs({
        args: argv,
        options: {
          output: { type: 'string', short: 'o' },
          draft: { type: 'boolean' },
          ...(kind === 'pdf' ? { font: { type: 'string' }, pdfa: { type: 'boolean' } } : {}),
        },
        allowPositionals: true,
      });
      const file = positionals[0];
      if (!file || positionals.length > 1) {
        io.err(`用法：${usage}\n`);
        return 2;
      }
      const out = values.output ?? `${file === '-' ? 'report' : basename(file, extname(file))}.${kind}`;
      let report: Report;
      try {
        const loaded = await loadReport(file);
        report = loaded.report;
        // Import diagnostics (a published report read from text, HTML or PDF) go with the output.
        for (const n of loaded.notes) io.err(`  · ${n}\n`);
      } catch (e) {
        reportInputError(e, file, io);
        return 2;
      }
      // The file is made all the same; whoever prints or publishes it is told its numbers do not reconcile.
      const errors = validate(report).findings.filter((f) => f.severity === 'error');
      if (errors.length) {
        io.err(`警告：报告有 ${errors.length} 处错误，生成的文件中的数据有误（详见 nianbao validate）：\n`);
        for (const f of errors.slice(0, 5)) io.err(`  · ${f.message}（${f.ruleId}）\n`);
        if (errors.length > 5) io.err(`  · 另有 ${errors.length - 5} 处\n`);
      }
      // Loaded here, not at start-up: the typesetter and fonts would slow every other command.
      const { RenderError, renderDocx, renderPdf } = await import('@nianbao/pdf');
      let bytes: Uint8Array;
      try {
        const { font, pdfa } = values as { font?: string; pdfa?: boolean };
        const draft = values.draft === true;
        bytes =
          kind === 'pdf'
            ? await renderPdf(report, { draft, archival: pdfa === true, ...(font ? { serifFont: font } : {}) })
            : await renderDocx(report, { draft });
      } catch (e) {
        if (!(e instanceof RenderError)) throw e;
        io.err(`错误：无法生成${NAMES[kind]}文件：${e.message}（${e.code}）\n`);
        return 2;
      }
      try {
        if (out === '-') process.stdout.write(bytes);
        else await writeAtomic(out, bytes);
      } catch (e) {
        io.err(`错误：无法写入 ${out}：${(e as Error).message}（E_WRITE）\n`);
        return 2;
      }
      if (out !== '-') io.out(`已生成 ${out}（${(bytes.length / 1024).toFixed(0)} KB）\n`);
      return 0;
    },
  };
}

export const pdfCommand = exportCommand('pdf');
export const docxCommand = exportCommand('docx');
