import { formatNumber, type Report, reportTitle, SECTIONS, type TableLayout } from '@nianbao/core';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { RenderError, renderDocx } from '../src/index.js';
import { fixture, layoutsOf } from './helpers.js';

interface HtmlCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  th: boolean;
}

const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** Tables of mammoth's HTML as rows of cells, and how many rows sit in <thead>. */
function htmlTables(html: string): { head: number; rows: HtmlCell[][] }[] {
  return [...html.matchAll(/<table>(.*?)<\/table>/gs)].map(([, table]) => {
    const head = /<thead>(.*?)<\/thead>/s.exec(table!)?.[1]?.match(/<tr>/g)?.length ?? 0;
    const rows = [...table!.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
      [...row!.matchAll(/<(t[dh])([^>]*)>(.*?)<\/t[dh]>/gs)].map(([, tag, attrs, body]) => ({
        text: strip(body!),
        colSpan: Number(/colspan="(\d+)"/.exec(attrs!)?.[1] ?? 1),
        rowSpan: Number(/rowspan="(\d+)"/.exec(attrs!)?.[1] ?? 1),
        th: tag === 'th',
      })),
    );
    return { head, rows };
  });
}

/** The table as the official layout draws it, with the report's values (blank cells empty). */
function expectedRows(layout: TableLayout, cells: Report['cells']): Omit<HtmlCell, 'th'>[][] {
  return [...layout.headerRows, ...layout.bodyRows].map((row) =>
    row.map((c) => {
      const v = c.type === 'value' ? cells[c.cellId] : null;
      const text = c.type === 'label' ? c.text : v === null || v === undefined ? '' : formatNumber(v);
      return { text, colSpan: c.colSpan, rowSpan: c.rowSpan };
    }),
  );
}

async function open(report: Report) {
  const bytes = await renderDocx(report);
  const buffer = Buffer.from(bytes);
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const zip = await JSZip.loadAsync(buffer);
  const file = (name: string) => zip.file(name)!.async('string');
  return { html, file };
}

describe.each([
  ['seed', 'the seed (2019 table shapes, one blank cell)'],
  ['huaian-2024', 'a 2021 report with varied numbers'],
])('renderDocx: %s', (name, _what) => {
  const report = fixture(name);
  let doc: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    doc = await open(report);
  });

  it('holds the three tables as real Word tables, merged cells and values as the official layout', () => {
    const tables = htmlTables(doc.html);
    const layouts = layoutsOf(report);
    expect(tables).toHaveLength(3);
    tables.forEach((t, i) => {
      const layout = layouts[i]!;
      expect(
        t.rows.map((r) => r.map(({ text, colSpan, rowSpan }) => ({ text, colSpan, rowSpan }))),
        layout.name,
      ).toEqual(expectedRows(layout, report.cells));
      // Header rows are marked to repeat when Word breaks the table across pages.
      expect(t.head, layout.name).toBe(layout.headerRows.length);
    });
  });

  it('sets the merged 三、本年度办理结果 label in vertical text', async () => {
    const xml = await doc.file('word/document.xml');
    const cell =
      /<w:tc>(?:(?!<\/w:tc>).)*三、本年度办理结果.*?<\/w:tc>/s.exec(
        xml.slice(xml.lastIndexOf('<w:tc>', xml.indexOf('三、本年度办理结果'))),
      )?.[0] ?? '';
    expect(cell).toContain('<w:textDirection w:val="tbRl"/>');
    expect(cell).toContain('<w:vMerge w:val="restart"/>');
  });

  it('uses Word heading styles: 标题 1 for the six sections, 标题 2 for sub-headings', () => {
    const h1 = [...doc.html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => strip(m[1]!));
    expect(h1).toEqual(SECTIONS.map((s) => report.sections.find((r) => r.key === s.key)?.heading ?? s.heading));
    const subheadings = [...report.preamble, ...report.sections.flatMap((s) => s.blocks)]
      .filter((b) => b.kind === 'heading')
      .map((b) => b.text);
    const h2 = [...doc.html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => strip(m[1]!));
    expect(h2).toEqual(subheadings);
  });

  it('carries title, author and language, A4 page setup and page numbers', async () => {
    const core = await doc.file('docProps/core.xml');
    expect(core).toContain(`<dc:title>${reportTitle(report.meta.agency, report.meta.year)}</dc:title>`);
    expect(core).toContain(`<dc:creator>${report.meta.agency}</dc:creator>`);
    expect(await doc.file('word/styles.xml')).toContain('w:eastAsia="zh-CN"');
    const body = await doc.file('word/document.xml');
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const footers = (await Promise.all([doc.file('word/footer1.xml'), doc.file('word/footer2.xml')])).join('');
    expect(footers).toContain('PAGE');
  });
});

describe('renderDocx: title', () => {
  it('breaks a title too long for one line after the agency', async () => {
    const report = fixture('huaian-2024');
    const xml = await (await open(report)).file('word/document.xml');
    const rest = reportTitle(report.meta.agency, report.meta.year).slice(report.meta.agency.length);
    expect(xml).toContain(
      `<w:t xml:space="preserve">${report.meta.agency}</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">${rest}</w:t>`,
    );
  });
});

describe('renderDocx: bad input', () => {
  it('refuses an invalid cell with a code naming it', async () => {
    const report = fixture('seed') as unknown as { cells: Record<string, unknown> };
    report.cells['t2.rules.newlyMade'] = -Infinity;
    await expect(renderDocx(report)).rejects.toThrow(RenderError);
    await expect(renderDocx(report)).rejects.toMatchObject({
      code: 'E_INVALID_REPORT',
      message: expect.stringContaining('t2.rules.newlyMade'),
    });
  });

  it('keeps XML-special and control characters out of the file’s structure', async () => {
    const report = fixture('seed');
    report.sections[0]!.blocks = [{ kind: 'paragraph', text: '<w:p>&amp; "引号"\u0001\u000B结束' }];
    const { html } = await open(report);
    expect(html).toContain('&lt;w:p&gt;&amp;amp; "引号"');
    expect(strip(html)).toContain('<w:p>&amp; "引号"');
    expect(strip(html)).toContain('结束');
  });
});
