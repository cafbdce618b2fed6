import { type Block, REPORT_TITLE_SUFFIX } from '@nianbao/core';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type DocCell, type DocModel, type DocTable, documentModel } from './document.js';

// Word measures in twips (1/20 pt) and half-points. Page setup as in the PDF (GB/T 9704).
const MM = 56.6929;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_PT = 16;
const LINE = { line: 29 * 20, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 2 * BODY_PT * 20 };

// Font names as Chinese Word installations know them; Word substitutes where one is missing.
const SERIF = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const SANS = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

function paragraph(b: Block): Paragraph {
  if (b.kind === 'heading') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 });
  return new Paragraph({ text: b.text });
}

function cell(c: DocCell, size: number, width: number): TableCell {
  const left = c.style === 'label' || c.style === 'note';
  const run: IRunOptions = { text: c.text, size: size * 2 };
  return new TableCell({
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        indent: { firstLine: 0 },
        children: c.text ? [new TextRun(run)] : [],
      }),
    ],
    columnSpan: c.colSpan,
    rowSpan: c.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: width, type: WidthType.DXA },
    margins: { left: 60, right: 60, top: 40, bottom: 40 },
    ...(c.style === 'vertical' ? { textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT } : {}),
  });
}

function table(t: DocTable): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  // Each drawn row skips the grid columns still covered by a row span from above.
  const covered: number[] = new Array<number>(t.columns).fill(0);
  const rowOf = (cells: DocCell[], header: boolean): TableRow => {
    const out: TableCell[] = [];
    let col = 0;
    for (const c of cells) {
      while (covered[col]! > 0) col++;
      const width = widths.slice(col, col + c.colSpan).reduce((a, b) => a + b, 0);
      out.push(cell(c, t.size, width));
      for (let i = col; i < col + c.colSpan; i++) covered[i] = c.rowSpan;
      col += c.colSpan;
    }
    for (let i = 0; i < covered.length; i++) covered[i] = Math.max(0, covered[i]! - 1);
    return new TableRow({ children: out, cantSplit: true, ...(header ? { tableHeader: true } : {}) });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [...t.headerRows.map((r) => rowOf(r, true)), ...t.bodyRows.map((r) => rowOf(r, false))],
  });
}

function footer(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: { left: 280, right: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: SERIF })],
      }),
    ],
  });
}

/** Word cannot be asked how wide a line is: a title over a line of 2号 characters breaks after the agency. */
function titleParagraph(model: DocModel): Paragraph {
  const width = [...model.title].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);
  if (width <= TEXT_WIDTH / (22 * 20)) return new Paragraph({ text: model.title, heading: HeadingLevel.TITLE });
  const [first, second] = model.titleLines;
  return new Paragraph({
    heading: HeadingLevel.TITLE,
    children: [new TextRun(first), new TextRun({ text: second, break: 1 })],
  });
}

function wordDocument(model: DocModel): Document {
  const children: (Paragraph | Table)[] = [titleParagraph(model), ...model.preamble.map(paragraph)];
  for (const s of model.sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    children.push(...s.blocks.map(paragraph));
    if (s.table) {
      children.push(table(s.table));
      children.push(new Paragraph({ text: '' }));
    }
  }
  const heading = { keepNext: true, keepLines: true, spacing: { ...LINE, before: 0, after: 0 }, indent: INDENT };
  return new Document({
    creator: model.agency,
    lastModifiedBy: model.agency,
    title: model.title,
    subject: REPORT_TITLE_SUFFIX,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: SERIF, size: BODY_PT * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { alignment: AlignmentType.BOTH, spacing: { ...LINE, before: 0, after: 0 }, indent: INDENT },
        },
        title: {
          run: { font: SERIF, size: 44, bold: true, color: '000000' },
          paragraph: {
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0 },
            spacing: { line: 40 * 20, lineRule: LineRuleType.AT_LEAST, after: 29 * 20 },
          },
        },
        heading1: { run: { font: SANS, size: BODY_PT * 2, bold: false, color: '000000' }, paragraph: heading },
        heading2: { run: { font: SERIF, size: BODY_PT * 2, bold: true, color: '000000' }, paragraph: heading },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: { default: footer(AlignmentType.RIGHT), even: footer(AlignmentType.LEFT) },
        children,
      },
    ],
  });
}

/**
 * The report as an editable Word file (.docx): headings in Word heading styles (标题 1 for the six
 * sections), the three tables as real Word tables with the official merged cells and repeated header rows.
 * `report` may be any value: it is checked first; throws `RenderError` on an invalid report.
 */
export async function renderDocx(report: unknown): Promise<Uint8Array> {
  const model = documentModel(report);
  const buf = await Packer.toBuffer(wordDocument(model));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
