// What the grids of one report share: values, computed totals and the marks of the findings.
import type { CellStatus, Cells } from '@nianbao/core';
import type { InjectionKey } from 'vue';
import type { Move } from './grid-nav';

export interface CellMarks {
  /** Cell id → messages of the findings it takes part in. */
  notes: Map<string, string[]>;
  /** Cells a finding points at (the target of a sum, or the likely wrong cell). */
  flagged: Set<string>;
  likely: Set<string>;
}

/** Getters (stable object) so that a grid re-renders only the cells whose own state changed. */
export interface GridState {
  cells: () => Cells;
  /** Cells filled by core (read-only while totals are computed). */
  locked: () => Set<string>;
  marks: () => CellMarks;
  /** For an imported report: what a cell holds (read, worked out, the agency's blank, not read) and why, in words. */
  status?: (id: string) => CellStatus;
  statusText?: (id: string) => string;
}

export const NO_MARKS: CellMarks = { notes: new Map(), flagged: new Set(), likely: new Set() };

export interface GridActions {
  readonly: () => boolean;
  edit: (changes: Record<string, number | null>) => void;
  move: (id: string, move: Move, fallback?: Move) => boolean;
  paste: (id: string, text: string) => void;
  focused: (id: string) => void;
  /** Text typed into a cell that is not a number (null once it is one again). */
  invalid: (id: string, text: string | null) => void;
}

export const GRID_STATE: InjectionKey<GridState> = Symbol('grid-state');
export const GRID_ACTIONS: InjectionKey<GridActions> = Symbol('grid-actions');

export const noteId = (id: string) => `note-${id.replace(/\./g, '-')}`;

/** What a cell says of text typed into it that is not a number. */
export const badMessage = (text: string) => `“${text}”不是数字，未计入。请填写数字，不适用的留空。`;
