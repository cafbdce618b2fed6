// Differences between two versions of a report, for revision history and conflicts: cell by cell for the
// tables, word by word for the text.

import { changedCellIds } from '@contract';
import {
  allCellIds,
  type Block,
  cellDef,
  cellName,
  cellsView,
  formatNumber,
  type Report,
  SECTIONS,
  TABLE_NAMES,
} from '@nianbao/core';
import { diffWords } from 'diff';
import { cellLabel } from './components/cell-label';

export interface CellChange {
  id: string;
  name: string;
  before: string | null;
  after: string | null;
}

export interface TextPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface TextChange {
  place: string;
  before: string;
  after: string;
  /** The text of the later version with what was added and removed marked, word by word. */
  parts: TextPart[];
}

const show = (v: number | null | undefined) => (v === null || v === undefined ? null : formatNumber(v));
const order = new Map(allCellIds().map((id, i) => [id, i]));

/** Every cell whose value differs (blank and 0 differ), in table order. */
export function changedCells(before: Report, after: Report): CellChange[] {
  const a = cellsView(before);
  const b = cellsView(after);
  return changedCellIds(before, after)
    .map((id) => ({ id, name: cellName(id), before: show(a[id]), after: show(b[id]) }))
    .sort((x, y) => (order.get(x.id) ?? 1e9) - (order.get(y.id) ?? 1e9));
}

export interface TableChanges {
  table: string;
  cells: (CellChange & { row: string; column: string })[];
}

/** Changed cells grouped by table (表二, 表三, 表四), each named by its row and column labels. */
export function changedTables(changes: CellChange[]): TableChanges[] {
  const groups = new Map<string, TableChanges>();
  for (const c of changes) {
    const def = cellDef(c.id);
    const table = def ? TABLE_NAMES[def.table] : '其他';
    const [, row = c.name, column = ''] = cellLabel(c.id).split(' · ');
    if (!groups.has(table)) groups.set(table, { table, cells: [] });
    groups.get(table)!.cells.push({ ...c, row, column });
  }
  return [...groups.values()];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** Unchanged text longer than this is shortened to its ends. */
const CONTEXT = 30;

/** Word-level difference of two texts (Chinese words by Intl.Segmenter); long unchanged runs shortened. */
export function wordDiff(before: string, after: string): TextPart[] {
  const parts: TextPart[] = diffWords(before, after, { intlSegmenter: segmenter }).map((p) => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }));
  return parts.map((p, i) => {
    if (p.kind !== 'same' || p.text.length <= CONTEXT * 2 + 1) return p;
    const head = i === 0 ? '' : p.text.slice(0, CONTEXT);
    const tail = i === parts.length - 1 ? '' : p.text.slice(-CONTEXT);
    return { kind: 'same', text: `${head}…${tail}` };
  });
}

const text = (blocks: Block[]) => blocks.map((b) => b.text).join('\n');

/** Each part of the text (前言 and the six sections, by their official headings) that differs. */
export function changedText(before: Report, after: Report): TextChange[] {
  const places: [string, string, string][] = [['前言', text(before.preamble), text(after.preamble)]];
  for (const s of SECTIONS) {
    places.push([
      s.heading,
      text(before.sections.find((x) => x.key === s.key)?.blocks ?? []),
      text(after.sections.find((x) => x.key === s.key)?.blocks ?? []),
    ]);
  }
  return places
    .filter(([, a, b]) => a !== b)
    .map(([place, a, b]) => ({ place, before: a, after: b, parts: wordDiff(a, b) }));
}
