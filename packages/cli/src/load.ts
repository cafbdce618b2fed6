import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { importReport, parseReport, type ImportFormat, type ImportResult, type InputIssue, type Report } from '@nianbao/core';

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

/** What a file is read as. */
export type SourceKind = 'json' | 'pdf' | 'docx' | 'doc' | ImportFormat;

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

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the bytes are: by their signature first, then by the file's extension, then by their text. */
export function sourceKind(bytes: Buffer, path: string): SourceKind {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'doc';
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.html' || ext === '.htm' || ext === '.shtml' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt') return 'text';
  const head = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'json';
  return 'text';
}

/** Decode text: UTF-8, else GB18030 (many government pages); refuse binary data. */
export function decodeText(bytes: Buffer, name: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new InputError('E_NOT_TEXT', `${name} 不是文本文件，也不是 PDF 或 Word（.docx）文件，无法读取`);
    }
  }
  let control = 0;
  const sample = text.slice(0, 100_000);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  if (sample.length && control / sample.length > 0.01) throw new InputError('E_NOT_TEXT', `${name} 含有大量控制字符，不是文本文件，无法读取`);
  return text;
}

/** Read a published report (PDF, Word, HTML, Markdown or text) into the model; exit-2 errors when nothing is read. */
export async function importFile(bytes: Buffer, path: string, kind: SourceKind = sourceKind(bytes, path)): Promise<Loaded> {
  const name = path === '-' ? '标准输入' : path;
  const notes: string[] = [];
  let text: string;
  let format: ImportFormat;
  if (kind === 'pdf') {
    // The PDF and Word libraries are loaded only when such a file comes.
    const { NoTextLayerError, pdfText } = await import('./readers/pdf.js');
    try {
      text = (await pdfText(bytes)).text;
    } catch (e) {
      if (e instanceof NoTextLayerError) {
        throw new InputError('E_PDF_NO_TEXT', `${name} 没有文字层（可能是扫描件），无法读取其中的文字；请使用带文字的 PDF，或先进行文字识别（OCR）`);
      }
      throw new InputError('E_PDF_UNREADABLE', `${name} 不是可以读取的 PDF 文件：${(e as Error).message ?? e}`);
    }
    format = 'text';
  } else if (kind === 'docx') {
    const { docxHtml } = await import('./readers/docx.js');
    try {
      const r = await docxHtml(bytes);
      text = r.html;
    } catch {
      throw new InputError('E_DOCX_UNREADABLE', `${name} 不是可以读取的 Word（.docx）文件`);
    }
    format = 'html';
  } else if (kind === 'doc') {
    throw new InputError('E_DOC_OLD_FORMAT', `${name} 是旧版 Word 文件（.doc 或 .wps），无法直接读取；请在 Word 或 WPS 中另存为 .docx 或 PDF 后再导入`);
  } else if (kind === 'json') {
    return { report: reportFromJsonText(decodeText(bytes, name), name), notes, kind };
  } else {
    text = decodeText(bytes, name);
    format = kind;
  }
  const imported = importReport(text, { format, fileName: path });
  if (imported.status === 'none') {
    const why = imported.diagnostics.find((d) => d.code === 'E_NOTHING_READ')?.message ?? '没有读到任何统计表数值';
    throw new InputError('E_NOTHING_READ', `${name}：${why}`);
  }
  for (const d of imported.diagnostics) if (d.severity !== 'info') notes.push(`${d.message}（${d.code}）`);
  return { report: imported.report, notes, kind, imported };
}

/** Read any file the command accepts as a report: report JSON, or a published report to import. */
export async function loadReport(path: string): Promise<Loaded> {
  const bytes = await readInput(path);
  return importFile(bytes, path);
}
