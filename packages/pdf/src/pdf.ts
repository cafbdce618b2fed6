import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { type DocModel, documentModel } from './document.js';
import { RenderError } from './errors.js';
import { checkCoverage, type FontOptions, type FontSet, resolveFonts } from './fonts.js';
import { TEMPLATE } from './template.js';

/** Options of `renderPdf`. */
export interface PdfOptions extends FontOptions {
  /** Write a tagged PDF (structure for screen readers). Default true. */
  tagged?: boolean;
}

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
function inputs(model: DocModel, fonts: FontSet): Record<string, string> {
  const face = (f: FontSet['body']) => ({ family: f.family, weight: f.weight });
  const data = {
    ...model,
    fonts: {
      body: face(fonts.body),
      bodyBold: face(fonts.bodyBold),
      heading: face(fonts.heading),
      title: face(fonts.title),
    },
  };
  return { data: JSON.stringify(data) };
}

function typeset(model: DocModel, fonts: FontSet, options: PdfOptions): Uint8Array {
  const compiler = compilerFor(fonts);
  const result = compiler.compile({ mainFileContent: TEMPLATE, inputs: inputs(model, fonts) });
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
  const pdf = compiler.pdf(doc, { pdfTags: options.tagged ?? true });
  // Memoised layouts of earlier reports are of no further use; keep the process lean when warm.
  compiler.evictCache(10);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * The report as a PDF laid out like a Chinese official document (GB/T 9704): title, preamble, the six
 * sections with the three tables drawn from core's official layouts, page numbers, bookmarks and metadata.
 * `report` may be any value: it is checked first. Throws `RenderError` (code + Chinese message) on an
 * invalid report, a character the fonts lack, or text over the size limit. Blank cells print empty.
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
  };
  checkCoverage(model, fonts);
  typeset(model, fonts, {});
}
