import {
  type Block,
  formatNumber,
  type GridCell,
  parseReport,
  type Report,
  reportLayouts,
  reportTitle,
  SECTION_TABLE,
  SECTIONS,
  type SectionKey,
  type TableId,
  type TableLayout,
  type TemplateVersion,
} from '@nianbao/core';
import { RenderError } from './errors.js';

/** How a table cell is drawn. */
export type CellStyle = 'head' | 'note' | 'vertical' | 'label' | 'value';

/** A drawn table cell: the layout's cell with its text resolved (values formatted, blanks empty). */
export interface DocCell {
  text: string;
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
}

export interface DocSection {
  key: SectionKey;
  heading: string;
  blocks: Block[];
  table?: DocTable;
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

function docCell(cell: GridCell, cells: Report['cells']): DocCell {
  if (cell.type === 'value') {
    const v = cells[cell.cellId];
    // Blank is not 0: a cell the report does not state prints empty.
    const text = v === null || v === undefined ? '' : formatNumber(v);
    return { text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, style: 'value', cellId: cell.cellId };
  }
  const style: CellStyle = cell.note ? 'note' : cell.vertical ? 'vertical' : cell.header ? 'head' : 'label';
  return { text: cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, style };
}

function docTable(layout: TableLayout, cells: Report['cells']): DocTable {
  return {
    table: layout.table,
    version: layout.version,
    columns: layout.columns,
    widths: WIDTHS[layout.table](layout.columns),
    size: SIZES[layout.table],
    headerRows: layout.headerRows.map((r) => r.map((c) => docCell(c, cells))),
    bodyRows: layout.bodyRows.map((r) => r.map((c) => docCell(c, cells))),
  };
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
    if (table) section.table = docTable(tables.get(table)!, report.cells);
    return section;
  });
  const model: DocModel = {
    title: reportTitle(agency, report.meta.year),
    titleLines: [agency, reportTitle(agency, report.meta.year).slice(agency.length)],
    agency,
    year: report.meta.year,
    date: report.meta.publishedAt ? (report.meta.publishedAt.split('-').map(Number) as [number, number, number]) : null,
    preamble: cleanBlocks(report.preamble),
    sections,
  };
  let size = model.title.length;
  for (const b of [...model.preamble, ...sections.flatMap((s) => [{ text: s.heading }, ...s.blocks])])
    size += b.text.length;
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
    }
  }
  return out;
}
