// The public surface of @nianbao/pdf.

export type { CellStyle, DocCell, DocModel, DocSection, DocSignature, DocTable } from './document.js';
export { documentModel, MAX_TEXT_CHARS, MIN_ROWS_AT_BREAK } from './document.js';
export type { DocxOptions } from './docx.js';
export { renderDocx } from './docx.js';
export type { RenderErrorCode } from './errors.js';
export { RenderError } from './errors.js';
export type { FontOptions } from './fonts.js';
export { resolveFonts } from './fonts.js';
export type { PdfOptions, RenderOptions } from './pdf.js';
export { preparePdf, renderPdf, renderPdfSync } from './pdf.js';
export { DRAFT_MARK } from './watermark.js';
