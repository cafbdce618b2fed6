import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { type DocModel, documentModel } from './document.js';
import { RenderError } from './errors.js';
import { checkCoverage, type FontOptions, type FontSet, resolveFonts } from './fonts.js';
import { TEMPLATE } from './template.js';
import { DRAFT_MARK, watermarkSvg } from './watermark.js';

/**
 * Options of `renderPdf` and `renderDocx`: a plain object of strings and booleans, so it can be sent to a
 * worker as it is.
 */
export interface RenderOptions extends FontOptions {
  /** A light 草稿 watermark on every page, for a report that is not yet published. Default false. */
  draft?: boolean;
  /** PDF/A-2b for archiving (PDF only): fonts embedded, colours defined, XMP metadata. Default false. */
  archival?: boolean;
  /** Write a tagged PDF (structure for screen readers; PDF only). Default true. */
  tagged?: boolean;
}

/** Options of `renderPdf`. */
export type PdfOptions = RenderOptions;

const compilers = new Map<string, NodeCompiler>();

function compilerFor(fonts: FontSet): NodeCompiler {
  let c = compilers.get(fonts.key);
  if (!c) {
    c = NodeCompiler.create({ fontArgs: [{ fontPaths: fonts.dirs }] });
    compilers.set(fonts.key, c);
  }
  return c;
}

interface Diagnostic {
  message?: string;
  severity?: number | string;
}

function diagnostics(err: { shortDiagnostics: unknown[] } | null): Diagnostic[] {
  return (err?.shortDiagnostics ?? []) as Diagnostic[];
}

/** The document model and fonts as the Typst program reads them. */
function inputs(model: DocModel, fonts: FontSet, options: PdfOptions): Record<string, string> {
  const face = (f: FontSet['body']) => ({ family: f.family, weight: f.weight });
  const data = {
    ...model,
    fonts: {
      body: face(fonts.body),
      bodyBold: face(fonts.bodyBold),
      heading: face(fonts.heading),
      title: face(fonts.title),
      // Characters the 楷体 face lacks come from the body face.
      subheading: fonts.kai
        ? { family: [fonts.kai.family, fonts.body.family], weight: 'regular' }
        : face(fonts.bodyBold),
    },
    watermark: options.draft ? watermarkSvg(DRAFT_MARK, fonts.heading.file) : null,
    archival: options.archival === true,
  };
  return { data: JSON.stringify(data) };
}

function typeset(model: DocModel, fonts: FontSet, options: PdfOptions): Uint8Array {
  const compiler = compilerFor(fonts);
  const result = compiler.compile({ mainFileContent: TEMPLATE, inputs: inputs(model, fonts, options) });
  const warnings = diagnostics(result.takeWarnings());
  const error = result.takeError();
  const doc = result.result;
  // Typst falls back silently to other fonts unless told not to; an unknown family is a failure here.
  const fontProblems = warnings.filter((w) => /unknown font family|font/i.test(w.message ?? ''));
  if (fontProblems.length) {
    throw new RenderError(
      'E_FONT',
      '排版所需字体不可用：',
      fontProblems.map((w) => String(w.message)),
    );
  }
  if (error || !doc) {
    throw new RenderError(
      'E_TYPESET',
      '排版失败：',
      diagnostics(error).map((d) => String(d.message)),
    );
  }
  let pdf: Buffer;
  try {
    pdf = compiler.pdf(doc, {
      pdfTags: options.tagged ?? true,
      ...(options.archival ? { pdfStandard: 'a-2b', creationTimestamp: Math.floor(Date.now() / 1000) } : {}),
    });
  } catch (e) {
    throw new RenderError('E_TYPESET', options.archival ? '无法生成 PDF/A 归档文件：' : '排版失败：', [
      String((e as Error).message),
    ]);
  }
  // Memoised layouts of earlier reports are of no further use; keep the process lean when warm.
  compiler.evictCache(10);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * The report as a PDF laid out like a Chinese official document (GB/T 9704): title, preamble, the six
 * sections with the three tables drawn from core's official layouts, page numbers, bookmarks and metadata.
 * `report` may be any value: it is checked first. Throws `RenderError` (code + Chinese message) on an
 * invalid report, a character the fonts lack, or text over the size limit. Blank cells print empty; a cell
 * not read prints 未读取, with a note under its table.
 */
export async function renderPdf(report: unknown, options: PdfOptions = {}): Promise<Uint8Array> {
  return renderPdfSync(report, options);
}

/** Synchronous form of `renderPdf`. */
export function renderPdfSync(report: unknown, options: PdfOptions = {}): Uint8Array {
  const model = documentModel(report);
  const fonts = resolveFonts(options);
  checkCoverage(model, fonts);
  return typeset(model, fonts, options);
}

/**
 * Load fonts and the typesetter ahead of the first request (a server calls this at start-up), so the first
 * `renderPdf` costs what any later one does.
 */
export function preparePdf(options: FontOptions = {}): void {
  const fonts = resolveFonts(options);
  const blocks = [
    { kind: 'heading' as const, text: '年报' },
    { kind: 'paragraph' as const, text: '年报' },
  ];
  const model: DocModel = {
    title: '年报',
    titleLines: ['年', '报'],
    agency: '年报',
    year: 2000,
    date: null,
    preamble: [],
    sections: [{ key: 'overview', heading: '年报', blocks }],
    signature: { agencies: ['年报'], date: '2000年1月1日', note: null },
  };
  checkCoverage(model, fonts);
  typeset(model, fonts, {});
}
