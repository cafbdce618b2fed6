// The public surface of @nianbao/pdf.
export { renderPdf, renderPdfSync, preparePdf } from './pdf.js';
export type { PdfOptions } from './pdf.js';
export { renderDocx } from './docx.js';
export type { FontOptions } from './fonts.js';
export { resolveFonts } from './fonts.js';
export { documentModel, MAX_TEXT_CHARS } from './document.js';
export type { DocModel, DocSection, DocTable, DocCell, CellStyle } from './document.js';
export { RenderError } from './errors.js';
export type { RenderErrorCode } from './errors.js';
