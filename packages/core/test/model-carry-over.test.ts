import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedReportUrl } from '../fixtures/index.js';
import { nextYearReport } from '../src/model/carry-over.js';
import { dateInWords, LEGAL_DEADLINE_RULES, legalDeadline, legalDeadlineText } from '../src/model/deadline.js';
import { reportFrom } from '../src/model/parse.js';

const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));

describe('nextYearReport', () => {
  it('carries last year’s 结转下年度继续办理 into 上年结转, column by column', () => {
    const prev = { ...seed, cells: { ...seed.cells, 't3.carriedForward.natural': 3, 't3.carriedForward.total': 3 } };
    const next = nextYearReport(prev);
    expect(next.meta.year).toBe(2025);
    expect(next.meta.agency).toBe(seed.meta.agency);
    expect(next.cells['t3.carriedOver.natural']).toBe(3);
    expect(next.cells['t3.carriedOver.total']).toBe(3);
    expect(next.cells['t3.new.natural']).toBeNull();
    expect(next.sections).toHaveLength(6);
    const stated = Object.entries(next.cells)
      .filter(([, v]) => v !== null)
      .map(([k]) => k);
    expect(stated.every((id) => id.startsWith('t3.carriedOver.'))).toBe(true);
  });
  it('leaves 上年结转 blank where last year did not state it', () => {
    const prev = { ...seed, cells: { ...seed.cells, 't3.carriedForward.research': null } };
    expect(nextYearReport(prev).cells['t3.carriedOver.research']).toBeNull();
  });
});

describe('legalDeadline', () => {
  it.each([
    ['department', 2024, '2025-01-31'],
    ['government', 2024, '2025-03-31'],
    ['township', 2024, null],
  ] as const)('%s %i → %s', (level, year, expected) => {
    expect(legalDeadline(level, year)).toBe(expected);
  });
});

describe('legalDeadlineText', () => {
  it.each([
    ['department', 2024, '2025年1月31日前（条例第四十九条第一款）'],
    ['government', 2019, '2020年3月31日前（条例第四十九条第二款）'],
    ['township', 2024, '条例未规定全国统一期限，以本地规定为准'],
  ] as const)('%s %i → %s', (level, year, expected) => {
    expect(legalDeadlineText(level, year)).toBe(expected);
  });

  it('each rule’s date is the one its paragraph of 第四十九条 names', () => {
    for (const rule of Object.values(LEGAL_DEADLINE_RULES))
      expect(rule.text).toContain(dateInWords(`2000-${rule.monthDay}`).slice('2000年'.length));
  });
});
