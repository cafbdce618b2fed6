// Ruled tables on a page: the rules a PDF draws → the cells they enclose (spans included), each with its text.

/** A straight line a page draws (a table rule), as a thin box in points from the top left. */
export interface LayoutRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A piece of text placed on the page (see LayoutItem). */
interface Placed {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** One cell of a ruled table: its box, the grid row it starts in, and the text items inside it. */
export interface RuledCell<T extends Placed> {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Index of the table on its page, and of the grid row the cell starts in (top to bottom). */
  table: number;
  row: number;
  items: T[];
}

/** Rules closer than this (points) are one rule; ends closer than this meet. */
const TOL = 1.5;
/** Pairs of rules compared at most per page, and grid boxes per table (bound the work on a hostile file). */
const MAX_PAIRS = 4_000_000;
const MAX_BOXES = 10_000;

interface Seg {
  /** Position across the rule (y of a horizontal rule, x of a vertical one). */
  at: number;
  a: number;
  b: number;
}

/** Collinear rules that overlap or meet, joined. */
function joinSegments(segs: Seg[]): Seg[] {
  segs.sort((p, q) => p.at - q.at || p.a - q.a);
  const out: Seg[] = [];
  let row: Seg[] = [];
  const close = () => {
    row.sort((p, q) => p.a - q.a);
    let cur: Seg | undefined;
    for (const s of row) {
      if (cur && s.a <= cur.b + TOL) cur.b = Math.max(cur.b, s.b);
      else {
        if (cur) out.push(cur);
        cur = { ...s };
      }
    }
    if (cur) out.push(cur);
    row = [];
  };
  for (const s of segs) {
    if (row.length && s.at - row[0]!.at > TOL) close();
    row.push(s);
  }
  close();
  return out;
}

/** Positions within TOL of each other as one (their mean), ascending. */
function cluster(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of values) {
    if (group.length && v - group[group.length - 1]! > TOL) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Whether a rule among `segs` lies at `at` and covers [a, b] (allowing `slack` at both ends). */
const covers = (segs: readonly Seg[], at: number, a: number, b: number, slack: number) =>
  segs.some((s) => Math.abs(s.at - at) <= TOL && s.a <= a + slack && s.b >= b - slack);

/**
 * The cells of every ruled table on a page: rules that touch form a grid; neighbouring grid boxes with no rule
 * between them are one cell (a span). Items are placed in the cell holding their centre; items in no cell are
 * returned apart. Grids of fewer than 2 × 2 boxes (a framed paragraph, an underline) are not tables.
 */
export function ruledCells<T extends Placed>(
  rules: readonly LayoutRule[],
  items: readonly T[],
): { cells: RuledCell<T>[]; free: T[] } {
  const hs: Seg[] = [];
  const vs: Seg[] = [];
  for (const r of rules) {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (!(w >= 0 && h >= 0)) continue;
    if (w >= h) hs.push({ at: (r.y0 + r.y1) / 2, a: r.x0, b: r.x1 });
    else vs.push({ at: (r.x0 + r.x1) / 2, a: r.y0, b: r.y1 });
  }
  const H = joinSegments(hs);
  const V = joinSegments(vs);
  if (H.length < 2 || V.length < 2 || H.length * V.length > MAX_PAIRS) return { cells: [], free: [...items] };
  // Rules that cross or touch are of one table.
  const parent = [...H, ...V].map((_, i) => i);
  H.forEach((h, i) => {
    V.forEach((v, j) => {
      if (v.at >= h.a - TOL && v.at <= h.b + TOL && h.at >= v.a - TOL && h.at <= v.b + TOL) {
        const a = find(parent, i);
        const b = find(parent, H.length + j);
        if (a !== b) parent[a] = b;
      }
    });
  });
  const groups = new Map<number, { h: Seg[]; v: Seg[] }>();
  H.forEach((h, i) => {
    const g = find(parent, i);
    if (!groups.has(g)) groups.set(g, { h: [], v: [] });
    groups.get(g)!.h.push(h);
  });
  V.forEach((v, j) => {
    const g = find(parent, H.length + j);
    if (!groups.has(g)) groups.set(g, { h: [], v: [] });
    groups.get(g)!.v.push(v);
  });
  const tables = [...groups.values()]
    .filter((g) => g.h.length >= 2 && g.v.length >= 2)
    .sort((p, q) => Math.min(...p.h.map((s) => s.at)) - Math.min(...q.h.map((s) => s.at)));
  const cells: RuledCell<T>[] = [];
  tables.forEach((g, table) => {
    const xs = cluster([...g.v.map((s) => s.at), ...g.h.flatMap((s) => [s.a, s.b])]);
    const ys = cluster([...g.h.map((s) => s.at), ...g.v.flatMap((s) => [s.a, s.b])]);
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    if (rows < 1 || cols < 1 || rows * cols < 4 || rows * cols > MAX_BOXES) return;
    const box = (r: number, c: number) => r * cols + c;
    const up = [...Array(rows * cols).keys()];
    for (let r = 0; r < rows; r++) {
      const slackY = Math.min(2 * TOL, (ys[r + 1]! - ys[r]!) / 3);
      for (let c = 0; c < cols; c++) {
        const slackX = Math.min(2 * TOL, (xs[c + 1]! - xs[c]!) / 3);
        if (c + 1 < cols && !covers(g.v, xs[c + 1]!, ys[r]!, ys[r + 1]!, slackY)) {
          const a = find(up, box(r, c));
          const b = find(up, box(r, c + 1));
          if (a !== b) up[b] = a;
        }
        if (r + 1 < rows && !covers(g.h, ys[r + 1]!, xs[c]!, xs[c + 1]!, slackX)) {
          const a = find(up, box(r, c));
          const b = find(up, box(r + 1, c));
          if (a !== b) up[b] = a;
        }
      }
    }
    const merged = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const k = find(up, box(r, c));
        const m = merged.get(k);
        if (!m) merged.set(k, { r0: r, r1: r, c0: c, c1: c });
        else {
          m.r0 = Math.min(m.r0, r);
          m.r1 = Math.max(m.r1, r);
          m.c0 = Math.min(m.c0, c);
          m.c1 = Math.max(m.c1, c);
        }
      }
    for (const m of merged.values()) {
      const x0 = xs[m.c0]!;
      const x1 = xs[m.c1 + 1]!;
      const y0 = ys[m.r0]!;
      const y1 = ys[m.r1 + 1]!;
      const sx = Math.min(2 * TOL, (x1 - x0) / 3);
      const sy = Math.min(2 * TOL, (y1 - y0) / 3);
      // Ruled on three sides at least (a cell cut by a page break lacks one); else outside the table.
      const sides =
        Number(covers(g.h, y0, x0, x1, sx)) +
        Number(covers(g.h, y1, x0, x1, sx)) +
        Number(covers(g.v, x0, y0, y1, sy)) +
        Number(covers(g.v, x1, y0, y1, sy));
      if (sides < 3) continue;
      cells.push({ x0, x1, y0, y1, table, row: m.r0, items: [] });
    }
  });
  const free: T[] = [];
  for (const it of items) {
    const cx = it.x + it.w / 2;
    const cy = it.y - 0.35 * it.size;
    const cell = cells.find((c) => cx > c.x0 && cx < c.x1 && cy > c.y0 && cy < c.y1);
    if (cell) cell.items.push(it);
    else free.push(it);
  }
  return { cells, free };
}
