import { describe, expect, it } from 'vitest';
import { seed, withCells } from '../../test/helpers.js';
import { computeTotals, derivedCells, validate } from '../index.js';

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
