import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Report } from '@nianbao/core';
import { corpusDir as corpusPath, madeFile } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Client, type Harness, login, startHarness } from './helpers.js';

const corpusDir = pathToFileURL(corpusPath);
const STACK = /at .+\.(?:js|ts|mjs):\d+|node_modules|Error:/;

/** A PDF page with a drawn square and no text: what a scanned report looks like to a reader. */
const scannedPdf = () => readFileSync(madeFile('no-text.pdf'));

describe.each(BACKENDS)('importing a published report file on %s', (kind) => {
  let h: Harness;
  let editor: Client, admin: Client;
  let original: Report;
  let originalStatus: string;
  const expected = JSON.parse(readFileSync(new URL('00-baoshan-yuejin-2024/expected.json', corpusDir), 'utf8'))
    .cells as Record<string, number | null>;

  beforeAll(async () => {
    h = await startHarness(kind);
    [editor, admin] = await Promise.all([login(h.app, 'editor'), login(h.app, 'admin')]);
    const pasted = await editor.req('POST', '/api/import', {
      text: readFileSync(new URL('00-baoshan-yuejin-2024/source.txt', corpusDir), 'utf8'),
    });
    expect(pasted.statusCode).toBe(200);
    original = pasted.json().report;
    originalStatus = pasted.json().status;
  });
  afterAll(() => h.close());

  /** POST /api/import with one file, as the browser's form sends it. */
  const upload = (name: string, content: Uint8Array, url = '/api/import') => {
    const boundary = '----nianbao-import';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return h.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: editor.cookie,
        'x-csrf-token': editor.csrf,
      },
    });
  };
  const reportCount = async () => (await admin.req('GET', '/api/reports')).json().length as number;

  it.each([
    ['Word', 'report.docx', renderDocx],
    ['PDF', 'report.pdf', renderPdf],
  ] as const)(
    'a %s file made from a corpus report previews with every cell of the original',
    async (_what, name, render) => {
      const before = await reportCount();
      const res = await upload(name, await render(original));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.format).toBe(name.split('.')[1]);
      expect(body.status).toBe(originalStatus);
      const wrong = Object.keys(original.cells).filter((id) => body.report.cells[id] !== original.cells[id]);
      expect(wrong).toEqual([]);
      expect(Object.fromEntries(Object.keys(expected).map((id) => [id, body.report.cells[id]]))).toEqual(expected);
      expect(body.report.meta).toMatchObject({
        agency: original.meta.agency,
        year: original.meta.year,
        formats: original.meta.formats,
      });
      expect(body.counts.errors).toBe(0);
      expect(await reportCount()).toBe(before);
    },
  );

  it('a report that names no agency is refused with E_NO_AGENCY, and read for the organisation chosen', async () => {
    const text = readFileSync(new URL('00-baoshan-yuejin-2024/source.txt', corpusDir), 'utf8').replace(
      '宝山区跃进街道办事处\n',
      '',
    );
    const orgs = (await admin.req('GET', '/api/organisations')).json() as { id: number; name: string }[];
    const id = (name: string) => orgs.find((o) => o.name === name)!.id;
    const yuejin = id('宝山区跃进街道办事处');
    const refused = await editor.req('POST', '/api/import', { text });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('E_NO_AGENCY');
    expect(refused.json().error.message).toContain('请先选择报告所属的机关');
    const pasted = await editor.req('POST', `/api/import?organisationId=${yuejin}`, { text });
    expect([pasted.statusCode, pasted.json().report.meta.agency]).toEqual([200, '宝山区跃进街道办事处']);
    const file = await upload('report.txt', Buffer.from(text), `/api/import?organisationId=${yuejin}`);
    expect([file.statusCode, file.json().report.meta.agency]).toEqual([200, '宝山区跃进街道办事处']);
    // The organisation chosen does not overwrite the agency a report prints, and must be one the editor writes for.
    const printed = text.replace('2024年政府', '宝山区教育局2024年政府');
    const named = await upload('report.txt', Buffer.from(printed), `/api/import?organisationId=${yuejin}`);
    expect(named.json().report.meta.agency).toBe('宝山区教育局');
    const other = await editor.req('POST', `/api/import?organisationId=${id('宝山区教育局')}`, { text });
    expect(other.statusCode).toBe(403);
  });

  it('reads a web page saved in GB18030 and an uploaded report JSON', async () => {
    const { execFileSync } = await import('node:child_process');
    const gb = execFileSync('iconv', [
      '-f',
      'UTF-8',
      '-t',
      'GB18030',
      new URL('13-shuyang-fgj-2023/source.html', corpusDir).pathname,
    ]);
    const page = await upload('report.html', gb);
    expect(page.statusCode).toBe(200);
    const exp = JSON.parse(readFileSync(new URL('13-shuyang-fgj-2023/expected.json', corpusDir), 'utf8'))
      .cells as Record<string, number | null>;
    expect(Object.fromEntries(Object.keys(exp).map((id) => [id, page.json().report.cells[id]]))).toEqual(exp);
    const json = await upload('report.json', Buffer.from(JSON.stringify(original)));
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ format: 'json', report: { cells: original.cells } });
  });

  it.each([
    [
      'a broken PDF (named in Chinese, as agencies name them)',
      '某区2024年政府信息公开工作年度报告.pdf',
      () => Buffer.from('%PDF-1.7\n garbage'),
      415,
      'E_IMPORT_FORMAT',
      'E_PDF_UNREADABLE',
      /^某区2024年政府信息公开工作年度报告\.pdf 不是可以读取的 PDF 文件/,
    ],
    [
      'a scanned PDF without text',
      'scan.pdf',
      scannedPdf,
      422,
      'E_PDF_NO_TEXT',
      'E_PDF_NO_TEXT',
      /scan\.pdf 没有文字层（可能是扫描件）.*OCR/,
    ],
    [
      'a broken Word file',
      'broken.docx',
      () => Buffer.from('PK\u0003\u0004 not a zip'),
      415,
      'E_IMPORT_FORMAT',
      'E_DOCX_UNREADABLE',
      /broken\.docx 不是可以读取的 Word（\.docx）文件/,
    ],
    [
      'an old .doc Word file',
      'old.doc',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      415,
      'E_IMPORT_FORMAT',
      'E_DOC_OLD_FORMAT',
      /old\.doc 是旧版 Word 文件.*另存为 \.docx 或 PDF/,
    ],
    [
      'binary data',
      'data.bin',
      () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)),
      415,
      'E_IMPORT_FORMAT',
      'E_NOT_TEXT',
      /data\.bin .*请导入 PDF（带文字层）、Word（\.docx）/,
    ],
    [
      'a Word file that is not a report',
      'letter.docx',
      null,
      422,
      'E_IMPORT_NOTHING',
      'E_NOTHING_READ',
      /letter\.docx：/,
    ],
  ])('refuses %s with a clear message; nothing is saved', async (_what, name, make, status, code, reason, message) => {
    const before = await reportCount();
    let bytes: Uint8Array;
    if (make) bytes = make();
    else {
      // A real Word file whose text holds no statistical table.
      const blank = structuredClone(original);
      blank.sections = blank.sections.map((s) => ({ ...s, blocks: [] }));
      for (const id of Object.keys(blank.cells)) blank.cells[id] = null;
      bytes = await renderDocx(blank);
    }
    const res = await upload(name, bytes);
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(body.reason).toBe(reason);
    expect(body.error.message).toMatch(message);
    expect(body.error.message).not.toMatch(STACK);
    expect(await reportCount()).toBe(before);
  });
});
