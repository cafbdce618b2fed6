import { existsSync } from 'node:fs';
import { emptyReport, type Report, reportTitle, SECTIONS, T3_APPLICANT_HEADER, T3_NOTE } from '@nianbao/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_SERIF } from '../src/fonts.js';
import { MAX_TEXT_CHARS, RenderError, renderPdf } from '../src/index.js';
import {
  findInOrder,
  fixture,
  layoutsOf,
  longReport,
  pdfFonts,
  pdfInfo,
  pdfOutline,
  pdfPages,
  pdfText,
  rowSequence,
  squash,
  tempFile,
} from './helpers.js';

const hasSerif = existsSync(DEBIAN_SERIF);

async function rendered(report: unknown, options = {}) {
  const path = tempFile(await renderPdf(report, options), 'pdf');
  // Page numbers sit inside the text stream where a page breaks a paragraph.
  return { path, text: squash(pdfText(path).replace(/— \d+ —/g, '')), info: pdfInfo(path) };
}

async function renderError(report: unknown, options = {}): Promise<RenderError> {
  try {
    await renderPdf(report, options);
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return e as RenderError;
  }
  throw new Error('expected a RenderError');
}

/** Every label and number of the three tables, in the order a reader meets them. */
function expectTablesInOrder(report: Report, text: string) {
  let at = text.indexOf(squash(SECTIONS[1].heading));
  expect(at).toBeGreaterThan(0);
  for (const layout of layoutsOf(report)) {
    const header = layout.headerRows.flat().flatMap((c) => (c.type === 'label' ? [c.text] : []));
    for (const label of header) expect(text, `${layout.name} header ${label}`).toContain(squash(label));
    const merged = layout.bodyRows.flat().flatMap((c) => (c.type === 'label' && c.rowSpan > 1 ? [c.text] : []));
    for (const label of merged) expect(text, `${layout.name} merged ${label}`).toContain(squash(label));
    const found = findInOrder(text.slice(at), rowSequence(layout, report.cells));
    expect(found.missing, `${layout.name}: not found in order`).toBeNull();
    at += found.at;
  }
}

describe('renderPdf: the seed report (2019 table shapes)', () => {
  const seed = fixture('seed');
  let out: Awaited<ReturnType<typeof rendered>>;
  beforeAll(async () => {
    out = await rendered(seed);
  });

  it('prints the title, the preamble and the six sections in order', () => {
    const items = [
      reportTitle(seed.meta.agency, seed.meta.year),
      seed.preamble[0]!.text.slice(0, 30),
      ...seed.sections.map((s) => s.heading),
    ];
    expect(findInOrder(out.text, items).missing).toBeNull();
    for (const s of seed.sections) for (const b of s.blocks) expect(out.text).toContain(squash(b.text));
  });

  it('prints every label and number of the three tables in order', () => {
    expectTablesInOrder(seed, out.text);
  });

  it('has bookmarks of the six sections, title and author metadata, A4 pages, zh-CN', async () => {
    expect(pdfOutline(out.path)).toEqual(seed.sections.map((s) => s.heading));
    expect(out.info.Title).toBe(reportTitle(seed.meta.agency, seed.meta.year));
    expect(out.info.Author).toBe(seed.meta.agency);
    expect(out.info['Page size']).toMatch(/595\.\d+ x 841\.\d+ pts \(A4\)/);
    const bytes = await import('node:fs').then((fs) => fs.readFileSync(out.path, 'latin1'));
    expect(bytes).toContain('/Lang (zh-CN)');
  });

  it('embeds every font as a subset, with a serif body face when one is installed', () => {
    const fonts = pdfFonts(out.path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f.name).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    expect(fonts.some((f) => f.name.includes('NotoSansHans'))).toBe(true);
    expect(fonts.some((f) => f.name.includes('NotoSerifCJKsc-Regular'))).toBe(hasSerif);
  });

  it('numbers every page 「— n —」', () => {
    const pages = pdfPages(out.path);
    expect(pages.length).toBe(Number(out.info.Pages));
    pages.forEach((text, i) => {
      expect(text).toContain(`— ${i + 1} —`);
    });
  });
});

describe('renderPdf: a 2021 report with varied numbers', () => {
  it('prints the 2021 shapes with every number in its row and column order', async () => {
    const report = fixture('huaian-2024');
    const { text, info } = await rendered(report);
    expectTablesInOrder(report, text);
    expect(text).toContain('本年收费金额（单位：万元）');
    expect(text).toContain(squash('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'));
    expect(info.CreationDate).toMatch(/2025/);
  });

  it('breaks a two-line title after the agency, keeping year and 政府信息公开工作年度报告 together', async () => {
    const report = fixture('huaian-2024');
    const { path } = await rendered(report);
    const [first, second] = pdfPages(path)[0]!.split('\n').map(squash);
    expect([first, second]).toEqual([
      report.meta.agency,
      reportTitle(report.meta.agency, report.meta.year).slice(report.meta.agency.length),
    ]);
  });

  it('falls back to the npm sans font and still embeds subsets', async () => {
    const { path, text } = await rendered(fixture('huaian-2024'), { serifFont: false, kaiFont: false });
    const fonts = pdfFonts(path);
    expect(fonts.every((f) => f.name.includes('NotoSansHans') && f.sub === 'yes')).toBe(true);
    expect(text).toContain(squash(T3_NOTE));
  });
});

describe('renderPdf: a long report', () => {
  const report = longReport(fixture('seed'), 20);
  let out: Awaited<ReturnType<typeof rendered>>;
  beforeAll(async () => {
    out = await rendered(report);
  });

  it('runs to the expected number of pages with every paragraph', () => {
    const pages = Number(out.info.Pages);
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(pages).toBeLessThanOrEqual(30);
    const paragraphs = report.sections[0]!.blocks.map((b) => b.text);
    expect(findInOrder(out.text, paragraphs).missing).toBeNull();
    expectTablesInOrder(report, out.text);
  });

  it('never ends a page with a heading', () => {
    const headings = [
      ...SECTIONS.map((s) => s.heading as string),
      ...report.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)),
    ];
    pdfPages(out.path).forEach((text, i) => {
      const lines = text
        .trim()
        .split('\n')
        .filter((l) => !/^— \d+ —$/.test(l.trim()));
      const last = lines.at(-1)?.trim() ?? '';
      expect(headings, `page ${i + 1} ends with a heading`).not.toContain(last);
    });
  });

  it('repeats the header rows of Table 3 on every page it runs onto', async () => {
    const t3 = layoutsOf(fixture('huaian-2024'))[1]!;
    const rowLabels = t3.bodyRows
      .flat()
      .flatMap((c) => (c.type === 'label' && c.rowSpan === 1 ? [squash(c.text)] : []));
    // Push Table 3 down a line at a time until it runs onto a second page.
    for (let lines = 0; lines < 20; lines++) {
      const r = fixture('huaian-2024');
      r.sections[2]!.blocks = Array.from({ length: lines }, (_, i) => ({
        kind: 'paragraph' as const,
        text: `第${i + 1}行。`,
      }));
      const { path } = await rendered(r);
      const withTable = pdfPages(path).flatMap((text, i) =>
        rowLabels.some((l) => squash(text).includes(l)) ? [{ page: i + 1, text: squash(text) }] : [],
      );
      if (withTable.length < 2) continue;
      for (const { page, text } of withTable) {
        expect(text, `page ${page}`).toContain(T3_APPLICANT_HEADER);
        expect(text, `page ${page}`).toContain(squash(T3_NOTE));
        expect(text, `page ${page}`).toContain('社会公益组织');
      }
      return;
    }
    throw new Error('Table 3 never ran onto a second page');
  });
});

describe('renderPdf: bad input', () => {
  it('names an invalid cell instead of printing it', async () => {
    const report = fixture('seed') as unknown as { cells: Record<string, unknown> };
    report.cells['t3.new.total'] = '十二';
    const err = await renderError(report);
    expect(err.code).toBe('E_INVALID_REPORT');
    expect(err.message).toContain('t3.new.total');
  });

  it('names a cell that is not in the report’s template', async () => {
    const report = fixture('seed');
    report.cells['t3.otherHandling.other.total'] = 1;
    const err = await renderError(report);
    expect(err.message).toContain('t3.otherHandling.other.total');
    expect(err.details.join()).toContain('E_CELL_WRONG_TEMPLATE');
  });

  it('prints all six headings when sections are empty or missing, and leaves blank cells empty', async () => {
    const report = emptyReport({ agency: '某某县人民政府办公室', year: 2024 });
    report.sections = report.sections.filter((s) => s.key !== 'problems');
    const { path, text } = await rendered(report);
    expect(
      findInOrder(
        text,
        SECTIONS.map((s) => s.heading),
      ).missing,
    ).toBeNull();
    // No number is made up for a blank cell: the only digits are the year, labels and page numbers.
    let body = squash(pdfText(path).replace(/— \d+ —/g, '')).replace(/2024/g, '');
    const labels = layoutsOf(report).flatMap((l) =>
      [...l.headerRows, ...l.bodyRows].flat().flatMap((c) => (c.type === 'label' ? [squash(c.text)] : [])),
    );
    for (const label of labels.sort((a, b) => b.length - a.length)) body = body.split(label).join('');
    expect(body).not.toMatch(/\d/);
  });

  it('drops control and invisible characters and prints the rest', async () => {
    const report = fixture('seed');
    report.sections[0]!.blocks = [
      { kind: 'paragraph', text: '甲\u0000乙\u0007丙\u202E丁\u200B戊\uFEFF己\u001B[31m庚\t辛' },
    ];
    const { text } = await rendered(report);
    expect(text).toContain('甲乙丙丁戊己[31m庚辛');
  });

  it('prints Typst markup in report text literally', async () => {
    const hostile = '#set page(width: 1cm) = 标题 *粗* _斜_ $x^2$ #panic("x") \\ "引号" `代码` <label> @ref // 注释 ]';
    const report = fixture('seed');
    report.meta.agency = '某局#"]);#panic("y")';
    report.sections[0]!.blocks = [{ kind: 'paragraph', text: hostile }];
    const { text, info } = await rendered(report);
    expect(text).toContain(squash(hostile));
    expect(info['Page size']).toMatch(/A4/);
    expect(info.Author).toBe('某局#"]);#panic("y")');
  });

  it('refuses a character no font has, naming it and where it is', async () => {
    const report = fixture('seed');
    report.sections[4]!.blocks = [
      { kind: 'paragraph', text: '第一段。' },
      { kind: 'paragraph', text: '张\u{30000}同志' },
    ];
    const err = await renderError(report);
    expect(err.code).toBe('E_GLYPH_MISSING');
    expect(err.message).toContain('“\u{30000}”（U+30000）');
    expect(err.message).toContain('“五、存在的主要问题及改进情况”第2段');
  });

  it('prints the rare name 𠮷 where the serif face has it, and names it where the font lacks it', async () => {
    const report = fixture('seed');
    report.sections[0]!.blocks = [{ kind: 'paragraph', text: '联系人：𠮷先生' }];
    const err = await renderError(report, { serifFont: false });
    expect(err.code).toBe('E_GLYPH_MISSING');
    expect(err.message).toContain('“𠮷”（U+20BB7）');
    if (hasSerif) expect((await rendered(report)).text).toContain('联系人：𠮷先生');
  });

  it('typesets a 1 MB narrative', async () => {
    const report = fixture('seed');
    const para = report.sections[0]!.blocks.filter((b) => b.kind === 'paragraph')
      .map((b) => b.text)
      .join('');
    const blocks: Report['sections'][number]['blocks'] = [];
    let bytes = 0;
    for (let i = 0; bytes < 1_000_000; i++) {
      const text = `${i}：${para.slice(0, 300)}`;
      bytes += Buffer.byteLength(text);
      blocks.push({ kind: 'paragraph', text });
    }
    report.sections[0]!.blocks = blocks;
    const { info, path } = await rendered(report);
    expect(Number(info.Pages)).toBeGreaterThan(400);
    const lastPage = squash(pdfPages(path).at(-1) ?? '');
    expect(lastPage).toContain(squash(report.sections[5]!.heading));
  }, 60_000);

  it('names a configured font file that does not exist', async () => {
    const err = await renderError(fixture('seed'), { serifFont: '/nonexistent/NotoSerifCJK-Regular.ttc' });
    expect(err.code).toBe('E_FONT');
    expect(err.message).toContain('/nonexistent/NotoSerifCJK-Regular.ttc');
  });

  it('refuses text over the size limit without typesetting it', async () => {
    const report = fixture('seed');
    report.sections[0]!.blocks = [{ kind: 'paragraph', text: '字'.repeat(MAX_TEXT_CHARS + 1) }];
    const err = await renderError(report);
    expect(err.code).toBe('E_TOO_LARGE');
    expect(err.message).toMatch(/上限/);
  });
});
