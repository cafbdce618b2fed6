import {
  type ImportDiagnostic,
  type ImportFormat,
  type ImportResult,
  type InputIssue,
  importReport,
  type LaidOut,
  parseReport,
  type Report,
} from '@nianbao/core';

/** Largest file read (a published report is a few hundred kilobytes; a PDF with images a few megabytes). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What a file is read as. `doc` (old binary Word) is recognised only to be refused. */
export type FileKind = 'json' | 'pdf' | 'docx' | 'doc' | ImportFormat;

/** Kinds whose content goes through core's `importReport`. */
export type ImportedKind = Exclude<FileKind, 'json' | 'doc'>;

export type ReadErrorCode =
  | 'E_TOO_LARGE'
  | 'E_NOT_TEXT'
  | 'E_NOT_JSON'
  | 'E_NOT_REPORT'
  | 'E_PDF_NO_TEXT'
  | 'E_PDF_UNREADABLE'
  | 'E_DOCX_UNREADABLE'
  | 'E_DOC_OLD_FORMAT'
  | 'E_NOTHING_READ'
  | 'E_HTML_TOO_DEEP'
  | 'E_EMPTY'
  | 'E_NO_AGENCY';

/** Why a file could not be read: a stable code for programs and a Chinese message for people. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    message: string,
    /** Problems of report JSON (E_NOT_REPORT). */
    readonly issues: InputIssue[] = [],
    /** What the importer said (E_NOTHING_READ). */
    readonly diagnostics: ImportDiagnostic[] = [],
  ) {
    super(message);
  }
}

export type ReadResult =
  | { ok: true; kind: 'json'; report: Report }
  | { ok: true; kind: ImportedKind; report: Report; imported: ImportResult }
  | { ok: false; kind: FileKind; error: ReadError };

export interface ReadOptions {
  /** Read the bytes as this kind instead of sniffing it. */
  kind?: FileKind;
  /** How messages name the input (default: the file name, else 「导入内容」). */
  name?: string;
  /** The agency that published the report, where the file does not name it (core's `ImportOptions.agency`). */
  agency?: string;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const extension = (fileName: string) => /\.[^./\\]*$/.exec(fileName)?.[0].toLowerCase() ?? '';

/** What the bytes are: by their signature first, then by the file's extension, then by their text. */
export function fileKind(bytes: Uint8Array, fileName = ''): FileKind {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'doc';
  const ext = extension(fileName);
  if (ext === '.json') return 'json';
  if (ext === '.html' || ext === '.htm' || ext === '.shtml' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt') return 'text';
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return 'json';
  return 'text';
}

/** Decode text: UTF-8, else GB18030 (many government pages); refuse binary data. */
export function decodeText(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ReadError('E_NOT_TEXT', `${name} 不是文本文件，也不是 PDF 或 Word（.docx）文件，无法读取`);
    }
  }
  let control = 0;
  const sample = text.slice(0, 100_000);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  if (sample.length && control / sample.length > 0.01)
    throw new ReadError('E_NOT_TEXT', `${name} 含有大量控制字符，不是文本文件，无法读取`);
  return text;
}

/** Parse report JSON text into a checked report, or throw a ReadError naming every problem. */
export function reportFromJsonText(text: string, name: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // JSON.parse explains in English; the user is told where, in lines and columns.
    const at = Number(/position (\d+)/.exec((e as Error).message)?.[1]);
    const before = Number.isFinite(at) ? text.slice(0, at).split('\n') : undefined;
    const where = before
      ? `第 ${before.length} 行第 ${before[before.length - 1]!.length + 1} 列附近有语法错误`
      : '语法错误';
    throw new ReadError('E_NOT_JSON', `${name} 不是有效的 JSON：${where}`);
  }
  const parsed = parseReport(data);
  if (!parsed.ok) {
    throw new ReadError(
      'E_NOT_REPORT',
      `${name} 不是有效的年度报告：\n${parsed.issues.map((i) => `  ${i.path || '(根)'}：${i.message}（${i.code}）`).join('\n')}`,
      parsed.issues,
    );
  }
  return parsed.report;
}

/** The text of a PDF or Word file, and the importer format it is read with. */
async function extract(
  bytes: Uint8Array,
  kind: 'pdf' | 'docx',
  name: string,
): Promise<{ text: string; format: ImportFormat; places?: LaidOut['places'] }> {
  if (kind === 'pdf') {
    // The PDF and Word libraries are loaded only when such a file comes.
    const { NoTextLayerError, pdfText } = await import('./pdf.js');
    try {
      const { text, places } = await pdfText(bytes);
      return { text, format: 'text', places };
    } catch (e) {
      if (e instanceof NoTextLayerError) {
        throw new ReadError(
          'E_PDF_NO_TEXT',
          `${name} 没有文字层（可能是扫描件），无法读取其中的文字；请使用带文字的 PDF，或先进行文字识别（OCR）`,
        );
      }
      // pdf.js explains in English: the user is told in Chinese what kind of problem it is.
      const encrypted = (e as Error)?.name === 'PasswordException';
      throw new ReadError(
        'E_PDF_UNREADABLE',
        encrypted
          ? `${name} 设有打开密码，无法读取；请导入未加密的 PDF`
          : `${name} 不是可以读取的 PDF 文件（文件已损坏或不完整）`,
      );
    }
  }
  const { docxHtml } = await import('./docx.js');
  try {
    return { text: (await docxHtml(bytes)).html, format: 'html' };
  } catch {
    throw new ReadError('E_DOCX_UNREADABLE', `${name} 不是可以读取的 Word（.docx）文件`);
  }
}

async function read(
  bytes: Uint8Array,
  fileName: string | undefined,
  kind: FileKind,
  name: string,
  agency: string | undefined,
): Promise<ReadResult> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ReadError(
      'E_TOO_LARGE',
      `${name} 过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  // An empty file (or one of nothing but spaces) says so, rather than that no table was found in it.
  if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d))
    throw new ReadError('E_EMPTY', `${name} 是空文件，没有可以读取的内容`);
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    throw new ReadError('E_DOCX_UNREADABLE', `${name} 是空的压缩文件，不是 Word（.docx）文件`);
  if (kind === 'doc') {
    throw new ReadError(
      'E_DOC_OLD_FORMAT',
      `${name} 是旧版 Word 文件（.doc 或 .wps），无法直接读取；请在 Word 或 WPS 中另存为 .docx 或 PDF 后再导入`,
    );
  }
  if (kind === 'json') return { ok: true, kind, report: reportFromJsonText(decodeText(bytes, name), name) };
  const { text, format, places } =
    kind === 'pdf' || kind === 'docx'
      ? await extract(bytes, kind, name)
      : { text: decodeText(bytes, name), format: kind, places: undefined };
  // Text under no known extension (standard input, a name without one): the importer tells HTML from text itself.
  const guess = kind === 'text' && extension(fileName ?? '') !== '.txt';
  const imported = importReport(text, {
    ...(guess ? {} : { format }),
    ...(fileName === undefined ? {} : { fileName }),
    ...(places ? { places } : {}),
    ...(agency === undefined ? {} : { agency }),
  });
  if (imported.status === 'none') {
    const deep = imported.diagnostics.find((d) => d.code === 'E_HTML_TOO_DEEP');
    if (deep) throw new ReadError('E_HTML_TOO_DEEP', `${name}：${deep.message}`, [], imported.diagnostics);
    const why = imported.diagnostics.find((d) => d.code === 'E_NOTHING_READ')?.message ?? '没有读到任何统计表数值';
    throw new ReadError('E_NOTHING_READ', `${name}：${why}`, [], imported.diagnostics);
  }
  // A report whose agency is not known is not a report: no name is made up for it.
  const noAgency = imported.diagnostics.find((d) => d.code === 'E_NO_AGENCY');
  if (noAgency) throw new ReadError('E_NO_AGENCY', `${name}：${noAgency.message}`, [], imported.diagnostics);
  return { ok: true, kind: guess ? imported.format : kind, report: imported.report, imported };
}

/**
 * Read a published report file — PDF with a text layer, Word (.docx), HTML, Markdown, text in UTF-8 or
 * GB18030 — or report JSON into the model. Never throws for bad input: a file that cannot be read comes
 * back as `{ ok: false, error }` with a code and a Chinese message.
 */
export async function readReportFile(
  bytes: Uint8Array,
  fileName?: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const name = options.name ?? fileName ?? '导入内容';
  let kind: FileKind = 'text';
  try {
    kind = options.kind ?? fileKind(bytes, fileName);
    return await read(bytes, fileName, kind, name, options.agency);
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, kind, error: e };
    throw e;
  }
}
