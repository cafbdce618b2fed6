// Small edits of a PDF with a classic cross-reference table (as Chromium and LibreOffice write them), appended as
// an incremental update the way editing software saves: pages turned, an image-only page (a scan) made from pixels.
import { deflateSync } from 'node:zlib';
import { getDocumentProxy } from 'unpdf';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** The object number of each page, in page order. */
export async function pageObjects(pdf: Uint8Array): Promise<number[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const out: number[] = [];
  for (let p = 1; p <= doc.numPages; p++) out.push((await doc.getPage(p)).ref!.num);
  await doc.destroy();
  return out;
}

/** Append objects (number → body) as an incremental update. */
function update(pdf: Uint8Array, objects: Map<number, string | Buffer>): Uint8Array {
  const text = latin1(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)![1];
  const parts: Buffer[] = [Buffer.from(pdf), Buffer.from('\n')];
  let offset = pdf.length + 1;
  const xref: string[] = ['xref\n0 1\n0000000000 65535 f \n'];
  for (const [num, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    const obj = Buffer.concat([
      Buffer.from(`${num} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    xref.push(`${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`);
    parts.push(obj);
    offset += obj.length;
  }
  const newSize = Math.max(size, ...[...objects.keys()].map((n) => n + 1));
  parts.push(
    Buffer.from(
      `${xref.join('')}trailer\n<</Size ${newSize}\n/Root ${root}\n/Prev ${prev}>>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

const nextNumber = (pdf: Uint8Array) => {
  const text = latin1(pdf);
  return Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
};

const stream = (content: string | Buffer, dict = '') => {
  const data = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  return Buffer.concat([
    Buffer.from(`<<${dict}/Length ${data.length}>>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
};

/** A page object's dictionary text. */
function pageDict(pdf: Uint8Array, num: number): string {
  const text = latin1(pdf);
  const m = new RegExp(`(?:^|\\s)${num} 0 obj\\s*`, 'g');
  let last = -1;
  for (let x = m.exec(text); x; x = m.exec(text)) last = x.index + x[0].length;
  const end = text.indexOf('endobj', last);
  return text.slice(last, end).trim();
}

/**
 * Pages laid on their side: each page's content drawn turned a quarter to the left on a page as tall as the
 * original was wide, with `/Rotate 90` so a viewer shows it as before (what a printer driver or a scanner makes
 * of a landscape page).
 */
export async function turnPages(pdf: Uint8Array, which: (index: number) => boolean): Promise<Uint8Array> {
  const pages = await pageObjects(pdf);
  const objects = new Map<number, string | Buffer>();
  let next = nextNumber(pdf);
  pages.forEach((num, i) => {
    if (!which(i)) return;
    const dict = pageDict(pdf, num);
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(dict);
    const contents = /\/Contents\s*(\d+ 0 R|\[[^\]]*\])/.exec(dict);
    if (!box || !contents) throw new Error(`page ${i + 1}: no MediaBox or Contents of its own`);
    const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
    const w = x1 - x0;
    const h = y1 - y0;
    const before = next++;
    const after = next++;
    objects.set(before, stream(`q 0 1 -1 0 ${h} 0 cm 1 0 0 1 ${-x0} ${-y0} cm\n`));
    objects.set(after, stream('Q\n'));
    const inner = contents[1]!.startsWith('[') ? contents[1]!.slice(1, -1) : contents[1]!;
    const turned = dict
      .replace(box[0], `/MediaBox [0 0 ${h} ${w}]`)
      .replace(contents[0], `/Contents [${before} 0 R ${inner} ${after} 0 R]`)
      .replace(/>>$/, '/Rotate 90>>');
    objects.set(num, turned);
  });
  return update(pdf, objects);
}

/**
 * A page as a scanner gives it, with no text: the pixels of `gray` (one byte per pixel, rows from the top) as an
 * image filling a page of `width` × `height` points, put in place of the page at `index`.
 */
export async function scanPage(
  pdf: Uint8Array,
  index: number,
  gray: { width: number; height: number; data: Uint8Array },
): Promise<Uint8Array> {
  const pages = await pageObjects(pdf);
  const num = pages[index]!;
  const dict = pageDict(pdf, num);
  const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(dict)!;
  const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
  let next = nextNumber(pdf);
  const image = next++;
  const content = next++;
  const objects = new Map<number, string | Buffer>();
  objects.set(
    image,
    stream(
      deflateSync(Buffer.from(gray.data)),
      `/Type /XObject /Subtype /Image /Width ${gray.width} /Height ${gray.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
    ),
  );
  objects.set(content, stream(`q ${x1 - x0} 0 0 ${y1 - y0} ${x0} ${y0} cm /Scan Do Q\n`));
  const parent = /\/Parent\s+(\d+ 0 R)/.exec(dict)![1];
  objects.set(
    num,
    `<</Type /Page /Parent ${parent} ${box[0]} /Resources <</XObject <</Scan ${image} 0 R>>>> /Contents ${content} 0 R>>`,
  );
  return update(pdf, objects);
}
