import { readSpec } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import {
  allCellIds,
  type GridCell,
  placeGrid,
  RULES,
  reportCells,
  ruleInstances,
  type TableLayout,
  tableLayout,
} from '../index.js';

const FORMATS = [
  { t2: '2019', t3: '2019' },
  { t2: '2019', t3: '2021' },
  { t2: '2021', t3: '2019' },
  { t2: '2021', t3: '2021' },
] as const;

const specIds = [...readSpec('cell-ids.md').matchAll(/`(t[234]\.[A-Za-z.]+)`/g)].map((m) => m[1]!);

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

  it('gives every cell a unique id, and the ids are exactly those of cell-ids.md', () => {
    const ids = allCellIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FORMATS) {
      const cells = reportCells(f).map((c) => c.id);
      expect(new Set(cells).size).toBe(cells.length);
    }
    // cell-ids.md lists row ids with their columns; every id it names in full exists here.
    for (const id of specIds.filter((s) => s.split('.').length >= 3 && !s.endsWith('.'))) expect(ids).toContain(id);
    for (const id of ids) {
      const [t, ...rest] = id.split('.');
      expect(['t2', 't3', 't4']).toContain(t);
      expect(rest.length).toBeGreaterThanOrEqual(2);
    }
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
