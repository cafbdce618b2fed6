import { corpusReports } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { cellStatus, importReport, tableLayout, unreadCells } from '../src/index.js';
import { reportText } from './text-shapes.js';

// Rows printed with every cell empty, as PDF converters and copied text give them: the empty cells vanish and the
// row's label stands alone. Such a row is blank only where nothing else can be meant; otherwise it is not read.
const reports = corpusReports().map((r) => ({ name: r.name, ...r.expected }));
type Rep = (typeof reports)[number];
type Table = 't2' | 't3' | 't4';

interface Print {
  /** Markdown as converters give it (headings with `##`, each table one paragraph) or flat text (a row a line). */
  format: 'markdown' | 'text';
  /** Every label of a table first, then all its values (a converter reading the page column by column). */
  labelsFirst?: boolean;
  /** Rows whose values are printed but whose label is left out. */
  dropLabel?: (table: Table, row: number) => boolean;
  /** A label as printed (cut short…). */
  label?: (text: string) => string;
  /** How a number is printed. */
  value?: (x: number) => string;
  /** How a single empty cell of a row with values is printed (default `—`; '' vanishes). */
  blank?: (i: number) => string;
  /** A label wrapped round its row's values: its first half, the values, its second half. */
  wrap?: (row: number) => boolean;
  /** A row's values on the next line after its label. */
  valuesNextLine?: (row: number) => boolean;
  /** After this body row of 表三 the table breaks across pages and its header rows are printed again. */
  headerAgainAfter?: number;
}

/** The report with every third body row of 表二 and 表三 (and each row already empty) left entirely blank. */
function withBlankRows(r: Rep): { cells: Record<string, number | null>; blankRows: number } {
  const cells: Record<string, number | null> = { ...r.cells };
  let blankRows = 0;
  for (const [t, v] of [
    ['t2', r.formats.t2],
    ['t3', r.formats.t3],
  ] as const)
    tableLayout(t, v).bodyRows.forEach((row, i) => {
      const ids = row.flatMap((c) => (c.type === 'value' ? [c.cellId] : []));
      if (i % 3 === 1) for (const id of ids) cells[id] = null;
      if (ids.length && ids.every((id) => cells[id] === null || cells[id] === undefined)) blankRows++;
    });
  return { cells, blankRows };
}

/** A report printed with a row of empty cells as its label alone; a single empty cell of a row printed `—`. */
function print(r: Rep, cells: Record<string, number | null>, p: Print): string {
  const table = (t: Table, v: '2019' | '2021') => {
    const l = tableLayout(t, v);
    const header = l.headerRows.map((row) => row.flatMap((c) => (c.type === 'label' ? [c.text] : [])).join(' '));
    const lines = [...header];
    const values: string[] = [];
    l.bodyRows.forEach((row, i) => {
      const ids = row.flatMap((c) => (c.type === 'value' ? [c.cellId] : []));
      const empty = ids.every((id) => cells[id] === null || cells[id] === undefined);
      const shown =
        empty && t !== 't4'
          ? []
          : ids
              .map((id, j) => {
                const x = cells[id];
                if (x === null || x === undefined) return p.blank ? p.blank(j) : '—';
                return p.value ? p.value(x) : String(x);
              })
              .filter((x) => x !== '');
      const labels = p.dropLabel?.(t, i)
        ? []
        : row.flatMap((c) => (c.type === 'label' ? [p.label ? p.label(c.text) : c.text] : []));
      if (p.labelsFirst) {
        lines.push(labels.join(' '));
        values.push(...shown);
      } else if (p.wrap?.(i) && labels.length && shown.length) {
        const last = labels[labels.length - 1]!;
        const cut = Math.ceil(last.length / 2);
        lines.push([...labels.slice(0, -1), last.slice(0, cut), ...shown, last.slice(cut)].join(' '));
      } else if (p.valuesNextLine?.(i) && shown.length) lines.push(labels.join(' '), shown.join(' '));
      else lines.push([...labels, ...shown].join(' '));
      if (t === 't3' && p.headerAgainAfter === i) lines.push('<!-- PAGE_BREAK -->', ...header);
    });
    if (p.labelsFirst) lines.push(values.join(' '));
    const rows = lines.filter((x) => x !== '');
    if (p.format === 'text') return rows.filter((x) => !x.startsWith('<!--')).join('\n');
    return rows.join(' ').replaceAll(' <!-- PAGE_BREAK --> ', '\n\n<!-- PAGE_BREAK -->\n');
  };
  return reportText(r, table, p.format === 'markdown');
}

/** What a user sees of each cell: the number printed, blank, or named not read — never another number or a false blank. */
function judge(cells: Record<string, number | null>, r: ReturnType<typeof importReport>) {
  const wrong: string[] = [];
  const falseBlank: string[] = [];
  const unread = new Set(unreadCells(r.report));
  const blank: string[] = [];
  for (const [id, printed] of Object.entries(cells)) {
    const got = r.report.cells[id];
    // A cell of the other template (the table read in the wrong one) is not shown at all.
    if (got === undefined) continue;
    const status = cellStatus(r.report, id);
    if (status === 'unread') {
      expect(unread.has(id)).toBe(true);
      continue;
    }
    if (printed === null || printed === undefined) {
      if (got !== null) wrong.push(`${id}: printed blank, read ${got}`);
      else blank.push(id);
    } else if (got === null) falseBlank.push(`${id}: printed ${printed}, shown blank`);
    else if (got !== printed) wrong.push(`${id}: printed ${printed}, read ${got}`);
  }
  return { wrong, falseBlank, blank };
}

const allBlank = (cells: Record<string, number | null>, table: Table, v: '2019' | '2021') =>
  tableLayout(table, v)
    .cells.map((c) => c.id)
    .filter((id) => cells[id] === null || cells[id] === undefined);

describe('rows printed as their label alone', () => {
  it.each(reports.flatMap((r) => (['markdown', 'text'] as const).map((f) => [f, r.name, r] as const)))(
    '%s: %s — every row printed empty is blank, every other cell as printed',
    (format, _name, rep) => {
      const { cells, blankRows } = withBlankRows(rep);
      const r = importReport(print(rep, cells, { format }), { format });
      const j = judge(cells, r);
      expect(j.wrong).toEqual([]);
      expect(j.falseBlank).toEqual([]);
      expect(blankRows).toBeGreaterThan(3);
      // Nothing left in doubt: every blank of 表二 and 表三 is shown as the agency's blank, none as not read.
      expect(r.unread).toEqual([]);
      for (const id of [...allBlank(cells, 't2', rep.formats.t2), ...allBlank(cells, 't3', rep.formats.t3)])
        expect(cellStatus(r.report, id), id).toBe('blank');
      expect(r.diagnostics.filter((d) => d.code === 'I_ROW_BLANK').length).toBeGreaterThan(0);
    },
  );

  it.each(reports.flatMap((r) => (['markdown', 'text'] as const).map((f) => [f, r.name, r] as const)))(
    '%s: %s — all labels first, all values after: no row is taken for blank',
    (format, _name, rep) => {
      const { cells } = withBlankRows(rep);
      const r = importReport(print(rep, cells, { format, labelsFirst: true }), { format });
      const j = judge(cells, r);
      expect(j.wrong).toEqual([]);
      expect(j.falseBlank).toEqual([]);
      expect(r.diagnostics.filter((d) => d.code === 'I_ROW_BLANK')).toEqual([]);
      // No row printed empty is shown blank: its label alone says nothing of where the values went.
      for (const id of [...allBlank(cells, 't2', rep.formats.t2), ...allBlank(cells, 't3', rep.formats.t3)])
        expect(cellStatus(r.report, id), id).not.toBe('blank');
    },
  );

  it.each(reports.map((r) => [r.name, r] as const))(
    '%s — a row of values without its label after a row printed empty: neither is taken for blank or given the values',
    (_name, rep) => {
      const { cells } = withBlankRows(rep);
      // The third row of each table printed with values and no label (the first and fourth are printed empty).
      const dropLabel = (t: Table, i: number) => t !== 't4' && i === 2;
      const r = importReport(print(rep, cells, { format: 'markdown', dropLabel }), { format: 'markdown' });
      const j = judge(cells, r);
      expect(j.wrong).toEqual([]);
      expect(j.falseBlank).toEqual([]);
      // The label printed alone before the values without a label: its row is named not read, not given those values.
      for (const t of ['t2', 't3'] as const) {
        const ids = tableLayout(t, rep.formats[t]).bodyRows[1]!.flatMap((c) => (c.type === 'value' ? [c.cellId] : []));
        for (const id of ids) expect(cellStatus(r.report, id), id).toBe('unread');
      }
      expect(r.diagnostics.some((d) => d.code === 'E_NEXT_ROW_MISSING')).toBe(true);
      expect(r.diagnostics.filter((d) => d.code === 'I_ROW_BLANK')).toEqual([]);
    },
  );

  it('a single row with values after every label: the labels before it stay not read', () => {
    const rep = reports.find((r) => r.formats.t2 === '2021')!;
    const cells: Record<string, number | null> = { ...rep.cells };
    for (const c of tableLayout('t2', '2021').cells) cells[c.id] = c.id.startsWith('t2.fees.') ? 7 : null;
    const r = importReport(print(rep, cells, { format: 'markdown' }), { format: 'markdown' });
    expect(r.report.cells['t2.fees.amount']).toBe(7);
    // 规章 … 行政强制 stand alone before the one row of values: nothing shows the print keeps values by their labels.
    expect(cellStatus(r.report, 't2.rules.issued')).toBe('unread');
    expect(cellStatus(r.report, 't2.coercion.decisions')).toBe('unread');
    expect(r.unread).toContain('t2.licensing.decisions');
  });
});

const FULL_WIDTH = (s: string) => s.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const MARKS = ['—', '－', '/', '无', '空', '-', '／'];

/** Shapes converters and OCR give a table, each printed over reports as published and with rows left empty. */
const VARIANTS: Record<string, Omit<Print, 'format'>> = {
  asPrinted: {},
  labelsCutShort: { label: (t) => (t.length > 8 ? t.slice(0, 8) : t) },
  labelsMissing: { dropLabel: (t, i) => t !== 't4' && i % 5 === 3 },
  labelsWrapped: { wrap: (i) => i % 2 === 0 },
  valuesOnNextLine: { valuesNextLine: (i) => i % 3 === 0 },
  blanksVanished: { blank: () => '' },
  blankMarks: { blank: (i) => MARKS[i % MARKS.length]! },
  countSuffix: { value: (x) => (Number.isInteger(x) ? `${x}件` : String(x)) },
  itemSuffix: { value: (x) => (Number.isInteger(x) ? `${x}条` : String(x)) },
  fullWidthDigits: { value: (x) => FULL_WIDTH(String(x)) },
  headerAgain: { headerAgainAfter: 5 },
  labelsFirst: { labelsFirst: true },
  cutShortAndVanished: { label: (t) => (t.length > 6 ? t.slice(0, 6) : t), blank: () => '' },
  missingAndWrapped: { dropLabel: (t, i) => t !== 't4' && i % 7 === 4, wrap: (i) => i % 2 === 1 },
};

describe('flat text and Markdown paragraphs in every shape converters give', () => {
  it.each(Object.keys(VARIANTS).flatMap((v) => (['markdown', 'text'] as const).map((f) => [v, f] as const)))(
    '%s (%s): no cell holds another number than the printed one, no cell not read is shown blank',
    (v, format) => {
      for (const rep of reports)
        for (const cells of [rep.cells, withBlankRows(rep).cells]) {
          const r = importReport(print(rep, cells, { format, ...VARIANTS[v]! }), { format });
          const j = judge(cells, r);
          expect(j.wrong, rep.name).toEqual([]);
          expect(j.falseBlank, rep.name).toEqual([]);
          for (const id of r.unread) expect(r.report.provenance?.[id], id).toMatchObject({ status: 'unread' });
        }
    },
  );
});
