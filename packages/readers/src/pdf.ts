import { type LaidOut, type LayoutItem, type LayoutPage, type LayoutRule, layoutPages } from '@nianbao/core';
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';

/** A PDF whose pages carry no text (a scan): nothing to read without OCR. */
export class NoTextLayerError extends Error {}

/** Most pages allowed (a report is a few pages; a huge document is not one). */
const MAX_PAGES = 400;
/** Drawing operations looked at per page for table rules (a report's page has a few thousand). */
const MAX_OPS = 200_000;
/** Rules kept per page. */
const MAX_RULES = 5_000;
/** A filled rectangle at most this thin (points) is a drawn line. */
const THIN = 2.5;

// pdf.js 5 calls ArrayBuffer#transferToFixedLength (ES2024), which Node 20 lacks; without it no font loads and
// a page's drawing operations stop at its first text.
if (typeof (ArrayBuffer.prototype as { transferToFixedLength?: unknown }).transferToFixedLength !== 'function') {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length = this.byteLength) {
      const out = new ArrayBuffer(length);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return out;
    },
  });
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

interface PdfOps {
  OPS: Record<string, number>;
}

/**
 * The straight lines a page draws (table rules), as thin boxes in points from the top left of the page as shown
 * (`view`: the page's own space to the shown page, turned by its /Rotate): stroked horizontal and vertical
 * segments, and filled rectangles thin enough to be lines. Curves and clipping paths are skipped.
 */
async function pageRules(
  page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }> },
  view: Matrix,
  { OPS }: PdfOps,
): Promise<LayoutRule[]> {
  const list = await page.getOperatorList();
  const rules: LayoutRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let lineWidth = 1;
  const widths: number[] = [];
  const stroke = new Set([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fill = new Set([
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const point = (x: number, y: number): [number, number] => {
    const m = multiply(view, ctm);
    return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  };
  const n = Math.min(list.fnArray.length, MAX_OPS);
  for (let i = 0; i < n && rules.length < MAX_RULES; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) {
      stack.push(ctm);
      widths.push(lineWidth);
    } else if (fn === OPS.restore) {
      ctm = stack.pop() ?? ctm;
      lineWidth = widths.pop() ?? lineWidth;
    } else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      widths.push(lineWidth);
      const m = args[0] as Matrix | null;
      if (Array.isArray(m) && m.length === 6) ctm = multiply(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) {
      ctm = stack.pop() ?? ctm;
      lineWidth = widths.pop() ?? lineWidth;
    } else if (fn === OPS.setLineWidth) lineWidth = Number(args[0]) || 0;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const strokes = stroke.has(paint);
      const fills = fill.has(paint);
      if (!strokes && !fills) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const scale = Math.hypot(ctm[0], ctm[1]) || 1;
      const w = Math.max(lineWidth * scale, 0.1);
      // Subpaths as polygons (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4).
      let poly: [number, number][] = [];
      let curved = false;
      const flush = () => {
        if (poly.length >= 2 && !curved) addPolygon(poly, strokes, fills, w, rules);
        poly = [];
        curved = false;
      };
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === 0) {
          flush();
          poly.push(point(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 1) {
          poly.push(point(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 2) {
          curved = true;
          k += 7;
        } else if (op === 3) {
          curved = true;
          k += 5;
        } else if (op === 4) {
          if (poly.length) poly.push(poly[0]!);
          k += 1;
        } else break;
      }
      flush();
    }
  }
  return rules;
}

/** Straight axis-aligned pieces of one subpath: each stroked edge, or the whole of a thin filled rectangle. */
function addPolygon(poly: [number, number][], strokes: boolean, fills: boolean, width: number, out: LayoutRule[]) {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  const axisAligned = poly.every(
    (p, i) => i === 0 || Math.abs(p[0] - poly[i - 1]![0]) < 0.01 || Math.abs(p[1] - poly[i - 1]![1]) < 0.01,
  );
  if (
    fills &&
    axisAligned &&
    Math.min(box.x1 - box.x0, box.y1 - box.y0) <= THIN &&
    Math.max(box.x1 - box.x0, box.y1 - box.y0) > THIN
  ) {
    out.push(box);
    return;
  }
  if (!strokes) return;
  for (let i = 1; i < poly.length; i++) {
    const [ax, ay] = poly[i - 1]!;
    const [bx, by] = poly[i]!;
    const half = width / 2;
    if (Math.abs(ay - by) < 0.01 && Math.abs(ax - bx) > THIN)
      out.push({ x0: Math.min(ax, bx), y0: ay - half, x1: Math.max(ax, bx), y1: ay + half });
    else if (Math.abs(ax - bx) < 0.01 && Math.abs(ay - by) > THIN)
      out.push({ x0: ax - half, y0: Math.min(ay, by), x1: ax + half, y1: Math.max(ay, by) });
  }
}

/**
 * The text of a PDF laid out from the positions of its text layer and the rules it draws (core's `layoutPages`):
 * one printed line per line, a ruled table as its cells (text wrapped inside a cell joined), table rows under a
 * recognised header as tab-separated cells with blank cells kept, and where each piece is (page, position).
 * Throws NoTextLayerError when the pages carry no text.
 */
export async function pdfText(bytes: Uint8Array): Promise<LaidOut & { pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pdfjs = (await getResolvedPDFJS()) as unknown as PdfOps;
  const pages = Math.min(pdf.numPages, MAX_PAGES);
  const laid: LayoutPage[] = [];
  let chars = 0;
  for (let p = 1; p <= pages; p++) {
    const page = await pdf.getPage(p);
    // The page as shown: its /Rotate applied, y from the top.
    const viewport = page.getViewport({ scale: 1 });
    const view = viewport.transform as Matrix;
    const content = await page.getTextContent();
    const items: LayoutItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const [a, b, c, d, e, f] = multiply(view, raw.transform as Matrix);
      chars += raw.str.trim().length;
      // Text turned on the page as shown (a vertical group label) is not part of a line.
      if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3) continue;
      const size = Math.max(Math.abs(d), Math.abs(a), 1);
      items.push({ str: raw.str, x: e, y: f, w: raw.width, size });
    }
    const rules = items.length ? await pageRules(page, view, pdfjs) : [];
    laid.push({ items, rules, width: viewport.width });
    page.cleanup();
  }
  await pdf.destroy();
  if (chars < 20) throw new NoTextLayerError('no text layer');
  return { ...layoutPages(laid), pages };
}
