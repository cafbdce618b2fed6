// A report printed from an import that could not read some cells marks each of them 未读取 with a note under its
// table; reading that PDF or Word file back gives exactly those cells not read, every other cell as printed, and
// the note in no section's text. A report without such cells prints neither mark nor note.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Report,
  reportCells,
  UNREAD_CELL_MARK,
  UNREAD_CELL_NOTE,
  UNREAD_REASONS,
  type UnreadReason,
  unreadCells,
} from '@nianbao/core';
import { corpusReport } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { type ReadResult, readReportFile } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-unread-mark-'));
const count = (text: string, s: string) => text.split(s).length - 1;
const squash = (s: string) => s.replace(/\s+/g, '');

function ok(r: ReadResult): Report {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.report;
}

async function imported(name: string, ext: string): Promise<Report> {
  const src = corpusReport(name).sources.find((s) => s.ext === ext)!;
  return ok(await readReportFile(new Uint8Array(readFileSync(src.path)), src.file));
}

/** The report with some cells not read: every ninth cell and one whole 表三 row, with varied reasons. */
function withUnread(report: Report): { marked: Report; ids: string[] } {
  const all = reportCells(report.meta.formats);
  const t3Rows = [...new Set(all.filter((c) => c.table === 't3').map((c) => c.row))];
  const ids = all.filter((c, i) => i % 9 === 4 || c.row === t3Rows[1]).map((c) => c.id);
  const cells = { ...report.cells };
  const provenance = { ...report.provenance };
  ids.forEach((id, i) => {
    cells[id] = null;
    provenance[id] = { status: 'unread', reason: UNREAD_REASONS[i % UNREAD_REASONS.length] as UnreadReason };
  });
  return { marked: { ...report, cells, provenance }, ids };
}

const pdfText = (bytes: Uint8Array) => {
  const path = join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
};
const docxText = async (bytes: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe.each([
  ['13-shuyang-fgj-2023', 'html'],
  ['00-baoshan-yuejin-2024', 'txt'],
])('%s with cells not read, printed and read back', (name, ext) => {
  it('PDF and Word show the mark in each such cell and the note under each table that has one', async () => {
    const report = await imported(name, ext);
    expect(unreadCells(report), 'the source reads completely').toEqual([]);
    const { marked, ids } = withUnread(report);
    const tables = new Set(ids.map((id) => id.split('.')[0]));
    expect(unreadCells(marked)).toEqual(ids);
    const files = {
      pdf: [await renderPdf(marked), await renderPdf(report)],
      docx: [await renderDocx(marked), await renderDocx(report)],
    };
    const text = {
      pdf: files.pdf.map(pdfText),
      docx: await Promise.all(files.docx.map(docxText)),
    };
    for (const kind of ['pdf', 'docx'] as const) {
      const [withMarks, plain] = text[kind].map(squash) as [string, string];
      // The note itself names the mark once.
      expect(count(withMarks, UNREAD_CELL_NOTE), kind).toBe(tables.size);
      expect(count(withMarks, UNREAD_CELL_MARK) - tables.size, kind).toBe(ids.length);
      expect(plain, kind).not.toContain(UNREAD_CELL_MARK);
      expect(plain, kind).not.toContain('注：');

      const [back, backPlain] = await Promise.all(
        files[kind].map(async (b) => ok(await readReportFile(b, `report.${kind}`))),
      );
      expect(unreadCells(back!), kind).toEqual(ids);
      for (const id of ids)
        expect(back!.provenance?.[id], id).toMatchObject({ status: 'unread', reason: 'E_MARKED_UNREAD' });
      const others = reportCells(report.meta.formats)
        .map((c) => c.id)
        .filter((id) => !ids.includes(id));
      expect(Object.fromEntries(others.map((id) => [id, back!.cells[id]])), kind).toEqual(
        Object.fromEntries(others.map((id) => [id, report.cells[id]])),
      );
      expect(unreadCells(backPlain!), kind).toEqual([]);
      expect(backPlain!.cells, kind).toEqual(report.cells);
      // The note is the printing's, not the report's: the sections read back as from the file without it.
      expect(back!.sections, kind).toEqual(backPlain!.sections);
      expect(back!.preamble, kind).toEqual(backPlain!.preamble);
      expect(JSON.stringify(back), kind).not.toContain(UNREAD_CELL_NOTE.slice(3, 12));
    }
  }, 180_000);
});
