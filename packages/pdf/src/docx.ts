import { type Block, REPORT_TITLE_SUFFIX } from '@nianbao/core';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  ImportedXmlComponent,
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
import { type DocCell, type DocModel, type DocSignature, type DocTable, documentModel } from './document.js';
import { DRAFT_MARK } from './watermark.js';

/** Options of `renderDocx` (the Word file takes only these of `RenderOptions`). */
export interface DocxOptions {
  /** A light 草稿 watermark on every page, for a report that is not yet published. Default false. */
  draft?: boolean;
}

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

// Font names as Chinese Word installations know them (GB/T 9704 practice: body 仿宋, 一级标题 黑体, 二级标题 楷体,
// title 小标宋 — 宋体 where that is missing, tables 宋体); Word substitutes where one is missing.
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const FANGSONG = font('仿宋');
const SERIF = font('宋体');
const SANS = font('黑体');
const KAI = font('楷体');

/** Paragraph styles named as the official levels (Word shows these names in its style list). */
const STYLE = {
  title: { id: 'GongwenTitle', name: '公文标题' },
  level1: { id: 'Level1Heading', name: '一级标题' },
  level2: { id: 'Level2Heading', name: '二级标题' },
  table: { id: 'TableText', name: '表格文字' },
  tableNote: { id: 'TableNote', name: '表注' },
  signature: { id: 'Signature', name: '落款' },
  note: { id: 'Annotation', name: '附注' },
} as const;

function paragraph(b: Block): Paragraph {
  return new Paragraph({ text: b.text, ...(b.kind === 'heading' ? { style: STYLE.level2.id } : {}) });
}

function cell(c: DocCell, size: number, width: number, keepNext: boolean): TableCell {
  const left = c.style === 'label' || c.style === 'note';
  // The 未读取 mark smaller, so it stays on one line in the narrowest column (表四).
  const run: IRunOptions = { text: c.text, size: Math.round(size * (c.style === 'unread' ? 1.5 : 2)) };
  return new TableCell({
    children: [
      new Paragraph({
        style: STYLE.table.id,
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        keepNext,
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

/**
 * Rows never split; header rows repeat; every row is kept with the next except where the document model
 * allows a break, so Word breaks a table only there (three rows at least on each side, merged groups and
 * 表二's captions with their rows).
 */
function table(t: DocTable): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const breaks = new Set([...t.breaks, ...t.softBreaks, t.bodyRows.length]);
  const rowOf = (cells: DocCell[], header: boolean, keepNext: boolean): TableRow => {
    const out = cells.map((c) => {
      const width = widths.slice(c.x, c.x + c.colSpan).reduce((a, b) => a + b, 0);
      return cell(c, t.size, width, keepNext);
    });
    return new TableRow({ children: out, cantSplit: true, ...(header ? { tableHeader: true } : {}) });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      ...t.headerRows.map((r) => rowOf(r, true, true)),
      ...t.bodyRows.map((r, i) => rowOf(r, false, !breaks.has(i + 1))),
    ],
  });
}

/** Width of a line in characters of the body size (ASCII takes half). */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

/**
 * 发文机关署名 and 成文日期 as in the PDF (GB/T 9704 7.3.5.2): right-aligned, the agency right-spaced two
 * characters, the date two characters right of its start; 附注 under them, indented two characters.
 */
function signature(s: DocSignature): Paragraph[] {
  const em = BODY_PT * 20;
  const wa = Math.max(...s.agencies.map(widthOf));
  const wd = s.date ? widthOf(s.date) : 0;
  const block = Math.max(wa, wd + 2);
  const line = (text: string, right: number) =>
    new Paragraph({
      style: STYLE.signature.id,
      indent: { firstLine: 0, right: Math.round(right * em) },
      children: [new TextRun(text)],
    });
  const out = [new Paragraph({ text: '', keepNext: true })];
  out.push(...s.agencies.map((a) => line(a, 2 + block - widthOf(a))));
  if (s.date) out.push(line(s.date, block - wd));
  if (s.note) out.push(new Paragraph({ style: STYLE.note.id, text: s.note }));
  return out;
}

// Word's own watermark: a VML text shape in the page header, behind the text, centred on the page.
const WATERMARK_SHAPE_TYPE = `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>`;

function watermarkHeader(n: number): Header {
  const xml = `<w:r><w:pict>${WATERMARK_SHAPE_TYPE}<v:shape id="PowerPlusWaterMarkObject${n}" o:spid="_x0000_s20${48 + n}" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:340pt;height:170pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#e8e8e8" stroked="f"><v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt" string="${DRAFT_MARK}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>`;
  // The run is the first child of the parsed fragment's wrapper.
  const run = (ImportedXmlComponent.fromXmlString(xml) as unknown as { root: Paragraph[] }).root[0]!;
  return new Header({ children: [new Paragraph({ indent: { firstLine: 0 }, children: [run as unknown as TextRun] })] });
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
  if (width <= TEXT_WIDTH / (22 * 20)) return new Paragraph({ text: model.title, style: STYLE.title.id });
  const [first, second] = model.titleLines;
  return new Paragraph({
    style: STYLE.title.id,
    children: [new TextRun(first), new TextRun({ text: second, break: 1 })],
  });
}

function wordDocument(model: DocModel, options: DocxOptions): Document {
  const children: (Paragraph | Table)[] = [titleParagraph(model), ...model.preamble.map(paragraph)];
  for (const s of model.sections) {
    children.push(new Paragraph({ text: s.heading, style: STYLE.level1.id }));
    children.push(...s.blocks.map(paragraph));
    if (s.table) {
      children.push(table(s.table));
      if (s.table.note)
        children.push(
          new Paragraph({
            style: STYLE.tableNote.id,
            children: [new TextRun({ text: s.table.note, size: s.table.size * 2 })],
          }),
        );
      children.push(new Paragraph({ text: '' }));
    }
  }
  children.push(...signature(model.signature));
  const heading = { keepNext: true, keepLines: true, spacing: { ...LINE, before: 0, after: 0 }, indent: INDENT };
  const style = (s: { id: string; name: string }, run: IRunOptions, paragraph: object) => ({
    id: s.id,
    name: s.name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { color: '000000', ...run },
    paragraph,
  });
  return new Document({
    creator: model.agency,
    lastModifiedBy: model.agency,
    title: model.title,
    subject: REPORT_TITLE_SUFFIX,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: BODY_PT * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { alignment: AlignmentType.BOTH, spacing: { ...LINE, before: 0, after: 0 }, indent: INDENT },
        },
      },
      paragraphStyles: [
        style(
          STYLE.title,
          { font: SERIF, size: 44, bold: true },
          {
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0 },
            spacing: { line: 40 * 20, lineRule: LineRuleType.AT_LEAST, after: 29 * 20 },
          },
        ),
        // Outline levels put the two heading levels in Word's navigation pane.
        style(STYLE.level1, { font: SANS, size: BODY_PT * 2 }, { ...heading, outlineLevel: 0 }),
        style(STYLE.level2, { font: KAI, size: BODY_PT * 2 }, { ...heading, outlineLevel: 1 }),
        style(
          STYLE.table,
          { font: SERIF },
          { indent: { firstLine: 0 }, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        ),
        style(STYLE.tableNote, { font: SERIF }, { alignment: AlignmentType.LEFT, indent: { firstLine: 0 } }),
        style(STYLE.signature, {}, { alignment: AlignmentType.RIGHT, keepNext: true, keepLines: true }),
        style(STYLE.note, {}, {}),
      ],
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        ...(options.draft ? { headers: { default: watermarkHeader(1), even: watermarkHeader(2) } } : {}),
        footers: { default: footer(AlignmentType.RIGHT), even: footer(AlignmentType.LEFT) },
        children,
      },
    ],
  });
}

/**
 * The report as an editable Word file (.docx): paragraph styles named as the official levels (公文标题, 一级标题
 * for the six sections, 二级标题, 正文), the three tables as real Word tables with the official merged cells,
 * rows that never split and repeated header rows, the signature block, and with `draft` a 草稿 watermark.
 * `report` may be any value: it is checked first; throws `RenderError` on an invalid report.
 */
export async function renderDocx(report: unknown, options: DocxOptions = {}): Promise<Uint8Array> {
  const model = documentModel(report);
  const buf = await Packer.toBuffer(wordDocument(model, options));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
