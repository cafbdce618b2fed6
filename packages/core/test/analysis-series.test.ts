import { describe, expect, it } from 'vitest';
import {
  checkPrevious,
  checkSeries,
  emptyReport,
  groupByAgency,
  type Report,
  SERIES_RULES,
  sameAgency,
} from '../src/index.js';
import { corpusReport } from './analysis-corpus.js';

const hz23 = corpusReport('20-hongze-district-2023', { narrative: false });
const hz24 = corpusReport('21-hongze-district-2024', { narrative: false });
const pt19 = corpusReport('06-pingtan-zone-2019', { narrative: false });
const pt23 = corpusReport('10-pingtan-zone-2023', { narrative: false });

const withCells = (r: Report, cells: Record<string, number | null>, meta: Partial<Report['meta']> = {}): Report => ({
  ...r,
  meta: { ...r.meta, ...meta },
  cells: { ...r.cells, ...cells },
});

describe('series checks on the corpus', () => {
  it('洪泽 2023 → 2024: carry-over and 现行有效 roll-forward hold, so no finding', () => {
    const r = checkSeries([hz24, hz23]);
    expect(r.pairs).toEqual([{ from: 2023, to: 2024 }]);
    expect(r.findings).toEqual([]);
    expect(r.skipped).toEqual([]);
  });

  it('平潭 2019 + 2023: the missing years are named and nothing is compared across the gap', () => {
    const r = checkSeries([pt19, pt23]);
    expect(r.pairs).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['series.gap', 'info']]);
    expect(r.findings[0]!.message).toContain('2020—2022');
  });

  it('reports of two agencies are grouped before the series check', () => {
    const groups = groupByAgency([pt23, hz24, pt19, hz23]);
    expect(groups.map((g) => g.map((r) => `${r.meta.agency}${r.meta.year}`))).toEqual([
      ['平潭综合实验区2019', '平潭综合实验区2023'],
      ['淮安市洪泽区人民政府2023', '淮安市洪泽区人民政府2024'],
    ]);
  });
});

describe('series findings', () => {
  it('a carry-over that differs from last year’s 结转下年度 is reported per column, both values shown', () => {
    const cur = withCells(hz24, { 't3.carriedOver.natural': 2, 't3.carriedOver.total': 2 });
    const r = checkPrevious(hz23, cur);
    expect(r.findings.map((f) => [f.ruleId, f.key, f.expected, f.actual])).toEqual([
      ['series.carryOver', '2024:natural', 0, 2],
      ['series.carryOver', '2024:total', 0, 2],
    ]);
    expect(r.findings[0]!.message).toContain('“自然人”列');
    expect(r.findings[0]!.message).toContain('2023年“四、结转下年度继续办理”为0');
    expect(r.warnings).toBe(2);
  });

  it('现行有效件数 that does not roll forward under the 2021 表二 is a warning with the arithmetic', () => {
    const r = checkPrevious(hz23, withCells(hz24, { 't2.normativeDocs.inForce': 9 }));
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect([f.ruleId, f.severity, f.expected, f.actual]).toEqual(['series.t2InForce', 'warning', 8, 9]);
    expect(f.message).toContain('按2023年现行有效5＋3（本年制发）－0（本年废止）应为8');
  });

  it('carry-over is checked across a 表三 template change; 表二 roll-forward is skipped with the reason', () => {
    const prev = withCells(pt19, { 't3.carriedForward.natural': 3, 't3.carriedForward.total': 3 }, { year: 2022 });
    const r = checkPrevious(prev, pt23);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['series.carryOver', 'series.carryOver']);
    expect(r.findings.map((f) => f.expected)).toEqual([3, 3]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.reason).toContain('表二格式不同');
  });

  it('2019 表二: 上一年项目数量 = last year’s + last year’s 本年增/减', () => {
    const base = emptyReport({ agency: '某县市场监督管理局', year: 2019, formats: { t2: '2019', t3: '2019' } });
    const prev = withCells(base, { 't2.licensing.lastYearItems': 10, 't2.licensing.change': -2 });
    const good = withCells(base, { 't2.licensing.lastYearItems': 8 }, { year: 2020 });
    const bad = withCells(base, { 't2.licensing.lastYearItems': 12 }, { year: 2020 });
    expect(checkPrevious(prev, good).findings).toEqual([]);
    const f = checkPrevious(prev, bad).findings;
    expect(f.map((x) => [x.ruleId, x.expected, x.actual])).toEqual([['series.t2Items', 8, 12]]);
    expect(f[0]!.message).toContain('10－2（2019年本年增/减）');
  });

  it('blank carry-over cells are counted as 0 and named as not filled', () => {
    const r = checkPrevious(
      withCells(hz23, { 't3.carriedForward.total': 4 }),
      withCells(hz24, { 't3.carriedOver.total': null }),
    );
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.missing).toEqual(['t3.carriedOver.total']);
    expect(r.findings[0]!.message).toContain('未填写，按0计算');
  });

  it('another agency, or two reports of one year, are findings; a name with its city prefix is the same agency', () => {
    expect(sameAgency('洪泽区人民政府', '淮安市洪泽区人民政府')).toBe(true);
    expect(sameAgency('淮安市人民政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(checkPrevious(pt23, withCells(hz24, {}, { year: 2024 })).findings.map((f) => f.ruleId)).toContain(
      'series.agency',
    );
    const dup = checkSeries([hz23, hz23]);
    expect(dup.findings.map((f) => [f.ruleId, f.severity])).toEqual([['series.duplicateYear', 'error']]);
    expect(dup.errors).toBe(1);
  });

  it('severity can be changed or a rule turned off', () => {
    const cur = withCells(hz24, { 't3.carriedOver.total': 2 });
    expect(checkPrevious(hz23, cur, { severity: { 'series.carryOver': 'off' } }).findings).toEqual([]);
    expect(checkPrevious(hz23, cur, { severity: { 'series.carryOver': 'error' } }).errors).toBe(1);
  });

  it('every series finding rule id is in the catalogue and begins with series.', () => {
    const ids = SERIES_RULES.map((r) => r.id);
    expect(ids.every((id) => id.startsWith('series.'))).toBe(true);
    const cur = withCells(hz24, { 't3.carriedOver.total': 2, 't2.rules.inForce': 1 });
    for (const f of [...checkPrevious(hz23, cur).findings, ...checkSeries([pt19, pt23]).findings])
      expect(ids).toContain(f.ruleId);
  });
});
