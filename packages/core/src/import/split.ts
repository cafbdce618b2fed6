import type { Cells } from '../model/report.js';
import type { RuleInstance } from '../rules/instances.js';

/** Work limit of one split search: beyond it the row is left unread (never a hang). */
export const SPLIT_BUDGET = 200_000;
const MAX_PART_DIGITS = 9;
const MAX_RESULTS = 64;

/**
 * Every way to cut runs of digits into `n` numbers (no leading zeros, each run cut at least once,
 * the cuts between runs kept). `exhausted` is true when the work limit was reached.
 */
export function splitRuns(
  runs: readonly string[],
  n: number,
  budget = SPLIT_BUDGET,
): { splits: number[][]; exhausted: boolean } {
  const splits: number[][] = [];
  let steps = 0;
  let exhausted = false;
  const parts: number[] = [];
  const total = runs.reduce((a, r) => a + r.length, 0);
  if (total < n || runs.length > n) return { splits, exhausted };
  const walk = (ti: number, pos: number, digitsLeft: number): void => {
    if (exhausted || splits.length >= MAX_RESULTS) return;
    if (++steps > budget) {
      exhausted = true;
      return;
    }
    if (ti === runs.length) {
      if (parts.length === n) splits.push([...parts]);
      return;
    }
    const left = n - parts.length;
    const runsLeft = runs.length - ti;
    if (left < runsLeft || left > digitsLeft) return;
    const run = runs[ti]!;
    const rest = run.length - pos;
    for (let len = 1; len <= Math.min(rest, MAX_PART_DIGITS); len++) {
      const part = run.slice(pos, pos + len);
      if (part.length > 1 && part[0] === '0') break;
      parts.push(Number(part));
      if (len === rest) walk(ti + 1, 0, digitsLeft - len);
      else walk(ti, pos + len, digitsLeft - len);
      parts.pop();
    }
  };
  walk(0, 0, total);
  return { splits, exhausted };
}

/** Whether every sum/equation instance whose cells are all known holds in these cells. */
export function identitiesHold(instances: readonly RuleInstance[], cells: Cells): boolean {
  for (const inst of instances) {
    let l = 0;
    let r = 0;
    let known = true;
    for (const id of inst.left) {
      const v = cells[id];
      if (v === null || v === undefined) known = false;
      else l += v;
    }
    for (const id of inst.right) {
      const v = cells[id];
      if (v === null || v === undefined) known = false;
      else r += v;
    }
    if (known && Math.abs(l - r) > 1e-6) return false;
  }
  return true;
}

/** The sum and equation instances that involve any of these cells. */
export function identitiesOver(instances: readonly RuleInstance[], ids: ReadonlySet<string>): RuleInstance[] {
  return instances.filter(
    (i) =>
      (i.rule.kind === 'sum' || i.rule.kind === 'equation') &&
      (i.left.some((c) => ids.has(c)) || i.right.some((c) => ids.has(c))),
  );
}
