// The public surface of @nianbao/pdf.

export type { CellStyle, DocCell, DocModel, DocSection, DocTable } from './document.js';
export { documentModel, MAX_TEXT_CHARS } from './document.js';
export { renderDocx } from './docx.js';
export type { RenderErrorCode } from './errors.js';
export { RenderError } from './errors.js';
export type { FontOptions } from './fonts.js';
export { resolveFonts } from './fonts.js';
export type { PdfOptions } from './pdf.js';
export { preparePdf, renderPdf, renderPdfSync } from './pdf.js';
