import {
  type Block,
  type CellDef,
  cellStatus,
  formatNumber,
  type GridCell,
  parseReport,
  placeGrid,
  type Report,
  reportLayouts,
  reportTitle,
  SECTION_TABLE,
  SECTIONS,
  type SectionKey,
  type TableId,
  type TableLayout,
  type TemplateVersion,
  UNREAD_CELL_MARK,
  UNREAD_CELL_NOTE,
} from '@nianbao/core';
import { RenderError } from './errors.js';

/** How a table cell is drawn: `unread` is a value cell the import could not read, printed with `UNREAD_CELL_MARK`. */
export type CellStyle = 'head' | 'note' | 'vertical' | 'label' | 'value' | 'unread';

/**
 * A drawn table cell: the layout's cell with its text resolved (values formatted, the agency's blanks empty, a
 * cell not read `UNREAD_CELL_MARK`).
 */
export interface DocCell {
  text: string;
  /** Grid column of the cell's first column (0-based). */
  x: number;
  colSpan: number;
  rowSpan: number;
  style: CellStyle;
  cellId?: string;
}

export interface DocTable {
  table: TableId;
  version: TemplateVersion;
  columns: number;
  /** Relative column widths. */
  widths: number[];
  /** Font size in points. */
  size: number;
  headerRows: DocCell[][];
  bodyRows: DocCell[][];
  /**
   * Where the table may break across pages: indices of body rows a new page may start with. At least three
   * body rows stay on each side, a merged label keeps all its rows together, and a caption or header row
   * inside the body (表二's 第二十条… and 信息内容 rows) stays with the rows under it.
   */
  breaks: number[];
  /**
   * Further break points inside a vertical merged group (三、本年度办理结果), used only when the group
   * cannot fit on one page: at least three of the group's rows stay on each side.
   */
  softBreaks: number[];
  /** Printed under the table when a cell of it is marked not read (`UNREAD_CELL_NOTE`), else null. */
  note: string | null;
}

export interface DocSection {
  key: SectionKey;
  heading: string;
  blocks: Block[];
  table?: DocTable;
}

/** The signature block that closes the report (GB/T 9704 发文机关署名, 成文日期, 附注). */
export interface DocSignature {
  /** Agencies signing: the report's own closing lines, else its agency. */
  agencies: string[];
  /** 成文日期 as 2025年1月20日, from the report's closing line or its publication date; null when it states none. */
  date: string | null;
  /** （此件主动公开） or the like, where the report states it. */
  note: string | null;
}

/** Everything a renderer draws, already checked and cleaned. Shared by the PDF and the Word output. */
export interface DocModel {
  title: string;
  /**
   * The title cut where GB/T 9704 would break it when it needs two lines: after the agency, so the year and
   * 政府信息公开工作年度报告 stay on one line.
   */
  titleLines: [string, string];
  agency: string;
  year: number;
  /** Publication date, if the report states one: [year, month, day]. */
  date: [number, number, number] | null;
  preamble: Block[];
  sections: DocSection[];
  signature: DocSignature;
}

/** Upper bound of the text of one report, in characters (about 1 500 pages of body text). */
export const MAX_TEXT_CHARS = 1_000_000;

// Column widths are presentation only; labels, spans and cells come from core's layouts.
const WIDTHS: Record<TableId, (columns: number) => number[]> = {
  t2: (n) => [1.5, ...Array<number>(n - 1).fill(1)],
  t3: (n) => [0.5, 1.6, 4.1, ...Array<number>(n - 3).fill(1)],
  t4: (n) => Array<number>(n).fill(1),
};
const SIZES: Record<TableId, number> = { t2: 10.5, t3: 10.5, t4: 9 };

// C0/C1 controls (tab and line feed are turned into spaces and paragraph breaks first), format
// characters such as zero-width spaces and bidi overrides, lone surrogates and noncharacters.
const INVISIBLE = /(?!\n)[\p{Cc}\p{Cf}\p{Cs}\uFFFE\uFFFF]/gu;

/** Text as it can be typeset: tabs become spaces, invisible and control characters are dropped. */
export function cleanText(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .replace(/\r\n?|[\v\f\x85\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '');
}

function cleanLine(text: string): string {
  return cleanText(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** Blocks with clean text; a paragraph holding line breaks becomes one paragraph per line. */
function cleanBlocks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const text = cleanLine(b.text);
      if (text) out.push({ kind: 'heading', text });
      continue;
    }
    for (const line of cleanText(b.text).split('\n')) {
      const text = line.trim();
      if (text) out.push({ kind: 'paragraph', text });
    }
  }
  return out;
}

/**
 * A money amount in 万元 as the report gave it: its own decimals ("0.50" stays "0.50") when its text states the
 * same number, never with thousands separators; the unit added where the column's label does not print it
 * (2019 采购总金额). An amount the report wrote in 元 was converted on import because the report said so.
 */
function moneyText(value: number, def: CellDef, source: string | undefined): string {
  let text = formatNumber(value);
  const own = source?.replace(/[\s,，]/g, '').replace(/(万元|万)$/, '');
  if (own && /^[+-]?\d+(\.\d+)?$/.test(own) && Number(own) === value) text = own.replace(/^\+/, '');
  return def.unit && !def.columnLabel.includes(def.unit) ? `${text}${def.unit}` : text;
}

function docCell(cell: GridCell, x: number, report: Report, defs: Map<string, CellDef>): DocCell {
  if (cell.type === 'value') {
    const v = report.cells[cell.cellId];
    const def = defs.get(cell.cellId);
    // Blank is not 0: a cell the report does not state prints empty; one the import could not read says so.
    if (cellStatus(report, cell.cellId) === 'unread')
      return {
        text: UNREAD_CELL_MARK,
        x,
        colSpan: cell.colSpan,
        rowSpan: cell.rowSpan,
        style: 'unread',
        cellId: cell.cellId,
      };
    let text = '';
    if (v !== null && v !== undefined)
      text = def?.kind === 'money' ? moneyText(v, def, report.cellText?.[cell.cellId]) : formatNumber(v);
    return { text, x, colSpan: cell.colSpan, rowSpan: cell.rowSpan, style: 'value', cellId: cell.cellId };
  }
  const style: CellStyle = cell.note ? 'note' : cell.vertical ? 'vertical' : cell.header ? 'head' : 'label';
  return { text: cell.text, x, colSpan: cell.colSpan, rowSpan: cell.rowSpan, style };
}

/** Rows of cells with their grid columns, placed by core's placeGrid. */
function placeRows(layout: TableLayout, part: 'header' | 'body', report: Report, defs: Map<string, CellDef>) {
  return placeGrid(layout, part).rows.map((row) => row.map((p) => docCell(p.cell, p.col, report, defs)));
}

/** Fewest body rows a page holds of a table that breaks, before and after the break. */
export const MIN_ROWS_AT_BREAK = 3;

function breakPoints(rows: DocCell[][]): { breaks: number[]; softBreaks: number[] } {
  const n = rows.length;
  const breaks: number[] = [];
  const softBreaks: number[] = [];
  const heads = rows.map((row) => row.every((c) => c.style === 'head'));
  const blocks = heads.some(Boolean);
  for (let k = MIN_ROWS_AT_BREAK; k <= n - MIN_ROWS_AT_BREAK; k++) {
    // A caption or header row stays with the rows it heads; a table of captioned blocks (表二) breaks only
    // between blocks.
    if (heads[k - 1] || (blocks && !heads[k])) continue;
    let hard = true;
    let soft = true;
    rows.forEach((row, r) => {
      for (const c of row) {
        const end = r + c.rowSpan;
        if (r >= k || end <= k) continue;
        hard = false;
        if (c.style !== 'vertical' || k - r < MIN_ROWS_AT_BREAK || end - k < MIN_ROWS_AT_BREAK) soft = false;
      }
    });
    if (hard) breaks.push(k);
    else if (soft) softBreaks.push(k);
  }
  return { breaks, softBreaks };
}

function docTable(layout: TableLayout, report: Report): DocTable {
  const defs = new Map(layout.cells.map((d) => [d.id, d]));
  const bodyRows = placeRows(layout, 'body', report, defs);
  return {
    table: layout.table,
    version: layout.version,
    columns: layout.columns,
    widths: WIDTHS[layout.table](layout.columns),
    size: SIZES[layout.table],
    headerRows: placeRows(layout, 'header', report, defs),
    bodyRows,
    ...breakPoints(bodyRows),
    note: bodyRows.some((row) => row.some((c) => c.style === 'unread')) ? UNREAD_CELL_NOTE : null,
  };
}

const ORGANISATION =
  /(人民政府|办公室|办公厅|办事处|委员会|管理委员会|局|厅|委|部|院|署|中心|街道|镇|乡|所|站|处|会|队|馆|社)$/;
const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function chineseNumber(s: string): number {
  if (s.includes('十')) {
    const [tens, ones] = s.split('十') as [string, string];
    return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
  }
  return Number([...s].map((c) => CN_DIGITS[c] ?? c).join(''));
}

/** A closing date line (2025年1月20日, 2025-01-20, 二〇二五年一月二十日) as [year, month, day]. */
function dateLine(text: string): [number, number, number] | null {
  const t = text.replace(/\s+/g, '');
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t) ?? /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(t);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(t);
  if (m) return [chineseNumber(m[1]!.replace(/○/g, '〇')), chineseNumber(m[2]!), chineseNumber(m[3]!)];
  return null;
}

/** 成文日期 as GB/T 9704 writes it: Arabic numerals, the year in full, no leading zeros. */
export function fullDate([y, m, d]: [number, number, number]): string {
  return `${y}年${m}月${d}日`;
}

/**
 * The signature lines a report's text ends with (agency, date, （此件主动公开）), taken out of the last
 * section so they print once, as a signature block.
 */
function takeSignature(
  sections: DocSection[],
  agency: string,
  published: [number, number, number] | null,
): DocSignature {
  const last = sections.at(-1)!;
  const blocks = last.blocks;
  let end = blocks.length;
  const text = (i: number) => (blocks[i]?.kind === 'paragraph' ? blocks[i]!.text.trim() : '');
  let note: string | null = null;
  let date: [number, number, number] | null = null;
  const agencies: string[] = [];
  if (/^[（(]\s*此件.{0,6}公开.{0,4}[）)]$/.test(text(end - 1))) {
    note = `（${text(end - 1).replace(/^[（(]\s*|\s*[）)]$/g, '')}）`;
    end--;
  }
  const d = dateLine(text(end - 1));
  if (d) {
    date = d;
    end--;
  }
  const squashed = agency.replace(/\s+/g, '');
  while (end > 0 && agencies.length < 3) {
    const t = text(end - 1).replace(/\s+/g, '');
    const isAgency = t === squashed || (t.length <= 40 && !/[。，；：！？、,.;:!?]/.test(t) && ORGANISATION.test(t));
    if (!t || !isAgency || (!date && !note && t !== squashed)) break;
    agencies.unshift(t);
    end--;
  }
  if (date || note || agencies.length) last.blocks = blocks.slice(0, end);
  const when = date ?? published;
  return { agencies: agencies.length ? agencies : [agency], date: when ? fullDate(when) : null, note };
}

/** Check a report (any value) and turn it into what the renderers draw; throws RenderError. */
export function documentModel(input: unknown): DocModel {
  const parsed = parseReport(input);
  if (!parsed.ok) {
    throw new RenderError(
      'E_INVALID_REPORT',
      '报告数据无效，无法生成文件：',
      parsed.issues.map((i) => `${i.message}（${i.code}）`),
    );
  }
  const report = parsed.report;
  const agency = cleanLine(report.meta.agency);
  if (!agency)
    throw new RenderError('E_INVALID_REPORT', '报告数据无效，无法生成文件：', [
      '基本信息 › 机关名称：不能为空（E_SCHEMA_TOO_SMALL）',
    ]);

  const tables = new Map(reportLayouts(report.meta.formats).map((l) => [l.table, l]));
  const byKey = new Map(report.sections.map((s) => [s.key, s]));
  const sections: DocSection[] = SECTIONS.map((def) => {
    const own = byKey.get(def.key);
    const heading = (own && cleanLine(own.heading)) || def.heading;
    const section: DocSection = { key: def.key, heading, blocks: cleanBlocks(own?.blocks ?? []) };
    const table = SECTION_TABLE[def.key];
    if (table) section.table = docTable(tables.get(table)!, report);
    return section;
  });
  const published = report.meta.publishedAt
    ? (report.meta.publishedAt.split('-').map(Number) as [number, number, number])
    : null;
  const signature = takeSignature(sections, agency, published);
  const model: DocModel = {
    title: reportTitle(agency, report.meta.year),
    titleLines: [agency, reportTitle(agency, report.meta.year).slice(agency.length)],
    agency,
    year: report.meta.year,
    date: published,
    preamble: cleanBlocks(report.preamble),
    sections,
    signature,
  };
  let size = model.title.length;
  for (const b of [...model.preamble, ...sections.flatMap((s) => [{ text: s.heading }, ...s.blocks])])
    size += b.text.length;
  for (const t of [...signature.agencies, signature.date ?? '', signature.note ?? '']) size += t.length;
  if (size > MAX_TEXT_CHARS) {
    throw new RenderError('E_TOO_LARGE', `报告文字过长（${size} 字），超过 ${MAX_TEXT_CHARS} 字上限，请删减正文后重试`);
  }
  return model;
}

/** Where a piece of text sits, in words a person finds it by. */
export interface TextPlace {
  text: string;
  where: string;
  /** Which face draws it. */
  role: 'title' | 'heading' | 'subheading' | 'body';
}

/** Every piece of text of a document with its place, in reading order. */
export function textPlaces(model: DocModel): TextPlace[] {
  const out: TextPlace[] = [{ text: model.title, where: '标题', role: 'title' }];
  const blocks = (blocks: Block[], where: string) => {
    let para = 0;
    let head = 0;
    for (const b of blocks) {
      if (b.kind === 'heading') out.push({ text: b.text, where: `${where}第${++head}个小标题`, role: 'subheading' });
      else out.push({ text: b.text, where: `${where}第${++para}段`, role: 'body' });
    }
  };
  blocks(model.preamble, '引言');
  for (const s of model.sections) {
    out.push({ text: s.heading, where: `“${s.heading}”标题`, role: 'heading' });
    blocks(s.blocks, `“${s.heading}”`);
    if (s.table) {
      for (const row of [...s.table.headerRows, ...s.table.bodyRows]) {
        for (const c of row) if (c.text) out.push({ text: c.text, where: `“${s.heading}”表格`, role: 'body' });
      }
      if (s.table.note) out.push({ text: s.table.note, where: `“${s.heading}”表格注`, role: 'body' });
    }
  }
  const { agencies, date, note } = model.signature;
  for (const text of [...agencies, date ?? '', note ?? '']) if (text) out.push({ text, where: '落款', role: 'body' });
  return out;
}
