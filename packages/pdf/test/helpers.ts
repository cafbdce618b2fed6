import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Report, reportLayouts, type TableLayout } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-test-'));
let n = 0;

export function fixture(name: string): Report {
  const path = name === 'seed' ? seedReportUrl : new URL(`./fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

/** Write bytes to a temporary file and return its path. */
export function tempFile(bytes: Uint8Array, ext: string): string {
  const path = join(dir, `out-${++n}.${ext}`);
  writeFileSync(path, bytes);
  return path;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The text of a PDF in content order (pdftotext -raw), whole or one page. */
export function pdfText(path: string, page?: number): string {
  return run('pdftotext', ['-raw', ...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-']);
}

/** The text of every page (pdftotext separates pages with a form feed). */
export function pdfPages(path: string): string[] {
  return pdfText(path).split('\f').slice(0, -1);
}

export function pdfInfo(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', [path]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Rows of `pdffonts`: name and the emb / sub / uni flags. */
export function pdfFonts(path: string): { name: string; emb: string; sub: string; uni: string }[] {
  return run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s{1,}/);
      // name, type (several words), encoding, emb, sub, uni, object id, generation: read from the right.
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0]!, emb: emb!, sub: sub!, uni: uni! };
    });
}

/** The bookmarks of a PDF, as poppler reads them. */
export function pdfOutline(path: string): string[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-f', '1', '-l', '1', path]);
  return [...xml.matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((m) => m[1]!);
}

export const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The table's text as it should read: each row of single-row cells (labels, then values; blank cells
 * print nothing), in row order. Merged labels spanning several rows are checked for presence separately.
 */
export function rowSequence(layout: TableLayout, cells: Report['cells']): string[] {
  const seq: string[] = [];
  for (const row of layout.bodyRows) {
    for (const c of row) {
      if (c.rowSpan > 1) continue;
      if (c.type === 'label') seq.push(c.text);
      else {
        const v = cells[c.cellId];
        if (v !== null && v !== undefined) seq.push(String(v));
      }
    }
  }
  return seq;
}

/** Index after the last item, or the first item not found in order. */
export function findInOrder(text: string, items: string[]): { missing: string | null; at: number } {
  let at = 0;
  for (const item of items) {
    const i = text.indexOf(squash(item), at);
    if (i < 0) return { missing: `${item} (after …${text.slice(Math.max(0, at - 20), at)})`, at };
    at = i + squash(item).length;
  }
  return { missing: null, at };
}

export function layoutsOf(report: Report): TableLayout[] {
  return reportLayouts(report.meta.formats);
}

/** A report whose narrative runs to about `pages` pages of body text. */
export function longReport(base: Report, pages: number): Report {
  const para = base.sections[0]!.blocks.filter((b) => b.kind === 'paragraph')
    .map((b) => b.text)
    .join('');
  const blocks: Report['sections'][number]['blocks'] = [];
  // One page holds 22 lines of 28 characters.
  for (let i = 0; i < pages * 4; i++) {
    if (i % 6 === 0) blocks.push({ kind: 'heading', text: `（${i / 6 + 1}）第${i / 6 + 1}项工作` });
    blocks.push({ kind: 'paragraph', text: `第${i + 1}段。${para.slice((i * 37) % 200, ((i * 37) % 200) + 130)}` });
  }
  return { ...base, sections: base.sections.map((s, i) => (i === 0 ? { ...s, blocks } : s)) };
}

/** A word of a PDF page with its box (points, origin top left), as `pdftotext -bbox` gives it. */
export interface PdfWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every page's size and words in content order, from `pdftotext -bbox`. */
export function pdfWords(path: string): { width: number; height: number; words: PdfWord[] }[] {
  const html = run('pdftotext', ['-bbox', path, '-']);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">(.*?)<\/page>/gs)].map((p) => ({
    width: Number(p[1]),
    height: Number(p[2]),
    words: [
      ...p[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((w) => ({ text: decode(w[5]!), x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]) })),
  }));
}

/** Pixels of each page rendered in grey at a low resolution, from `pdftoppm -gray` (0 black … 255 white). */
export function pdfGreyPages(path: string, dpi = 12): Uint8Array[] {
  const out = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), path], { maxBuffer: 64 << 20 });
  const pages: Uint8Array[] = [];
  let at = 0;
  while (at < out.length) {
    // P5 header: magic, width, height, max value, each followed by whitespace.
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(out[at]!))) at++;
      let f = '';
      while (!/\s/.test(String.fromCharCode(out[at]!))) f += String.fromCharCode(out[at++]!);
      fields.push(f);
    }
    at++;
    const size = Number(fields[1]) * Number(fields[2]);
    pages.push(new Uint8Array(out.subarray(at, at + size)));
    at += size;
  }
  return pages;
}
