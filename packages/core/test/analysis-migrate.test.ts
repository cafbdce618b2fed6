import { describe, expect, it } from 'vitest';
import { migrateReport, tableLayout, templateMapping, validate } from '../src/index.js';
import { corpusReport } from './analysis-corpus.js';

const pt19 = corpusReport('06-pingtan-zone-2019', { narrative: false });
const pt23 = corpusReport('10-pingtan-zone-2023', { narrative: false });
const SPLIT = [
  't3.otherHandling.noCorrection.total',
  't3.otherHandling.unpaidFee.total',
  't3.otherHandling.other.total',
];

describe('template migration', () => {
  it('2021 → 2019 表三: （六）1–3 add up to the single （六） row and the tables still reconcile', () => {
    const m = migrateReport(pt23, { t3: '2019' });
    expect(m.report.meta.formats).toEqual({ t2: '2021', t3: '2019' });
    expect(m.report.cells['t3.otherHandling.total']).toBe(SPLIT.reduce((s, id) => s + (pt23.cells[id] ?? 0), 0));
    expect(m.report.cells['t3.new.total']).toBe(pt23.cells['t3.new.total']);
    expect(validate(m.report, { kinds: ['sum', 'equation'] }).findings).toEqual([]);
    expect(m.unknown).toEqual([]);
    expect(m.merged.find((c) => c.to === 't3.otherHandling.total')!.from).toEqual(SPLIT);
  });

  it('2019 → 2021 表三: the single （六） row cannot be split; the three rows stay blank and are listed', () => {
    const m = migrateReport(pt19, { t3: '2021' });
    for (const id of SPLIT) expect(m.report.cells[id]).toBeNull();
    expect(m.unknown.map((u) => u.cellId)).toEqual(expect.arrayContaining(SPLIT));
    expect(m.unknown.find((u) => u.cellId === 't3.otherHandling.other.total')!.reason).toContain('无法得知如何拆分');
    expect(m.dropped.map((d) => d.cellId)).toContain('t3.otherHandling.total');
    expect(m.report.cells['t3.granted.total']).toBe(pt19.cells['t3.granted.total']);
  });

  it('表二 2019 → 2021: only 处理决定数量 carries over; every other value is listed with its reason', () => {
    const m = migrateReport(pt19, { t2: '2021' });
    expect(m.report.cells['t2.licensing.decisions']).toBe(pt19.cells['t2.licensing.decisions']);
    expect(m.report.cells['t2.normativeDocs.inForce']).toBeNull();
    const dropped = Object.fromEntries(m.dropped.map((d) => [d.cellId, d]));
    expect(dropped['t2.normativeDocs.totalPublished']!.value).toBe(pt19.cells['t2.normativeDocs.totalPublished']);
    expect(dropped['t2.procurement.projects']!.reason).toContain('没有“政府集中采购”行');
    expect(dropped['t2.otherServices.decisions']!.reason).toContain('没有“其他对外管理服务事项”行');
  });

  it('every cell of every target template is either mapped from cells of the source template or listed as unknown', () => {
    for (const table of ['t2', 't3'] as const) {
      for (const from of ['2019', '2021'] as const) {
        for (const to of ['2019', '2021'] as const) {
          const m = templateMapping(table, from, to);
          const source = new Set(tableLayout(table, from).cells.map((c) => c.id));
          const target = tableLayout(table, to).cells.map((c) => c.id);
          expect([...m.cells.map((c) => c.to), ...m.unknown.map((u) => u.cellId)].sort()).toEqual([...target].sort());
          for (const c of m.cells) for (const id of c.from) expect(source.has(id)).toBe(true);
          if (from === to) expect(m.unknown.length + m.dropped.length).toBe(0);
        }
      }
    }
  });
});
