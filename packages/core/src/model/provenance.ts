import { reportCells } from '../templates/index.js';
import type { CellProvenance, CellValue, DerivedHow, Report, SourcePlace, UnreadReason } from './report.js';

/**
 * What a cell holds, as a reader of the report should understand it:
 * `read` a number as printed (or as the agency entered it), `derived` a number worked out from the print
 * (see `DerivedHow`), `blank` left blank by the agency (printed empty, `—`, `/`, `无`…), `unread` printed but
 * not read by the import — its value is unknown, and it is not the agency's blank.
 */
export type CellStatus = 'read' | 'derived' | 'blank' | 'unread';

/** The four statuses in the words shown to people. */
export const CELL_STATUS_LABELS: Record<CellStatus, string> = {
  read: '按原文读取',
  derived: '推算得出',
  blank: '空白（未填写）',
  unread: '未能读取',
};

/**
 * What a printed report (PDF, Word) shows in a cell the import could not read, in place of a number, so it is
 * never taken for the agency's blank; the importer reads it back as not read (`E_MARKED_UNREAD`).
 */
export const UNREAD_CELL_MARK = '未读取';

/** The note under a printed table that has cells marked `UNREAD_CELL_MARK`. */
export const UNREAD_CELL_NOTE = `注：标“${UNREAD_CELL_MARK}”的单元格未能从原发布文件中读取，数值以原文为准。`;

/** Why a cell was not read, in the words shown to people. */
export const UNREAD_REASON_TEXT: Record<UnreadReason, string> = {
  E_TABLE_MISSING: '原文中未找到这张表',
  E_ROW_NOT_FOUND: '原文中未找到这一行',
  E_ROW_INCOMPLETE: '这一行的数值少于栏数，无法确定各自所在的栏',
  E_SPLIT_AMBIGUOUS: '这一行的数字连在一起，有多种拆分方式都说得通',
  E_SPLIT_NONE: '这一行的数字连在一起，没有一种拆分符合表格的勾稽关系',
  E_READINGS_DISAGREE: '原文的两种读法得出不同的数值',
  E_COLUMN_UNKNOWN: '数值的位置对不上任何一栏',
  E_INPUT_TOO_LARGE: '文件过大，未读取',
  E_NOT_PRINTED: '表格超出页面，原文没有印出这一格',
  E_MARKED_UNREAD: `原文此格标为“${UNREAD_CELL_MARK}”：制作该文件时这一格就未能读取`,
};

/** How a value was worked out, in the words shown to people. */
export const DERIVED_HOW_TEXT: Record<DerivedHow, string> = {
  split: '连在一起的数字按勾稽关系唯一拆分',
  label: '行名称与格式不一致，按相似度和位置对应',
  column: '按数值在行中的位置对应到栏',
  constraint: '按表格自身的约束唯一确定',
  order: '原文缺少行名称，按格式的行序对应',
};

/** The provenance entry of a cell, where it agrees with the cell's value (a stale entry is ignored). */
export function cellProvenance(report: Pick<Report, 'cells' | 'provenance'>, id: string): CellProvenance | undefined {
  const p = report.provenance?.[id];
  if (!p) return undefined;
  const v = report.cells[id];
  const isNull = v === null || v === undefined;
  if (p.status === 'derived') return isNull ? undefined : p;
  return isNull ? p : undefined;
}

/** What a cell holds: read as printed, worked out, the agency's blank, or not read by the import. */
export function cellStatus(report: Pick<Report, 'cells' | 'provenance'>, id: string): CellStatus {
  const v = report.cells[id];
  const p = cellProvenance(report, id);
  if (v === null || v === undefined) return p?.status === 'unread' ? 'unread' : 'blank';
  return p?.status === 'derived' ? 'derived' : 'read';
}

/** Cells printed in the source but not read by the import, in table order. Empty for a report not imported. */
export function unreadCells(report: Pick<Report, 'meta' | 'cells' | 'provenance'>): string[] {
  if (!report.provenance) return [];
  return reportCells(report.meta.formats)
    .map((c) => c.id)
    .filter((id) => cellStatus(report, id) === 'unread');
}

/** How many cells of the report have each status. */
export function cellStatusCounts(report: Pick<Report, 'meta' | 'cells' | 'provenance'>): Record<CellStatus, number> {
  const out: Record<CellStatus, number> = { read: 0, derived: 0, blank: 0, unread: 0 };
  for (const c of reportCells(report.meta.formats)) out[cellStatus(report, c.id)]++;
  return out;
}

/**
 * The report with one cell set by the agency (an edit in the editor): the value becomes the agency's own,
 * so its import record (`provenance`, `cellText`) is dropped. `null` makes it the agency's blank.
 */
export function editCell<R extends Pick<Report, 'cells' | 'provenance' | 'cellText'>>(
  report: R,
  id: string,
  value: CellValue,
): R {
  const out: R = { ...report, cells: { ...report.cells, [id]: value } };
  if (report.provenance && id in report.provenance) {
    const { [id]: _, ...rest } = report.provenance;
    if (Object.keys(rest).length) out.provenance = rest;
    else delete out.provenance;
  }
  if (report.cellText && id in report.cellText) {
    const { [id]: _, ...rest } = report.cellText;
    if (Object.keys(rest).length) out.cellText = rest;
    else delete out.cellText;
  }
  return out;
}

/** A place in the source in words: 第12行 / 第3页（x 120，y 400）/ 第2个表格第5行第3格. */
export function placeText(at: SourcePlace | undefined): string {
  if (!at) return '';
  if (at.page !== undefined) {
    const pos =
      at.x !== undefined && at.y !== undefined ? `（距左 ${Math.round(at.x)} 磅，距顶 ${Math.round(at.y)} 磅）` : '';
    return `第${at.page}页${pos}`;
  }
  if (at.sourceTable !== undefined) {
    const row = at.sourceRow !== undefined ? `第${at.sourceRow}行` : '';
    const col = at.sourceColumn !== undefined ? `第${at.sourceColumn}格` : '';
    return `第${at.sourceTable}个表格${row}${col}`;
  }
  return at.line !== undefined ? `第${at.line}行` : '';
}

/** One line for a person: what the cell holds and, for an imported cell, why and where (`未能读取：…（第12行）`). */
export function cellStatusText(report: Pick<Report, 'cells' | 'provenance'>, id: string): string {
  const status = cellStatus(report, id);
  const p = cellProvenance(report, id);
  const where = placeText(p?.at);
  const suffix = where ? `（原文${where}）` : '';
  if (p?.status === 'unread') return `${CELL_STATUS_LABELS.unread}：${UNREAD_REASON_TEXT[p.reason]}${suffix}`;
  if (p?.status === 'derived') return `${CELL_STATUS_LABELS.derived}：${DERIVED_HOW_TEXT[p.how]}${suffix}`;
  if (p?.status === 'blank')
    return `${CELL_STATUS_LABELS.blank}${p.printed ? `：原文写作“${p.printed}”` : '：原文为空白'}${suffix}`;
  return CELL_STATUS_LABELS[status];
}
