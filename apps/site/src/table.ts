import { type Cells, formatNumber, type GridCell, type TableLayout } from '@nianbao/core';
import { esc } from './html.js';

type Placed = { cell: GridCell; row: number; col: number; id: string };

/** Lay the grid out on a matrix so every position knows the cell that covers it. */
function place(layout: TableLayout): { rows: Placed[][]; at: (r: number, c: number) => Placed | undefined } {
  const all = [...layout.headerRows, ...layout.bodyRows];
  const matrix: (Placed | undefined)[][] = all.map(() => new Array<Placed | undefined>(layout.columns));
  const rows: Placed[][] = [];
  all.forEach((cells, r) => {
    const placed: Placed[] = [];
    let c = 0;
    for (const cell of cells) {
      while (matrix[r]![c]) c++;
      const p: Placed = { cell, row: r, col: c, id: `${layout.table}-h${r}-${c}` };
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) if (matrix[r + dr]) matrix[r + dr]![c + dc] = p;
      placed.push(p);
      c += cell.colSpan;
    }
    rows.push(placed);
  });
  return { rows, at: (r, c) => matrix[r]?.[c] };
}

/**
 * The header cells of a value cell, by geometry: the run of labels directly above it in its column
 * (values above are skipped until the first label) and every label to its left in its row.
 */
function headersOf(p: Placed, at: (r: number, c: number) => Placed | undefined): string[] {
  const above: string[] = [];
  let r = p.row - 1;
  while (r >= 0 && at(r, p.col)?.cell.type === 'value') r--;
  for (; r >= 0; r--) {
    const h = at(r, p.col);
    if (h?.cell.type !== 'label' || h.cell.note) break;
    if (!above.includes(h.id)) above.push(h.id);
    r = h.row;
  }
  const left: string[] = [];
  for (let c = p.col - 1; c >= 0; c--) {
    const h = at(p.row, c);
    if (h && h.cell.type === 'label' && !h.cell.note && !left.includes(h.id)) left.push(h.id);
  }
  return [...above.reverse(), ...left.reverse()];
}

export interface TableOptions {
  /** Cells named by a failing identity, marked so a reader sees where to look. */
  flagged?: ReadonlySet<string>;
}

/** One official table as semantic HTML: spans as the template draws them, an anchor id on every number. */
export function renderTable(layout: TableLayout, cells: Cells, options: TableOptions = {}): string {
  const { rows, at } = place(layout);
  const headerCount = layout.headerRows.length;
  const tr = (placed: Placed[], inHead: boolean) => {
    const parts = placed.map((p) => {
      const span = `${p.cell.colSpan > 1 ? ` colspan="${p.cell.colSpan}"` : ''}${p.cell.rowSpan > 1 ? ` rowspan="${p.cell.rowSpan}"` : ''}`;
      if (p.cell.type === 'label') {
        const cls = p.cell.vertical ? ' class="nb-vertical"' : '';
        if (p.cell.note) return `<td${span} class="nb-note">${esc(p.cell.text)}</td>`;
        const scope = inHead || p.cell.header ? 'col' : 'row';
        return `<th id="${p.id}" scope="${scope}"${span}${cls}>${esc(p.cell.text)}</th>`;
      }
      const value = cells[p.cell.cellId] ?? null;
      const flagged = options.flagged?.has(p.cell.cellId);
      const cls = [value === null ? 'nb-blank' : '', flagged ? 'nb-flag' : ''].filter(Boolean).join(' ');
      const text = value === null ? '<span class="nb-blank-text">未填</span>' : esc(formatNumber(value));
      return `<td id="${esc(p.cell.cellId)}" headers="${headersOf(p, at).join(' ')}"${span}${cls ? ` class="${cls}"` : ''}>${text}</td>`;
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
