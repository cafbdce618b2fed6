import { corpusReports } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { importReport, SECTIONS } from '../src/index.js';
import { printText, SHAPES } from './text-shapes.js';

// Shapes of input whose reading once grew with the square of their size (the time itself is measured in the bench).
const reports = corpusReports().map((r) => ({ name: r.name, ...r.expected }));
const LINES = 3000;
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
