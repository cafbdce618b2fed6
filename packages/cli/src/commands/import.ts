import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { canonicalJson, IMPORT_STATUS_LABELS, type ImportResult, SEVERITY_LABELS, TABLE_NAMES } from '@nianbao/core';
import type { Command, Io } from '../command.js';
import { inputErrorOf, reportInputError } from '../errors.js';
import { InputError, importFile, type Loaded, readInput, sourceKind } from '../load.js';
import { writeAtomic } from '../output.js';

/** Extensions a folder is searched for. */
const READABLE = new Set(['.txt', '.html', '.htm', '.shtml', '.md', '.markdown', '.pdf', '.docx']);
const MAX_FILES = 10_000;

async function expand(inputs: string[]): Promise<{ files: string[]; fromFolder: boolean }> {
  const files: string[] = [];
  let fromFolder = false;
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || files.length >= MAX_FILES) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (READABLE.has(extname(e.name).toLowerCase())) files.push(p);
    }
  };
  for (const input of inputs) {
    if (input !== '-') {
      const info = await stat(input).catch(() => undefined);
      if (info?.isDirectory()) {
        fromFolder = true;
        await walk(input);
        continue;
      }
    }
    files.push(input);
  }
  return { files, fromFolder };
}

function summaryLine(r: ImportResult): string {
  const t = r.tables
    .map((x) => {
      const parts = [`按原文读取 ${x.cellsRead}`];
      if (x.cellsDerived) parts.push(`推算 ${x.cellsDerived}`);
      if (x.cellsBlank) parts.push(`原文空白 ${x.cellsBlank}`);
      if (x.cellsUnread) parts.push(`未能读取 ${x.cellsUnread}`);
      return `${TABLE_NAMES[x.table]}（${x.version}版，${x.cellsExpected}格）${parts.join('、')}`;
    })
    .join('；');
  return `${IMPORT_STATUS_LABELS[r.status]}：${t}`;
}

/** `<name>.json`; where two inputs share a name (source.txt in many folders), the folder's name goes in front. */
function outputName(file: string, taken: Set<string>): string {
  const stem = file === '-' ? 'stdin' : basename(file, extname(file));
  let name = `${stem}.json`;
  if (taken.has(name) && file !== '-') name = `${basename(dirname(file))}-${stem}.json`;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}.json`;
  taken.add(name);
  return name;
}

async function importOne(file: string, agency: string | undefined): Promise<Loaded> {
  const bytes = await readInput(file);
  const kind = sourceKind(bytes, file);
  if (kind === 'json') throw new InputError('E_ALREADY_REPORT', `${file} 已是年度报告 JSON，无需导入`);
  return importFile(bytes, file, kind, agency);
}

function printDiagnostics(r: ImportResult, io: Io): void {
  for (const d of r.diagnostics)
    if (d.severity !== 'info') io.err(`  [${SEVERITY_LABELS[d.severity]}] ${d.message}（${d.code}）\n`);
  const splits = r.diagnostics.filter((d) => d.code === 'I_SPLIT_RECOVERED');
  for (const d of splits.slice(0, 5)) io.err(`  [推算] ${d.message}\n`);
  if (splits.length > 5)
    io.err(`  [推算] 另有 ${splits.length - 5} 行数字连在一起，已按勾稽关系拆分（--json 列出全部）\n`);
}

export const importCommand: Command = {
  name: 'import',
  summary: '读取已发布的年度报告（PDF、Word、网页、Markdown、文本）为报告 JSON，并列出读取情况',
  usage: 'nianbao import FILE|DIR|- … [-o OUT] [--json] [--agency 机关名称]',
  async run(argv, io) {
    let parsed: { values: { output?: string; json?: boolean; agency?: string }; positionals: string[] };
    try {
      parsed = parseArgs({
        args: argv,
        options: { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, agency: { type: 'string' } },
        allowPositionals: true,
      });
    } catch (e) {
      io.err(`${(e as Error).message}\n用法：${this.usage}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (!positionals.length) {
      io.err(`用法：${this.usage}\n`);
      return 2;
    }
    const { files, fromFolder } = await expand(positionals);
    const out = values.output;
    const outIsDir =
      out !== undefined &&
      ((await stat(out).catch(() => undefined))?.isDirectory() ?? !out.toLowerCase().endsWith('.json'));
    const bulk = files.length > 1 || fromFolder;
    if (bulk && !out) {
      io.err('导入多个文件时请用 -o 指定输出文件夹，例如：nianbao import 报告/ -o 结果/\n');
      return 2;
    }
    const agency = values.agency?.trim();
    if (values.agency !== undefined && !agency) {
      io.err(`--agency 需要机关名称，例如 --agency 宝山区人民政府\n用法：${this.usage}\n`);
      return 2;
    }
    if (bulk && agency) {
      io.err('--agency 只能用于导入一个文件：各文件的机关不同，请分别导入\n');
      return 2;
    }
    if (bulk && !outIsDir) {
      io.err(`导入多个文件时 -o 应为文件夹，而 ${out} 是 .json 文件\n`);
      return 2;
    }
    if (!files.length) {
      io.err('没有找到可读取的文件（.pdf .docx .html .htm .md .txt）\n');
      return 2;
    }
    if (out && outIsDir) await mkdir(out, { recursive: true });

    const taken = new Set<string>();
    const done: { file: string; result?: ImportResult; error?: { code: string; message: string } }[] = [];
    for (const [i, file] of files.entries()) {
      if (bulk && io.isTTY) io.err(`\r\x1b[K[${i + 1}/${files.length}] ${file}`);
      let loaded: Loaded;
      try {
        loaded = await importOne(file, agency);
      } catch (e) {
        if (bulk) {
          done.push({ file, error: inputErrorOf(e, file) });
          continue;
        }
        reportInputError(e, file, io);
        return 2;
      }
      const result = loaded.imported!;
      const body = values.json
        ? `${JSON.stringify({ file, status: result.status, format: loaded.kind, tables: result.tables, found: result.found, missing: result.missing, blank: result.blank, unread: result.unread, inferred: result.inferred, diagnostics: result.diagnostics, report: JSON.parse(canonicalJson(result.report)) }, null, 2)}\n`
        : canonicalJson(result.report);
      if (out) await writeAtomic(outIsDir ? join(out, outputName(file, taken)) : out, body);
      else io.out(body);
      done.push({ file, result });
      if (!bulk) {
        io.err(`${file}：${summaryLine(result)}\n`);
        printDiagnostics(result, io);
      }
    }
    if (!bulk) return 0;
    if (io.isTTY) io.err('\r\x1b[K');
    const complete = done.filter((d) => d.result?.status === 'complete');
    const partial = done.filter((d) => d.result?.status === 'partial');
    const failed = done.filter((d) => d.error);
    io.err(
      `共 ${done.length} 个文件：完整读取 ${complete.length} 个，部分读取 ${partial.length} 个，未能读取 ${failed.length} 个。输出在 ${out}\n`,
    );
    for (const d of partial) {
      const m = d.result!.unread;
      io.err(
        `  部分读取 ${d.file}：${m.length} 个单元格未能读取（${m.slice(0, 6).join('、')}${m.length > 6 ? '等' : ''}）\n`,
      );
    }
    for (const d of failed) io.err(`  未能读取：${d.error!.message}（${d.error!.code}）\n`);
    return failed.length === done.length ? 2 : failed.length ? 1 : 0;
  },
};
