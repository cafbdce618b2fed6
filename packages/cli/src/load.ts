import { readFile, stat } from 'node:fs/promises';
import { parseReport, type InputIssue, type Report } from '@nianbao/core';

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

export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export interface Loaded {
  report: Report;
  /** Import diagnostics, where the file was read from a published report rather than report JSON. */
  notes: string[];
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
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError('E_NOT_FOUND', `找不到文件 ${path}`);
  }
  if (info.isDirectory()) throw new InputError('E_IS_DIRECTORY', `${path} 是文件夹，不是文件`);
  if (info.size > MAX_INPUT_BYTES) throw new InputError('E_TOO_LARGE', `${path} 过大（${mb(info.size)}），上限为 ${mb(MAX_INPUT_BYTES)}`);
  try {
    return await readFile(path);
  } catch {
    throw new InputError('E_UNREADABLE', `无法读取文件 ${path}`);
  }
}

/** Parse report JSON text into a checked report, or throw an InputError naming every problem. */
export function reportFromJsonText(text: string, name: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError('E_NOT_JSON', `${name} 不是有效的 JSON：${(e as Error).message}`);
  }
  const parsed = parseReport(data);
  if (!parsed.ok) {
    throw new InputError('E_NOT_REPORT', `${name} 不是有效的年度报告：\n${parsed.issues.map((i) => `  ${i.path || '(根)'}：${i.message}（${i.code}）`).join('\n')}`, parsed.issues);
  }
  return parsed.report;
}

/** Read any file the command accepts as a report. */
export async function loadReport(path: string): Promise<Loaded> {
  const bytes = await readInput(path);
  const name = path === '-' ? '标准输入' : path;
  return { report: reportFromJsonText(bytes.toString('utf8'), name), notes: [] };
}
