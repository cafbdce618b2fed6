import { describe, expect, it } from 'vitest';
import { categorySum, computeTotals, derivedCells, migrateReport, T3_CATEGORIES, validate } from '../src/index.js';
import { report2021, seed, withCells } from './helpers.js';

describe('computeTotals', () => {
  it('fills the 总计 column, the （七）总计 row and 表四 totals from their parts', () => {
    const r = computeTotals(
      withCells(seed(), { 't3.granted.natural': 3, 't3.partial.commercial': 2, 't4.review.upheld': 4 }),
    );
    expect(r.cells['t3.granted.total']).toBe(3);
    expect(r.cells['t3.total.natural']).toBe(3);
    expect(r.cells['t3.total.total']).toBe(5);
    expect(r.cells['t4.review.total']).toBe(4);
  });

  it('leaves a total blank only where all its parts are blank, and never touches inputs', () => {
    const blankRow = Object.fromEntries(
      ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg', 'total'].map((c) => [
        `t3.granted.${c}`,
        null,
      ]),
    );
    const r = computeTotals(withCells(seed(), blankRow));
    expect(r.cells['t3.granted.total']).toBeNull();
    expect(r.cells['t3.unavailable.notHeld.otherOrg']).toBeNull();
    expect(r.cells['t3.new.natural']).toBe(0);
  });

  it('derives exactly the targets of the sum rules', () => {
    const ids = derivedCells({ t2: '2021', t3: '2021' });
    expect(ids).toContain('t3.total.natural');
    expect(ids).toContain('t3.new.total');
    expect(ids).toContain('t4.litigationAfterReview.total');
    expect(ids).not.toContain('t3.carriedForward.natural');
    expect(new Set(ids).size).toBe(ids.length - 1); // t3.total.total is both a column and a row total
  });

  it('turns a report with wrong totals into one whose identities hold, apart from 一＋二＝三＋四', () => {
    const r = computeTotals(withCells(seed(), { 't3.total.total': 99, 't4.review.total': 7 }));
    expect(validate(r).errors).toBe(0);
  });
});

const DENIED = [
  'stateSecret',
  'lawProhibited',
  'securityStability',
  'thirdParty',
  'internalAffairs',
  'processInfo',
  'enforcementFile',
  'queryMatter',
];
const deniedCells = (column: string, values: (number | null)[]) =>
  Object.fromEntries(DENIED.map((row, i) => [`t3.denied.${row}.${column}`, values[i] ?? null]));

describe('categorySum: a 表三 result category over its rows', () => {
  it('sums the numbered rows of （三）不予公开 in one column; a one-row category is its row', () => {
    const r = withCells(seed(), {
      ...deniedCells('total', [2, 0, 0, 3, 0, 0, 0, 1]),
      ...deniedCells('natural', [1, null, 0, 0, 0, 0, 0, 4]),
      't3.granted.total': 7,
    });
    expect(categorySum(r, 'denied')).toBe(6);
    expect(categorySum(r, 'denied', 'natural')).toBe(5);
    expect(categorySum(r, 'granted')).toBe(7);
  });

  it('（六）其他处理 is three rows in 2021 and one in 2019', () => {
    const r = withCells(report2021(), {
      't3.otherHandling.noCorrection.total': 1,
      't3.otherHandling.unpaidFee.total': 0,
      't3.otherHandling.other.total': 5,
    });
    expect(categorySum(r, 'otherHandling')).toBe(6);
    const r2019 = migrateReport(r, { t3: '2019' }).report;
    expect(r2019.cells['t3.otherHandling.total']).toBe(6);
    expect(categorySum(r2019, 'otherHandling')).toBe(6);
  });

  it('is blank only where every row of the category is blank (a blank is never 0)', () => {
    const blank = deniedCells('total', []);
    expect(categorySum(withCells(seed(), blank), 'denied')).toBeNull();
    expect(categorySum(withCells(seed(), { ...blank, 't3.denied.processInfo.total': 0 }), 'denied')).toBe(0);
  });

  it('names the six categories as the template numbers them', () => {
    expect(T3_CATEGORIES.map((c) => c.label)).toEqual([
      '（一）予以公开',
      '（二）部分公开',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
    ]);
  });
});
