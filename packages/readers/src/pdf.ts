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

interface Cell {
  text: string;
  x0: number;
  x1: number;
}

const NUMERIC = /^[-+]?\d[\d,.]*%?$/;
const isNumeric = (t: string) => NUMERIC.test(t) || t === '—' || t === '-' || t === '/' || t === '无';

/** Trailing value cells of a line (a table row's values). */
function trailing(cells: Cell[]): Cell[] {
  let i = cells.length;
  while (i > 0 && isNumeric(cells[i - 1]!.text)) i--;
  return cells.slice(i);
}

/**
 * A row with fewer values than the rows around it has blank cells: place each value under the
 * column whose centre is nearest (columns taken from neighbouring full rows) and leave the rest empty.
 */
function alignRows(rows: Cell[][]): string[] {
  const values = rows.map(trailing);
  return rows.map((cells, r) => {
    const vals = values[r]!;
    const label = cells
      .slice(0, cells.length - vals.length)
      .map((c) => c.text)
      .join(' ');
    const plain = () => [label, ...vals.map((c) => c.text)].filter(Boolean).join(' ');
    if (!vals.length) return plain();
    let width = 0;
    for (let k = Math.max(0, r - 6); k <= Math.min(rows.length - 1, r + 6); k++)
      width = Math.max(width, values[k]!.length);
    // Only wide rows (表三, 表四): 表二's one-value rows span several columns on purpose.
    if (width < 5 || vals.length >= width) return plain();
    const full: Cell[][] = [];
    for (let k = Math.max(0, r - 6); k <= Math.min(rows.length - 1, r + 6); k++)
      if (values[k]!.length === width) full.push(values[k]!);
    const centres = Array.from(
      { length: width },
      (_, i) => full.reduce((a, v) => a + (v[i]!.x0 + v[i]!.x1) / 2, 0) / full.length,
    );
    let gap = Infinity;
    for (let i = 1; i < width; i++) gap = Math.min(gap, centres[i]! - centres[i - 1]!);
    const slots: (string | undefined)[] = Array(width).fill(undefined);
    for (const c of vals) {
      const mid = (c.x0 + c.x1) / 2;
      let best = 0;
      for (let i = 1; i < width; i++) if (Math.abs(centres[i]! - mid) < Math.abs(centres[best]! - mid)) best = i;
      if (slots[best] !== undefined || Math.abs(centres[best]! - mid) > gap / 2) return plain();
      slots[best] = c.text;
    }
    return [label, ...slots.map((s) => s ?? '')].join('\t');
  });
}

/** Rebuild lines from positioned text: items on one baseline (within half a font size) form a line, left to right. */
export function linesFromItems(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.y - it.y) <= Math.max(2, 0.5 * Math.min(last[0]!.size, it.size))) last.push(it);
    else lines.push([it]);
  }
  const rows = lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const cells: Cell[] = [];
    for (const it of line) {
      const last = cells[cells.length - 1];
      if (last && it.x - last.x1 <= WORD_GAP * it.size) {
        last.text += it.str;
        last.x1 = Math.max(last.x1, it.x + it.w);
      } else {
        for (const word of it.str.split(' ').filter(Boolean)) cells.push({ text: word, x0: it.x, x1: it.x + it.w });
      }
    }
    return cells;
  });
  return alignRows(rows);
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
