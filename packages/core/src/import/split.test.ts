// Settling rows together: the search tries readings a check cannot tell apart once, with the same outcome and the
// same work limit as trying each of them.
import { describe, expect, it } from 'vitest';
import type { RuleInstance } from '../rules/instances.js';
import { type CellCheck, constraintCheck, identityCheck, type OpenRow, settleRows } from './split.js';

const sum = (left: string[], right: string[]) =>
  identityCheck({ left, right } as Pick<RuleInstance, 'left' | 'right'> as RuleInstance);

/** Every combination of the rows' readings, each check tried on the whole: what settleRows must find. */
function everyCombination(rows: readonly OpenRow[], checks: readonly CellCheck[]) {
  const kept = rows.map(() => new Set<number>());
  let solutions = 0;
  const pick: number[] = [];
  const walk = (r: number): void => {
    if (r === rows.length) {
      const cells = new Map<string, number | null>();
      rows.forEach((row, i) => {
        row.ids.forEach((id, j) => {
          cells.set(id, row.readings[pick[i]!]![j]!);
        });
      });
      if (!checks.every((c) => c.holds((id) => cells.get(id)))) return;
      solutions++;
      pick.forEach((k, i) => {
        kept[i]!.add(k);
      });
      return;
    }
    rows[r]!.readings.forEach((_, k) => {
      pick.push(k);
      walk(r + 1);
      pick.pop();
    });
  };
  walk(0);
  return { solutions, kept: kept.map((s) => [...s].sort((a, b) => a - b)) };
}

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe('settleRows', () => {
  it('finds the combinations every reading would, where readings differ by a blank for 0 or in cells no check reads', () => {
    const values = [null, 0, 1, 2];
    let solved = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      const width = 3;
      const rows: OpenRow[] = Array.from({ length: 2 + rnd(3) }, (_, r) => ({
        ids: Array.from({ length: width }, (_, j) => `t2.r${r}.c${j}`),
        readings: Array.from({ length: 1 + rnd(6) }, () => Array.from({ length: width }, () => values[rnd(4)]!)),
      }));
      // Row 1 also printed with a blank for each 0 (and a 0 for each blank) in cell 0, which its constraint reads.
      const twin = rows[1]!.readings.map((v) => [v[0] === null ? 0 : v[0] === 0 ? null : v[0]!, v[1]!, v[2]!]);
      rows[1] = { ...rows[1]!, readings: [...rows[1]!.readings, ...twin] };
      // Column sums over the rows (column 2 left out: no check reads it), and one row's constraint on its cells.
      const checks: CellCheck[] = [0, 1].map((j) =>
        sum(
          [`t2.r0.c${j}`],
          rows.slice(1).map((_, r) => `t2.r${r + 1}.c${j}`),
        ),
      );
      checks.push(
        constraintCheck({ kind: rnd(2) ? 'zeroWith' : 'atMost', column: 'c0', other: 'c1', basis: '' }, 'r1'),
      );
      const want = everyCombination(rows, checks);
      const got = settleRows(rows, {}, checks, 1e9);
      expect({ seed, solutions: got.solutions }).toEqual({ seed, solutions: want.solutions });
      solved += want.solutions > 0 ? 1 : 0;
      if (want.solutions) expect({ seed, kept: got.kept }).toEqual({ seed, kept: want.kept });
    }
    // Most cases have combinations that hold, so the readings kept are compared.
    expect(solved).toBeGreaterThan(100);
  });

  it('counts the work of every combination it stands for: too many to try is still too many', () => {
    // Three rows of ten readings no check tells apart: 1 + 10 + 100 + 1000 tries one by one.
    const rows: OpenRow[] = [0, 1, 2].map((r) => ({
      ids: [`t3.r${r}.a`, `t3.r${r}.b`],
      readings: Array.from({ length: 10 }, (_, k) => [k % 2 ? 0 : null, k]),
    }));
    const checks = [sum(['t3.r0.a'], ['t3.r1.a', 't3.r2.a'])];
    const within = settleRows(rows, {}, checks, 1111);
    expect(within.exhausted).toBe(false);
    expect(within.solutions).toBe(1000);
    // Column a: a blank or 0 in every reading, as the sum sees it; column b differs: not settled.
    expect(within.cells[0]).toEqual([undefined, undefined]);
    const beyond = settleRows(rows, {}, checks, 1110);
    expect(beyond.exhausted).toBe(true);
    expect(beyond.kept).toEqual(rows.map((r) => r.readings.map((_, k) => k)));
  });
});
