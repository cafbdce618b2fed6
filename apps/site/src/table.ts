import {
  type CellStatus,
  type Cells,
  formatNumber,
  type PlacedCell,
  type PlacedGrid,
  placeGrid,
  type TableLayout,
} from '@nianbao/core';
import { esc } from './html.js';

/** A placed cell's anchor id, which header cells' `headers` attributes name. */
const idOf = (layout: TableLayout, p: PlacedCell) => `${layout.table}-h${p.row}-${p.col}`;

/**
 * The header cells of a value cell, by geometry: the run of labels directly above it in its column
 * (values above are skipped until the first label) and every label to its left in its row.
 */
function headersOf(p: PlacedCell, { at }: PlacedGrid, id: (p: PlacedCell) => string): string[] {
  const above: string[] = [];
  let r = p.row - 1;
  while (r >= 0 && at(r, p.col)?.cell.type === 'value') r--;
  for (; r >= 0; r--) {
    const h = at(r, p.col);
    if (h?.cell.type !== 'label' || h.cell.note) break;
    if (!above.includes(id(h))) above.push(id(h));
    r = h.row;
  }
  const left: string[] = [];
  for (let c = p.col - 1; c >= 0; c--) {
    const h = at(p.row, c);
    if (h && h.cell.type === 'label' && !h.cell.note && !left.includes(id(h))) left.push(id(h));
  }
  return [...above.reverse(), ...left.reverse()];
}

/** What a value cell holds: core's `CellStatus`. */
export type ValueState = CellStatus;

export interface TableOptions {
  /** Cells named by a failing identity, marked (and said to screen readers) so a reader sees where to look. */
  flagged?: ReadonlySet<string>;
  /** What each cell holds; default: a number as printed, or the agency's blank. */
  state?: (cellId: string) => ValueState;
  /** Words for a screen reader and a tooltip on a cell that is not simply read (where it was imported). */
  note?: (cellId: string) => string | undefined;
}

/** One official table as semantic HTML: spans as the template draws them, an anchor id on every number. */
export function renderTable(layout: TableLayout, cells: Cells, options: TableOptions = {}): string {
  const grid = placeGrid(layout);
  const { rows } = grid;
  const id = (p: PlacedCell) => idOf(layout, p);
  const headerCount = layout.headerRows.length;
  const tr = (placed: PlacedCell[], inHead: boolean) => {
    const parts = placed.map((p) => {
      const span = `${p.cell.colSpan > 1 ? ` colspan="${p.cell.colSpan}"` : ''}${p.cell.rowSpan > 1 ? ` rowspan="${p.cell.rowSpan}"` : ''}`;
      if (p.cell.type === 'label') {
        const cls = p.cell.vertical ? ' class="nb-vertical"' : '';
        if (p.cell.note) return `<td${span} class="nb-note">${esc(p.cell.text)}</td>`;
        const scope = inHead || p.cell.header ? 'col' : 'row';
        return `<th id="${id(p)}" scope="${scope}"${span}${cls}>${esc(p.cell.text)}</th>`;
      }
      const value = cells[p.cell.cellId] ?? null;
      const flagged = options.flagged?.has(p.cell.cellId);
      const state = options.state?.(p.cell.cellId) ?? (value === null ? 'blank' : 'read');
      const cls = [
        value === null ? `nb-${state}` : '',
        state === 'derived' ? 'nb-derived' : '',
        flagged ? 'nb-flag' : '',
      ]
        .filter(Boolean)
        .join(' ');
      let text =
        value !== null
          ? esc(formatNumber(value))
          : state === 'unread'
            ? '<span class="nb-unread-text">未能读取</span>'
            : '<span class="nb-blank-text">未填</span>';
      if (state === 'derived') text += '<sup class="nb-derived-mark" aria-hidden="true">推</sup>';
      const note = state === 'read' ? undefined : options.note?.(p.cell.cellId);
      if (note) text += `<span class="visually-hidden">（${esc(note)}）</span>`;
      if (flagged) text += '<span class="visually-hidden">（核对未通过）</span>';
      return `<td id="${esc(p.cell.cellId)}" headers="${headersOf(p, grid, id).join(' ')}"${span}${cls ? ` class="${cls}"` : ''}${note ? ` title="${esc(note)}"` : ''}>${text}</td>`;
    });
    return `<tr>${parts.join('')}</tr>`;
  };
  const caption = `${layout.name}　${layout.title}`;
  return [
    `<div class="nb-scroll" role="region" tabindex="0" aria-label="${esc(caption)}">`,
    `<table class="nb-table nb-${layout.table}" data-template="${layout.version}">`,
    `<caption>${esc(caption)}</caption>`,
    headerCount
      ? `<thead>${rows
          .slice(0, headerCount)
          .map((r) => tr(r, true))
          .join('\n')}</thead>`
      : '',
    `<tbody>${rows
      .slice(headerCount)
      .map((r) => tr(r, false))
      .join('\n')}</tbody>`,
    '</table></div>',
  ]
    .filter(Boolean)
    .join('\n');
}
