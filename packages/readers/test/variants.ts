// Variants of the corpus web pages the way agencies' portals publish the same report: blank cells and numbers
// written differently, cells wrapped in markup, tables split, nested, flattened or with an extra column, 表三 in
// its 2019 shape, the title and the agency in the forms real reports use. Each variant is made by editing the
// page's DOM and comes with the cells it prints (the corpus report's expected.json, changed as the edit changes it).
import type { CorpusReport } from '@nianbao/corpus';
import { DomUtils, parseDocument } from 'htmlparser2';

type Document = ReturnType<typeof parseDocument>;
type Node = Document['children'][number];
type Element = Extract<Node, { name: string; attribs: Record<string, string> }>;

/** What a variant page must read back to. */
export interface VariantExpected {
  cells: Record<string, number | null>;
  agency: string;
  year: number;
  t3: '2019' | '2021';
}

export interface Variant {
  name: string;
  /** Edits the page in place and the expected reading with it. */
  apply(doc: Document, exp: VariantExpected): void;
}

const isElement = (n: Node): n is Element => 'name' in n && 'attribs' in n;
const isCell = (n: Node): n is Element => isElement(n) && (n.name === 'td' || n.name === 'th');
const textOf = (n: Node | Node[]) => DomUtils.textContent(n).replace(/\s+/g, '');
const all = (root: Node[] | Node, name: string) =>
  DomUtils.findAll((e) => e.name === name, Array.isArray(root) ? root : [root]) as Element[];
const nodes = (html: string): Node[] => parseDocument(html).children;
const el = (html: string) => nodes(html).find(isElement)!;

/** Rows of a table, not those of a table inside it. */
function rowsOf(table: Element): Element[] {
  return all(table, 'tr').filter((tr) => nearestTable(tr) === table);
}
function nearestTable(n: Node): Element | undefined {
  for (let p = n.parent; p; p = p.parent)
    if (isElement(p as Node) && (p as Element).name === 'table') return p as Element;
  return undefined;
}
const cellsOf = (tr: Element) => tr.children.filter(isCell);

/** The official tables of the page: 表二 (第二十条…), 表三 (申请人情况), 表四 (行政复议 and 行政诉讼). */
export function officialTables(doc: Document): { t2: Element; t3: Element; t4: Element } {
  const tables = all(doc.children, 'table').filter((t) => !all(t, 'table').some((x) => x !== t));
  const find = (f: (text: string) => boolean, what: string) => {
    const t = tables.find((x) => f(textOf(x)));
    if (!t) throw new Error(`variants: no ${what} in the page`);
    return t;
  };
  return {
    t2: find((s) => s.includes('第二十条'), '表二'),
    t3: find((s) => s.includes('申请人情况'), '表三'),
    t4: find((s) => s.includes('行政诉讼') && !s.includes('申请人情况'), '表四'),
  };
}

const NUMBER = /^\d+(?:\.\d+)?$/;
/** Cells of the official tables that print a number or nothing (the value cells), with their table. */
function valueCells(doc: Document): { cell: Element; table: 't2' | 't3' | 't4'; text: string }[] {
  const t = officialTables(doc);
  return (['t2', 't3', 't4'] as const).flatMap((table) =>
    rowsOf(t[table])
      .flatMap(cellsOf)
      .map((cell) => ({ cell, table, text: textOf(cell) }))
      .filter((c) => c.text === '' || NUMBER.test(c.text)),
  );
}
const setText = (cell: Element, text: string) => {
  cell.children = [];
  DomUtils.appendChild(cell, nodes(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'))[0]!);
};
/** The cell of 表二's fee row (表三 has 收费 in a label too). */
const isFee = (c: { cell: Element; table: string }) =>
  c.table === 't2' && textOf(c.cell.parent as Node).includes('收费');

const MARKS = ['/', '—', '－', '无', '／', '-'];
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const thousands = (s: string) => s.replace(/^\d+/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
/** Every expected cell of a table whose value is `value`. */
const idsOf = (exp: VariantExpected, table: string, f: (v: number | null) => boolean) =>
  Object.keys(exp.cells).filter((id) => id.startsWith(`${table}.`) && f(exp.cells[id]!));

/** The element holding the report's own text (title aside): the smallest one with its first and last tables. */
export function contentRoot(doc: Document): Element {
  const t = officialTables(doc);
  let best: Element | undefined;
  for (const e of DomUtils.findAll(() => true, doc.children) as Element[]) {
    if (!DomUtils.findAll((x) => x === t.t2, [e]).length || !DomUtils.findAll((x) => x === t.t4, [e]).length) continue;
    if (!textOf(e).includes('总体情况')) continue;
    if (!best || textOf(e).length < textOf(best).length) best = e;
  }
  if (!best) throw new Error('variants: no element holds the report');
  return best;
}

/** Replace the page by its report alone under a title block (as a page of text only, or a converted document). */
function cleanPage(doc: Document, head: string, tail = '', title = '政府信息公开年报') {
  const root = contentRoot(doc);
  const body = el('<body></body>');
  for (const n of [...nodes(head)]) DomUtils.appendChild(body, n);
  for (const n of [...root.children]) DomUtils.appendChild(body, n);
  for (const n of [...nodes(tail)]) DomUtils.appendChild(body, n);
  const html = el(`<html><head><meta charset="utf-8"><title>${title}</title></head></html>`);
  DomUtils.appendChild(html, body);
  doc.children = [];
  DomUtils.appendChild(doc as unknown as Element, nodes('<!doctype html>')[0]!);
  DomUtils.appendChild(doc as unknown as Element, html);
}

/** 表三 in its 2019 shape: （六）其他处理 one row, the sum of the three rows of 2021. */
function t3As2019(doc: Document, exp: VariantExpected) {
  const { t3 } = officialTables(doc);
  const rows = rowsOf(t3);
  const first = rows.findIndex((r) => textOf(r).includes('（六）其他处理'));
  if (first < 0) throw new Error('variants: no （六） rows');
  const three = rows.slice(first, first + 3);
  const values = three.map((r) => cellsOf(r).slice(-7).map(textOf));
  const sums = values[0]!.map((_, j) => {
    const col = values.map((v) => v[j]!);
    return col.every((v) => v === '') ? '' : String(col.reduce((s, v) => s + (v === '' ? 0 : Number(v)), 0));
  });
  const row = el(`<tr><td colspan="2">（六）其他处理</td>${sums.map((v) => `<td>${v}</td>`).join('')}</tr>`);
  DomUtils.prepend(three[0]!, row);
  for (const r of three) DomUtils.removeElement(r);
  // The group label of 三、 spans two rows fewer.
  for (const c of rows.flatMap(cellsOf))
    if (c.attribs.rowspan && textOf(c).includes('本年度办理结果'))
      c.attribs.rowspan = String(Number(c.attribs.rowspan) - 2);
  const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg', 'total'];
  cols.forEach((col, j) => {
    const parts = ['noCorrection', 'unpaidFee', 'other'].map((r) => exp.cells[`t3.otherHandling.${r}.${col}`]);
    for (const r of ['noCorrection', 'unpaidFee', 'other']) delete exp.cells[`t3.otherHandling.${r}.${col}`];
    exp.cells[`t3.otherHandling.${col}`] = parts.every((p) => p === null || p === undefined)
      ? null
      : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    if (String(exp.cells[`t3.otherHandling.${col}`] ?? '') !== sums[j]) throw new Error('variants: （六） sums differ');
  });
  exp.t3 = '2019';
}

/** Rowspans and colspans written out: labels repeated in every cell they covered, values in the first only. */
function flattenSpans(table: Element) {
  const rows = rowsOf(table);
  const grid: (Element | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of cellsOf(tr)) {
      while (grid[r]![c]) c++;
      const rs = Number(cell.attribs.rowspan ?? 1);
      const cs = Number(cell.attribs.colspan ?? 1);
      for (let i = 0; i < rs && r + i < rows.length; i++)
        for (let j = 0; j < cs; j++) {
          const text = textOf(cell);
          const copy = i === 0 && j === 0;
          const value = text === '' || NUMBER.test(text);
          grid[r + i]![c + j] = copy ? cell : el(`<td>${value ? '' : text}</td>`);
        }
      c += cs;
    }
  });
  rows.forEach((tr, r) => {
    for (const cell of cellsOf(tr)) DomUtils.removeElement(cell);
    for (const cell of grid[r]!) {
      if (!cell) continue;
      delete cell.attribs.rowspan;
      delete cell.attribs.colspan;
      DomUtils.appendChild(tr, cell);
    }
  });
}

/** Split a table before its row `at`: the rest in a table of its own, with copies of the header rows if asked. */
function splitTable(table: Element, at: number, header: number) {
  const rows = rowsOf(table);
  const second = el(
    `<table ${Object.entries(table.attribs)
      .map(([k, v]) => `${k}="${v}"`)
      .join(' ')}><tbody></tbody></table>`,
  );
  const tbody = all(second, 'tbody')[0]!;
  for (const h of rows.slice(0, header)) DomUtils.appendChild(tbody, el(DomUtils.getOuterHTML(h)));
  for (const r of rows.slice(at)) DomUtils.appendChild(tbody, r);
  DomUtils.append(table, second);
  DomUtils.append(table, el('<p style="page-break-after:always">&nbsp;</p>'));
}

const rowWith = (table: Element, words: string) => rowsOf(table).findIndex((r) => textOf(r).includes(words));

const TITLES: [string, (a: string, y: number) => string][] = [
  ['agency-year-du', (a, y) => `<h1>${a}${y}年度政府信息公开工作年度报告</h1>`],
  ['agency-year', (a, y) => `<h1>${a}${y}年政府信息公开年度报告</h1>`],
  ['year-agency', (a, y) => `<h1>${y}年${a}政府信息公开工作年度报告</h1>`],
  ['year-du-agency', (a, y) => `<h1>${y}年度${a}政府信息公开工作年度报告</h1>`],
  ['br-after-agency', (a, y) => `<h1>${a}<br>${y}年度政府信息公开工作年度报告</h1>`],
  ['br-in-title', (a, y) => `<h1>${a}${y}年度政府信息<br/>公开工作年度报告</h1>`],
  [
    'agency-line-above',
    (a, y) => `<p style="text-align:center">${a}</p><p style="text-align:center">${y}年政府信息公开工作年度报告</p>`,
  ],
  ['guanyu', (a, y) => `<h1>关于${a}${y}年度政府信息公开工作年度报告</h1>`],
  ['agency-guanyu-report', (a, y) => `<h1>${a}关于${y}年度政府信息公开工作情况的报告</h1>`],
  ['spaced', (a, y) => `<h1>${a}  ${y} 年度政府信息公开工作年度报告</h1>`],
];

/** Label cells of the official tables (neither a number nor empty). */
function labelCells(doc: Document): Element[] {
  const t = officialTables(doc);
  return [t.t2, t.t3, t.t4]
    .flatMap((table) => rowsOf(table).flatMap(cellsOf))
    .filter((c) => {
      const text = textOf(c);
      return text !== '' && !NUMBER.test(text);
    });
}
/** Replace the text of a label cell, its markup dropped. */
const relabel = (cell: Element, f: (text: string) => string) => setText(cell, f(textOf(cell)));

const HAN_DIGITS = '〇一二三四五六七八九';
const hanYear = (y: number) => [...String(y)].map((d) => HAN_DIGITS[Number(d)]).join('');

/** A row across the whole table (a caption, a unit, a note). */
const wideRow = (table: Element, text: string) => {
  const width = Math.max(
    ...rowsOf(table).map((r) => cellsOf(r).reduce((n, c) => n + Number(c.attribs.colspan ?? 1), 0)),
  );
  return el(`<tr><td colspan="${width}">${text}</td></tr>`);
};

/** Every variant, in the order the summary prints them. */
export const VARIANTS: Variant[] = [
  {
    name: 'blank-marks',
    apply(doc) {
      let k = 0;
      for (const c of valueCells(doc)) if (c.text === '') setText(c.cell, MARKS[k++ % MARKS.length]!);
    },
  },
  {
    name: 'zeros-as-marks',
    apply(doc, exp) {
      let k = 0;
      for (const c of valueCells(doc))
        if (c.table !== 't2' && c.text === '0') setText(c.cell, MARKS[k++ % MARKS.length]!);
      for (const t of ['t3', 't4']) for (const id of idsOf(exp, t, (v) => v === 0)) exp.cells[id] = null;
    },
  },
  {
    name: 'count-suffix',
    apply(doc) {
      for (const c of valueCells(doc)) if (c.text !== '' && !isFee(c)) setText(c.cell, `${c.text}件`);
    },
  },
  {
    name: 'thousands-and-fee',
    apply(doc, exp) {
      for (const c of valueCells(doc)) {
        if (c.text === '') continue;
        if (isFee(c)) {
          const v = Math.round(Number(c.text) * 100) / 100;
          setText(c.cell, thousands(v.toFixed(2)));
          exp.cells['t2.fees.amount'] = v;
        } else setText(c.cell, thousands(c.text));
      }
    },
  },
  {
    name: 'full-width-digits',
    apply(doc) {
      for (const c of valueCells(doc)) if (c.text !== '') setText(c.cell, fullWidth(c.text));
    },
  },
  {
    name: 'cell-markup',
    apply(doc) {
      const t = officialTables(doc);
      for (const table of [t.t2, t.t3, t.t4])
        for (const cell of rowsOf(table).flatMap(cellsOf)) {
          const inner = cell.children.map((n) => DomUtils.getOuterHTML(n)).join('') || '&nbsp;';
          cell.children = [];
          DomUtils.appendChild(
            cell,
            el(
              `<p class="MsoNormal" align="center" style="text-align:center;line-height:20pt"><span style="font-size:10.5pt;font-family:仿宋_GB2312">${inner}</span></p>`,
            ),
          );
        }
    },
  },
  {
    name: 'th-in-body',
    apply(doc) {
      const t = officialTables(doc);
      for (const table of [t.t2, t.t3, t.t4]) for (const cell of rowsOf(table).flatMap(cellsOf)) cell.name = 'th';
    },
  },
  {
    name: 'split-t3',
    apply(doc) {
      const { t3 } = officialTables(doc);
      splitTable(t3, rowWith(t3, '（四）无法提供'), 0);
    },
  },
  {
    name: 'split-t3-header-repeated',
    apply(doc) {
      const { t3 } = officialTables(doc);
      splitTable(t3, rowWith(t3, '（四）无法提供'), rowWith(t3, '一、本年新收'));
    },
  },
  {
    name: 'header-repeated-inside',
    apply(doc) {
      const { t3 } = officialTables(doc);
      const rows = rowsOf(t3);
      const header = rows.slice(0, rowWith(t3, '一、本年新收'));
      const at = rows[rowWith(t3, '（四）无法提供')]!;
      for (const h of header) DomUtils.prepend(at, el(DomUtils.getOuterHTML(h)));
    },
  },
  {
    name: 'serial-column',
    apply(doc) {
      const { t3 } = officialTables(doc);
      const rows = rowsOf(t3);
      const first = rowWith(t3, '一、本年新收');
      DomUtils.prependChild(rows[0]!, el(`<td rowspan="${first}">序号</td>`));
      rows.slice(first).forEach((r, k) => {
        DomUtils.prependChild(r, el(`<td>${k + 1}</td>`));
      });
    },
  },
  {
    name: 'spans-flattened',
    apply(doc) {
      const t = officialTables(doc);
      for (const table of [t.t2, t.t3, t.t4]) flattenSpans(table);
    },
  },
  {
    name: 'layout-table-around-report',
    apply(doc) {
      const root = contentRoot(doc);
      const outer = el('<table width="100%" border="0"><tbody><tr><td class="content"></td></tr></tbody></table>');
      const td = all(outer, 'td')[0]!;
      for (const n of [...root.children]) DomUtils.appendChild(td, n);
      DomUtils.appendChild(root, outer);
    },
  },
  {
    name: 't3-in-outer-cell',
    apply(doc) {
      const { t3 } = officialTables(doc);
      const outer = el(
        '<table width="100%"><tbody><tr><td>收到和处理政府信息公开申请情况</td></tr><tr><td class="inner"></td></tr></tbody></table>',
      );
      DomUtils.prepend(t3, outer);
      DomUtils.appendChild(all(outer, 'td')[1]!, t3);
    },
  },
  {
    name: 't3-2019-shape-year-2021',
    apply(doc, exp) {
      t3As2019(doc, exp);
      cleanPage(doc, `<h1>${exp.agency}2021年政府信息公开工作年度报告</h1>`);
      exp.year = 2021;
    },
  },
  {
    name: 't2-zeros-as-marks',
    apply(doc, exp) {
      let k = 0;
      for (const c of valueCells(doc))
        if (c.table === 't2' && c.text === '0' && !isFee(c)) setText(c.cell, MARKS[k++ % MARKS.length]!);
      for (const id of idsOf(exp, 't2', (v) => v === 0)) if (id !== 't2.fees.amount') exp.cells[id] = null;
    },
  },
  {
    name: 'label-numbering-1、-and-half-width-parens',
    apply(doc) {
      for (const c of labelCells(doc))
        relabel(c, (t) =>
          t
            .replace(/^(\d)\./, '$1、')
            .replace(/（/g, '(')
            .replace(/）/g, ')'),
        );
    },
  },
  {
    name: 'letter-spaced-labels',
    apply(doc) {
      for (const c of labelCells(doc)) if (textOf(c).length <= 6) relabel(c, (t) => [...t].join('　'));
    },
  },
  {
    name: 'labels-wrapped-with-br',
    apply(doc) {
      for (const c of labelCells(doc)) {
        const t = textOf(c);
        if (t.length < 8) continue;
        const half = Math.floor(t.length / 2);
        c.children = [];
        for (const n of [...nodes(`${t.slice(0, half)}<br>${t.slice(half)}`)]) DomUtils.appendChild(c, n);
      }
    },
  },
  {
    name: 'caption-unit-and-note-rows',
    apply(doc) {
      const t = officialTables(doc);
      for (const [table, caption] of [
        [t.t2, '主动公开政府信息情况'],
        [t.t3, '收到和处理政府信息公开申请情况（单位：件）'],
        [t.t4, '政府信息公开行政复议、行政诉讼情况（单位：件）'],
      ] as const) {
        const first = rowsOf(table)[0]!;
        DomUtils.prepend(first, wideRow(table, caption));
        DomUtils.append(rowsOf(table).at(-1)!, wideRow(table, '注：本表数据统计期限为1月1日至12月31日。'));
      }
    },
  },
  {
    name: 't4-review-and-litigation-apart',
    apply(doc) {
      const { t4 } = officialTables(doc);
      const rows = rowsOf(t4).map((r) => cellsOf(r).map((c) => textOf(c)));
      const values = rows.at(-1)!;
      const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
      const tr = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
      const review = `<table border="1"><tbody><tr><td colspan="5">行政复议</td></tr>${tr(heads)}${tr(values.slice(0, 5))}</tbody></table>`;
      const suit = `<table border="1"><tbody><tr><td colspan="10">行政诉讼</td></tr><tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>${tr([...heads, ...heads])}${tr(values.slice(5))}</tbody></table>`;
      for (const n of [...nodes(review + suit)].reverse()) DomUtils.append(t4, n);
      DomUtils.removeElement(t4);
    },
  },
  {
    name: 'title-only-in-head',
    apply(doc, exp) {
      cleanPage(doc, '', '', `${exp.agency}${exp.year}年度政府信息公开工作年度报告_政府信息公开年报`);
    },
  },
  {
    name: 'title-han-year',
    apply(doc, exp) {
      cleanPage(doc, `<h1>${exp.agency}${hanYear(exp.year)}年度政府信息公开工作年度报告</h1>`);
    },
  },
  {
    name: 'combined',
    apply(doc, exp) {
      for (const name of ['blank-marks', 'thousands-and-fee', 'cell-markup', 'th-in-body', 'split-t3-header-repeated'])
        VARIANTS.find((v) => v.name === name)!.apply(doc, exp);
    },
  },
  ...TITLES.map(
    ([name, title]): Variant => ({
      name: `title-${name}`,
      apply(doc, exp) {
        cleanPage(doc, title(exp.agency, exp.year));
      },
    }),
  ),
  {
    name: 'signature-only',
    apply(doc, exp) {
      cleanPage(
        doc,
        `<h1>${exp.year}年政府信息公开工作年度报告</h1>`,
        `<p style="text-align:right">${exp.agency}</p><p style="text-align:right">${exp.year + 1}年1月20日</p>`,
      );
    },
  },
];

/** The name the corpus gives the report's agency (expected.json adds notes after a space). */
export const agencyOf = (r: CorpusReport) => r.expected.agency.split(' ')[0]!;

/** A variant of a corpus web page: its HTML and what it must read back to. */
export function makeVariant(r: CorpusReport, html: string, v: Variant): { html: string; expected: VariantExpected } {
  const doc = parseDocument(html);
  const expected: VariantExpected = {
    cells: { ...r.expected.cells },
    agency: agencyOf(r),
    year: r.expected.year,
    t3: r.expected.formats.t3,
  };
  v.apply(doc, expected);
  return { html: DomUtils.getOuterHTML(doc, { encodeEntities: 'utf8' }), expected };
}
