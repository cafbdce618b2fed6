import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

/**
 * What an editor of another organisation (editor2, 宝山区教育局) gets on every API route when aimed at
 * 宝山区跃进街道办事处's report or organisation. Every route of the server must appear here.
 */
type Expect = { status: number; code?: string; check?: (body: any) => void };
type Case = {
  method: string;
  url: string;
  call: (c: Client, ids: Ids) => Promise<{ statusCode: number; json(): any }>;
  expect: Expect;
};
interface Ids {
  report: number;
  org: number;
  editorUser: number;
}

const hidden: Expect = { status: 404, code: 'E_NOT_FOUND' };
const adminOnly: Expect = { status: 403, code: 'E_FORBIDDEN' };
const report = (c: Client, ids: Ids, method: string, tail: string, body?: unknown, headers?: Record<string, string>) =>
  c.req(method, `/api/reports/${ids.report}${tail}`, body, headers);

const CASES: Case[] = [
  { method: 'GET', url: '/api/reports/:id', call: (c, i) => report(c, i, 'GET', ''), expect: hidden },
  {
    method: 'PUT',
    url: '/api/reports/:id',
    call: (c, i) => report(c, i, 'PUT', '', { report: {} }, { 'if-match': '1' }),
    expect: hidden,
  },
  {
    method: 'GET',
    url: '/api/reports/:id/revisions',
    call: (c, i) => report(c, i, 'GET', '/revisions'),
    expect: hidden,
  },
  {
    method: 'GET',
    url: '/api/reports/:id/revisions/:rev',
    call: (c, i) => report(c, i, 'GET', '/revisions/1'),
    expect: hidden,
  },
  { method: 'GET', url: '/api/reports/:id/history', call: (c, i) => report(c, i, 'GET', '/history'), expect: hidden },
  { method: 'POST', url: '/api/reports/:id/submit', call: (c, i) => report(c, i, 'POST', '/submit'), expect: hidden },
  { method: 'POST', url: '/api/reports/:id/approve', call: (c, i) => report(c, i, 'POST', '/approve'), expect: hidden },
  {
    method: 'POST',
    url: '/api/reports/:id/return',
    call: (c, i) => report(c, i, 'POST', '/return', { comment: '退回' }),
    expect: hidden,
  },
  { method: 'POST', url: '/api/reports/:id/publish', call: (c, i) => report(c, i, 'POST', '/publish'), expect: hidden },
  { method: 'GET', url: '/api/reports/:id/pdf', call: (c, i) => report(c, i, 'GET', '/pdf'), expect: hidden },
  { method: 'GET', url: '/api/reports/:id/docx', call: (c, i) => report(c, i, 'GET', '/docx'), expect: hidden },
  {
    method: 'GET',
    url: '/api/reports',
    call: (c) => c.req('GET', '/api/reports'),
    expect: {
      status: 200,
      check: (b) => expect(b.map((r: any) => r.organisation.name)).not.toContain('宝山区跃进街道办事处'),
    },
  },
  {
    method: 'POST',
    url: '/api/reports',
    call: (c, i) => c.req('POST', '/api/reports', { organisationId: i.org, year: 2026 }),
    expect: { status: 404, code: 'E_NOT_FOUND' },
  },
  { method: 'GET', url: '/api/overview', call: (c) => c.req('GET', '/api/overview?year=2024'), expect: adminOnly },
  {
    method: 'GET',
    url: '/api/overview/rollup',
    call: (c, i) => c.req('GET', `/api/overview/rollup?year=2024&organisationId=${i.org}&include=all`),
    expect: adminOnly,
  },
  {
    method: 'GET',
    url: '/api/organisations',
    call: (c) => c.req('GET', '/api/organisations'),
    expect: { status: 200, check: (b) => expect(b.map((o: any) => o.name)).toEqual(['宝山区教育局']) },
  },
  {
    method: 'POST',
    url: '/api/organisations',
    call: (c) => c.req('POST', '/api/organisations', { name: '新机关', slug: 'new-org', level: 'department' }),
    expect: adminOnly,
  },
  {
    method: 'PATCH',
    url: '/api/organisations/:id',
    call: (c, i) => c.req('PATCH', `/api/organisations/${i.org}`, { name: '改名' }),
    expect: adminOnly,
  },
  { method: 'GET', url: '/api/users', call: (c) => c.req('GET', '/api/users'), expect: adminOnly },
  {
    method: 'POST',
    url: '/api/users',
    call: (c, i) =>
      c.req('POST', '/api/users', {
        username: 'intruder',
        displayName: '入侵者',
        password: 'long-enough-1',
        roles: [{ organisationId: i.org, role: 'editor' }],
      }),
    expect: adminOnly,
  },
  {
    method: 'PATCH',
    url: '/api/users/:id',
    call: (c, i) => c.req('PATCH', `/api/users/${i.editorUser}`, { password: 'taken-over-123' }),
    expect: adminOnly,
  },
  { method: 'GET', url: '/api/audit', call: (c) => c.req('GET', '/api/audit'), expect: adminOnly },
  // Not about another organisation's data: reading a pasted report saves nothing and shows only what was sent.
  {
    method: 'POST',
    url: '/api/import',
    call: (c) => c.req('POST', '/api/import', { text: '{"meta":{}}' }),
    expect: { status: 422 },
  },
  // The caller's own session.
  {
    method: 'GET',
    url: '/api/session',
    call: (c) => c.req('GET', '/api/session'),
    expect: { status: 200, check: (b) => expect(b.user.username).toBe('editor2') },
  },
  {
    method: 'POST',
    url: '/api/session/password',
    call: (c) =>
      c.req('POST', '/api/session/password', { currentPassword: 'wrong-guess', newPassword: 'whatever-12345' }),
    expect: { status: 400, code: 'E_PASSWORD_WRONG' },
  },
];
const SESSION_ROUTES = ['POST /api/session', 'DELETE /api/session'];

describe.each(BACKENDS)('authorization on %s', (kind) => {
  let h: Harness;
  let admin: Client, editor: Client, editor2: Client;
  let ids: Ids;
  let before: any;
  beforeAll(async () => {
    h = await startHarness(kind);
    [admin, editor, editor2] = await Promise.all([
      login(h.app, 'admin'),
      login(h.app, 'editor'),
      login(h.app, 'editor2'),
    ]);
    const reportId = await reportIdOf(admin, '宝山区跃进街道办事处');
    const users = (await admin.req('GET', '/api/users')).json();
    before = (await editor.req('GET', `/api/reports/${reportId}`)).json();
    ids = {
      report: reportId,
      org: before.organisation.id,
      editorUser: users.find((u: any) => u.username === 'editor').id,
    };
  });
  afterAll(() => h.close());

  it('has a case for every API route of the server', () => {
    const routes = h.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const covered = [...CASES.map((c) => `${c.method} ${c.url}`), ...SESSION_ROUTES].sort();
    expect(covered).toEqual(routes);
  });

  it.each(CASES.map((c) => [`${c.method} ${c.url}`, c] as const))(
    'editor of another organisation: %s',
    async (_name, c) => {
      const res = await c.call(editor2, ids);
      expect(res.statusCode).toBe(c.expect.status);
      if (c.expect.code) expect(res.json().error.code).toBe(c.expect.code);
      if (res.statusCode >= 400) expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      c.expect.check?.(res.json());
    },
  );

  it('left the other organisation’s report, accounts and public folder untouched', async () => {
    const after = (await editor.req('GET', `/api/reports/${ids.report}`)).json();
    expect(after.revision).toBe(before.revision);
    expect(after.status).toBe('draft');
    expect(after.report).toEqual(before.report);
    expect((await editor.req('GET', `/api/reports/${ids.report}/revisions`)).json()).toHaveLength(1);
    expect(existsSync(h.publishDir) ? readdirSync(h.publishDir) : []).toEqual([]);
    const users = (await admin.req('GET', '/api/users')).json().map((u: any) => u.username);
    expect(users).not.toContain('intruder');
    expect((await admin.req('GET', '/api/organisations')).json().map((o: any) => o.name)).not.toContain('新机关');
    // The editor's password was not changed: they can still log in with it.
    await expect(login(h.app, 'editor')).resolves.toBeTruthy();
  });

  it('without a session every route but login answers 401', async () => {
    for (const r of h.app.apiRoutes) {
      if (r.method === 'POST' && r.url === '/api/session') continue;
      if (r.method === 'DELETE' && r.url === '/api/session') continue;
      const url = r.url.replace(':id', String(ids.report)).replace(':rev', '1');
      const res = await h.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect([`${r.method} ${r.url}`, res.statusCode]).toEqual([`${r.method} ${r.url}`, 401]);
    }
  });
});
