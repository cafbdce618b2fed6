// PDFs as agencies' software leaves them, made in the test from the corpus: pages turned (/Rotate), a page that is
// a scan in the middle of a text PDF, a second report or an attachment after the report, and one web page printed
// by Chromium on other paper (landscape, narrow, A5 with tables running over pages, scaled, letter-spaced).
// Over every variant: no cell holds a number other than the printed one, a cell not read is named unread with a
// reason, a blank read back is the agency's blank, and nothing crashes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellStatus, type Report, reportCells, unreadCells } from '@nianbao/core';
import { CHROMIUM, CHROMIUM_ARGS, corpusReports, type MadeFile, madeFiles } from '@nianbao/corpus';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFile } from '../src/index.js';
import { scanPage, turnPages } from './pdf-edit.js';

const work = mkdtempSync(join(tmpdir(), 'nianbao-pdf-variants-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pdfs = madeFiles().filter((f) => f.format === 'pdf' && f.file !== 'no-text.pdf');
const agencyOf = (f: MadeFile) => f.report.expected.agency.split(' ')[0]!;

async function read(bytes: Uint8Array, agency: string): Promise<Report> {
  let r = await readReportFile(bytes, 'report.pdf');
  if (!r.ok && r.error.code === 'E_NO_AGENCY') r = await readReportFile(bytes, 'report.pdf', { agency });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  if (r.kind === 'json') throw new Error('read as report JSON');
  return r.report;
}

/**
 * The invariant: every cell the printed one, or named unread with a reason; the cells not read are returned.
 * Where the print does not show which template a table follows (the rows that tell are on a scanned page), the
 * cells of the template taken that the print does not have are all unread.
 */
function holds(back: Report, expected: Record<string, number | null>, printed: readonly string[]): string[] {
  const unread = new Set(unreadCells(back));
  const own = new Set(reportCells(back.meta.formats).map((c) => c.id));
  expect(
    [...own].filter((id) => !(id in expected) && !unread.has(id)),
    'cells the print does not have, not named unread',
  ).toEqual([]);
  const ids = printed.filter((id) => own.has(id));
  const same = (id: string) => back.cells[id] === expected[id];
  expect(
    ids.filter((id) => !unread.has(id) && typeof back.cells[id] === 'number' && !same(id)),
    'cells holding another number',
  ).toEqual([]);
  expect(
    ids.filter((id) => !unread.has(id) && !same(id)),
    'cells not read and not named unread',
  ).toEqual([]);
  for (const id of ids) {
    if (unread.has(id))
      expect(back.provenance?.[id], id).toMatchObject({ status: 'unread', reason: expect.stringMatching(/^E_/) });
    else if (expected[id] === null) expect(cellStatus(back, id), id).toBe('blank');
  }
  return ids.filter((id) => unread.has(id));
}

const printedIds = (f: MadeFile) => Object.keys(f.expected).filter((id) => !f.notPrinted.includes(id));

/** The 1-based page whose text holds 表三's first row. */
function pageOfT3(path: string): number {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), path, '-'], { encoding: 'utf8' });
    if (/本年新收/.test(text.replace(/\s/g, ''))) return p;
  }
  throw new Error(`${path}: no 表三`);
}

/** A page rendered as a grey scan (pdftoppm), to stand in for that page. */
function scanOf(path: string, page: number) {
  const out = join(work, `scan-${page}`);
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', path, out]);
  const pgm = readFileSync(`${out}.pgm`);
  const [, w, h] = pgm.toString('latin1', 0, 40).split(/\s+/).map(Number) as [number, number, number];
  return { width: w, height: h, data: new Uint8Array(pgm.subarray(pgm.length - w * h)) };
}

describe('made PDFs edited as other software leaves them', () => {
  it.each(pdfs.map((f) => [f.file, f] as const))(
    '%s: every page turned (/Rotate 90) reads as the file itself',
    async (_, f) => {
      const bytes = new Uint8Array(readFileSync(f.path));
      const original = await read(bytes, agencyOf(f));
      const turned = await read(await turnPages(bytes, () => true), agencyOf(f));
      holds(turned, f.expected, printedIds(f));
      expect(turned.cells).toEqual(original.cells);
      expect(unreadCells(turned)).toEqual(unreadCells(original));
    },
  );

  it.each(pdfs.map((f) => [f.file, f] as const))('%s: the page of 表三 a scan without text', async (_, f) => {
    const page = pageOfT3(f.path);
    const bytes = await scanPage(new Uint8Array(readFileSync(f.path)), page - 1, scanOf(f.path, page));
    const back = await read(bytes, agencyOf(f));
    // The rows on the scanned page are not read, and say so; nothing is taken from elsewhere for them.
    expect(holds(back, f.expected, printedIds(f)).length).toBeGreaterThan(0);
  });
});

describe('a PDF with more than the report', () => {
  const byName = (name: string) => pdfs.find((f) => f.file === name)!;
  const CASES: [string, string, string][] = [
    ['13-shuyang-fgj-2023.chromium.pdf', '10-pingtan-zone-2023.chromium.pdf', 'all'],
    ['21-hongze-district-2024.docx-lo.pdf', '13-shuyang-fgj-2023.docx-lo.pdf', 'all'],
    ['13-shuyang-fgj-2023.chromium.pdf', '10-pingtan-zone-2023.chromium.pdf', 'tables'],
  ];
  it.each(CASES)('%s followed by %s (%s pages) reads as the first alone', async (first, second, pages) => {
    const a = byName(first);
    const b = byName(second);
    let tail = b.path;
    if (pages === 'tables') {
      // An attachment: the pages of another report's tables, from its 表三 to its end.
      const from = pageOfT3(b.path);
      tail = join(work, 'attachment.pdf');
      execFileSync('pdftocairo', ['-pdf', '-f', String(from), b.path, tail]);
    }
    const both = join(work, 'both.pdf');
    execFileSync('pdfunite', [a.path, tail, both]);
    const alone = await read(new Uint8Array(readFileSync(a.path)), agencyOf(a));
    const back = await read(new Uint8Array(readFileSync(both)), agencyOf(a));
    holds(back, a.expected, printedIds(a));
    expect(back.cells).toEqual(alone.cells);
    expect(back.meta.agency).toBe(alone.meta.agency);
  });
});

/** Few and slow: one corpus web page printed by Chromium with the paper and type an agency's template sets. */
const PRINTS: [string, string, boolean][] = [
  ['landscape', '@page{size:A4 landscape}', true],
  ['narrow page, labels over three lines', '@page{size:105mm 297mm;margin:6mm}', true],
  ['A5, tables running over pages without their header', '@page{size:A5}', true],
  ['scaled to half', '@page{size:A4}html{zoom:0.5}', true],
  ['letter-spaced cells', 'td,td *{letter-spacing:0.6em !important}', false],
];

describe('a corpus web page printed by Chromium on other paper', () => {
  const report = corpusReports().find((r) => r.name === '13-shuyang-fgj-2023')!;
  const source = report.sources.find((s) => s.ext === 'html')!;
  const html = readFileSync(source.path, 'utf8');
  it.each(PRINTS)('%s', { timeout: 120_000 }, async (name, css, exact) => {
    const page = join(work, 'page.html');
    writeFileSync(page, html.replace('</head>', `<style>${css}</style></head>`));
    const out = join(work, 'page.pdf');
    execFileSync(CHROMIUM, [...CHROMIUM_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${page}`], {
      stdio: 'ignore',
      timeout: 110_000,
    });
    const back = await read(new Uint8Array(readFileSync(out)), report.expected.agency.split(' ')[0]!);
    const unread = holds(back, report.expected.cells, Object.keys(report.expected.cells));
    if (exact) expect(unread, name).toEqual([]);
    expect(back.meta.agency).toBe(report.expected.agency.split(' ')[0]);
  });
});
