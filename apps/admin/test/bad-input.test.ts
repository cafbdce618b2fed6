import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

const STACK = /at .+\.(?:js|ts|mjs):\d+|node_modules|Error:/;

describe.each(BACKENDS)('bad input on %s', (kind) => {
  let h: Harness;
  let editor: Client, admin: Client;
  let id: number;
  let before: any;
  beforeAll(async () => {
    h = await startHarness(kind);
    [editor, admin] = await Promise.all([login(h.app, 'editor'), login(h.app, 'admin')]);
    id = await reportIdOf(admin, '宝山区跃进街道办事处');
    before = (await editor.req('GET', `/api/reports/${id}`)).json();
  });
  afterAll(() => h.close());

  const put = (payload: unknown, headers: Record<string, string> = {}) =>
    editor.req('PUT', `/api/reports/${id}`, payload, { 'if-match': String(before.revision), ...headers });
  const withReport = (edit: (r: any) => void) => {
    const r = structuredClone(before.report);
    edit(r);
    return { report: r };
  };

  it.each([
    ['malformed JSON', () => put('{"report": {"meta": '), 400, 'E_BAD_JSON', '请求内容不是有效的 JSON'],
    ['an empty JSON body', () => put(''), 400, 'E_BAD_JSON', '请求内容为空，应为 JSON'],
    [
      'a body over the size limit',
      () => put(JSON.stringify({ report: before.report, padding: 'x'.repeat(3 * 1024 * 1024) })),
      413,
      'E_TOO_LARGE',
      '请求内容过大（上限 2 MB）',
    ],
    ['text instead of JSON', () => put('report', { 'content-type': 'text/plain' }), 415, 'E_MEDIA_TYPE', null],
    ['no report at all', () => put({ cells: {} }), 400, 'E_INVALID_INPUT', '保存内容有误：报告内容：缺少报告内容'],
    [
      'a cell that is text',
      () => put(withReport((r) => (r.cells['t3.new.natural'] = '十二'))),
      400,
      'E_INVALID_REPORT',
      /单元格 t3\.new\.natural（一、本年新收政府信息公开申请数量 · 自然人）/,
    ],
    [
      'a cell id that does not exist',
      () => put(withReport((r) => (r.cells['t3.new.martian'] = 1))),
      400,
      'E_INVALID_REPORT',
      /未知的单元格编号 t3\.new\.martian/,
    ],
    [
      'a year that is text',
      () => put(withReport((r) => (r.meta.year = '2024年'))),
      400,
      'E_INVALID_REPORT',
      /报告年度/,
    ],
    [
      'another year’s report',
      () => put(withReport((r) => (r.meta.year = 2023))),
      400,
      'E_YEAR_MISMATCH',
      '报告内容的年度（2023）与本报告年度（2024）不一致',
    ],
    [
      'an If-Match that is not a revision',
      () =>
        put(
          withReport(() => {}),
          { 'if-match': 'latest' },
        ),
      400,
      'E_IF_MATCH_INVALID',
      null,
    ],
    ['a report id that is not a number', () => editor.req('GET', '/api/reports/abc'), 400, 'E_INVALID_INPUT', null],
    ['a report id out of range', () => editor.req('GET', '/api/reports/99999999999'), 400, 'E_INVALID_INPUT', null],
    [
      'a login with wrong types',
      () => h.app.inject({ method: 'POST', url: '/api/session', payload: { username: ['admin'], password: 1 } }),
      400,
      'E_INVALID_INPUT',
      /登录信息有误/,
    ],
    [
      'an unknown API route',
      () => editor.req('GET', '/api/nothing-here'),
      404,
      'E_NO_ROUTE',
      '没有这个接口：GET /api/nothing-here',
    ],
  ] as const)('%s → a clear Chinese message and code, no stack', async (_name, call, status, code, message) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (typeof message === 'string') expect(body.error.message).toBe(message);
    else if (message) expect(body.error.message).toMatch(message);
    expect(res.body).not.toMatch(STACK);
  });

  it('lists each problem of an invalid report with its path', async () => {
    const res = await put(
      withReport((r) => {
        r.cells['t3.new.natural'] = -Infinity;
        r.cells['t3.new.commercial'] = 'x';
        r.meta.agency = '';
      }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['meta.agency', 'cells.t3.new.commercial']));
  });

  it('bad account input gets named problems', async () => {
    const res = await admin.req('POST', '/api/users', { username: 'a b', displayName: '', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('用户名须为 2–64 位字母、数字或 _ . @ -');
    expect(res.json().error.message).toContain('密码至少 10 位');
    const org = await admin.req('POST', '/api/organisations', { name: '某局', slug: '某局', level: 'bureau' });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.message).toContain('只能使用小写字母、数字和连字符');
  });

  it('rejects a binary upload and an oversized upload to import', async () => {
    const form = (name: string, content: Buffer) => {
      const boundary = '----nianbao';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return {
        payload,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          cookie: editor.cookie,
          'x-csrf-token': editor.csrf,
        },
      };
    };
    const binary = await h.app.inject({
      method: 'POST',
      url: '/api/import',
      ...form('report.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2])),
    });
    expect(binary.statusCode).toBe(415);
    expect(binary.json().error.code).toBe('E_IMPORT_FORMAT');
    const small = await buildApp({ database: h.database, publishDir: h.publishDir, uploadLimit: 64 * 1024 });
    try {
      const big = await small.inject({
        method: 'POST',
        url: '/api/import',
        ...form('big.txt', Buffer.alloc(200 * 1024, 0x41)),
      });
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toEqual({ code: 'E_TOO_LARGE', message: '上传的文件过大（上限 64 KB）' });
    } finally {
      await small.close();
    }
  });

  it('keeps hostile markup as plain text, served as JSON that browsers will not sniff', async () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const res = await put(withReport((r) => (r.preamble = [{ kind: 'paragraph', text: hostile }])));
    expect(res.statusCode).toBe(200);
    const get = await editor.req('GET', `/api/reports/${id}`);
    expect(get.headers['content-type']).toMatch(/^application\/json/);
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect(get.json().report.preamble[0].text).toBe(hostile);
    // Put it back as it was, for the check below.
    const restore = await editor.req(
      'PUT',
      `/api/reports/${id}`,
      { report: before.report },
      { 'if-match': String(get.json().revision) },
    );
    expect(restore.statusCode).toBe(200);
    before = { ...before, revision: restore.json().revision };
  });

  it('saved nothing from any bad request', async () => {
    const revisions = (await editor.req('GET', `/api/reports/${id}/revisions`)).json();
    // Only the two deliberate saves of the hostile-markup test.
    expect(revisions).toHaveLength(3);
    const now = (await editor.req('GET', `/api/reports/${id}`)).json();
    expect(now.report).toEqual((await editor.req('GET', `/api/reports/${id}/revisions/1`)).json().report);
    const users = (await admin.req('GET', '/api/users')).json();
    expect(users).toHaveLength(4);
  });
});
