// Differences between two versions of a report, for revision history and conflicts.
import { type Block, cellName, formatNumber, type Report, SECTIONS } from '@nianbao/core';

export interface CellChange {
  id: string;
  name: string;
  before: string | null;
  after: string | null;
}

export interface TextChange {
  place: string;
  before: string;
  after: string;
}

const show = (v: number | null | undefined) => (v === null || v === undefined ? null : formatNumber(v));

export function changedCells(before: Report, after: Report): CellChange[] {
  const ids = new Set([...Object.keys(before.cells), ...Object.keys(after.cells)]);
  const out: CellChange[] = [];
  for (const id of ids) {
    const a = before.cells[id] ?? null;
    const b = after.cells[id] ?? null;
    if (a !== b) out.push({ id, name: cellName(id), before: show(a), after: show(b) });
  }
  return out;
}

const text = (blocks: Block[]) => blocks.map((b) => b.text).join('\n');

export function changedText(before: Report, after: Report): TextChange[] {
  const out: TextChange[] = [];
  if (text(before.preamble) !== text(after.preamble))
    out.push({ place: '前言', before: text(before.preamble), after: text(after.preamble) });
  for (const s of SECTIONS) {
    const a = text(before.sections.find((x) => x.key === s.key)?.blocks ?? []);
    const b = text(after.sections.find((x) => x.key === s.key)?.blocks ?? []);
    if (a !== b) out.push({ place: s.heading, before: a, after: b });
  }
  return out;
}
