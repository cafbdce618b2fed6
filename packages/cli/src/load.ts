import { readFile, stat } from 'node:fs/promises';
import type { ImportResult, InputIssue, Report } from '@nianbao/core';
import { type FileKind, fileKind, MAX_FILE_BYTES, readReportFile } from '@nianbao/readers';

/** A file the command could not use, with a code for programs and a message for people. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
  }
}

export const MAX_INPUT_BYTES = MAX_FILE_BYTES;

/** What a file is read as. */
export type SourceKind = FileKind;

export interface Loaded {
  report: Report;
  /** Import diagnostics, where the file was read from a published report rather than report JSON. */
  notes: string[];
  kind: SourceKind;
  /** The whole import result, where the file was a published report. */
  imported?: ImportResult;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Read the bytes of a file or of standard input (`-`), refusing anything over the size limit. */
export async function readInput(path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw new InputError('E_TOO_LARGE', `标准输入超过 ${mb(MAX_INPUT_BYTES)} 上限`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new InputError('E_NOT_FOUND', `找不到文件 ${path}`);
  }
  if (info.isDirectory()) throw new InputError('E_IS_DIRECTORY', `${path} 是文件夹，不是文件`);
  if (info.size > MAX_INPUT_BYTES)
    throw new InputError('E_TOO_LARGE', `${path} 过大（${mb(info.size)}），上限为 ${mb(MAX_INPUT_BYTES)}`);
  try {
    return await readFile(path);
  } catch {
    throw new InputError('E_UNREADABLE', `无法读取文件 ${path}`);
  }
}

/** What the bytes are: by their signature first, then by the file's extension, then by their text. */
export const sourceKind = (bytes: Uint8Array, path: string): SourceKind => fileKind(bytes, path);

/** Read a published report (PDF, Word, HTML, Markdown or text) into the model; exit-2 errors when nothing is read. */
export async function importFile(
  bytes: Uint8Array,
  path: string,
  kind: SourceKind = sourceKind(bytes, path),
  agency?: string,
): Promise<Loaded> {
  const name = path === '-' ? '标准输入' : path;
  const r = await readReportFile(bytes, path, { kind, name, ...(agency === undefined ? {} : { agency }) });
  if (!r.ok) {
    const hint =
      r.error.code === 'E_NO_AGENCY'
        ? `。可用 --agency 指定：nianbao import ${/\s/.test(path) ? `"${path}"` : path} --agency 机关名称 -o 报告.json`
        : '';
    throw new InputError(r.error.code, `${r.error.message}${hint}`, r.error.issues);
  }
  if (r.kind === 'json') return { report: r.report, notes: [], kind: r.kind };
  const notes = r.imported.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.message}（${d.code}）`);
  return { report: r.report, notes, kind: r.kind, imported: r.imported };
}

/** Read any file the command accepts as a report: report JSON, or a published report to import. */
export async function loadReport(path: string): Promise<Loaded> {
  const bytes = await readInput(path);
  return importFile(bytes, path);
}
