import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, reportFrom, T3_COLUMNS, validate } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictAnswerSchema, HistoryAnswerSchema } from '../contract/index.js';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));

describe.each(BACKENDS)('reports on %s', (kind) => {
  let h: Harness;
  let admin: Client, editor: Client, editor2: Client, reviewer: Client;
  let seedId: number;
  beforeAll(async () => {
    h = await startHarness(kind, { now: () => new Date('2025-02-15T08:00:00Z') });
    [admin, editor, editor2, reviewer] = await Promise.all([
      login(h.app, 'admin'),
      login(h.app, 'editor'),
      login(h.app, 'editor2'),
      login(h.app, 'reviewer'),
    ]);
    seedId = await reportIdOf(admin, '宝山区跃进街道办事处');
  });
  afterAll(() => h.close());

  it('lists for each person exactly the reports they may see, with status and findings counts', async () => {
    const names = async (c: Client) =>
      ((await c.req('GET', '/api/reports')).json() as { organisation: { name: string } }[])
        .map((r) => r.organisation.name)
        .sort();
    expect(await names(editor)).toEqual(['宝山区跃进街道办事处']);
    expect(await names(editor2)).toEqual(['宝山区教育局']);
    expect(await names(reviewer)).toEqual(['宝山区教育局', '宝山区跃进街道办事处']);
    const [row] = (await editor.req('GET', '/api/reports')).json();
    expect(row).toMatchObject({
      id: seedId,
      year: 2024,
      status: 'draft',
      statusLabel: '草稿',
      revision: 1,
      counts: { errors: 0 },
    });
  });

  it('answers the seed report as stored, with its revision and the findings of core', async () => {
    const res = await editor.req('GET', `/api/reports/${seedId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(canonicalJson(body.report)).toBe(canonicalJson(seed));
    expect(body.revision).toBe(1);
    expect(body.findings).toEqual(validate(seed).findings);
    expect(body.permissions).toEqual({ edit: true, submit: true, approve: false, return: false, publish: false });
  });

  it('saves a wrong number as a new revision and names the broken identity; a fix is the next revision', async () => {
    const cur = (await editor.req('GET', `/api/reports/${seedId}`)).json();
    const wrong = structuredClone(cur.report);
    wrong.cells['t3.new.natural'] = (wrong.cells['t3.new.natural'] ?? 0) + 5;
    const saved = await editor.req(
      'PUT',
      `/api/reports/${seedId}`,
      { report: wrong },
      { 'if-match': String(cur.revision) },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(cur.revision + 1);
    const finding = saved.json().findings.find((f: { cells: string[] }) => f.cells.includes('t3.new.natural'));
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/相差5/);
    expect((await editor.req('GET', '/api/reports')).json()[0].counts.errors).toBeGreaterThan(0);

    const fixed = await editor.req(
      'PUT',
      `/api/reports/${seedId}`,
      { report: cur.report },
      { 'if-match': `"${cur.revision + 1}"` },
    );
    expect(fixed.json()).toMatchObject({ revision: cur.revision + 2, counts: { errors: 0 } });
    const reread = (await editor.req('GET', `/api/reports/${seedId}`)).json();
    expect(reread.revision).toBe(cur.revision + 2);
    expect(canonicalJson(reread.report)).toBe(canonicalJson(cur.report));
  });

  it('a save on an older revision that changed the same paragraph is refused with both sides, who and when; nothing is overwritten', async () => {
    const cur = (await editor.req('GET', `/api/reports/${seedId}`)).json();
    const mine = structuredClone(cur.report);
    mine.preamble = [{ kind: 'paragraph', text: '第一位编辑的修改' }];
    expect(
      (await editor.req('PUT', `/api/reports/${seedId}`, { report: mine }, { 'if-match': String(cur.revision) }))
        .statusCode,
    ).toBe(200);
    const theirs = structuredClone(cur.report);
    theirs.preamble = [{ kind: 'paragraph', text: '第二位编辑基于旧版本的修改' }];
    const stale = await editor.req(
      'PUT',
      `/api/reports/${seedId}`,
      { report: theirs },
      { 'if-match': String(cur.revision) },
    );
    expect(stale.statusCode).toBe(409);
    const body = ConflictAnswerSchema.parse(stale.json());
    expect(body.error.code).toBe('E_CONFLICT');
    expect(body.error.message).toContain(`第 ${cur.revision + 1} 版`);
    expect(body.revision).toBe(cur.revision + 1);
    expect(body.base).toBe(cur.revision);
    expect(body.report.preamble[0]!.text).toBe('第一位编辑的修改');
    expect(body.conflicts).toEqual([
      expect.objectContaining({
        kind: 'text',
        label: '引言第1段',
        mine: '第二位编辑基于旧版本的修改',
        theirs: '第一位编辑的修改',
        changedBy: expect.objectContaining({
          revision: cur.revision + 1,
          by: expect.objectContaining({ username: 'editor' }),
        }),
      }),
    ]);
    const after = (await editor.req('GET', `/api/reports/${seedId}`)).json();
    expect(after.report.preamble[0].text).toBe('第一位编辑的修改');
    expect(after.revision).toBe(cur.revision + 1);
  });

  it('needs If-Match on a save, and an unchanged save does not make a revision', async () => {
    const cur = (await editor.req('GET', `/api/reports/${seedId}`)).json();
    const missing = await editor.req('PUT', `/api/reports/${seedId}`, { report: cur.report });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.message).toContain('If-Match');
    const same = await editor.req(
      'PUT',
      `/api/reports/${seedId}`,
      { report: cur.report },
      { 'if-match': String(cur.revision) },
    );
    expect(same.json()).toMatchObject({ revision: cur.revision, unchanged: true });
    const revisions = (await editor.req('GET', `/api/reports/${seedId}/revisions`)).json();
    expect(revisions).toHaveLength(cur.revision);
  });

  it('lists every revision with its author and serves any one of them back, for diff and restore', async () => {
    const revisions = (await editor.req('GET', `/api/reports/${seedId}/revisions`)).json();
    expect(revisions.map((r: { revision: number }) => r.revision)).toEqual([4, 3, 2, 1]);
    expect(revisions[0].author).toMatchObject({ username: 'editor', displayName: '跃进街道填报人' });
    const wrong = (await editor.req('GET', `/api/reports/${seedId}/revisions/2`)).json();
    expect(wrong.counts.errors).toBeGreaterThan(0);
    expect(wrong.report.cells['t3.new.natural']).toBe((seed.cells['t3.new.natural'] ?? 0) + 5);
    const first = (await editor.req('GET', `/api/reports/${seedId}/revisions/1`)).json();
    expect(canonicalJson(first.report)).toBe(canonicalJson(seed));
    // Restore = save the old content on top of the latest revision.
    const restored = await editor.req('PUT', `/api/reports/${seedId}`, { report: first.report }, { 'if-match': '4' });
    expect(restored.json().revision).toBe(5);
    expect((await editor.req('GET', `/api/reports/${seedId}/revisions/99`)).statusCode).toBe(404);
    const history = HistoryAnswerSchema.parse((await editor.req('GET', `/api/reports/${seedId}/history`)).json());
    const save = history.find((e) => e.action === 'report.save' && e.revision === 2);
    expect(save).toMatchObject({
      actionLabel: '保存',
      user: { username: 'editor' },
      changedCells: ['t3.new.natural'],
      basedOn: 1,
      textChanged: false,
      metaChanged: false,
      summary: '跃进街道填报人 保存第 2 版（改动：1 个单元格）',
    });
    const text = history.find((e) => e.action === 'report.save' && e.revision === 4);
    expect(text).toMatchObject({ changedCellCount: 0, textChanged: true, metaChanged: false });
  });

  it('runs the review workflow: submit, send back with a comment, submit, approve, publish to the public folder', async () => {
    const url = `/api/reports/${seedId}`;
    const submitted = await editor.req('POST', `${url}/submit`);
    expect(submitted.json()).toMatchObject({ status: 'submitted', statusLabel: '已提交' });
    const cur = (await editor.req('GET', url)).json();
    const locked = await editor.req('PUT', url, { report: cur.report }, { 'if-match': String(cur.revision) });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatchObject({ code: 'E_REPORT_LOCKED' });
    expect((await editor.req('POST', `${url}/approve`)).statusCode).toBe(403);
    const noComment = await reviewer.req('POST', `${url}/return`, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.message).toBe('退回时请填写退回意见');
    const back = await reviewer.req('POST', `${url}/return`, { comment: '表三第一列请核对' });
    expect(back.json()).toMatchObject({ status: 'draft', returnComment: '表三第一列请核对' });
    expect((await editor.req('GET', url)).json().returnComment).toBe('表三第一列请核对');
    expect((await editor.req('POST', `${url}/submit`)).json().status).toBe('submitted');
    expect((await reviewer.req('POST', `${url}/publish`)).json().error.code).toBe('E_BAD_STATUS');
    expect((await reviewer.req('POST', `${url}/approve`)).json()).toMatchObject({
      status: 'approved',
      statusLabel: '已审核',
    });
    expect((await editor.req('POST', `${url}/publish`)).statusCode).toBe(403);
    const published = await reviewer.req('POST', `${url}/publish`);
    expect(published.json()).toMatchObject({ status: 'published', statusLabel: '已发布' });
    const file = readFileSync(join(h.publishDir, 'baoshan-yuejin-2024.json'), 'utf8');
    expect(file).toBe(canonicalJson((await editor.req('GET', url)).json().report));
    const again = await reviewer.req('POST', `${url}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('报告当前为「已发布」，不能审核通过');
    const actions = (await reviewer.req('GET', `${url}/history`)).json().map((e: { action: string }) => e.action);
    expect(actions.slice(0, 5)).toEqual([
      'report.publish',
      'report.approve',
      'report.submit',
      'report.return',
      'report.submit',
    ]);
  });

  it('creates next year’s report prefilled from last year: 上年结转 = last year’s 结转下年度继续办理', async () => {
    const orgId = (await editor.req('GET', `/api/reports/${seedId}`)).json().organisation.id;
    const res = await editor.req('POST', '/api/reports', { organisationId: orgId, year: 2025, prefill: 'lastYear' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ year: 2025, status: 'draft', revision: 1, formats: { t2: '2021', t3: '2021' } });
    for (const c of T3_COLUMNS)
      expect(body.report.cells[`t3.carriedOver.${c.id}`]).toBe(seed.cells[`t3.carriedForward.${c.id}`] ?? null);
    expect(body.report.meta.agency).toBe('宝山区跃进街道办事处');
    // Opened, it is checked against last year's: consistent now, a series finding once 上年结转 is changed.
    const opened = (await editor.req('GET', `/api/reports/${body.id}`)).json();
    expect(opened.previousYear).toMatchObject({ id: seedId, year: 2024 });
    expect(opened.previousYear.findings.filter((f: { ruleId: string }) => f.ruleId === 'series.carryOver')).toEqual([]);
    const changed = structuredClone(opened.report);
    changed.cells['t3.carriedOver.natural'] = (changed.cells['t3.carriedOver.natural'] ?? 0) + 2;
    await editor.req('PUT', `/api/reports/${body.id}`, { report: changed }, { 'if-match': String(opened.revision) });
    const series = (await editor.req('GET', `/api/reports/${body.id}`)).json().previousYear.findings;
    expect(
      series.some(
        (f: { ruleId: string; cells: string[] }) =>
          f.ruleId === 'series.carryOver' && f.cells.includes('t3.carriedOver.natural'),
      ),
    ).toBe(true);
    expect((await editor.req('GET', `/api/reports/${seedId}`)).json().previousYear).toBeNull();

    const dup = await editor.req('POST', '/api/reports', { organisationId: orgId, year: 2025 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('宝山区跃进街道办事处的 2025 年度报告已存在');
    const noPrev = await editor.req('POST', '/api/reports', { organisationId: orgId, year: 2023, prefill: 'lastYear' });
    expect(noPrev.statusCode).toBe(404);
    expect(noPrev.json().error.message).toContain('没有 2022 年度的报告');
    const empty = await editor.req('POST', '/api/reports', { organisationId: orgId, year: 2023 });
    expect(empty.json().report.meta).toMatchObject({
      agency: '宝山区跃进街道办事处',
      level: 'township',
      parentAgency: '宝山区人民政府',
      year: 2023,
    });
    expect(Object.values(empty.json().report.cells).every((v) => v === null)).toBe(true);
  });

  it('creates a report from an imported one, and refuses one whose year differs', async () => {
    const eduId = (await editor2.req('GET', '/api/organisations')).json()[0].id;
    const imported = { ...structuredClone(seed), meta: { ...seed.meta, agency: '宝山区教育局', year: 2023 } };
    const res = await editor2.req('POST', '/api/reports', { organisationId: eduId, year: 2023, report: imported });
    expect(res.statusCode).toBe(201);
    expect(res.json().report.cells).toEqual(seed.cells);
    const other = await editor2.req('POST', '/api/reports', { organisationId: eduId, year: 2022, report: imported });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('E_YEAR_MISMATCH');
  });

  it('an imported report keeps which cells were not read through saves, until the agency enters the cell; another agency’s file gives no contact', async () => {
    const eduId = (await editor2.req('GET', '/api/organisations')).json()[0].id;
    const imported = structuredClone(seed);
    imported.meta = { ...seed.meta, year: 2021 };
    imported.cells['t3.new.natural'] = null;
    imported.cells['t3.new.commercial'] = null;
    imported.provenance = {
      't3.new.natural': { status: 'unread', reason: 'E_ROW_NOT_FOUND' },
      't3.new.commercial': { status: 'unread', reason: 'E_ROW_NOT_FOUND' },
    };
    const res = await editor2.req('POST', '/api/reports', { organisationId: eduId, year: 2021, report: imported });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    // The organisation owns the name; the other agency's contact is not taken over.
    expect(created.report.meta.agency).toBe('宝山区教育局');
    expect(created.report.meta.contact).toBeUndefined();
    expect(created.imported).toEqual({ agency: seed.meta.agency, sameAgency: false, contact: 'dropped' });
    expect(Object.keys(created.report.provenance)).toEqual(['t3.new.natural', 't3.new.commercial']);
    // An unrelated save keeps the record; an edit of one unread cell makes it the agency's own value.
    const r = structuredClone(created.report);
    r.preamble = [{ kind: 'paragraph', text: '引言' }];
    r.cells['t3.new.natural'] = 4;
    r.meta.agency = '别的机关';
    const saved = await editor2.req('PUT', `/api/reports/${created.id}`, { report: r }, { 'if-match': '1' });
    expect(saved.statusCode).toBe(200);
    const now = (await editor2.req('GET', `/api/reports/${created.id}`)).json();
    expect(now.report.provenance).toEqual({ 't3.new.commercial': { status: 'unread', reason: 'E_ROW_NOT_FOUND' } });
    expect(now.report.cells['t3.new.natural']).toBe(4);
    expect(now.report.meta.agency).toBe('宝山区教育局');
  });
});
