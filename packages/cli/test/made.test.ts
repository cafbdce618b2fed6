// Files made from the corpus reports — our own PDF and Word output, with and without blank cells — read back
// to the cells they were made from. No imported cell may hold a number other than the printed one.
import { readFileSync } from 'node:fs';
import { cellStatus, editCell, normalizeReport, type Report, reportCells, unreadCells } from '@nianbao/core';
import { type CorpusReport, corpusReports } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/load.js';

/** The corpus report as a report: read from its first source, then every cell as expected.json gives it. */
async function reportOf(r: CorpusReport): Promise<Report> {
  const src = r.sources.find((s) => s.ext !== 'pdf') ?? r.sources[0]!;
  const { report } = await importFile(readFileSync(src.path), src.path);
  const { provenance: _p, cellText: _t, ...rest } = report;
  return normalizeReport({ ...rest, cells: { ...r.expected.cells } });
}

type Variant = (r: Report) => Report;

/** Blank cells the way agencies leave them: scattered cells, and whole columns of a table. */
const VARIANTS: Record<string, Variant> = {
  'as printed': (r) => r,
  'every third cell blank': (r) => {
    let out = r;
    reportCells(r.meta.formats).forEach((c, i) => {
      if (i % 3 === 1) out = editCell(out, c.id, null);
    });
    return out;
  },
  'organisation columns of 表三 blank': (r) => {
    let out = r;
    for (const c of reportCells(r.meta.formats))
      if (c.table === 't3' && c.column !== 'natural' && c.column !== 'total') out = editCell(out, c.id, null);
    return out;
  },
};

const summary: string[] = [];
afterAll(() => {
  if (summary.length) console.log(`made files read back:\n  ${summary.join('\n  ')}`);
});

/** Every cell compared: right, wrong (another number, or a number where the print is blank), not read. */
function compare(made: Report, back: Report) {
  const ids = reportCells(made.meta.formats).map((c) => c.id);
  const wrong = ids.filter((id) => {
    const got = back.cells[id];
    return typeof got === 'number' && got !== made.cells[id];
  });
  const unread = unreadCells(back);
  const right = ids.filter((id) => back.cells[id] === made.cells[id] && cellStatus(back, id) !== 'unread');
  return { ids, wrong, unread, right };
}

describe('our own PDF and Word files read back exactly, blank cells included', () => {
  const cases = corpusReports().flatMap((r) => Object.keys(VARIANTS).map((v) => [r.name, v, r] as const));

  it.each(cases)(
    '%s, %s',
    async (_name, variant, corpus) => {
      const made = VARIANTS[variant]!(await reportOf(corpus));
      for (const [kind, bytes] of [
        ['pdf', await renderPdf(made)],
        ['docx', await renderDocx(made)],
      ] as const) {
        const { report: back } = await importFile(bytes, `made.${kind}`);
        const { ids, wrong, unread, right } = compare(made, back);
        summary.push(`${corpus.name} ${variant} .${kind}: ${right.length}/${ids.length}`);
        expect(wrong, `.${kind}: cells holding another number`).toEqual([]);
        expect(unread, `.${kind}: cells not read`).toEqual([]);
        expect(back.cells).toEqual(made.cells);
        // A blank read back is the agency's blank, as printed.
        for (const id of ids) if (made.cells[id] === null) expect(cellStatus(back, id)).toBe('blank');
      }
    },
    120_000,
  );
});
