import { corpusReports } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { cellStatus, importReport, SECTIONS, tableLayout } from '../src/index.js';

// Markdown as PDF converters and OCR give it, made from every corpus report: each cell is the printed number or
// named unread, never another number.
const reports = corpusReports().map((r) => ({ name: r.name, ...r.expected }));
type Rep = (typeof reports)[number];

interface MdShape {
  /** A label as printed (cut short, left out…). */
  label?: (text: string, row: number) => string;
  /** Extra empty columns at the end of every row (a converter's placeholders). */
  placeholders?: number;
  /** A body row printed over two lines: its label alone, then its values under an empty label. */
  splitRow?: (row: number) => boolean;
  /** How a blank cell is printed (default `—`), by its place in the row. */
  blank?: (i: number) => string;
  /** How a number is printed. */
  value?: (x: number) => string;
  /** A first row of empty cells, taken by the converter for the header. */
  falseHeader?: boolean;
  /** After this body row the table breaks across pages: a page break, then the header rows again. */
  pageBreakAfter?: number;
  /** A body row's values on a line of their own after its label, outside the pipes (a row the converter broke). */
  valuesOnNextLine?: (row: number) => boolean;
}

const FULL_WIDTH = (s: string) => s.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const MARKS = ['—', '－', '/', '无', '空', '-', '／'];

const SHAPES: Record<string, MdShape> = {
  plain: {},
  placeholderColumns: { placeholders: 2 },
  labelsCutShort: { label: (t) => (t.length > 8 ? t.slice(0, 8) : t) },
  oneLabelMissing: { label: (t, r) => (r === 3 ? '' : t) },
  labelsMissing: { label: (t, r) => (r % 5 === 2 ? '' : t) },
  rowsSplitOverLines: { splitRow: (r) => r % 4 === 1 },
  emptyCells: { blank: () => '' },
  blankMarks: { blank: (i) => MARKS[i % MARKS.length]! },
  countSuffix: { value: (x) => (Number.isInteger(x) ? `${x}件` : String(x)) },
  itemSuffix: { value: (x) => (Number.isInteger(x) ? `${x}条` : String(x)) },
  fullWidthDigits: { value: (x) => FULL_WIDTH(String(x)) },
  falseHeaderRow: { falseHeader: true },
  headerRepeated: { pageBreakAfter: 6 },
  valuesOnNextLine: { valuesOnNextLine: (r) => r % 3 === 2 },
  emptyCellsSplitRows: { blank: () => '', splitRow: (r) => r % 4 === 1 },
};

function printMd(r: Rep, shape: MdShape): string {
  const table = (t: 't2' | 't3' | 't4', v: '2019' | '2021') => {
    const l = tableLayout(t, v);
    const out: string[] = [];
    let head = true;
    // Every line as wide as the table, as converters print it (a spanned header repeated in each column it covers).
    const line = (cells: string[]) => {
      const pad = Array.from({ length: Math.max(0, l.columns - cells.length) }, () => '');
      const all = [...cells, ...pad, ...Array.from({ length: shape.placeholders ?? 0 }, () => '')];
      out.push(`| ${all.join(' | ')} |`);
      if (head) out.push(`|${all.map(() => ' --- ').join('|')}|`);
      head = false;
    };
    const header = () => {
      l.headerRows.forEach((row) => {
        line(row.map((c) => (c.type === 'label' ? c.text : '')));
      });
    };
    if (shape.falseHeader) line([]);
    header();
    l.bodyRows.forEach((row, i) => {
      const labels = row.filter((c) => c.type === 'label').map((c) => (shape.label ? shape.label(c.text, i) : c.text));
      const values = row
        .filter((c) => c.type === 'value')
        .map((c, j) => {
          const x = r.cells[c.cellId];
          if (x === null || x === undefined) return shape.blank ? shape.blank(j) : '—';
          return shape.value ? shape.value(x) : String(x);
        });
      if (shape.splitRow?.(i) && labels.length && values.length) {
        line([...labels, ...values.map(() => '')]);
        line([...labels.map(() => ''), ...values]);
      } else if (shape.valuesOnNextLine?.(i) && labels.length && values.length) {
        line(labels);
        out.push('', values.join(' '), '');
        head = true;
      } else line([...labels, ...values]);
      if (shape.pageBreakAfter === i) {
        out.push('', '<!-- PAGE_BREAK -->', '');
        head = true;
        header();
      }
    });
    return out.join('\n');
  };
  const h = SECTIONS.map((s) => s.heading);
  return [
    `# ${r.agency}${r.year}年政府信息公开工作年度报告`,
    `## ${h[0]}`,
    '略。',
    `## ${h[1]}`,
    table('t2', r.formats.t2),
    `## ${h[2]}`,
    table('t3', r.formats.t3),
    `## ${h[3]}`,
    table('t4', r.formats.t3),
    `## ${h[4]}`,
    '略。',
    `## ${h[5]}`,
    '无。',
  ].join('\n\n');
}

describe('Markdown from PDF converters and OCR', () => {
  it.each(Object.keys(SHAPES).flatMap((s) => reports.map((r) => [s, r.name, r] as const)))(
    '%s: %s — every cell as printed or named unread',
    (shape, _name, rep) => {
      const r = importReport(printMd(rep, SHAPES[shape]!), { format: 'markdown' });
      const wrong: string[] = [];
      const hidden: string[] = [];
      for (const [id, want] of Object.entries(rep.cells)) {
        const got = r.report.cells[id];
        if (got === want) continue;
        if (got === null && cellStatus(r.report, id) === 'unread') continue;
        if (typeof got === 'number') wrong.push(`${id}: printed ${want}, read ${got}`);
        else hidden.push(`${id}: printed ${want}, read as blank`);
      }
      expect(wrong).toEqual([]);
      expect(hidden).toEqual([]);
    },
  );
});

describe('a row printed without its label', () => {
  const rowIds = (t: 't2' | 't3', v: '2019' | '2021', i: number) =>
    tableLayout(t, v).bodyRows[i]!.flatMap((c) => (c.type === 'value' ? [c.cellId] : []));

  it.each(reports.map((r) => [r.name, r] as const))(
    '%s: one row between two rows found is read by the template row order, marked so',
    (_name, rep) => {
      const r = importReport(printMd(rep, SHAPES.oneLabelMissing!), { format: 'markdown' });
      for (const t of ['t2', 't3'] as const)
        for (const id of rowIds(t, rep.formats[t], 3)) {
          expect(r.report.cells[id], id).toBe(rep.cells[id] ?? null);
          expect(cellStatus(r.report, id), id).toBe(
            rep.cells[id] === null || rep.cells[id] === undefined ? 'blank' : 'derived',
          );
        }
      expect(r.diagnostics.filter((d) => d.code === 'I_ROW_BY_ORDER').length).toBe(2);
      expect(r.diagnostics.filter((d) => d.code === 'W_VALUES_UNMATCHED')).toEqual([]);
    },
  );

  it.each(reports.map((r) => [r.name, r] as const))(
    '%s: two rows in a row without labels are not read: the order leaves which is which open only by count',
    (_name, rep) => {
      // 表三's fourth and fifth rows, next to each other with no label between them.
      const shape = { label: (t: string, i: number) => (i === 3 || i === 4 ? '' : t) };
      const r = importReport(printMd(rep, shape), { format: 'markdown' });
      const ids = [...rowIds('t3', rep.formats.t3, 3), ...rowIds('t3', rep.formats.t3, 4)];
      expect(ids.length).toBe(14);
      for (const id of ids) expect(cellStatus(r.report, id), id).toBe('unread');
      expect(r.diagnostics.filter((d) => d.code === 'I_ROW_BY_ORDER' && d.location.table === 't3')).toEqual([]);
    },
  );
});
