// The import area's diagnostics: every code, its severity, the data it carries and its Chinese message, once.

import { placeText, UNREAD_CELL_MARK } from '../model/provenance.js';
import type { UnreadReason } from '../model/report.js';
import { UNREAD_REASONS } from '../model/report.js';
import { cellName, TABLE_NAMES, TABLE_TITLES } from '../templates/index.js';
import type { TableId } from '../templates/types.js';
import type { ImportStatus, SourceLocation } from './types.js';

/** How a run of digits was cut: by the whole table's identities, the row's own, the only cut, or 表二's constraints. */
export type SplitBasis = 'table' | 'row' | 'only' | 'constraint';

/** The data each import diagnostic carries, by code (the message is built from it). */
export interface ImportDiagnosticData {
  /** The input is longer than `MAX_IMPORT_CHARS`: nothing read. */
  E_INPUT_TOO_LARGE: { chars: number; limit: number };
  /** Nothing of any table read: probably not an annual report. */
  E_NOTHING_READ: Record<string, never>;
  /** HTML elements nested deeper than any page (`limit`): not read. */
  E_HTML_TOO_DEEP: { limit: number };
  /** Neither the title, the preamble nor the signature names the agency, and none was given: nothing is made up. */
  E_NO_AGENCY: Record<string, never>;
  /** The title names no agency: it was read from the preamble or the signature. */
  I_AGENCY_SOURCE: { agency: string; source: 'preamble' | 'signature' };
  /** The title's agency lacks the city the preamble or the signature names: the full name was taken. */
  I_AGENCY_FULL_NAME: { agency: string; title: string; source: 'preamble' | 'signature' };
  /** A table not found in the source (`location.table`). */
  E_TABLE_MISSING: Record<string, never>;
  /** A row with fewer values than columns and no way to tell which cells they fill. */
  E_ROW_INCOMPLETE: {
    label: string;
    expected: number;
    found: number;
    /** Cells of the row left unread (all of them, or those the readings disagree on). */
    cells: number;
    /** Ways to put the values in the cells that the table's identities allow (where more than one). */
    ways?: number;
  };
  /** Digits run together: no cut satisfies the table's identities, or too many cuts to try. */
  E_SPLIT_NONE: { label: string; runs: string[]; tooMany: boolean };
  /** Digits run together: several cuts satisfy everything the table says. */
  E_SPLIT_AMBIGUOUS: {
    label: string;
    runs: string[];
    ways: number;
    checked: boolean;
    /** Cells of the row left unread, of `width`. */
    cells: number;
    width: number;
  };
  /** Two readings of the source (e.g. row label order and row position) give different numbers. */
  E_READINGS_DISAGREE: { label: string; readings: string[]; cells: number; width: number };
  /** Values that match no column of the row: by their position, or more values than the row has cells. */
  E_COLUMN_UNKNOWN: { label: string; value: string };
  /** Cells of a table that runs off the edge of the page: not printed, so not read. */
  E_NOT_PRINTED: { label: string; cells: string[] };
  /** Cells the source itself marks as not read (`UNREAD_CELL_MARK`, a report printed from an import): not read. */
  E_MARKED_UNREAD: { label: string; cells: string[] };
  /** A row read under its label whose next row is not found at all: its values may be that row's. */
  E_NEXT_ROW_MISSING: { label: string; next: string; cells: string[] };
  /** Printed cells of a row that was not found (only a provenance reason; counted in W_CELLS_NOT_FOUND). */
  E_ROW_NOT_FOUND: { label: string };
  /** Digits run together, cut the one way the table allows. */
  I_SPLIT_RECOVERED: { label: string; runs: string[]; split: (number | null)[]; basis: SplitBasis };
  /** A row printed with fewer values than cells (its blanks vanished): the one way to place them the table allows. */
  I_VALUES_PLACED: { label: string; values: string[]; basis: SplitBasis };
  /** A row without its label, placed by the template's row order. */
  I_ROW_BY_ORDER: { label: string };
  /** A row printed as its label alone, its empty cells vanished, every other value of the table under its own row. */
  I_ROW_BLANK: { label: string };
  W_NO_YEAR: { year: number; fromText: boolean };
  W_SECTION_MISSING: { heading: string };
  W_META_DROPPED: { issue: string };
  W_CELLS_NOT_FOUND: { cells: string[] };
  W_CELL_BLANK: Record<string, never>;
  W_VALUE_PERCENT: { value: number };
  W_VALUE_UNIT: { value: number };
  W_VALUE_NEGATIVE: Record<string, never>;
  W_VALUE_FRACTION: Record<string, never>;
  /** Values with no row label; `more` counts those beyond the ones reported one by one. */
  W_VALUES_UNMATCHED: { more?: number };
  W_LABEL_APPROXIMATE: { label: string };
  W_T3_BOTH_TEMPLATES: Record<string, never>;
  I_VALUE_NOT_STATED: Record<string, never>;
  I_VALUE_ANNOTATED: { value: number };
  I_VALUE_YUAN: { wan: number };
  I_PAGE_MARK: Record<string, never>;
  I_T3_SUBTOTAL_COLUMN: Record<string, never>;
}

/** Every code the importer gives (a closed set): `E_` not read, `W_` read with a doubt, `I_` for information. */
export type ImportCode = keyof ImportDiagnosticData;

export type ImportSeverity = 'error' | 'warning' | 'info';

/** What a message is built from besides its data: where it points and the source text concerned. */
export interface MessageContext {
  location: SourceLocation;
  text?: string;
}

interface CodeEntry<C extends ImportCode> {
  severity: ImportSeverity;
  message: (data: ImportDiagnosticData[C], c: MessageContext) => string;
}

const at = (c: MessageContext) => placeText(c.location);
const cell = (c: MessageContext) => `${at(c)}：${c.location.cellId ? cellName(c.location.cellId) : ''}`;
const table = (c: MessageContext) => (c.location.table ? TABLE_NAMES[c.location.table as TableId] : '');
/** Cells in words: 表三…、… or the first and how many. */
const cellList = (cells: readonly string[]) =>
  cells.length > 3 ? `${cellName(cells[0]!)}等 ${cells.length} 格` : cells.map(cellName).join('、');
const runsOf = (runs: readonly string[]) => runs.join(' ');
/** What was not read of a row: all of it, or the cells the readings disagree on. */
const unreadTail = (cells: number, width: number) =>
  cells >= width ? '无法确定，本行未读取' : `其中 ${cells} 格无法确定，未读取（其余各格在各种读法下一致，已读取）`;
/** A row in words: “（一）予以公开”行, or the table's name where the table is one row (表四). */
const row = (label: string, c: MessageContext) => (label ? `“${label}”行` : table(c));
/** A split's basis in words. */
export const SPLIT_BASIS_TEXT: Record<SplitBasis, string> = {
  table: '与全表勾稽关系相符的唯一拆分',
  row: '本行唯一符合勾稽关系的拆分',
  only: '唯一可能的拆分',
  constraint: '唯一符合表格自身约束的拆分',
};

/** Severity and Chinese message of every import code. */
export const IMPORT_MESSAGES: { [C in ImportCode]: CodeEntry<C> } = {
  E_INPUT_TOO_LARGE: {
    severity: 'error',
    message: (d) =>
      `输入有 ${(d.chars / 1e6).toFixed(1)} 百万字符，超过 ${d.limit / 1e6} 百万字符的上限，未读取：年度报告不会这么长`,
  },
  E_NOTHING_READ: {
    severity: 'error',
    message: () => '没有读到任何统计表数值：这份文件可能不是政府信息公开工作年度报告，或其表格无法识别',
  },
  E_HTML_TOO_DEEP: {
    severity: 'error',
    message: (d) => `网页的标签嵌套超过 ${d.limit} 层，不是正常的网页，未读取`,
  },
  E_TABLE_MISSING: {
    severity: 'error',
    message: (_, c) => {
      const t = c.location.table as TableId;
      return `未找到${TABLE_NAMES[t]}（${TABLE_TITLES[t]}），其单元格均未读取`;
    },
  },
  E_ROW_INCOMPLETE: {
    severity: 'error',
    message: (d, c) =>
      d.ways && d.ways > 1
        ? `${at(c)}：${row(d.label, c)}应有 ${d.expected} 个数值，只找到 ${d.found} 个（空白格在原文中可能被略去），有 ${d.ways} 种对应方式都符合表格的勾稽关系，${unreadTail(d.cells, d.expected)}`
        : `${at(c)}：${row(d.label, c)}应有 ${d.expected} 个数值，只找到 ${d.found} 个，无法确定各自所在的栏，本行未读取`,
  },
  E_SPLIT_NONE: {
    severity: 'error',
    message: (d, c) =>
      d.tooMany
        ? `${at(c)}：${row(d.label, c)}的数字连在一起（${runsOf(d.runs)}），可能的拆分过多，本行未读取`
        : `${at(c)}：${row(d.label, c)}的数字连在一起（${runsOf(d.runs)}），没有一种拆分符合表格的勾稽关系，本行未读取`,
  },
  E_SPLIT_AMBIGUOUS: {
    severity: 'error',
    message: (d, c) =>
      d.checked
        ? `${at(c)}：${row(d.label, c)}的数字连在一起（${runsOf(d.runs)}），有 ${d.ways} 种拆分都符合表格的勾稽关系，${unreadTail(d.cells, d.width)}`
        : `${at(c)}：${row(d.label, c)}的数字连在一起（${runsOf(d.runs)}），此行没有可用来核对的勾稽关系，有 ${d.ways} 种拆分方式，${unreadTail(d.cells, d.width)}`,
  },
  E_READINGS_DISAGREE: {
    severity: 'error',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}既可读作数字连在一起，也可读作空白格被略去，两种读法得出不同的数值（${d.readings.join('；')}），${unreadTail(d.cells, d.width)}`,
  },
  E_COLUMN_UNKNOWN: {
    severity: 'error',
    message: (d, c) => `${at(c)}：${row(d.label, c)}的数值“${d.value}”对不上任何一栏，本行未读取`,
  },
  E_NOT_PRINTED: {
    severity: 'error',
    message: (d, c) => {
      return `${at(c)}：${row(d.label, c)}超出页面，${cellList(d.cells)}没有印出，未读取`;
    },
  },
  E_MARKED_UNREAD: {
    severity: 'error',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}的${cellList(d.cells)}在原文中标为“${UNREAD_CELL_MARK}”，数值不明，未读取：请对照原发布文件补录`,
  },
  E_NEXT_ROW_MISSING: {
    severity: 'error',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}之后的“${d.next}”行在原文中没有找到：${row(d.label, c)}名称下的数值也可能属于“${d.next}”行（其名称缺失，而${row(d.label, c)}整行空白），无法确定，${cellList(d.cells)}未读取`,
  },
  E_ROW_NOT_FOUND: {
    severity: 'error',
    message: (d, c) => `${at(c) ? `${at(c)}：` : ''}未找到${row(d.label, c)}，本行未读取`,
  },
  I_SPLIT_RECOVERED: {
    severity: 'info',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}的数字连在一起（${runsOf(d.runs)}），按${SPLIT_BASIS_TEXT[d.basis]}读作 ${d.split.map((x) => x ?? '空').join('|')}`,
  },
  I_VALUES_PLACED: {
    severity: 'info',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}的数值（${d.values.join(' ')}）少于栏数，空白格在原文中被略去，按${SPLIT_BASIS_TEXT[d.basis]}对应到各栏，其余为空白`,
  },
  I_ROW_BY_ORDER: {
    severity: 'info',
    message: (d, c) => `${at(c)}：这一行缺少行名称，按格式的行序读作“${d.label}”`,
  },
  I_ROW_BLANK: {
    severity: 'info',
    message: (d, c) =>
      `${at(c)}：${row(d.label, c)}只印有行名称、没有任何数值（表中其余数值都已对应到各自的行），读作整行空白`,
  },
  W_NO_YEAR: {
    severity: 'warning',
    message: (d) =>
      d.fromText
        ? `未找到报告标题中的年度，按正文中首次出现的 ${d.year} 年读取`
        : '未找到报告年度，暂按 2021 年读取，请核实',
  },
  E_NO_AGENCY: {
    severity: 'error',
    message: () =>
      '未能从报告标题、引言或落款中识别出发布报告的机关：请指定机关名称（如“××区人民政府”）后再导入，报告中不会填写代替的名称',
  },
  I_AGENCY_SOURCE: {
    severity: 'info',
    message: (d) => `标题中没有机关名称，机关“${d.agency}”取自${d.source === 'preamble' ? '引言' : '落款'}，请核实`,
  },
  I_AGENCY_FULL_NAME: {
    severity: 'info',
    message: (d) =>
      `标题中的机关名称为“${d.title}”，机关取${d.source === 'preamble' ? '引言' : '落款'}中的全称“${d.agency}”，请核实`,
  },
  W_SECTION_MISSING: { severity: 'warning', message: (d) => `未找到“${d.heading}”部分` },
  W_META_DROPPED: { severity: 'warning', message: (d) => `${d.issue}，已略去` },
  W_CELLS_NOT_FOUND: {
    severity: 'warning',
    message: (d, c) =>
      `${table(c)}有 ${d.cells.length} 个单元格未在原文中找到：${d.cells.slice(0, 8).join('、')}${d.cells.length > 8 ? '等' : ''}`,
  },
  W_CELL_BLANK: { severity: 'warning', message: (_, c) => `${cell(c)}为空白，按未填写处理（不计为0）` },
  W_VALUE_PERCENT: {
    severity: 'warning',
    message: (d, c) => `${cell(c)}写作“${c.text}”：件数栏中出现百分号，按 ${d.value} 读取，请核实`,
  },
  W_VALUE_UNIT: {
    severity: 'warning',
    message: (d, c) => `${cell(c)}写作“${c.text}”：件数栏中出现金额单位，按 ${d.value} 读取，请核实`,
  },
  W_VALUE_NEGATIVE: { severity: 'warning', message: (_, c) => `${cell(c)}写作“${c.text}”：此栏不应为负数` },
  W_VALUE_FRACTION: { severity: 'warning', message: (_, c) => `${cell(c)}写作“${c.text}”：件数应为整数` },
  W_VALUES_UNMATCHED: {
    severity: 'warning',
    message: (d, c) =>
      d.more !== undefined
        ? `${table(c)}所在部分另有 ${d.more} 处数值找不到对应的行名称，未读取`
        : `${at(c)}：${table(c)}中的数值“${(c.text ?? '').slice(0, 60)}”找不到对应的行名称，未读取`,
  },
  W_LABEL_APPROXIMATE: {
    severity: 'warning',
    message: (d, c) => `${at(c)}：行名称与格式不完全一致，按位置和相似度读作“${d.label}”`,
  },
  W_T3_BOTH_TEMPLATES: {
    severity: 'warning',
    message: () => '表三同时出现“（六）其他处理”单行和其1—3分项，按2021年格式读取分项',
  },
  I_VALUE_NOT_STATED: { severity: 'info', message: (_, c) => `${cell(c)}写作“${c.text}”，按未填写处理` },
  I_VALUE_ANNOTATED: {
    severity: 'info',
    message: (d, c) => `${cell(c)}写作“${c.text}”：按 ${d.value} 读取，括号内的说明保留在原文中`,
  },
  I_VALUE_YUAN: { severity: 'info', message: (d, c) => `${cell(c)}写作“${c.text}”，按 ${d.wan} 万元读取` },
  I_PAGE_MARK: { severity: 'info', message: (_, c) => `${at(c)}是页码，已略过` },
  I_T3_SUBTOTAL_COLUMN: {
    severity: 'info',
    message: () => '表三有“法人或其他组织小计”一栏（格式中没有），已略过',
  },
};

/** The kind of thing each code reports, as a heading over its diagnostics (e.g. the editor's import preview). */
export const IMPORT_KIND_LABELS: Record<ImportCode, string> = {
  E_INPUT_TOO_LARGE: '文件过大，未读取',
  E_NOTHING_READ: '没有读到统计表',
  E_HTML_TOO_DEEP: '标签嵌套过深、未读取的网页',
  E_NO_AGENCY: '未能识别发布报告的机关',
  E_TABLE_MISSING: '原文中未找到的表',
  E_ROW_INCOMPLETE: '数值少于栏数、未读取的行',
  E_SPLIT_NONE: '数字连在一起、无法拆分的行',
  E_SPLIT_AMBIGUOUS: '数字连在一起、有多种拆分的行',
  E_READINGS_DISAGREE: '两种读法数值不同、未读取的行',
  E_COLUMN_UNKNOWN: '对不上任何一栏的数值',
  E_NOT_PRINTED: '超出页面、原文没有印出的单元格',
  E_MARKED_UNREAD: `原文标为“${UNREAD_CELL_MARK}”的单元格`,
  E_NEXT_ROW_MISSING: '下一行缺失、数值归属无法确定的行',
  E_ROW_NOT_FOUND: '原文中未找到的行',
  I_VALUES_PLACED: '数值少于栏数、已按勾稽关系对应到栏的行',
  I_ROW_BY_ORDER: '缺少行名称、按格式行序对应的行',
  I_ROW_BLANK: '只有行名称、读作整行空白的行',
  W_NO_YEAR: '未找到报告年度',
  W_SECTION_MISSING: '原文中未找到的正文部分',
  W_CELLS_NOT_FOUND: '原文中未找到的单元格',
  W_META_DROPPED: '略去的基本信息',
  W_CELL_BLANK: '原文为空白的单元格（按未填写处理）',
  W_VALUE_PERCENT: '件数栏中带百分号的数值',
  W_VALUE_UNIT: '件数栏中带金额单位的数值',
  W_VALUE_NEGATIVE: '不应为负数的数值',
  W_VALUE_FRACTION: '不是整数的件数',
  W_VALUES_UNMATCHED: '找不到对应行名称的数值',
  W_LABEL_APPROXIMATE: '行名称与格式不完全一致的行',
  W_T3_BOTH_TEMPLATES: '表三两种格式混用',
  I_PAGE_MARK: '略过的页码',
  I_AGENCY_SOURCE: '取自引言或落款的机关名称',
  I_AGENCY_FULL_NAME: '按引言或落款补全的机关名称',
  I_VALUE_NOT_STATED: '写作“—”“无”等、按未填写处理的单元格',
  I_VALUE_ANNOTATED: '带括号说明的数值',
  I_VALUE_YUAN: '以元为单位、已换算为万元的金额',
  I_SPLIT_RECOVERED: '数字连在一起、已按勾稽关系拆分的行',
  I_T3_SUBTOTAL_COLUMN: '略过的小计栏',
};

/** How much of its tables an import read, as a person reads it. */
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  complete: '完整读取',
  partial: '部分读取',
  none: '未读取',
};

/** Every import code, in the order of `IMPORT_MESSAGES`. */
export const IMPORT_CODES = Object.keys(IMPORT_MESSAGES) as ImportCode[];

// Every reason a cell is not read is an import code with its own message.
UNREAD_REASONS satisfies readonly ImportCode[];
const _reasonIsCode: UnreadReason extends ImportCode ? true : never = true;
void _reasonIsCode;

/** One diagnostic of a given code: data first (code, location, text, data), the Chinese message last. */
export interface ImportDiagnosticOf<C extends ImportCode> {
  code: C;
  severity: ImportSeverity;
  location: SourceLocation;
  /** The source text concerned, as written. */
  text?: string;
  data: ImportDiagnosticData[C];
  message: string;
}

/** Something the importer noticed, of any code (narrow on `code` to reach its `data`). */
export type ImportDiagnostic = { [C in ImportCode]: ImportDiagnosticOf<C> }[ImportCode];

/** Build a diagnostic: its severity and message come from `IMPORT_MESSAGES`. */
export function importDiagnostic<C extends ImportCode>(
  code: C,
  location: SourceLocation,
  data: ImportDiagnosticData[C],
  text?: string,
): ImportDiagnosticOf<C> {
  const entry = IMPORT_MESSAGES[code] as CodeEntry<C>;
  const d: ImportDiagnosticOf<C> = {
    code,
    severity: entry.severity,
    location,
    data,
    message: entry.message(data, text === undefined ? { location } : { location, text }),
  };
  if (text !== undefined) d.text = text;
  return d;
}
