import { reportCells, UNREAD_CELL_MARK, UNREAD_CELL_NOTE } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { documentModel, renderPdf } from '../src/index.js';
import { fixture, pdfText, squash, tempFile } from './helpers.js';

const seed = fixture('seed');
const ids = reportCells(seed.meta.formats).map((c) => c.id);
const t3 = ids.filter((id) => id.startsWith('t3.'));
const t4 = ids.filter((id) => id.startsWith('t4.'));

/** The seed with cells not read by an import, one printed blank and one worked out. */
const imported = () => {
  const unread = [t3[3]!, t3[40]!, t4[2]!];
  const cells = { ...seed.cells, [t3[5]!]: null };
  for (const id of unread) cells[id] = null;
  return {
    unread,
    report: {
      ...seed,
      cells,
      provenance: {
        ...Object.fromEntries(unread.map((id) => [id, { status: 'unread' as const, reason: 'E_SPLIT_NONE' as const }])),
        [t3[5]!]: { status: 'blank' as const, printed: '—' },
        [t3[6]!]: { status: 'derived' as const, how: 'split' as const },
      },
    },
  };
};

const tableCells = (model: ReturnType<typeof documentModel>) =>
  model.sections.flatMap((s) => (s.table ? s.table.bodyRows.flat().map((c) => ({ ...c, table: s.table!.table })) : []));

describe('a cell the import could not read', () => {
  it('is drawn with the mark, only it; the agency’s blank stays empty; a note under each table that has one', () => {
    const { report, unread } = imported();
    const model = documentModel(report);
    const marked = tableCells(model).filter((c) => c.style === 'unread');
    expect(marked.map((c) => c.cellId)).toEqual(unread);
    expect(marked.every((c) => c.text === UNREAD_CELL_MARK)).toBe(true);
    expect(tableCells(model).find((c) => c.cellId === t3[5])?.text).toBe('');
    expect(tableCells(model).find((c) => c.cellId === t3[6])?.text).toBe(String(seed.cells[t3[6]!]));
    const notes = model.sections.filter((s) => s.table).map((s) => [s.table!.table, s.table!.note]);
    expect(notes).toEqual([
      ['t2', null],
      ['t3', UNREAD_CELL_NOTE],
      ['t4', UNREAD_CELL_NOTE],
    ]);
  });

  it('a report without one prints neither mark nor note', async () => {
    const model = documentModel(seed);
    expect(tableCells(model).some((c) => c.style === 'unread')).toBe(false);
    expect(model.sections.every((s) => !s.table?.note)).toBe(true);
    const text = squash(pdfText(tempFile(await renderPdf(seed), 'pdf')));
    expect(text).not.toContain(UNREAD_CELL_MARK);
    expect(text).not.toContain(squash(UNREAD_CELL_NOTE).slice(0, 8));
  });

  it('the PDF shows each mark, and the note once under each table that has one', async () => {
    const { report, unread } = imported();
    const text = pdfText(tempFile(await renderPdf(report), 'pdf'));
    expect(squash(text).split(UNREAD_CELL_NOTE).length - 1).toBe(2);
    expect(squash(text).split(UNREAD_CELL_MARK).length - 1).toBe(unread.length + 2);
  });
});
