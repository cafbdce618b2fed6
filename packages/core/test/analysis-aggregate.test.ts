import { describe, expect, it } from 'vitest';
import {
  aggregate,
  checkRollUp,
  contributions,
  emptyReport,
  type Report,
  reportCells,
  t3Rows,
  unitBreaks,
  validate,
} from '../src/index.js';
import { CORPUS_DIRS, corpusReport } from './analysis-corpus.js';

const units = CORPUS_DIRS.map((d) => corpusReport(d, { narrative: false }));
const reconciling = units.filter((u) => validate(u, { kinds: ['sum', 'equation'] }).errors === 0);
const hz23 = units.find((u) => u.meta.year === 2023 && u.meta.agency.includes('洪泽'))!;

/** The sum the roll-up should hold, computed straight from the units: 2021 （六）1–3 add up to the 2019 （六） row. */
function expectedSum(parts: Report[], id: string): number | null {
  const values: number[] = [];
  for (const u of parts) {
    const m = /^t3\.otherHandling\.(\w+)$/.exec(id);
    const ids =
      m && u.meta.formats.t3 === '2021'
        ? t3Rows('2021')
            .filter((r) => r.id.startsWith('otherHandling.'))
            .map((r) => `t3.${r.id}.${m[1]}`)
        : [id];
    for (const x of ids) {
      const v = u.cells[x];
      if (v !== null && v !== undefined) values.push(v);
    }
  }
  return values.length ? Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6 : null;
}

describe('roll-up of the corpus', () => {
  const rollup = aggregate(reconciling, { agency: '语料汇总', year: 2024 });

  it('uses the documented templates for mixed units: 表二 2021, 表三 2019', () => {
    expect(rollup.report.meta.formats).toEqual({ t2: '2021', t3: '2019' });
    expect(Object.keys(rollup.report.cells)).toEqual(reportCells({ t2: '2021', t3: '2019' }).map((c) => c.id));
  });

  it('every cell is the sum of its units’ cells', () => {
    for (const id of Object.keys(rollup.report.cells))
      expect([id, rollup.report.cells[id]]).toEqual([id, expectedSum(reconciling, id)]);
    const newTotal = reconciling.reduce((s, u) => s + (u.cells['t3.new.total'] ?? 0), 0);
    expect(rollup.report.cells['t3.new.total']).toBe(newTotal);
    expect(newTotal).toBeGreaterThan(4000);
  });

  it('passes every identity when its units do', () => {
    expect(reconciling.length).toBe(units.length - 1);
    const v = validate(rollup.report, { kinds: ['sum', 'equation'] });
    expect(v.findings).toEqual([]);
  });

  it('drill-down: the units that contributed to a cell, adding up to it', () => {
    const parts = contributions(rollup, 't3.new.total');
    expect(parts.map((p) => p.agency)).toContain('淮安市人民政府');
    expect(parts.reduce((s, p) => s + p.value, 0)).toBe(rollup.report.cells['t3.new.total']);
    const other = contributions(rollup, 't3.otherHandling.total').find((p) => p.agency === '淮安市人民政府')!;
    expect(other.from).toHaveLength(3);
  });

  it('lists what 2019 表二 units could not contribute, and the cells they could not fill', () => {
    // 跃进街道 2024 uses the 2019 表二: its 处理决定数量 rows mean the same in 2021 and are in the sum.
    const yuejin = reconciling.findIndex((u) => u.meta.agency === '宝山区跃进街道办事处');
    expect(contributions(rollup, 't2.licensing.decisions').map((c) => c.unit)).toContain(yuejin);
    const inForce = rollup.incomplete.find((i) => i.cellId === 't2.normativeDocs.inForce')!;
    expect(inForce.units).toContain(yuejin);
    expect(inForce.reason).toContain('没有“现行有效件数”列');
    // A stated 2019-only value is listed as dropped, with the unit and the value.
    const withValue = reconciling.map((u, i) =>
      i === yuejin ? { ...u, cells: { ...u.cells, 't2.normativeDocs.newlyMade': 4 } } : u,
    );
    const dropped = aggregate(withValue, { year: 2024 }).dropped;
    expect(dropped.map((d) => [d.unit, d.cellId, d.value])).toEqual([[yuejin, 't2.normativeDocs.newlyMade', 4]]);
    expect(dropped[0]!.reason).toContain('没有“本年新制作数量”列');
  });
});

describe('a unit that breaks an identity', () => {
  const rollup = aggregate(units, { year: 2024 });

  it('the roll-up breaks it too, and the drill-down names the unit', () => {
    const failing = validate(rollup.report, { kinds: ['sum', 'equation'] }).findings;
    expect(failing.map((f) => `${f.ruleId}:${f.key}`).sort()).toEqual([
      't4.groupTotal:litigationAfterReview',
      't4.groupTotal:review',
    ]);
    const breaks = unitBreaks(rollup);
    expect(breaks.map((b) => `${b.agency}${b.year}`)).toEqual([`${hz23.meta.agency}2023`]);
    expect(breaks[0]!.findings.map((f) => f.fingerprint).sort()).toEqual(failing.map((f) => f.fingerprint).sort());
  });
});

describe('blank cells and a submitted roll-up', () => {
  const a = emptyReport({ agency: '甲镇人民政府', year: 2024 });
  const b = emptyReport({ agency: '乙镇人民政府', year: 2024 });
  b.cells['t3.new.natural'] = 5;

  it('a cell stays blank only where every unit leaves it blank', () => {
    const r = aggregate([a, b]);
    expect(r.report.cells['t3.new.natural']).toBe(5);
    expect(r.report.cells['t3.new.commercial']).toBeNull();
    expect(r.report.meta.agency).toBe('2个单位汇总');
  });

  it('checkRollUp reports each cell that is not the units’ sum, naming the units', () => {
    const good = aggregate(reconciling, { year: 2024 }).report;
    expect(checkRollUp(good, reconciling).findings).toEqual([]);
    const bad: Report = { ...good, cells: { ...good.cells, 't3.new.total': (good.cells['t3.new.total'] ?? 0) + 10 } };
    const r = checkRollUp(bad, reconciling);
    expect(r.findings.map((f) => [f.ruleId, f.key, f.difference])).toEqual([['rollup.sum', 't3.new.total', 10]]);
    expect(r.findings[0]!.message).toContain('（其中淮安市人民政府 3119');
    expect(r.errors).toBe(1);
  });
});
