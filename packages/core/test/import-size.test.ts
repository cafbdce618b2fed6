import { corpusReports } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { importReport, SECTIONS } from '../src/index.js';
import { printText, SHAPES } from './text-shapes.js';

// Shapes of input whose reading once grew with the square of their size (the time itself is measured in the bench).
const reports = corpusReports().map((r) => ({ name: r.name, ...r.expected }));
const LINES = 3000;
const T3_ORGS = new Set(['commercial', 'research', 'nonprofit', 'legalService', 'otherOrg']);
const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code).sort();

/** A paragraph wrapped over many short lines, none ending a sentence, as a PDF copy of a long text gives. */
const wrapped = Array.from({ length: LINES }, (_, i) => `本机关第${i}项工作按照条例要求推进公开`).join('\n');
/** Lines that look like rows of 表三 (a label start and numbers) in the text after the tables. */
const nearLabels = Array.from({ length: LINES }, (_, i) => `（${i % 7}）予以公开的部分事项${i} ${i % 5} 2 3`).join(
  '\n',
);

describe('a long report with many wrapped lines and many lines like table rows', () => {
  it.each(reports.map((r) => [r.name, r] as const))('%s: every cell read, the paragraph kept whole', (_, rep) => {
    const text = printText(rep, SHAPES.spaced)
      .replace('略。', `${wrapped}。`)
      .replace(/略。(?![\s\S]*略。)/, `${nearLabels}\n略。`);
    const r = importReport(text, { format: 'text' });
    const read = Object.fromEntries(Object.keys(rep.cells).map((id) => [id, r.report.cells[id]]));
    expect(read).toEqual(rep.cells);
    expect(r.unread).toEqual([]);
    const first = r.report.sections.find((s) => s.key === SECTIONS[0]!.key);
    expect(JSON.stringify(first)).toContain(`${wrapped.replaceAll('\n', '')}。`);
    // Lines like rows outside the tables are read into no cell and add no diagnostic to those of the plain copy.
    const plain = importReport(printText(rep, SHAPES.spaced), { format: 'text' });
    expect(codes(r.diagnostics)).toEqual(codes(plain.diagnostics));
  });
});

/** The report with no request from an organisation: in 表三 the natural-person column equals the total, the rest blank. */
function personsOnly(rep: (typeof reports)[number]) {
  const cells = { ...rep.cells };
  for (const id of Object.keys(cells)) {
    const [t, row, col] = id.split('.');
    if (t !== 't3') continue;
    if (T3_ORGS.has(col!)) cells[id] = null;
    if (col === 'natural') cells[id] = rep.cells[`t3.${row}.total`] ?? null;
  }
  return { ...rep, cells };
}

/** Markdown as a PDF converter gives a page printed without its blank cells: each line a heading of its own. */
const asHeadings = (text: string) =>
  text
    .split('\n')
    .map((l) => `#### ${l}`)
    .join('\n\n');
/** Lines like 表三's rows with two values for seven columns, in the text after the tables. */
const sparseRows = Array.from(
  { length: LINES },
  (_, i) => `#### （${'一二三四五六七'[i % 7]}）予以公开的部分事项${i} ${i % 5} ${i % 5}`,
).join('\n\n');

describe('Markdown whose table rows lost their blank cells, with many lines like such rows after the tables', () => {
  it.each(reports.map((r) => [r.name, r] as const))(
    '%s: each cell printed or named unread, the same as alone',
    (_, r) => {
      const rep = personsOnly(r);
      const plainText = asHeadings(printText(rep, SHAPES.blanksVanished));
      const text = plainText.replace(/略。(?![\s\S]*略。)/, `${sparseRows}\n\n#### 略。`);
      const plain = importReport(plainText, { format: 'markdown' });
      const long = importReport(text, { format: 'markdown' });
      for (const got of [plain, long]) {
        const unread = new Set(got.unread);
        const wrong = Object.keys(rep.cells).filter((id) => !unread.has(id) && got.report.cells[id] !== rep.cells[id]);
        expect(wrong).toEqual([]);
      }
      // Most of the report is read: the blanks that vanished are placed where the table leaves no doubt.
      expect(plain.unread.length).toBeLessThan(Object.keys(rep.cells).length);
      expect(long.report.cells).toEqual(plain.report.cells);
      expect(long.unread).toEqual(plain.unread);
    },
  );
});
