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

/** The table as the official layout draws it, with the report's values (blank cells empty, 万元 where the column's label lacks it). */
function expectedRows(layout: TableLayout, cells: Report['cells']): Omit<HtmlCell, 'th'>[][] {
  const defs = new Map(layout.cells.map((d) => [d.id, d]));
  return [...layout.headerRows, ...layout.bodyRows].map((row) =>
    row.map((c) => {
      const v = c.type === 'value' ? cells[c.cellId] : null;
      const def = c.type === 'value' ? defs.get(c.cellId) : undefined;
      const unit = def?.unit && !def.columnLabel.includes(def.unit) ? def.unit : '';
      const text = c.type === 'label' ? c.text : v === null || v === undefined ? '' : `${formatNumber(v)}${unit}`;
      return { text, colSpan: c.colSpan, rowSpan: c.rowSpan };
    }),
  );
}

/** Paragraphs of document.xml with their style id and text. */
function paragraphs(xml: string): { style: string; text: string }[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const body = m[1] ?? m[2] ?? '';
    return {
      style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? '',
      text: [...body.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    };
  });
}

async function open(report: Report, options = {}) {
  const bytes = await renderDocx(report, options);
  const buffer = Buffer.from(bytes);
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const zip = await JSZip.loadAsync(buffer);
  const file = (name: string) => zip.file(name)!.async('string');
  const has = async (name: string) => zip.file(name) !== null;
  return { html, file, has };
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

  it('names its styles as the official levels: 一级标题 (黑体) for the six sections, 二级标题 (楷体) below', async () => {
    const styles = await doc.file('word/styles.xml');
    const styleXml = (name: string) =>
      new RegExp(`<w:style [^>]*>(?:(?!</w:style>).)*<w:name w:val="${name}"/>.*?</w:style>`, 's').exec(styles)?.[0] ??
      '';
    expect(styleXml('一级标题')).toContain('w:eastAsia="黑体"');
    expect(styleXml('一级标题')).toContain('<w:outlineLvl w:val="0"/>');
    expect(styleXml('二级标题')).toContain('w:eastAsia="楷体"');
    expect(styleXml('二级标题')).toContain('<w:outlineLvl w:val="1"/>');
    expect(styleXml('公文标题')).toContain('<w:jc w:val="center"/>');
    const paras = paragraphs(await doc.file('word/document.xml'));
    const level1 = paras.filter((p) => p.style === 'Level1Heading').map((p) => p.text);
    expect(level1).toEqual(SECTIONS.map((s) => report.sections.find((r) => r.key === s.key)?.heading ?? s.heading));
    const subheadings = [...report.preamble, ...report.sections.flatMap((s) => s.blocks)]
      .filter((b) => b.kind === 'heading')
      .map((b) => b.text);
    expect(paras.filter((p) => p.style === 'Level2Heading').map((p) => p.text)).toEqual(subheadings);
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

describe('renderDocx: pages and drafts', () => {
  it('never splits a row, repeats header rows and lets Word break a table only where the rules allow', async () => {
    const report = fixture('huaian-2024');
    const xml = await (await open(report)).file('word/document.xml');
    const tables = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map((m) => m[1]!);
    const layouts = layoutsOf(report);
    expect(tables).toHaveLength(3);
    tables.forEach((t, i) => {
      const layout = layouts[i]!;
      const rows = [...t.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((m) => m[1]!);
      expect(rows).toHaveLength(layout.headerRows.length + layout.bodyRows.length);
      for (const row of rows) expect(row, layout.name).toContain('<w:cantSplit/>');
      const header = rows.slice(0, layout.headerRows.length);
      for (const row of header) expect(row).toContain('<w:tblHeader/>');
      // A row without keep-with-next is a place Word may break after.
      const breakAfter = rows.flatMap((row, r) => (row.includes('<w:keepNext/>') ? [] : [r - header.length + 1]));
      const body = layout.bodyRows.length;
      expect(breakAfter.at(-1)).toBe(body);
      for (const k of breakAfter.slice(0, -1)) {
        expect(k, layout.name).toBeGreaterThanOrEqual(3);
        expect(body - k, layout.name).toBeGreaterThanOrEqual(3);
        // No merged label other than the vertical group runs across the break.
        layout.bodyRows.forEach((cells, r) => {
          for (const c of cells)
            if (c.rowSpan > 1 && r < k && r + c.rowSpan > k)
              expect(c.type === 'label' && c.vertical, `${layout.name} row ${k}`).toBe(true);
        });
      }
      // 表二 breaks only between its blocks: before a caption row.
      if (layout.table === 't2')
        for (const k of breakAfter.slice(0, -1))
          expect(layout.bodyRows[k]![0]).toMatchObject({ colSpan: 4, header: true });
    });
  });

  it('signs right-aligned with the date in full Chinese form and the note the report states', async () => {
    const report = fixture('huaian-2024');
    report.meta.publishedAt = '2025-01-20';
    report.sections.at(-1)!.blocks.push({ kind: 'paragraph', text: '（此件主动公开）' });
    const paras = paragraphs(await (await open(report)).file('word/document.xml'));
    const signed = paras.filter((p) => p.style === 'Signature').map((p) => p.text);
    expect(signed).toEqual([report.meta.agency, '2025年1月20日']);
    expect(paras.at(-1)).toEqual({ style: 'Annotation', text: '（此件主动公开）' });
    expect(paras.filter((p) => p.text.includes('此件主动公开'))).toHaveLength(1);
    const styles = await (await open(report)).file('word/styles.xml');
    expect(styles).toMatch(/<w:name w:val="落款"\/>.*?<w:jc w:val="right"\/>/s);
  });

  it('carries a 草稿 watermark in every page header of a draft, outside the text, and none otherwise', async () => {
    const report = fixture('seed');
    const draft = await open(report, { draft: true });
    const plain = await open(report);
    const headers = await Promise.all(['word/header1.xml', 'word/header2.xml'].map((f) => draft.file(f)));
    for (const h of headers) expect(h).toMatch(/<v:textpath [^>]*string="草稿"/);
    expect(await draft.file('word/document.xml')).not.toContain('草稿');
    // What a reader of the document's text sees is the same as without the mark.
    expect(draft.html).toBe(plain.html);
    expect(await plain.has('word/header1.xml')).toBe(false);
  });
});
