// Ruled tables laid out from positioned text: cells from the rules a page draws, read through importReport.
import { describe, expect, it } from 'vitest';
import { cellStatus } from '../model/provenance.js';
import { T3_COLUMNS, T3_ROWS } from '../templates/table3.js';
import { T4_COLUMNS } from '../templates/table4.js';
import { importReport } from './index.js';
import { ruledCells } from './lattice.js';
import { type LayoutItem, type LayoutPage, type LayoutRule, layoutPages } from './layout.js';

const SIZE = 10;
const LINE = 14;
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.55 : 1) * SIZE, 0);
/** Every item cut into its characters, each where it is drawn. */
const apart = (items: readonly LayoutItem[]) =>
  items.flatMap((it) => {
    let x = it.x;
    return [...it.str].map((ch) => {
      const piece = { ...it, str: ch, x, w: widthOf(ch) };
      x += piece.w;
      return piece;
    });
  });

/** A cell of a ruled table: grid position, span, and its printed lines (top to bottom, centred). */
interface Cell {
  r: number;
  c: number;
  rs?: number;
  cs?: number;
  lines: string[];
  /** Baselines of the lines, if not stacked from the top. */
  at?: number[];
}

/** Items and rules of a ruled table with column edges xs and row edges ys; each cell drawn with its four sides. */
function table(xs: number[], ys: number[], cells: Cell[]): { items: LayoutItem[]; rules: LayoutRule[] } {
  const items: LayoutItem[] = [];
  const rules: LayoutRule[] = [];
  for (const cell of cells) {
    const x0 = xs[cell.c]!;
    const x1 = xs[cell.c + (cell.cs ?? 1)]!;
    const y0 = ys[cell.r]!;
    const y1 = ys[cell.r + (cell.rs ?? 1)]!;
    rules.push(
      { x0, y0: y0 - 0.25, x1, y1: y0 + 0.25 },
      { x0, y0: y1 - 0.25, x1, y1: y1 + 0.25 },
      { x0: x0 - 0.25, y0, x1: x0 + 0.25, y1 },
      { x0: x1 - 0.25, y0, x1: x1 + 0.25, y1 },
    );
    cell.lines.forEach((str, i) => {
      const w = widthOf(str);
      const y = cell.at?.[i] ?? y0 + 4 + SIZE + i * LINE;
      items.push({ str, x: (x0 + x1 - w) / 2, y, w, size: SIZE });
    });
  }
  return { items, rules };
}

const text = (str: string, x: number, y: number): LayoutItem => ({ str, x, y, w: widthOf(str), size: SIZE });
const read = (pages: LayoutPage[]) => {
  const laid = layoutPages(pages);
  return { laid, ...importReport(laid.text, { format: 'text', places: laid.places }) };
};

/** 表四 as a ruled grid: a title, three header rows (leaf labels one character per line), then the values. */
function table4(values: string[], shown = 15) {
  const xs = Array.from({ length: shown + 1 }, (_, i) => 40 + 34 * i);
  const ys = [60, 80, 100, 160, 180];
  const leaf = (i: number) => [...T4_COLUMNS[i % 5]!.label];
  const head: Cell[] = [
    { r: 0, c: 0, cs: 5, lines: ['行政复议'] },
    { r: 0, c: 5, cs: Math.min(10, shown - 5), lines: ['行政诉讼'] },
    ...Array.from({ length: 5 }, (_, i) => ({ r: 1, c: i, rs: 2, lines: leaf(i) })),
    { r: 1, c: 5, cs: 5, lines: ['未经复议直接起诉'] },
    ...(shown > 10 ? [{ r: 1, c: 10, cs: shown - 10, lines: ['复议后起诉'] }] : []),
    ...Array.from({ length: shown - 5 }, (_, i) => ({ r: 2, c: 5 + i, lines: leaf(i) })),
  ];
  const row: Cell[] = values.slice(0, shown).map((v, c) => ({ r: 3, c, lines: v ? [v] : [] }));
  const t = table(xs, ys, [...head, ...row]);
  return {
    items: [text('四、政府信息公开行政复议、行政诉讼情况', 40, 40), ...t.items],
    rules: t.rules,
    width: xs[shown]!,
  };
}

describe('ruled cells', () => {
  it('joins grid boxes with no rule between them into one cell and places text by its centre', () => {
    const t = table(
      [0, 50, 100, 150],
      [0, 20, 40],
      [
        { r: 0, c: 0, cs: 2, lines: ['合并'] },
        { r: 0, c: 2, lines: ['右'] },
        { r: 1, c: 0, lines: ['1'] },
        { r: 1, c: 1, lines: [] },
        { r: 1, c: 2, lines: ['3'] },
      ],
    );
    const { cells, free } = ruledCells(t.rules, [...t.items, text('表外', 0, 80)]);
    expect(cells.map((c) => [c.row, c.x0, c.x1, c.items.map((i) => i.str).join('')])).toEqual([
      [0, 0, 100, '合并'],
      [0, 100, 150, '右'],
      [1, 0, 50, '1'],
      [1, 50, 100, ''],
      [1, 100, 150, '3'],
    ]);
    expect(free.map((i) => i.str)).toEqual(['表外']);
  });

  it('a framed paragraph or an underline is not a table', () => {
    const frame = table([0, 300], [0, 100], [{ r: 0, c: 0, lines: ['一段文字 12 件'] }]);
    const underline: LayoutRule = { x0: 0, y0: 120, x1: 200, y1: 120.5 };
    const { cells, free } = ruledCells([...frame.rules, underline], frame.items);
    expect(cells).toEqual([]);
    expect(free).toHaveLength(1);
  });
});

describe('ruled tables read by their cells', () => {
  const values = ['0', '1', '', '0', '1', '2', '0', '0', '0', '2', '', '', '', '', ''];

  it('reads 表四 with header labels printed one character per line, blank cells blank', () => {
    const r = read([table4(values)]);
    T4_COLUMNS.forEach((col, i) => {
      expect(r.report.cells[`t4.review.${col.id}`]).toBe(values[i] === '' ? null : Number(values[i]));
    });
    expect(r.report.cells['t4.litigationAfterReview.total']).toBeNull();
    expect(cellStatus(r.report, 't4.review.other')).toBe('blank');
    expect(cellStatus(r.report, 't4.litigationAfterReview.total')).toBe('blank');
  });

  it('a text layer with every character its own item reads as the same text in whole pieces', () => {
    const page = table4(values);
    const whole = read([page]);
    const each = read([{ ...page, items: apart(page.items) }]);
    expect(apart(page.items).length).toBeGreaterThan(page.items.length);
    expect(each.report.cells).toEqual(whole.report.cells);
    expect(each.unread).toEqual(whole.unread);
    T4_COLUMNS.forEach((col, i) => {
      expect(each.report.cells[`t4.review.${col.id}`]).toBe(values[i] === '' ? null : Number(values[i]));
    });
  });

  it('a table running off the right edge of the page: the cells not printed are not read, and say why', () => {
    const r = read([
      table4(
        values.map((v) => v || '0'),
        12,
      ),
    ]);
    expect(r.report.cells['t4.litigationAfterReview.corrected']).toBe(0);
    for (const col of ['other', 'pending', 'total']) {
      const id = `t4.litigationAfterReview.${col}`;
      expect(r.report.cells[id]).toBeNull();
      expect(r.report.provenance?.[id]).toMatchObject({ status: 'unread', reason: 'E_NOT_PRINTED' });
    }
    expect(r.diagnostics.find((d) => d.code === 'E_NOT_PRINTED')?.message).toContain('超出页面');
  });

  it('a number wrapped in a narrow cell is one number; two numbers in one cell are not read', () => {
    const xs = [40, 200, 260, 320, 380];
    const ys = [60, 80, 120, 160];
    const header: Cell[] = [
      { r: 0, c: 0, lines: ['信息内容'] },
      { r: 0, c: 1, lines: ['本年制发件数'] },
      { r: 0, c: 2, lines: ['本年废止件数'] },
      { r: 0, c: 3, lines: ['现行有效件数'] },
    ];
    // 规章: 12 wrapped round a 3 printed on one line between its two lines; 行政规范性文件: 4 above 5, nothing between.
    const rows: Cell[] = [
      { r: 1, c: 0, lines: ['规章'] },
      { r: 1, c: 1, lines: ['1', '2'], at: [94, 108] },
      { r: 1, c: 2, lines: ['3'], at: [101] },
      { r: 1, c: 3, lines: ['5'], at: [101] },
      { r: 2, c: 0, lines: ['行政规范性文件'] },
      { r: 2, c: 1, lines: ['4', '5'], at: [134, 148] },
      { r: 2, c: 2, lines: ['7'], at: [134] },
      { r: 2, c: 3, lines: ['9'], at: [134] },
    ];
    const t = table(xs, ys, [...header, ...rows]);
    const r = read([{ items: [text('二、主动公开政府信息情况', 40, 40), ...t.items], rules: t.rules }]);
    expect([r.report.cells['t2.rules.issued'], r.report.cells['t2.rules.repealed']]).toEqual([12, 3]);
    for (const col of ['issued', 'repealed', 'inForce']) {
      expect(r.report.cells[`t2.normativeDocs.${col}`]).toBeNull();
      expect(cellStatus(r.report, `t2.normativeDocs.${col}`)).toBe('unread');
    }
  });

  it('a row cut by a page break: the rest of its label on the next page joins it', () => {
    const xs = [40, 200, 260, 320, 380];
    const header: Cell[] = [
      { r: 0, c: 0, lines: ['信息内容'] },
      { r: 0, c: 1, lines: ['本年制发件数'] },
      { r: 0, c: 2, lines: ['本年废止件数'] },
      { r: 0, c: 3, lines: ['现行有效件数'] },
    ];
    const first = table(
      xs,
      [700, 720, 740, 780],
      [
        ...header,
        { r: 1, c: 0, lines: ['规章'] },
        ...[1, 2, 3].map((c) => ({ r: 1, c, lines: ['0'] })),
        { r: 2, c: 0, lines: ['行政'] },
        ...[1, 2, 3].map((c) => ({ r: 2, c, lines: [String(c + 5)] })),
      ],
    );
    const second = table(
      xs,
      [30, 50],
      [{ r: 0, c: 0, lines: ['规范性文件'] }, ...[1, 2, 3].map((c) => ({ r: 0, c, lines: [] }))],
    );
    const r = read([
      { items: [text('二、主动公开政府信息情况', 40, 680), ...first.items], rules: first.rules },
      { items: [...second.items, text('三、收到和处理政府信息公开申请情况', 40, 100)], rules: second.rules },
    ]);
    expect(['issued', 'repealed', 'inForce'].map((c) => r.report.cells[`t2.normativeDocs.${c}`])).toEqual([6, 7, 8]);
  });
});

describe('text drawn a character at a time', () => {
  // A table printed without rules: its rows placed by the header's columns.
  const items = [
    text('二、主动公开政府信息情况', 40, 40),
    text('第二十条第（八）项', 40, 60),
    text('信息内容', 40, 80),
    text('本年收费金额（单位：万元）', 200, 80),
    text('行政事业性收费', 40, 100),
    text('96171.6', 240, 100),
    text('三、收到和处理政府信息公开申请情况', 40, 140),
  ];

  it('a number in pieces that touch is one number, its decimals kept', () => {
    const whole = read([{ items, rules: [] }]);
    const each = read([{ items: apart(items), rules: [] }]);
    expect(whole.report.cells['t2.fees.amount']).toBe(96171.6);
    expect(each.report.cells['t2.fees.amount']).toBe(96171.6);
  });
});

describe('a 序号 column before the row labels', () => {
  it('its numbers, beside the label or alone on their line, are no values: every cell of 表三 read as printed', () => {
    const rows = T3_ROWS.filter((r) => r.versions.includes('2021'));
    const value = (k: number, i: number) => (k * 7 + i) % 5;
    const items: LayoutItem[] = [text('三、收到和处理政府信息公开申请情况', 50, 60), text('序号', 20, 100)];
    T3_COLUMNS.forEach((c, i) => {
      items.push(text(c.label, 620 + 70 * i, 100));
    });
    rows.forEach((r, k) => {
      const y = 130 + 24 * k;
      // Every other number printed centred beside a label wrapped over two lines: on a baseline of its own.
      items.push(text(String(k + 1), 20, k % 2 ? y + 9 : y), text(r.label, 50, y));
      T3_COLUMNS.forEach((_, i) => {
        items.push(text(String(value(k, i)), 640 + 70 * i, y));
      });
    });
    items.push(text('四、政府信息公开行政复议、行政诉讼情况', 50, 130 + 24 * rows.length + 30));
    const r = read([{ items }]);
    const t3 = Object.fromEntries(Object.entries(r.report.cells).filter(([id]) => id.startsWith('t3.')));
    const want = Object.fromEntries(
      rows.flatMap((row, k) => T3_COLUMNS.map((c, i) => [`t3.${row.id}.${c.id}`, value(k, i)])),
    );
    expect(t3).toEqual(want);
    expect(r.unread.filter((id) => id.startsWith('t3.'))).toEqual([]);
  });
});
