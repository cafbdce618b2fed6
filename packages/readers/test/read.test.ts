import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { canonicalJson, parseReport } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { corpusDir, madeFile } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { describe, expect, it } from 'vitest';
import { fileKind, MAX_FILE_BYTES, type ReadResult, readReportFile } from '../src/index.js';

const corpus = corpusDir;
const bytesOf = (p: string) => new Uint8Array(readFileSync(`${corpus}${p}`));
const expectedOf = (d: string) =>
  (JSON.parse(readFileSync(`${corpus}${d}/expected.json`, 'utf8')) as { cells: Record<string, number | null> }).cells;
const seedText = readFileSync(seedReportUrl, 'utf8');
const enc = (text: string) => new TextEncoder().encode(text);

function ok(r: ReadResult) {
  if (!r.ok) throw new Error(`expected a report, got ${r.error.code}: ${r.error.message}`);
  return r;
}
const cellsOf = (r: ReadResult, ids: string[]) => Object.fromEntries(ids.map((k) => [k, ok(r).report.cells[k]]));

/** A real PDF with one page and a drawn square, but no text. */
const pdfWithoutText = () => new Uint8Array(readFileSync(madeFile('no-text.pdf')));

describe('readReportFile on published reports', () => {
  it('reads a published PDF with a text layer: every cell as printed', async () => {
    const d = '21-hongze-district-2024';
    const r = ok(await readReportFile(bytesOf(`${d}/source.pdf`), 'source.pdf'));
    expect(r.kind).toBe('pdf');
    const exp = expectedOf(d);
    expect(cellsOf(r, Object.keys(exp))).toEqual(exp);
  });

  it('reads a page saved in GB18030 (as many government sites serve it) like the UTF-8 one', async () => {
    const d = '13-shuyang-fgj-2023';
    const gb = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', `${corpus}${d}/source.html`]);
    expect(gb.status).toBe(0);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb.stdout)).toThrow();
    const r = ok(await readReportFile(new Uint8Array(gb.stdout), 'source.html'));
    expect(r.kind).toBe('html');
    const exp = expectedOf(d);
    expect(cellsOf(r, Object.keys(exp))).toEqual(exp);
  });

  it('a Word file and a PDF made from a report read back to the same cells, formats and year', async () => {
    const original = ok(await readReportFile(bytesOf('00-baoshan-yuejin-2024/source.txt'), 'source.txt')).report;
    for (const [bytes, kind] of [
      [await renderDocx(original), 'docx'],
      [await renderPdf(original), 'pdf'],
    ] as const) {
      // No file name: the kind comes from the bytes.
      const back = ok(await readReportFile(bytes));
      expect(back.kind).toBe(kind);
      expect(back.report.cells).toEqual(original.cells);
      expect(back.report.meta.formats).toEqual(original.meta.formats);
      expect(back.report.meta.year).toBe(original.meta.year);
    }
  }, 120_000);

  it('report JSON comes back as the report itself, with or without a .json name', async () => {
    const expected = canonicalJson((parseReport(JSON.parse(seedText)) as { ok: true; report: never }).report);
    for (const name of ['seed.json', undefined]) {
      const r = ok(await readReportFile(new TextEncoder().encode(`\uFEFF${seedText}`), name));
      expect(r.kind).toBe('json');
      expect(canonicalJson(r.report)).toBe(expected);
    }
  });
});

describe('readReportFile refuses what it cannot read, with a code and a Chinese message naming the file', () => {
  it.each([
    [
      'random bytes',
      'r.bin',
      () => new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)),
      'E_NOT_TEXT',
      /不是文本文件|控制字符/,
    ],
    ['a PDF with no text layer (a scan)', 'scan.pdf', pdfWithoutText, 'E_PDF_NO_TEXT', /没有文字层.*OCR/],
    [
      'a broken PDF',
      'broken.pdf',
      () => new TextEncoder().encode('%PDF-1.7\n garbage'),
      'E_PDF_UNREADABLE',
      /不是可以读取的 PDF/,
    ],
    [
      'a broken Word file',
      'broken.docx',
      () => new TextEncoder().encode('PK\u0003\u0004 not a zip'),
      'E_DOCX_UNREADABLE',
      /不是可以读取的 Word/,
    ],
    [
      'an old .doc Word file',
      'old.doc',
      () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(512).fill(0)]),
      'E_DOC_OLD_FORMAT',
      /旧版 Word.*另存为 \.docx/,
    ],
    [
      'JSON that does not parse',
      'x.json',
      () => new TextEncoder().encode('{not json'),
      'E_NOT_JSON',
      /不是有效的 JSON/,
    ],
    [
      'JSON that is not a report',
      'y.json',
      () => new TextEncoder().encode('{"hello":1}'),
      'E_NOT_REPORT',
      /不是有效的年度报告/,
    ],
    ['an empty file', 'empty.txt', () => new Uint8Array(0), 'E_EMPTY', /empty\.txt 是空文件/],
    ['a file of nothing but spaces and line breaks', 'blank.md', () => enc(' \n\t\r\n '), 'E_EMPTY', /是空文件/],
    [
      'an empty zip named .docx',
      'empty.docx',
      () => new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
      'E_DOCX_UNREADABLE',
      /empty\.docx 是空的压缩文件，不是 Word/,
    ],
    [
      'a PDF with an open password',
      'locked.pdf',
      () => new Uint8Array(readFileSync(new URL('./fixtures/encrypted.pdf', import.meta.url))),
      'E_PDF_UNREADABLE',
      /locked\.pdf 设有打开密码/,
    ],
    [
      'HTML nested deeper than any page (its parsing would take minutes)',
      'deep.html',
      () => enc(`<html><body>${'<div>'.repeat(200_000)}1${'</div>'.repeat(200_000)}</body></html>`),
      'E_HTML_TOO_DEEP',
      /deep\.html：网页的标签嵌套超过 1000 层/,
    ],
    [
      'an HTML page that is not a report',
      'home.html',
      () => new TextEncoder().encode('<html><body><h1>首页</h1><table><tr><td>1</td></tr></table></body></html>'),
      'E_NOTHING_READ',
      /不是政府信息公开工作年度报告/,
    ],
  ])('%s', async (_n, name, make, code, text) => {
    const r = await readReportFile(make(), name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(text);
    expect(r.error.message).toContain(name);
    // Chinese for people: no library's English explanation reaches the message (the format names may).
    const words = r.error.message
      .replace(name, '')
      .replace(/（[a-z_]+）/gi, '')
      .replace(/PDF|Word|\.docx|\.doc|\.wps|WPS|OCR|JSON|meta|cells|object|record|undefined/g, '');
    expect(words).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const r = await readReportFile(new Uint8Array(MAX_FILE_BYTES + 1), 'big.pdf');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect([r.error.code, r.error.message]).toEqual([
        'E_TOO_LARGE',
        expect.stringMatching(/big\.pdf 过大.*上限为 20 MB/),
      ]);
  });

  it('names the input as asked, and says what the importer found when nothing was read', async () => {
    const r = await readReportFile(new TextEncoder().encode('这不是一份年度报告。'), undefined, { name: '粘贴的内容' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message.startsWith('粘贴的内容：')).toBe(true);
    expect(r.error.diagnostics.map((d) => d.code)).toContain('E_NOTHING_READ');
  });
});

describe('fileKind', () => {
  it('trusts the signature over the name, then the name, then the text', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fileKind(enc('%PDF-1.4'), 'report.txt')).toBe('pdf');
    expect(fileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'a.bin')).toBe('docx');
    expect(fileKind(enc('<p>x</p>'), 'A.HTM')).toBe('html');
    expect(fileKind(enc('# 标题'), 'a.md')).toBe('markdown');
    expect(fileKind(enc('  {"meta":{}}'))).toBe('json');
    expect(fileKind(enc('一、总体情况'))).toBe('text');
  });
});
