// Positions of the value cells of a drawn table, for spreadsheet-style movement and block paste.
import { placeGrid, type TableLayout } from '@nianbao/core';

export interface GridPositions {
  /** Value cell id → its row (in body rows) and first column. */
  pos: Map<string, { r: number; c: number }>;
  /** "r:c" → value cell id. */
  at: Map<string, string>;
  /** Value cells in reading order. */
  order: string[];
  /** Body rows that hold at least one value cell, in order. */
  valueRows: number[];
  rows: number;
  columns: number;
}

/** Where each value cell of the body rows sits on the column grid (spans placed by core's `placeGrid`). */
export function gridPositions(layout: TableLayout): GridPositions {
  const pos = new Map<string, { r: number; c: number }>();
  const at = new Map<string, string>();
  const order: string[] = [];
  const valueRows = new Set<number>();
  for (const { cell, row: r, col: c } of placeGrid(layout, 'body').rows.flat()) {
    if (cell.type !== 'value') continue;
    pos.set(cell.cellId, { r, c });
    at.set(`${r}:${c}`, cell.cellId);
    order.push(cell.cellId);
    valueRows.add(r);
  }
  return {
    pos,
    at,
    order,
    valueRows: [...valueRows].sort((a, b) => a - b),
    rows: layout.bodyRows.length,
    columns: layout.columns,
  };
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev';

/** The cell reached from `id` by one move, or undefined at the edge of the table. */
export function moveFrom(g: GridPositions, id: string, move: Move): string | undefined {
  const p = g.pos.get(id);
  if (!p) return undefined;
  if (move === 'next' || move === 'prev') {
    const i = g.order.indexOf(id) + (move === 'next' ? 1 : -1);
    return g.order[i];
  }
  const [dr, dc] = move === 'up' ? [-1, 0] : move === 'down' ? [1, 0] : move === 'left' ? [0, -1] : [0, 1];
  let r = p.r + dr;
  let c = p.c + dc;
  while (r >= 0 && r < g.rows && c >= 0 && c < g.columns) {
    const hit = g.at.get(`${r}:${c}`);
    if (hit) return hit;
    r += dr;
    c += dc;
  }
  return undefined;
}

/** Cell text → value: blank is null, full-width digits and thousands separators are accepted. */
export function parseCellText(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, '')
    .replace(/^[－—–]/, '-')
    .replace(/．/g, '.');
  if (t === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false };
  return { ok: true, value: Number(t) };
}

/** Tab/newline separated text (as Excel and WPS copy it) → rows of fields. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((l) => l.split('\t'));
}

export interface PasteResult {
  changes: Record<string, number | null>;
  filled: number;
  outside: number;
  notNumbers: number;
  locked: number;
}

/** Lay a pasted block onto the table from `startId`: line i goes to the i-th value row below, field j to column c+j. */
export function pasteBlock(
  g: GridPositions,
  startId: string,
  block: string[][],
  locked: (id: string) => boolean,
): PasteResult {
  const res: PasteResult = { changes: {}, filled: 0, outside: 0, notNumbers: 0, locked: 0 };
  const p = g.pos.get(startId);
  if (!p) return res;
  const ri = g.valueRows.indexOf(p.r);
  block.forEach((fields, i) => {
    const r = g.valueRows[ri + i];
    fields.forEach((field, j) => {
      const id = r === undefined ? undefined : g.at.get(`${r}:${p.c + j}`);
      if (!id) {
        if (field.trim() !== '') res.outside++;
        return;
      }
      const parsed = parseCellText(field);
      if (!parsed.ok) res.notNumbers++;
      else if (locked(id)) res.locked++;
      else {
        res.changes[id] = parsed.value;
        res.filled++;
      }
    });
  });
  return res;
}
