import { type LaidOut, type LayoutItem, layoutPages } from '@nianbao/core';
import { getDocumentProxy } from 'unpdf';

/** A PDF whose pages carry no text (a scan): nothing to read without OCR. */
export class NoTextLayerError extends Error {}

/** Most pages allowed (a report is a few pages; a huge document is not one). */
const MAX_PAGES = 400;

/**
 * The text of a PDF laid out from the positions of its text layer (core's `layoutPages`): one printed line per
 * line, table rows under a recognised header as tab-separated cells with blank cells kept, and where each piece
 * is (page, position). Throws NoTextLayerError when the pages carry no text.
 */
export async function pdfText(bytes: Uint8Array): Promise<LaidOut & { pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages = Math.min(pdf.numPages, MAX_PAGES);
  const laid: { items: LayoutItem[] }[] = [];
  let chars = 0;
  for (let p = 1; p <= pages; p++) {
    const page = await pdf.getPage(p);
    const height = page.getViewport({ scale: 1 }).height;
    const content = await page.getTextContent();
    const items: LayoutItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const [a, b, c, d, e, f] = raw.transform as number[];
      chars += raw.str.trim().length;
      // Rotated text (a vertical group label) is not part of a line.
      if (Math.abs(b!) > 1e-3 || Math.abs(c!) > 1e-3) continue;
      const size = Math.max(Math.abs(d!), Math.abs(a!), 1);
      items.push({ str: raw.str, x: e!, y: height - f!, w: raw.width, size });
    }
    laid.push({ items });
    page.cleanup();
  }
  await pdf.destroy();
  if (chars < 20) throw new NoTextLayerError('no text layer');
  return { ...layoutPages(laid), pages };
}
