import { readFileSync } from 'node:fs';
import { type GridCell, importReport, type Report, SECTION_TABLE, SECTIONS, type TableLayout } from '@nianbao/core';
import { corpusReport } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { layoutsOf, type PdfWord, pdfWords, squash, tempFile } from './helpers.js';

// GB/T 9704 page: A4, right margin 26 mm; body characters 16 pt.
const MM = 72 / 25.4;
const RIGHT_EDGE = 595.2756 - 26 * MM;
const EM = 16;

/**
 * A corpus report read from its published text with core's importer, its cells as the agency printed them
 * (expected.json): a cell the importer could not read would print 未读取, which is not what these pages test.
 */
function corpus(name: string): Report {
  const c = corpusReport(name);
  const source = c.sources.find((s) => s.ext !== 'pdf')!;
  const report = importReport(readFileSync(source.path, 'utf8'), { fileName: source.file }).report;
  const cellText = Object.fromEntries(
    Object.entries(report.cellText ?? {}).filter(([id]) => report.cells[id] === c.expected.cells[id]),
  );
  const { provenance: _, ...rest } = report;
  return { ...rest, cells: { ...report.cells, ...c.expected.cells }, cellText };
}

const REPORTS = [
  ['06-pingtan-zone-2019', 'a 2019 table set'],
  ['02-huaian-city-2024', 'a 2021 table set'],
  ['13-shuyang-fgj-2023', 'blank cells'],
] as const;

type Pages = ReturnType<typeof pdfWords>;

async function pages(report: Report, options = {}): Promise<Pages> {
  return pdfWords(tempFile(await renderPdf(report, options), 'pdf'));
}

/** Words on one printed line with `word` (boxes overlapping in height). */
const sameLine = (a: PdfWord, b: PdfWord) => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 3;

/** Words of one page grouped into printed lines, each with its text and box. */
function lines(words: PdfWord[]): (PdfWord & { words: PdfWord[] })[] {
  const out: (PdfWord & { words: PdfWord[] })[] = [];
  for (const w of words) {
    const line = out.find((l) => sameLine(l, w) && Math.abs(l.y0 - w.y0) < 3);
    if (line) {
      line.words.push(w);
      line.text += w.text;
      line.x0 = Math.min(line.x0, w.x0);
      line.x1 = Math.max(line.x1, w.x1);
    } else out.push({ ...w, words: [w] });
  }
  return out;
}

/** The printed line whose text is `text` (spaces ignored), searched from the last page back. */
function lastLine(pages: Pages, text: string): { page: number; word: PdfWord } | null {
  for (let p = pages.length - 1; p >= 0; p--) {
    const word = lines(pages[p]!.words).findLast((l) => squash(l.text) === squash(text));
    if (word) return { page: p, word };
  }
  return null;
}

/** What is printed on the line of the table row labelled `label`, after the label. */
function rowValues(pages: Pages, label: string): string[] {
  for (const p of pages) {
    const at = p.words.findLast((w) => squash(w.text) === label);
    if (at) return p.words.filter((w) => w !== at && w.x0 > at.x0 && sameLine(w, at)).map((w) => squash(w.text));
  }
  throw new Error(`${label} not found`);
}

/** The text that identifies a body row: its first single-row label, else null (a row of numbers only). */
function rowKey(row: GridCell[]): string | null {
  const label = row.find((c) => c.type === 'label' && c.rowSpan === 1);
  return label && label.type === 'label' ? squash(label.text) : null;
}

/**
 * The page of each body row of a table (null for a row without a label), found in reading order after the
 * table's section heading; and for each page the table runs onto, its text.
 */
function rowPages(pages: Pages, heading: string, layout: TableLayout): { rows: (number | null)[]; text: string[] } {
  const text = pages.map((p) => squash(p.words.map((w) => w.text).join('')));
  let page = text.findIndex((t) => t.includes(squash(heading)));
  let at = text[page]!.indexOf(squash(heading));
  const rows = layout.bodyRows.map((row) => {
    const key = rowKey(row);
    if (!key) return null;
    for (; page < text.length; page++, at = 0) {
      const i = text[page]!.indexOf(key, at);
      if (i >= 0) {
        at = i + key.length;
        return page;
      }
    }
    throw new Error(`${layout.name}: row ${key} not found in order`);
  });
  return { rows, text };
}

/** Every rule of a table break, checked on the rows' pages; returns how many tables broke. */
function expectBreaksByTheRules(pages: Pages, report: Report, what: string): number {
  let broken = 0;
  const layouts = new Map(layoutsOf(report).map((l) => [l.table, l]));
  for (const section of SECTIONS) {
    const table = SECTION_TABLE[section.key];
    if (!table) continue;
    const layout = layouts.get(table)!;
    const heading = report.sections.find((s) => s.key === section.key)?.heading || section.heading;
    const { rows, text } = rowPages(pages, heading, layout);
    const known = rows.filter((p): p is number => p !== null);
    const spanned = [...new Set(known)];
    if (spanned.length < 2) continue;
    broken++;
    const where = `${what}: ${layout.name} on pages ${spanned.map((p) => p + 1).join(', ')}`;
    // At least three body rows on every page the table runs onto.
    for (const p of spanned) expect(known.filter((x) => x === p).length, where).toBeGreaterThanOrEqual(3);
    // Header rows repeated on each page.
    const header = layout.headerRows.flat().find((c) => c.type === 'label' && c.text.length > 2);
    if (header?.type === 'label') for (const p of spanned) expect(text[p], where).toContain(squash(header.text));
    layout.bodyRows.forEach((row, r) => {
      for (const c of row) {
        if (c.rowSpan === 1 || c.type !== 'label') continue;
        const group = rows.slice(r, r + c.rowSpan).filter((p): p is number => p !== null);
        if (!c.vertical) {
          // A merged group (（三）不予公开 …) never splits.
          expect(new Set(group).size, `${where}: ${c.text}`).toBe(1);
        } else {
          // A vertical group splits only when it must, with at least three of its rows on each side.
          for (const p of new Set(group))
            expect(group.filter((x) => x === p).length, `${where}: ${c.text}`).toBeGreaterThanOrEqual(3);
        }
      }
      // 表二: a caption or header row inside the body is on the page of the row below it.
      if (row.every((c) => c.type === 'label' && c.header) && rows[r + 1] !== undefined)
        expect(rows[r], `${where}: ${rowKey(row)}`).toBe(rows[r + 1]);
    });
  }
  return broken;
}

describe.each(REPORTS)('the printed page of %s (%s)', (name) => {
  const report = corpus(name);

  it('right-aligns the signature with the date in full Chinese form and prints （此件主动公开）', async () => {
    const r = structuredClone(report);
    r.meta.publishedAt = '2025-01-08';
    const last = r.sections.find((s) => s.key === 'other')!;
    // A date the report's text ends with is the one it signed (13-shuyang-fgj-2023 ends 2024年1月17日).
    const own = /^\d{4}年\d{1,2}月\d{1,2}日$/.exec(last.blocks.at(-1)?.text.trim() ?? '')?.[0];
    last.blocks.push({ kind: 'paragraph', text: '(此件主动公开)' });
    const ps = await pages(r);
    const agency = lastLine(ps, r.meta.agency);
    const date = lastLine(ps, own ?? '2025年1月8日');
    const note = lastLine(ps, '（此件主动公开）');
    expect(agency && date && note).toBeTruthy();
    const [a, d, n] = [agency!.word, date!.word, note!.word];
    expect(agency!.page).toBe(ps.length - 1);
    // GB/T 9704: the block right-spaced two characters, the date two characters right of the agency's start.
    expect(Math.max(a.x1, d.x1)).toBeCloseTo(RIGHT_EDGE - 2 * EM, 0);
    expect(d.x0 - a.x0).toBeCloseTo(2 * EM, 0);
    expect(a.x0).toBeGreaterThan(595 / 2 - 4 * EM);
    expect(d.y0).toBeGreaterThan(a.y1);
    // The note below the date, indented two characters from the left margin.
    expect(n.y0).toBeGreaterThan(d.y1);
    expect(n.x0).toBeCloseTo(28 * MM + 2 * EM, 0);
    // Printed once: the paragraph is no longer in the body.
    const all = ps.flatMap((p) => p.words.map((w) => squash(w.text))).join('');
    expect(all.split('此件主动公开').length).toBe(2);
  });

  it('prints every 表二 amount in its unit, with the report’s decimals and no thousands separator', async () => {
    const r = structuredClone(report);
    const t2 = r.meta.formats.t2;
    const [cell, row] =
      t2 === '2021' ? ['t2.fees.amount', '行政事业性收费'] : ['t2.procurement.amount', '政府集中采购'];
    r.cells[cell] = 12345.5;
    r.cellText = { ...r.cellText, [cell]: '12,345.50' };
    const ps = await pages(r);
    const words = ps.flatMap((p) => p.words);
    // 2021: the unit is in the column's label; 2019's 采购总金额 has none, so the cell carries it.
    expect(rowValues(ps, row).join('')).toBe(t2 === '2021' ? '12345.50' : '12345.50万元');
    if (t2 === '2021') expect(words.map((w) => squash(w.text)).join('')).toContain('本年收费金额（单位：万元）');
    expect(words.some((w) => /\d,\d{3}/.test(w.text))).toBe(false);
  });

  it('breaks no table against the rules wherever the tables fall on the page', async () => {
    // Push everything down a few lines at a time so that each table meets the foot of a page somewhere.
    let broken = 0;
    for (let lines = 0; lines <= 21; lines += 3) {
      const r = structuredClone(report);
      r.preamble = [
        ...r.preamble,
        ...Array.from({ length: lines }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}行。` })),
      ];
      broken += expectBreaksByTheRules(await pages(r), r, `${lines} lines added`);
    }
    expect(broken).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('表二 amounts as the report gives them', () => {
  it('converts 元 only where the report wrote 元, and prints blank amounts empty', async () => {
    const r = corpus('06-pingtan-zone-2019');
    r.cells['t2.procurement.amount'] = 25.1;
    r.cellText = { ...r.cellText, 't2.procurement.amount': '251000元' };
    expect(rowValues(await pages(r), '政府集中采购').join('')).toMatch(/25\.1万元$/);
    r.cells['t2.procurement.amount'] = null;
    expect(rowValues(await pages(r), '政府集中采购').join()).not.toMatch(/万元/);
  });
});
