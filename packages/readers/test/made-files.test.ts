// Every file made from the corpus reports by other software (Chromium prints of the web pages, LibreOffice
// conversions, Markdown from PDF converters) reads back to the cells it prints. No imported cell may hold a number
// other than the printed one, and a cell not read is named in `unread`, never passed off as the agency's blank.
import { readFileSync } from 'node:fs';
import { cellStatus, unreadCells } from '@nianbao/core';
import { type MadeFile, madeFiles } from '@nianbao/corpus';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFile } from '../src/index.js';

/** Formats whose reading is finished: every printed cell read exactly. Markdown from converters is not yet. */
const EXACT = new Set<MadeFile['format']>(['pdf', 'docx']);

const same = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6);

const summary: string[] = [];
afterAll(() => {
  if (summary.length) console.log(`made files read back:\n  ${summary.join('\n  ')}`);
});

describe('files made from the corpus by other software read back as printed', () => {
  it.each(madeFiles().map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const bytes = new Uint8Array(readFileSync(f.path));
    let r = await readReportFile(bytes, f.file);
    // The agency is recognised in every PDF and Word file; Markdown is read for its cells with the agency given.
    const noAgency = !r.ok && r.error.code === 'E_NO_AGENCY';
    if (noAgency && !EXACT.has(f.format))
      r = await readReportFile(bytes, f.file, { agency: f.report.expected.agency.split(' ')[0] });
    if (!r.ok) throw new Error(`${f.name}: ${r.error.code} ${r.error.message}`);
    if (r.kind === 'json') throw new Error(`${f.name} read as report JSON`);
    const back = r.report;
    // A cell the file does not print is not read, and says so.
    for (const id of f.notPrinted)
      expect(back.provenance?.[id], id).toMatchObject({ status: 'unread', reason: 'E_NOT_PRINTED' });
    const ids = Object.keys(f.expected).filter((id) => !f.notPrinted.includes(id));
    const unread = new Set(unreadCells(back));
    const wrong = ids.filter((id) => typeof back.cells[id] === 'number' && !same(back.cells[id], f.expected[id]));
    const hidden = ids.filter((id) => !same(back.cells[id], f.expected[id]) && !wrong.includes(id) && !unread.has(id));
    const right = ids.filter((id) => same(back.cells[id], f.expected[id]) && !unread.has(id));
    const missed = ids.filter((id) => unread.has(id)).length;
    const cut = f.notPrinted.length ? ` (${f.notPrinted.length} not printed)` : '';
    const agency = noAgency ? ', agency not recognised' : '';
    summary.push(`${f.name}: ${right.length}/${ids.length}${cut}${missed ? `, ${missed} not read` : ''}${agency}`);
    expect(
      wrong.map((id) => `${id}: ${back.cells[id]} ≠ ${f.expected[id]}`),
      'cells holding another number',
    ).toEqual([]);
    expect(hidden, 'cells not read and not named unread').toEqual([]);
    // A blank read back is marked as the agency's printed blank.
    for (const id of right) if (f.expected[id] === null) expect(cellStatus(back, id), id).toBe('blank');
    if (EXACT.has(f.format)) {
      expect(
        ids.filter((id) => unread.has(id)),
        'cells not read',
      ).toEqual([]);
      expect(right.length).toBe(ids.length);
    }
  });
});
