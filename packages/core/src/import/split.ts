// Rows whose values cannot be placed one by one: every reading the print allows, kept only where the table's
// own identities and constraints hold, and a cell taken only where every reading left agrees on it.
import type { Cells } from '../model/report.js';
import type { RuleInstance } from '../rules/instances.js';
import type { T2Constraint } from '../templates/table2.js';

/** Work limit of one search (a row's readings, or the readings of a table together): beyond it, not read. */
export const SPLIT_BUDGET = 200_000;
const MAX_PART_DIGITS = 9;
/** Readings of one row kept at most; a row allowing more is not read (too many to tell apart). */
export const MAX_READINGS = 512;

/** What a cell is known to hold while readings are tried: a number, a blank (null), or not known yet (undefined). */
type Get = (id: string) => number | null | undefined;

/** Something the table says about its cells: it holds, or cannot be decided while a cell is unknown. */
export interface CellCheck {
  cells: readonly string[];
  /**
   * `identity`: a sum or equation of the rules (a blank counts as 0); `constraint`: what the format implies
   * within a 表二 row (a blank is not 0).
   */
  kind: 'identity' | 'constraint';
  holds: (get: Get) => boolean;
}

/** A sum or equation rule instance as a check; a blank counts as 0, as validation counts it. */
export function identityCheck(inst: RuleInstance): CellCheck {
  const side = (ids: readonly string[], get: Get): number | undefined => {
    let s = 0;
    for (const id of ids) {
      const v = get(id);
      if (v === undefined) return undefined;
      if (v !== null) s += v;
    }
    return s;
  };
  return {
    cells: [...inst.left, ...inst.right],
    kind: 'identity',
    holds: (get) => {
      const l = side(inst.left, get);
      if (l === undefined) return true;
      const r = side(inst.right, get);
      return r === undefined || Math.abs(l - r) <= 1e-6;
    },
  };
}

/** A 表二 constraint of one row as a check; blanks are not compared. */
export function constraintCheck(c: T2Constraint, row: string): CellCheck {
  const a = `t2.${row}.${c.column}`;
  const b = `t2.${row}.${c.other}`;
  return {
    cells: [a, b],
    kind: 'constraint',
    holds: (get) => {
      const x = get(a);
      const y = get(b);
      if (x === undefined || x === null || y === undefined || y === null) return true;
      return c.kind === 'atMost' ? x <= y : x !== 0 || y === 0;
    },
  };
}

/** The checks that involve any of these cells. */
export function checksOver(checks: readonly CellCheck[], ids: ReadonlySet<string>): CellCheck[] {
  return checks.filter((c) => c.cells.some((id) => ids.has(id)));
}

/** Checks whose cells are all in the row, each with the index of its last cell in the row (when it can be decided). */
function rowChecks(ids: readonly string[], checks: readonly CellCheck[]): CellCheck[][] {
  const at = new Map(ids.map((id, i) => [id, i]));
  const byLast: CellCheck[][] = ids.map(() => []);
  for (const c of checks) {
    let last = -1;
    let inside = true;
    for (const id of c.cells) {
      const i = at.get(id);
      if (i === undefined) inside = false;
      else last = Math.max(last, i);
    }
    if (inside && last >= 0) byLast[last]!.push(c);
  }
  return byLast;
}

/** Readings of one row: each a value (or null for a blank) per cell. `exhausted` when the work limit was reached. */
export interface RowReadings {
  readings: (number | null)[][];
  exhausted: boolean;
}

/**
 * Every cut of runs of digits into the row's cells (no leading zeros, each run cut at least once, the cuts
 * between runs kept) under which the row's own checks hold. A `null` run is a cell printed blank (`—`).
 */
export function splitRuns(
  runs: readonly (string | null)[],
  ids: readonly string[],
  checks: readonly CellCheck[] = [],
  budget = SPLIT_BUDGET,
): RowReadings {
  const n = ids.length;
  const readings: (number | null)[][] = [];
  // Per run from the end: blank cells and runs of digits still to come.
  const marksFrom = new Array<number>(runs.length + 1).fill(0);
  const runsFrom = new Array<number>(runs.length + 1).fill(0);
  for (let i = runs.length - 1; i >= 0; i--) {
    marksFrom[i] = marksFrom[i + 1]! + (runs[i] === null ? 1 : 0);
    runsFrom[i] = runsFrom[i + 1]! + (runs[i] === null ? 0 : 1);
  }
  const total = runs.reduce((a, r) => a + (r?.length ?? 0), 0);
  if (runsFrom[0] === 0 || total + marksFrom[0]! < n || runs.length > n) return { readings, exhausted: false };
  const byLast = rowChecks(ids, checks);
  const parts: (number | null)[] = [];
  const index = new Map(ids.map((id, i) => [id, i]));
  const get: Get = (id) => {
    const i = index.get(id);
    return i === undefined || i >= parts.length ? undefined : parts[i];
  };
  let steps = 0;
  let exhausted = false;
  const holds = () => byLast[parts.length - 1]!.every((c) => c.holds(get));
  const walk = (ti: number, pos: number, digitsLeft: number): void => {
    if (exhausted) return;
    if (++steps > budget || readings.length >= MAX_READINGS) {
      exhausted = true;
      return;
    }
    if (ti === runs.length) {
      if (parts.length === n) readings.push([...parts]);
      return;
    }
    const left = n - parts.length - marksFrom[ti]!;
    const digitRunsLeft = runsFrom[ti]! - (pos > 0 ? 1 : 0);
    if (left < digitRunsLeft + (pos > 0 ? 1 : 0) || left > digitsLeft || digitsLeft > left * MAX_PART_DIGITS) return;
    const run = runs[ti] as string | null;
    if (run === null) {
      parts.push(null);
      if (holds()) walk(ti + 1, 0, digitsLeft);
      parts.pop();
      return;
    }
    const rest = run.length - pos;
    // The last cell of the row takes whatever is left of the last run.
    const lastCell = left === 1 && runsFrom[ti]! === 1;
    for (let len = lastCell ? rest : 1; len <= Math.min(rest, MAX_PART_DIGITS); len++) {
      const part = run.slice(pos, pos + len);
      if (part.length > 1 && part[0] === '0') break;
      parts.push(Number(part));
      if (holds()) {
        if (len === rest) walk(ti + 1, 0, digitsLeft - len);
        else walk(ti, pos + len, digitsLeft - len);
      }
      parts.pop();
    }
  };
  walk(0, 0, total);
  return { readings, exhausted };
}

/**
 * Every way to put `values` (in their order) into the row's cells where fewer were printed than the row has
 * cells — the blank cells having vanished from the print — under which the row's own checks hold: per reading,
 * the index of the value in each cell, -1 for a blank that vanished.
 */
export function placeValues(
  values: readonly (number | null)[],
  ids: readonly string[],
  checks: readonly CellCheck[] = [],
  budget = SPLIT_BUDGET,
): { slots: number[][]; exhausted: boolean } {
  const n = ids.length;
  const k = values.length;
  const out: number[][] = [];
  if (k >= n || k === 0) return { slots: out, exhausted: false };
  const byLast = rowChecks(ids, checks);
  const slots: number[] = [];
  const index = new Map(ids.map((id, i) => [id, i]));
  const get: Get = (id) => {
    const i = index.get(id);
    if (i === undefined || i >= slots.length) return undefined;
    const s = slots[i]!;
    return s < 0 ? null : values[s];
  };
  let steps = 0;
  let exhausted = false;
  const walk = (next: number): void => {
    if (exhausted) return;
    if (++steps > budget || out.length >= MAX_READINGS) {
      exhausted = true;
      return;
    }
    if (slots.length === n) {
      if (next === k) out.push([...slots]);
      return;
    }
    const valuesLeft = k - next;
    // The next cell holds the next value, or is a blank that vanished (while enough cells remain for the rest).
    for (const s of valuesLeft > 0 ? [next, -1] : [-1]) {
      if (s < 0 && n - slots.length <= valuesLeft) continue;
      slots.push(s);
      if (byLast[slots.length - 1]!.every((c) => c.holds(get))) walk(s < 0 ? next : next + 1);
      slots.pop();
    }
  };
  walk(0);
  return { slots: out, exhausted };
}

/** One row to settle: its cells and the readings it allows. */
export interface OpenRow {
  ids: readonly string[];
  readings: readonly (number | null)[][];
}

/** Per row, per cell: the value every reading of the table left agrees on, or undefined where they differ. */
export interface Settled {
  cells: (number | null | undefined)[][];
  /** Per row, the readings that take part in some reading of the whole table (all of them in the fallback). */
  kept: number[][];
  /** How many readings of the whole table hold (0: none; the rows' own readings were used). */
  solutions: number;
  exhausted: boolean;
}

const agree = (readings: readonly (number | null)[][], width: number): (number | null | undefined)[] =>
  Array.from({ length: width }, (_, j) => {
    const first = readings[0]?.[j];
    return readings.length > 0 && readings.every((r) => r[j] === first) ? first : undefined;
  });

/**
 * Settle rows together: every combination of their readings under which the checks hold, found by a search
 * that checks each identity as soon as its cells are known. A cell is settled where every combination agrees.
 * With no combination at all (the report breaks its own identities) or too many to try, each row keeps what
 * its own readings agree on.
 *
 * Readings of a row that no check can tell apart (they differ only in cells no check reads, or by a blank
 * where another has 0 in cells only identities read, which count a blank as 0) are tried once for all of
 * them: the search and its work count are those of trying each one, without repeating the same subtree.
 */
export function settleRows(
  rows: readonly OpenRow[],
  fixed: Cells,
  checks: readonly CellCheck[],
  budget = SPLIT_BUDGET,
): Settled {
  const own = rows.map((r) => agree(r.readings, r.ids.length));
  const all = rows.map((r) => r.readings.map((_, k) => k));
  if (!rows.length) return { cells: [], kept: [], solutions: 0, exhausted: false };
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.readings.length - rows[b]!.readings.length);
  const rank = new Map<string, number>();
  order.forEach((r, pos) => {
    for (const id of rows[r]!.ids) rank.set(id, pos);
  });
  // Each check is decided once the last of its open rows is placed.
  const due: CellCheck[][] = order.map(() => []);
  for (const c of checks) {
    let last = -1;
    for (const id of c.cells) last = Math.max(last, rank.get(id) ?? -1);
    if (last >= 0) due[last]!.push(c);
  }
  // How each cell is seen by the checks: not at all, as a number with a blank counted 0, or exactly.
  const seenAs = new Map<string, 'zero' | 'exact'>();
  for (const c of checks)
    for (const id of c.cells)
      if (c.kind === 'constraint') seenAs.set(id, 'exact');
      else if (!seenAs.has(id)) seenAs.set(id, 'zero');
  // Per row, its readings grouped by what the checks see of them: one reading standing for each group.
  const groups = rows.map((row) => {
    const byKey = new Map<string, number[]>();
    row.readings.forEach((reading, k) => {
      const key = row.ids
        .map((id, j) => {
          const how = seenAs.get(id);
          const v = reading[j];
          return how === undefined ? '' : how === 'zero' ? String(v ?? 0) : String(v);
        })
        .join('|');
      const g = byKey.get(key);
      if (g) g.push(k);
      else byKey.set(key, [k]);
    });
    return [...byKey.values()];
  });
  const cells: Cells = { ...fixed };
  const placed = new Set<string>();
  const get: Get = (id) => (rank.has(id) && !placed.has(id) ? undefined : cells[id]);
  const seen: Set<number>[] = rows.map(() => new Set());
  let solutions = 0;
  let steps = 0;
  let exhausted = false;
  // `times`: how many combinations of readings the current one stands for (each would be tried in turn).
  const walk = (pos: number, times: number): void => {
    if (exhausted) return;
    steps += times;
    if (steps > budget) {
      exhausted = true;
      return;
    }
    if (pos === order.length) {
      solutions += times;
      return;
    }
    const r = order[pos]!;
    const row = rows[r]!;
    for (const group of groups[r]!) {
      if (exhausted) return;
      const reading = row.readings[group[0]!]!;
      row.ids.forEach((id, j) => {
        cells[id] = reading[j]!;
        placed.add(id);
      });
      if (due[pos]!.every((c) => c.holds(get))) {
        const before = solutions;
        walk(pos + 1, times * group.length);
        if (solutions > before) for (const k of group) seen[r]!.add(k);
      }
      for (const id of row.ids) placed.delete(id);
    }
  };
  walk(0, 1);
  if (exhausted || solutions === 0) return { cells: own, kept: all, solutions, exhausted };
  const kept = seen.map((s) => [...s].sort((a, b) => a - b));
  return {
    cells: rows.map((row, r) =>
      agree(
        kept[r]!.map((k) => row.readings[k]!),
        row.ids.length,
      ),
    ),
    kept,
    solutions,
    exhausted,
  };
}
