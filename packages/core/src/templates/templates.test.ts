import { readSpec } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import {
  allCellIds,
  type GridCell,
  placeGrid,
  RULES,
  type RuleDef,
  reportCells,
  ruleInstances,
  SECTIONS,
  sectionHeading,
  sectionTitle,
  T4_GROUPS,
  T4_OUTCOMES,
  type TableLayout,
  t4GroupName,
  tableLayout,
} from '../index.js';
import { expandRules } from '../rules/instances.js';

const FORMATS = [
  { t2: '2019', t3: '2019' },
  { t2: '2019', t3: '2021' },
  { t2: '2021', t3: '2019' },
  { t2: '2021', t3: '2021' },
] as const;

/** The cell ids docs/spec/cell-ids.md defines, per table and template, read from its tables and lists. */
function specCellIds(): Record<string, Set<string>> {
  const md = readSpec('cell-ids.md');
  const part = (from: string, to?: string) => md.slice(md.indexOf(from), to ? md.indexOf(to) : undefined);
  const ticks = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const rows = (text: string) => text.split('\n').filter((l) => /^\| `/.test(l));
  const out: Record<string, Set<string>> = {};
  const add = (key: string, id: string) => {
    out[key] ??= new Set();
    out[key].add(id);
  };
  // 表三: every row of its templates × every column.
  const t3 = part('## Table 3', '## Table 4');
  const t3Columns = rows(t3.slice(0, t3.indexOf('Rows, in table order'))).map((l) => ticks(l)[0]!);
  for (const line of rows(t3.slice(t3.indexOf('Rows, in table order')))) {
    const row = ticks(line)[0]!;
    const templates = line.trim().split('|').at(-2)!.trim();
    for (const v of ['2019', '2021'])
      if (templates === 'both' || templates === `${v} only`)
        for (const c of t3Columns) add(`t3 ${v}`, `t3.${row}.${c}`);
  }
  // 表四: every group × every column, the same in both templates.
  const t4 = part('## Table 4', '## Table 2');
  const groups = ticks(t4.slice(t4.indexOf('Groups:'), t4.indexOf('Columns of each group'))).filter(
    (x) => !x.includes('.'),
  );
  const t4Columns = ticks(t4.slice(t4.indexOf('Columns of each group'), t4.indexOf('Example'))).filter(
    (x) => !x.includes('.'),
  );
  for (const v of ['2019', '2021']) for (const g of groups) for (const c of t4Columns) add(`t4 ${v}`, `t4.${g}.${c}`);
  // 表二: `t2.row.col` / `.col2` …; `t2.row.*` (same three) repeats the row above's columns.
  const t2 = part('## Table 2');
  for (const v of ['2021', '2019']) {
    const from = t2.indexOf(`${v} template:`);
    const other = t2.indexOf(`${v === '2021' ? '2019' : '2021'} template:`);
    const block = t2.slice(from, other > from ? other : undefined);
    let columns: string[] = [];
    for (const line of rows(block)) {
      const [first, ...more] = ticks(line.split('|')[1]!);
      const [, row, col] = /^t2\.([A-Za-z]+)\.(.+)$/.exec(first!)!;
      if (col !== '*') columns = [col!, ...more.map((m) => m.slice(1))];
      for (const c of columns) add(`t2 ${v}`, `t2.${row}.${c}`);
    }
  }
  return out;
}

describe('official table layouts', () => {
  const layouts: TableLayout[] = (['t2', 't3', 't4'] as const).flatMap((t) =>
    (['2019', '2021'] as const).map((v) => tableLayout(t, v)),
  );

  it.each(layouts.map((l) => [`${l.table} ${l.version}`, l]))(
    '%s: header and body cover the grid exactly once',
    (_n, l) => {
      for (const part of ['header', 'body'] as const) expect(placeGrid(l, part).faults).toEqual([]);
    },
  );

  it('placeGrid finds what is wrong with a layout: a position covered twice, never covered, or outside', () => {
    const label = (colSpan: number, rowSpan: number): GridCell => ({
      type: 'label',
      text: 'x',
      colSpan,
      rowSpan,
      header: false,
    });
    const base = { ...tableLayout('t4', '2021'), headerRows: [], columns: 2 };
    const faults = (bodyRows: GridCell[][]) =>
      placeGrid({ ...base, bodyRows }, 'body').faults.map((f) => `${f.kind}@${f.row}:${f.col}`);
    expect(faults([[label(1, 2), label(1, 1)], [label(1, 1)]])).toEqual([]);
    expect(
      faults([
        [label(1, 2), label(1, 1)],
        [label(1, 1), label(1, 1)],
      ]),
    ).toEqual(['outside@1:2']);
    expect(faults([[label(1, 1)], [label(2, 1)]])).toEqual(['hole@0:1']);
    expect(faults([[label(1, 3), label(1, 1)], [label(1, 1)]])).toEqual(['outside@2:0']);
  });

  it('placeGrid puts each cell where the template draws it (表三 2021: values right of the vertical label)', () => {
    const l = tableLayout('t3', '2021');
    const g = placeGrid(l, 'body');
    const where = (id: string) => {
      const p = g.rows.flat().find((x) => x.cell.type === 'value' && x.cell.cellId === id)!;
      return [p.row, p.col];
    };
    expect(where('t3.new.natural')).toEqual([0, 3]);
    expect(where('t3.new.total')).toEqual([0, l.columns - 1]);
    const vertical = g.at(where('t3.granted.natural')[0]!, 0)!.cell;
    expect(vertical.type === 'label' && vertical.text).toBe('三、本年度办理结果');
    expect(placeGrid(l).rows).toHaveLength(l.headerRows.length + l.bodyRows.length);
  });

  it('has the row and cell counts of the spec: 表三 25×7 (2021) and 23×7 (2019), 表四 15, 表二 6 and 8 rows', () => {
    expect(tableLayout('t3', '2021').cells).toHaveLength(25 * 7);
    expect(tableLayout('t3', '2019').cells).toHaveLength(23 * 7);
    expect(tableLayout('t4', '2021').cells).toHaveLength(15);
    expect(new Set(tableLayout('t2', '2021').cells.map((c) => c.row)).size).toBe(6);
    expect(new Set(tableLayout('t2', '2019').cells.map((c) => c.row)).size).toBe(8);
  });

  it('uses the exact official labels with full-width punctuation', () => {
    const t3 = tableLayout('t3', '2021');
    const labels = [...t3.headerRows, ...t3.bodyRows].flat().flatMap((c) => (c.type === 'label' ? [c.text] : []));
    expect(labels).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(labels).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(labels).toContain('3.危及“三安全一稳定”');
    expect(labels).toContain('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    const t2 = [...tableLayout('t2', '2021').bodyRows].flat().flatMap((c) => (c.type === 'label' ? [c.text] : []));
    expect(t2).toContain('本年收费金额（单位：万元）');
    expect(labels.every((l) => !/[()]/.test(l))).toBe(true);
  });

  it('gives every cell a unique id', () => {
    const ids = allCellIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FORMATS) {
      const cells = reportCells(f).map((c) => c.id);
      expect(new Set(cells).size).toBe(cells.length);
    }
  });

  it.each(layouts.map((l) => [`${l.table} ${l.version}`, l]))(
    '%s: the cell ids are exactly those of cell-ids.md, both ways',
    (key, l) => {
      const spec = specCellIds()[key]!;
      const ours = new Set(l.cells.map((c) => c.id));
      expect(
        [...spec].filter((id) => !ours.has(id)),
        'in cell-ids.md, not in the layout',
      ).toEqual([]);
      expect(
        [...ours].filter((id) => !spec.has(id)),
        'in the layout, not in cell-ids.md',
      ).toEqual([]);
    },
  );

  it('reads every id of cell-ids.md: 226 in all, 表三 175 (2021) and 161 (2019), 表四 15, 表二 10 and 22', () => {
    const spec = specCellIds();
    const count = (k: string) => spec[k]!.size;
    expect([count('t3 2021'), count('t3 2019'), count('t4 2021'), count('t2 2021'), count('t2 2019')]).toEqual([
      175, 161, 15, 10, 22,
    ]);
    expect(new Set(Object.values(spec).flatMap((s) => [...s])).size).toBe(allCellIds().length);
  });
});

describe('field names for every part (sections, 表四 groups)', () => {
  it('gives each section its heading, and its title without the number', () => {
    expect(sectionHeading('requests')).toBe('三、收到和处理政府信息公开申请情况');
    expect(sectionTitle('requests')).toBe('收到和处理政府信息公开申请情况');
    expect(SECTIONS.map((s) => `${s.number}、${sectionTitle(s.key)}`)).toEqual(SECTIONS.map((s) => s.heading));
  });

  it('names 表四 groups by their path, and lists the outcome columns', () => {
    expect(T4_GROUPS.map((g) => t4GroupName(g.id))).toEqual([
      '行政复议',
      '行政诉讼—未经复议直接起诉',
      '行政诉讼—复议后起诉',
    ]);
    expect(T4_OUTCOMES.map((c) => c.label)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结']);
  });
});

describe('rule catalogue', () => {
  it('has unique ids, a Chinese title, a formula and a basis for every rule', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.formula.length).toBeGreaterThan(4);
      expect(r.basis.length).toBeGreaterThan(4);
    }
  });

  it.each(FORMATS.map((f) => [`表二${f.t2} 表三${f.t3}`, f]))(
    '%s: every cell a rule names exists in the template',
    (_n, f) => {
      const cells = new Set(reportCells(f).map((c) => c.id));
      const instances = ruleInstances(f);
      expect(instances.length).toBeGreaterThan(0);
      for (const i of instances)
        for (const id of [...i.left, ...i.right]) expect(cells.has(id), `${i.rule.id} names ${id}`).toBe(true);
    },
  );

  it.each([
    ['t3.balance', { left: ['t3.nwe.$', 't3.carriedOver.$'] }, 't3.nwe.natural'],
    ['t4.groupTotal', { target: 't4.$.totl' }, 't4.review.totl'],
    ['t2.feesUnit', { cells: ['t2.fee.amount'] }, 't2.fee.amount'],
  ])('a typo in a rule’s cell id (%s) fails, naming the rule and the cell', (id, change, cell) => {
    const typo = RULES.map((r) => (r.id === id ? ({ ...r, ...change } as RuleDef) : r));
    expect(() => expandRules(typo, { t2: '2021', t3: '2021' })).toThrow(`rule ${id} names cell ${cell}`);
    expect(expandRules(RULES, { t2: '2021', t3: '2021' })).toEqual(ruleInstances({ t2: '2021', t3: '2021' }));
  });

  it('checks R1 for all 7 columns, R4 for every row, R5 for the 3 groups', () => {
    const inst = ruleInstances({ t2: '2021', t3: '2021' });
    expect(inst.filter((i) => i.rule.id === 't3.balance')).toHaveLength(7);
    expect(inst.filter((i) => i.rule.id === 't3.rowTotal')).toHaveLength(25);
    expect(inst.filter((i) => i.rule.id === 't4.groupTotal')).toHaveLength(3);
    const r3 = inst.find((i) => i.rule.id === 't3.resultTotal')!;
    expect(r3.right).toHaveLength(22 - 1 + 0); // 22 result rows under 三 minus （七）总计 itself
    expect(ruleInstances({ t2: '2019', t3: '2019' }).find((i) => i.rule.id === 't3.resultTotal')!.right).toContain(
      't3.otherHandling.natural',
    );
  });
});
