import { getDocumentProxy } from 'unpdf';

/** A PDF whose pages carry no text (a scan): nothing to read without OCR. */
export class NoTextLayerError extends Error {}

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** Gap between two pieces of text, in font sizes, above which they are separate words or cells. */
const WORD_GAP = 0.3;
/** Most pages allowed (a report is a few pages; a huge document is not one). */
const MAX_PAGES = 400;

/** Rebuild lines from positioned text: items on one baseline (within half a font size) form a line, left to right. */
export function linesFromItems(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.y - it.y) <= Math.max(2, 0.5 * Math.min(last[0]!.size, it.size))) last.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let out = '';
    let end = -Infinity;
    for (const it of line) {
      if (out && it.x - end > WORD_GAP * it.size) out += ' ';
      out += it.str;
      end = Math.max(end, it.x + it.w);
    }
    return out;
  });
}

/**
 * The text of a PDF, page by page, one printed line per line (table rows keep their cells in order,
 * separated by spaces). Throws NoTextLayerError when the pages carry no text.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages = Math.min(pdf.numPages, MAX_PAGES);
  const out: string[] = [];
  let chars = 0;
  for (let p = 1; p <= pages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const [a, b, c, d, e, f] = raw.transform as number[];
      const size = Math.max(Math.hypot(c!, d!), Math.hypot(a!, b!), 1);
      items.push({ str: raw.str, x: e!, y: f!, w: raw.width, size });
      chars += raw.str.trim().length;
    }
    out.push(...linesFromItems(items));
    page.cleanup();
  }
  await pdf.destroy();
  if (chars < 20) throw new NoTextLayerError('no text layer');
  return { text: out.join('\n'), pages };
}
