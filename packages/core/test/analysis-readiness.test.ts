import { describe, expect, it } from 'vitest';
import {
  cellDef,
  INDICATORS,
  indicators,
  indicatorText,
  publicationDeadline,
  type Report,
  readiness,
  sectionSimilarity,
} from '../src/index.js';
import { corpusReport, withSection } from './analysis-corpus.js';

const text = (r: Report, key: string) =>
  r.sections
    .find((s) => s.key === key)!
    .blocks.map((b) => b.text)
    .join('');
const item = (r: ReturnType<typeof readiness>, id: string) => r.items.find((i) => i.id === id)!;

describe('publication readiness', () => {
  it('a complete city report passes every applicable item', () => {
    const r = readiness({
      ...corpusReport('02-huaian-city-2024'),
      meta: { ...corpusReport('02-huaian-city-2024').meta, publishedAt: '2025-03-28' },
    });
    expect(r.items.filter((i) => i.status === 'fail')).toEqual([]);
    expect(r.score).toBe(100);
    expect(item(r, 'ready.deadline').detail).toContain('2025年3月31日');
    expect(r.findings).toEqual([]);
  });

  it('the checklist names what is missing, and the score counts only applicable items', () => {
    const base = corpusReport('13-shuyang-fgj-2023');
    const r = readiness({ ...base, sections: base.sections.filter((s) => s.key !== 'other') });
    expect(item(r, 'ready.sections').status).toBe('fail');
    expect(r.findings.map((f) => f.ruleId)).toContain('ready.sections');
    expect(r.findings.find((f) => f.ruleId === 'ready.sections')!.message).toBe('缺少“六、其他需要报告的事项”部分');
    expect(
      readiness({ ...base, sections: [] })
        .findings.filter((f) => f.ruleId === 'ready.sections')
        .map((f) => f.message),
    ).toEqual(['报告没有正文：六个部分均缺']);
    // 表三 of this department leaves the organisation columns blank.
    expect(item(r, 'ready.blankCells').status).toBe('fail');
    expect(r.score).toBe(Math.round((r.passed / r.applicable) * 100));
    expect(r.score).toBeLessThan(100);
  });

  it('an empty section 一、五、六 fails; “无” is content', () => {
    const base = corpusReport('10-pingtan-zone-2023');
    expect(item(readiness(withSection(base, 'other', '无。')), 'ready.sectionText').status).toBe('pass');
    const r = readiness(withSection(base, 'problems', '  '));
    expect(item(r, 'ready.sectionText').status).toBe('fail');
    expect(r.findings.map((f) => f.message)).toContain(
      '“五、存在的主要问题及改进情况”没有内容；没有需要报告的事项也应写明“无”',
    );
  });

  it('section 六 must speak to 信息处理费 under the 2021 表三 only', () => {
    const pt23 = corpusReport('10-pingtan-zone-2023');
    expect(text(pt23, 'other')).toContain('信息处理费');
    expect(item(readiness(pt23), 'ready.feeStatement').status).toBe('pass');
    expect(item(readiness(withSection(pt23, 'other', '无。')), 'ready.feeStatement').status).toBe('fail');
    expect(item(readiness(corpusReport('06-pingtan-zone-2019')), 'ready.feeStatement').status).toBe('na');
  });

  it.each([
    ['department', '2024-01-17', 'pass'],
    ['department', '2024-02-01', 'fail'],
    ['government', '2024-03-31', 'pass'],
    ['government', '2024-04-01', 'fail'],
    ['township', '2024-04-01', 'na'],
  ] as const)('deadline: a %s report of 2023 published %s → %s', (level, publishedAt, status) => {
    const base = corpusReport('13-shuyang-fgj-2023');
    const r = readiness({ ...base, meta: { ...base.meta, level, publishedAt } });
    expect(item(r, 'ready.deadline').status).toBe(status);
    if (status === 'fail')
      expect(r.findings.find((f) => f.ruleId === 'ready.deadline')!.message).toContain('第四十九条');
  });

  it('township deadlines are configurable, and an unpublished report past its deadline fails', () => {
    expect(publicationDeadline({ year: 2023, level: 'township' })).toBeUndefined();
    expect(publicationDeadline({ year: 2023, level: 'township' }, { township: '02-20' })).toBe('2024-02-20');
    const base = corpusReport('00-baoshan-yuejin-2024');
    const r = readiness(base, { deadlines: { township: '02-20' }, asOf: '2025-03-01' });
    expect(item(r, 'ready.deadline').status).toBe('fail');
    expect(r.findings.find((f) => f.ruleId === 'ready.deadline')!.message).toBe(
      '已过规定期限2025年2月20日，报告尚未发布',
    );
    expect(
      item(readiness(base, { deadlines: { township: '02-20' }, asOf: '2025-02-01' }), 'ready.deadline').status,
    ).toBe('na');
  });
});

describe('similarity to the previous year', () => {
  const hz23 = corpusReport('20-hongze-district-2023');
  const hz24 = corpusReport('21-hongze-district-2024');

  it('洪泽 2024 repeats part of its 2023 section 五 (improvement measures): the passages are shown, below the copy threshold', () => {
    const five = sectionSimilarity(hz24, hz23).find((s) => s.key === 'problems')!;
    expect(five.similarity).toBeGreaterThan(0.3);
    expect(five.similarity).toBeLessThan(0.6);
    expect(five.copied.some((p) => p.includes('一是扎实推进依申请公开工作'))).toBe(true);
    for (const p of five.copied) expect(text(hz24, 'problems')).toContain(p);
    const r = readiness(hz24, { previous: hz23 });
    expect(item(r, 'ready.problemsCopied').status).toBe('pass');
    expect(r.similarity).toHaveLength(6);
  });

  it('a section 五 copied from last year with only the years changed fails, quoting the passage', () => {
    const copied = withSection(hz24, 'problems', text(hz23, 'problems').replaceAll('2023', '2024'));
    const r = readiness(copied, { previous: hz23 });
    expect(item(r, 'ready.problemsCopied').status).toBe('fail');
    const f = r.findings.find((x) => x.ruleId === 'ready.problemsCopied')!;
    expect(f.message).toContain('100%与2023年报告相同');
    expect(f.message).toContain('如“');
  });

  it('different reports share almost nothing', () => {
    const five = sectionSimilarity(corpusReport('10-pingtan-zone-2023'), hz23).find((s) => s.key === 'problems')!;
    expect(five.similarity).toBeLessThan(0.1);
    expect(five.copied).toEqual([]);
  });
});

describe('indicators', () => {
  it('are computed from the cells by their written formula (平潭 2023)', () => {
    const r = corpusReport('10-pingtan-zone-2023');
    const c = r.cells as Record<string, number>;
    const v = Object.fromEntries(indicators(r).map((i) => [i.id, i]));
    expect(v.grantRate!.value).toBeCloseTo((c['t3.granted.total']! + c['t3.partial.total']!) / c['t3.total.total']!);
    expect(v.grantRate!.display).toBe(
      `${(((c['t3.granted.total']! + c['t3.partial.total']!) / c['t3.total.total']!) * 100).toFixed(1)}%`,
    );
    expect(v.notHeldRate!.value).toBeCloseTo(c['t3.unavailable.notHeld.total']! / c['t3.total.total']!);
    expect(v.reviewCorrectionRate!.value).toBeCloseTo(
      c['t4.review.corrected']! / (c['t4.review.total']! - c['t4.review.pending']!),
    );
    expect(v.carryForwardRate!.value).toBeCloseTo(
      c['t3.carriedForward.total']! / (c['t3.new.total']! + c['t3.carriedOver.total']!),
    );
    expect(indicatorText(v.grantRate!)).toContain('（一）予以公开');
  });

  it('a zero denominator gives no value rather than a division by zero', () => {
    const seedLike = corpusReport('00-baoshan-yuejin-2024');
    for (const i of indicators(seedLike)) {
      expect(i.value).toBeNull();
      expect(i.display).toBe('—');
    }
    expect(indicatorText(indicators(seedLike)[0]!)).toContain('分母为0');
  });

  it('every indicator names cells of both templates and a formula in official words', () => {
    for (const def of INDICATORS) expect(def.formula).toMatch(/“/);
    for (const r of [corpusReport('06-pingtan-zone-2019'), corpusReport('10-pingtan-zone-2023')]) {
      for (const i of indicators(r))
        for (const id of [...i.numeratorCells, ...i.denominatorCells]) expect(cellDef(id)).toBeDefined();
    }
  });
});
