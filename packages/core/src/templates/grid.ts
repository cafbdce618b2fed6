import type { GridCell, TableLayout } from './types.js';

/** A cell of a drawn table placed on the table's matrix: the row and column of its top-left corner. */
export interface PlacedCell {
  cell: GridCell;
  row: number;
  col: number;
}

/** Something wrong with a layout's spans: a position covered twice, never covered, or outside the grid. */
export interface GridFault {
  kind: 'overlap' | 'hole' | 'outside';
  row: number;
  col: number;
}

/** A layout's rows placed on its matrix, so every position knows the cell that covers it. */
export interface PlacedGrid {
  columns: number;
  /** The placed cells of each drawn row, in drawing order. */
  rows: PlacedCell[][];
  /** The cell covering a position (its own or spanned into), or undefined. */
  at(row: number, col: number): PlacedCell | undefined;
  /** Empty for a well-formed layout: every position inside the grid is covered exactly once. */
  faults: GridFault[];
}

/** Which rows of a layout to place: header and body together (as drawn), or one part on its own. */
export type GridPart = 'all' | 'header' | 'body';

/**
 * Place a layout's cells on its matrix, honouring row and column spans (each cell takes the first free
 * position of its row, as HTML and Word tables do). Row numbers count from the first row of `part`.
 */
export function placeGrid(layout: TableLayout, part: GridPart = 'all'): PlacedGrid {
  const drawn =
    part === 'header'
      ? layout.headerRows
      : part === 'body'
        ? layout.bodyRows
        : [...layout.headerRows, ...layout.bodyRows];
  const columns = layout.columns;
  const matrix: (PlacedCell | undefined)[][] = drawn.map(() => new Array<PlacedCell | undefined>(columns));
  const faults: GridFault[] = [];
  const rows = drawn.map((cells, r) => {
    const placed: PlacedCell[] = [];
    let c = 0;
    for (const cell of cells) {
      while (c < columns && matrix[r]![c]) c++;
      const p: PlacedCell = { cell, row: r, col: c };
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const [pr, pc] = [r + dr, c + dc];
          if (pr >= drawn.length || pc >= columns) faults.push({ kind: 'outside', row: pr, col: pc });
          else if (matrix[pr]![pc]) faults.push({ kind: 'overlap', row: pr, col: pc });
          else matrix[pr]![pc] = p;
        }
      placed.push(p);
      c += cell.colSpan;
    }
    return placed;
  });
  matrix.forEach((line, r) => {
    for (let c = 0; c < columns; c++) if (!line[c]) faults.push({ kind: 'hole', row: r, col: c });
  });
  return { columns, rows, at: (r, c) => matrix[r]?.[c], faults };
}
