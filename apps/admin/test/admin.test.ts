import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalJson, reportFrom } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { corpusDir as corpusPath } from '@nianbao/corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

const seedText = readFileSync(seedReportUrl, 'utf8');
const corpusDir = pathToFileURL(corpusPath);

describe.each(BACKENDS)('overview, administration, import and files on %s', (kind) => {
  let h: Harness;
  let admin: Client, reviewer: Client, editor: Client, editor2: Client;
  beforeAll(async () => {
    h = await startHarness(kind, { now: () => new Date('2025-02-15T08:00:00Z') });
    [admin, reviewer, editor, editor2] = await Promise.all([
      login(h.app, 'admin'),
      login(h.app, 'reviewer'),
      login(h.app, 'editor'),
      login(h.app, 'editor2'),
    ]);
  });
  afterAll(() => h.close());

  it('shows the reviewer every organisation below, who has not submitted, and the legal deadlines', async () => {
    const eduId = await reportIdOf(admin, '宝山区教育局');
    expect((await editor2.req('POST', `/api/reports/${eduId}/submit`)).statusCode).toBe(200);
    const res = await reviewer.req('GET', '/api/overview?year=2024');
    expect(res.statusCode).toBe(200);
    const o = res.json();
    const rows = Object.fromEntries(o.organisations.map((x: any) => [x.organisation.name, x]));
    expect(o.organisations.map((x: any) => [x.organisation.name, x.depth])).toEqual([
      ['宝山区人民政府', 0],
      ['宝山区教育局', 1],
      ['宝山区司法局', 1],
      ['宝山区跃进街道办事处', 1],
    ]);
    expect(rows.宝山区人民政府).toMatchObject({
      deadline: '2025-03-31',
      statusLabel: '未建立',
      submitted: false,
      overdue: false,
    });
    expect(rows.宝山区教育局).toMatchObject({
      deadline: '2025-01-31',
      status: 'submitted',
      submitted: true,
      overdue: false,
    });
    expect(rows.宝山区司法局).toMatchObject({
      deadline: '2025-01-31',
      report: null,
      submitted: false,
      overdue: true,
    });
    expect(rows.宝山区跃进街道办事处).toMatchObject({
      deadline: null,
      status: 'draft',
      submitted: false,
      overdue: false,
    });
    expect(rows.宝山区教育局.report.permissions).toMatchObject({ approve: true, return: true });
    expect(o.totals).toMatchObject({
      organisations: 4,
      notStarted: 2,
      draft: 1,
      submitted: 1,
      notSubmitted: 3,
      overdue: 1,
    });
    expect(o.notSubmitted.map((x: any) => x.organisation.name)).toEqual([
      '宝山区人民政府',
      '宝山区司法局',
      '宝山区跃进街道办事处',
    ]);
  });

  it('rolls up the reports below the district for the reviewer: reviewed ones, or all with drafts', async () => {
    const district = (await reviewer.req('GET', '/api/organisations'))
      .json()
      .find((o: any) => o.name === '宝山区人民政府');
    const reviewed = (await reviewer.req('GET', `/api/overview/rollup?year=2024&organisationId=${district.id}`)).json();
    expect(reviewed.units.map((u: any) => u.organisation.name)).toEqual(['宝山区教育局']);
    expect(reviewed.report.cells['t3.new.natural']).toBe(12);
    const all = (
      await reviewer.req('GET', `/api/overview/rollup?year=2024&organisationId=${district.id}&include=all`)
    ).json();
    expect(all.units).toHaveLength(2);
    const seed = reportFrom(JSON.parse(seedText));
    expect(all.report.cells['t3.new.natural']).toBe(12 + (seed.cells['t3.new.natural'] ?? 0));
    expect(all.report.meta.agency).toBe('宝山区人民政府（汇总）');
    expect((await editor.req('GET', `/api/overview/rollup?year=2024&organisationId=${district.id}`)).statusCode).toBe(
      403,
    );
  });

  it('lets the administrator add an organisation with a local deadline and an account that can then work in it', async () => {
    const district = (await admin.req('GET', '/api/organisations'))
      .json()
      .find((o: any) => o.name === '宝山区人民政府');
    const created = await admin.req('POST', '/api/organisations', {
      name: '宝山区友谊街道办事处',
      slug: 'baoshan-youyi',
      level: 'township',
      parentId: district.id,
      deadline: '02-20',
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(
      (await admin.req('POST', '/api/organisations', { name: '重复', slug: 'baoshan-youyi', level: 'township' })).json()
        .error.code,
    ).toBe('E_SLUG_EXISTS');
    const cycle = await admin.req('PATCH', `/api/organisations/${district.id}`, { parentId: org.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('E_ORG_CYCLE');
    const user = await admin.req('POST', '/api/users', {
      username: 'youyi',
      displayName: '友谊街道填报人',
      password: 'youyi-password-1',
      roles: [{ organisationId: org.id, role: 'editor' }],
    });
    expect(user.statusCode).toBe(201);
    expect(user.json().roles).toEqual([
      { organisationId: org.id, organisationName: '宝山区友谊街道办事处', role: 'editor', roleLabel: '填报人' },
    ]);
    expect(
      (
        await admin.req('POST', '/api/users', { username: 'youyi', displayName: 'x', password: 'another-password' })
      ).json().error.code,
    ).toBe('E_USERNAME_EXISTS');

    const youyi = await login(h.app, 'youyi', 'youyi-password-1');
    const report = await youyi.req('POST', '/api/reports', { organisationId: org.id, year: 2024 });
    expect(report.statusCode).toBe(201);
    expect(report.json()).toMatchObject({
      deadline: '2025-02-20',
      permissions: { edit: true, submit: true, approve: false },
    });
    // The district reviewer sees it at once; the overview shows its local deadline passed.
    const row = (await reviewer.req('GET', '/api/overview?year=2024'))
      .json()
      .organisations.find((x: any) => x.organisation.id === org.id);
    expect(row).toMatchObject({ deadline: '2025-02-20', overdue: false, status: 'draft' });

    // Disabling the account ends its session; a new password works and the old one no longer does.
    const patched = await admin.req('PATCH', `/api/users/${user.json().id}`, { disabled: true });
    expect(patched.json().disabled).toBe(true);
    expect((await youyi.req('GET', '/api/reports')).statusCode).toBe(401);
    await admin.req('PATCH', `/api/users/${user.json().id}`, { disabled: false, password: 'youyi-password-2' });
    await expect(login(h.app, 'youyi', 'youyi-password-1')).rejects.toThrow(/401/);
    await expect(login(h.app, 'youyi', 'youyi-password-2')).resolves.toBeTruthy();
    const self = (await admin.req('GET', '/api/users')).json().find((u: any) => u.username === 'admin');
    expect((await admin.req('PATCH', `/api/users/${self.id}`, { isAdmin: false })).json().error.code).toBe(
      'E_SELF_LOCKOUT',
    );
    const log = (await admin.req('GET', '/api/audit?limit=50')).json().entries.map((e: any) => e.action);
    expect(log).toEqual(
      expect.arrayContaining([
        'organisation.create',
        'user.create',
        'user.update',
        'report.create',
        'login',
        'login.failed',
      ]),
    );
  });

  it('lets a user change their own password', async () => {
    const c = await login(h.app, 'editor2');
    expect(
      (
        await c.req('POST', '/api/session/password', {
          currentPassword: 'nianbao-demo',
          newPassword: 'a-better-password',
        })
      ).statusCode,
    ).toBe(200);
    expect((await c.req('GET', '/api/session')).statusCode).toBe(200);
    expect((await editor2.req('GET', '/api/session')).statusCode).toBe(401);
    await expect(login(h.app, 'editor2', 'a-better-password')).resolves.toBeTruthy();
  });

  it('imports a pasted report JSON and a published report’s text; saves nothing', async () => {
    const before = (await admin.req('GET', '/api/reports')).json().length;
    const json = await editor.req('POST', '/api/import', { text: seedText });
    expect(json.statusCode).toBe(200);
    expect(canonicalJson(json.json().report)).toBe(canonicalJson(reportFrom(JSON.parse(seedText))));
    const corpus = JSON.parse(readFileSync(new URL('00-baoshan-yuejin-2024/expected.json', corpusDir), 'utf8'));
    const source = readFileSync(new URL('00-baoshan-yuejin-2024/source.txt', corpusDir), 'utf8');
    const text = await editor.req('POST', '/api/import', { text: source });
    expect(text.statusCode).toBe(200);
    const cells = text.json().report.cells;
    const expected = corpus.cells as Record<string, number | null>;
    const wrong = Object.keys(expected).filter((id) => cells[id] !== expected[id]);
    expect(wrong).toEqual([]);
    expect(text.json().diagnostics.length).toBeGreaterThan(0);
    const nothing = await editor.req('POST', '/api/import', { text: '这不是一份年度报告。' });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().error.code).toBe('E_IMPORT_NOTHING');
    const docx = await editor.req('POST', '/api/import', { text: 'x', filename: '报告.docx' });
    expect(docx.statusCode).toBe(415);
    expect((await admin.req('GET', '/api/reports')).json()).toHaveLength(before);
  });

  it('downloads the report as a PDF that reads back with its agency and numbers, and as a Word file', async () => {
    const id = await reportIdOf(admin, '宝山区跃进街道办事处');
    const pdf = await editor.req('GET', `/api/reports/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('宝山区跃进街道办事处2024年政府信息公开工作年度报告.pdf')}`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const words = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(words).toContain('宝山区跃进街道办事处');
    expect(words).toContain('收到和处理政府信息公开申请情况');
    const docx = await editor.req('GET', `/api/reports/${id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
