import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AgencyLevel,
  canonicalJson,
  checkPrevious,
  emptyReport,
  nextYearReport,
  normalizeReport,
  type Report,
  reportTitle,
  sameAgency,
} from '@nianbao/core';
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canEdit, canReview, OrgTree, readableOrgIds } from '../access.js';
import { ACTION_LABELS, audit } from '../audit.js';
import { type Context, isUniqueViolation } from '../context.js';
import {
  ACTIONS,
  ActionRequestSchema,
  type ChangeMark,
  CreateReportRequestSchema,
  changedScopes,
  FileQuerySchema,
  HistoryQuerySchema,
  IdParamsSchema,
  mergeReports,
  type ReportAction,
  ReportListQuerySchema,
  RevisionParamsSchema,
  SaveRequestSchema,
  type Status,
  StatusSchema,
} from '../contract.js';
import { schema } from '../db/index.js';
import { ApiError, forbidden, notFound, parseInput } from '../errors.js';
import { renderReportFile } from '../render.js';
import {
  changedCells,
  findingsOf,
  ownEditedCells,
  type PreviousYear,
  type ReportRow,
  readableReport,
  readableReportAt,
  readableReportWithContent,
  reportFromBody,
  reportsOfOrgs,
  revisionContent,
  revisionFromHeader,
  revisionOrNull,
  STATUS_LABELS,
  sameContent,
  summaryOf,
  withOrganisation,
} from '../reports.js';
import { requireActor } from '../session.js';

const IdParams = IdParamsSchema;
const RevisionParams = RevisionParamsSchema;
const ListQuery = ReportListQuerySchema;
const CreateSchema = CreateReportRequestSchema;
const SaveSchema = SaveRequestSchema;
const ActionSchema = ActionRequestSchema;
const FileQuery = FileQuerySchema;

const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', who: 'editor' },
  approve: { from: ['submitted'], to: 'approved', who: 'reviewer' },
  return: { from: ['submitted', 'approved'], to: 'draft', who: 'reviewer' },
  publish: { from: ['approved'], to: 'published', who: 'reviewer' },
} as const satisfies Record<ReportAction, { from: readonly Status[]; to: Status; who: 'editor' | 'reviewer' }>;
type Action = ReportAction;
const ACTION_VERBS: Record<Action, string> = { submit: '提交', approve: '审核通过', return: '退回', publish: '发布' };

async function writePublished(dir: string, slug: string, year: number, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${slug}-${year}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, canonicalJson(report), 'utf8');
  await rename(tmp, file);
  return file;
}

/** Core's series checks (上年结转 …) of a report against last year's report of the same organisation, if any. */
function previousYearCheck(row: ReportRow, report: Report, prev: PreviousYear | null) {
  if (!prev) return null;
  const r = checkPrevious(normalizeReport(prev.content), report);
  return {
    id: prev.id,
    year: row.year - 1,
    revision: prev.revision,
    status: prev.status,
    findings: r.findings,
    skipped: r.skipped,
    counts: { errors: r.errors, warnings: r.warnings, infos: r.infos },
  };
}

const STATUS_ACTIONS = ['report.create', ...ACTIONS.map((a) => `report.${a}`)];

type Detail = Record<string, unknown> | null;
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
const status = (v: unknown) => {
  const r = StatusSchema.safeParse(v);
  return r.success ? r.data : null;
};

/** One event of the report's timeline, with a line for people. */
function historyEntry(x: {
  id: number;
  at: Date;
  action: string;
  detail: unknown;
  userId: number | null;
  displayName: string | null;
  username: string | null;
}) {
  const d = (x.detail ?? null) as Detail;
  const label = ACTION_LABELS[x.action] ?? x.action;
  const who = x.displayName ?? '系统';
  const comment = typeof d?.comment === 'string' ? d.comment : null;
  const revision = num(d?.revision) ?? (x.action === 'report.create' ? 1 : null);
  const cells = num(d?.changedCellCount);
  let summary = `${who} ${label}`;
  if (x.action === 'report.save') {
    const parts: string[] = [];
    if (cells) parts.push(`${cells} 个单元格`);
    if (d?.textChanged) parts.push('正文');
    if (d?.metaChanged) parts.push('基本信息');
    summary += revision ? `第 ${revision} 版` : '';
    if (parts.length) summary += `（改动：${parts.join('、')}）`;
    if (d?.merged) summary += '，已与他人同时的修改合并';
  } else if (comment) summary += `：${comment}`;
  return {
    id: x.id,
    at: x.at,
    action: x.action,
    actionLabel: label,
    user: x.userId === null ? null : { id: x.userId, username: x.username ?? '', displayName: x.displayName ?? '' },
    revision,
    from: status(d?.from),
    to: status(d?.to),
    comment,
    changedCellCount: cells,
    changedCells: Array.isArray(d?.changedCells) ? (d.changedCells as string[]) : null,
    basedOn: num(d?.basedOn),
    textChanged: bool(d?.textChanged),
    metaChanged: bool(d?.metaChanged),
    merged: x.action === 'report.save' ? d?.merged === true : null,
    summary,
  };
}

/** Who last changed each unit (cell, field, section) between revision `base` and the latest, and when. */
async function changesSince(
  db: Context['db'],
  reportId: number,
  base: number,
  baseReport: Report,
): Promise<ChangeMark[]> {
  const r = schema.revisions;
  const rows = await db
    .select({
      number: r.number,
      content: r.content,
      createdAt: r.createdAt,
      authorId: r.authorId,
      username: schema.users.username,
      displayName: schema.users.displayName,
    })
    .from(r)
    .leftJoin(schema.users, eq(schema.users.id, r.authorId))
    .where(and(eq(r.reportId, reportId), gt(r.number, base), lte(r.number, base + 200)))
    .orderBy(asc(r.number));
  const marks = new Map<string, ChangeMark>();
  let prev = baseReport;
  for (const x of rows) {
    const next = normalizeReport(x.content as Report);
    const by =
      x.authorId === null ? null : { id: x.authorId, username: x.username ?? '', displayName: x.displayName ?? '' };
    for (const scope of changedScopes(prev, next))
      marks.set(scope, { scope, revision: x.number, at: x.createdAt.toISOString(), by });
    prev = next;
  }
  return [...marks.values()];
}

/** The audit line of a save. */
function saveDetail(
  revision: number,
  base: number,
  merged: boolean,
  changed: string[],
  previous: Report,
  toSave: Report,
): Record<string, unknown> {
  return {
    revision,
    basedOn: base,
    ...(merged ? { merged: true } : {}),
    changedCells: changed.slice(0, 50),
    changedCellCount: changed.length,
    textChanged:
      canonicalJson({ ...toSave, cells: {}, preamble: previous.preamble, sections: previous.sections }) !==
      canonicalJson({ ...toSave, cells: {} }),
    metaChanged:
      canonicalJson({ ...previous, cells: {}, preamble: [], sections: [] }) !==
      canonicalJson({ ...toSave, cells: {}, preamble: [], sections: [] }),
  };
}

/**
 * Save `report` as revision `base + 1` if the report is still a draft at revision `base`, in one statement (the
 * row, the revision and the audit line together, atomic without a transaction of its own); null when another save
 * or a status change came first.
 */
async function saveAtRevision(
  db: Context['db'],
  x: {
    row: ReportRow;
    base: number;
    report: Report;
    counts: { errors: number; warnings: number };
    authorId: number;
    now: Date;
    detail: Record<string, unknown>;
  },
): Promise<{ revision: number; updatedAt: Date } | null> {
  const { reports, revisions, auditLog } = schema;
  const result = (await db.execute(sql`
    with u as (
      update ${reports}
      set revision = ${x.base + 1}, format_t2 = ${x.report.meta.formats.t2}, format_t3 = ${x.report.meta.formats.t3},
        errors = ${x.counts.errors}, warnings = ${x.counts.warnings}, updated_at = ${x.now.toISOString()}
      where ${reports.id} = ${x.row.id} and ${reports.status} = 'draft' and ${reports.revision} = ${x.base}
      returning ${reports.id}, ${reports.revision}, ${reports.updatedAt}
    ), r as (
      insert into ${revisions} (report_id, number, content, errors, warnings, author_id, created_at)
      select u.id, u.revision, ${JSON.stringify(x.report)}::jsonb, ${x.counts.errors}, ${x.counts.warnings},
        ${x.authorId}, u.updated_at from u
    ), a as (
      insert into ${auditLog} (user_id, action, report_id, organisation_id, detail)
      select ${x.authorId}, 'report.save', u.id, ${x.row.organisationId}, ${JSON.stringify(x.detail)}::jsonb from u
    )
    select u.revision, u.updated_at from u`)) as unknown as { rows: { revision: number; updated_at: Date | string }[] };
  const saved = result.rows[0];
  return saved ? { revision: Number(saved.revision), updatedAt: new Date(saved.updated_at) } : null;
}

export async function reportRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  const { db } = ctx;

  app.get('/api/reports', async (request) => {
    const actor = requireActor(request);
    const { year } = parseInput(ListQuery, request.query, '查询条件');
    const tree = await OrgTree.load(db, actor.orgGeneration);
    const rows = await reportsOfOrgs(db, [...readableOrgIds(actor, tree)], year);
    rows.sort(
      (a, b) =>
        b.year - a.year ||
        tree.byId.get(a.organisationId)!.name.localeCompare(tree.byId.get(b.organisationId)!.name, 'zh-CN'),
    );
    return rows.map((r) => summaryOf(actor, r, tree));
  });

  app.post('/api/reports', async (request, reply) => {
    const actor = requireActor(request);
    const body = parseInput(CreateSchema, request.body, '新建报告');
    const tree = await OrgTree.load(db, actor.orgGeneration);
    const org = tree.byId.get(body.organisationId);
    if (!org || !readableOrgIds(actor, tree).has(org.id)) throw notFound('机关');
    if (!canEdit(actor, org.id)) throw forbidden('只有该机关的填报人可以新建报告');
    let report: Report;
    let source: 'empty' | 'lastYear' | 'report' = body.prefill;
    let imported: { agency: string; sameAgency: boolean; contact: 'kept' | 'dropped' | 'none' } | null = null;
    if (body.report !== undefined) {
      report = reportFromBody(body.report);
      // Another agency's file gives the tables and text, never its contact details.
      const same = sameAgency(report.meta.agency, org.name);
      const hasContact = !!report.meta.contact && Object.values(report.meta.contact).some(Boolean);
      imported = {
        agency: report.meta.agency,
        sameAgency: same,
        contact: !hasContact ? 'none' : same ? 'kept' : 'dropped',
      };
      if (!same) {
        const { contact: _dropped, ...meta } = report.meta;
        report = { ...report, meta };
      }
      if (report.meta.year !== body.year) {
        throw new ApiError(
          400,
          'E_YEAR_MISMATCH',
          `报告内容的年度（${report.meta.year}）与所选年度（${body.year}）不一致`,
        );
      }
      source = 'report';
    } else if (body.prefill === 'lastYear') {
      const [prev] = await db
        .select()
        .from(schema.reports)
        .where(and(eq(schema.reports.organisationId, org.id), eq(schema.reports.year, body.year - 1)));
      const prevReport = prev ? await revisionContent(db, prev.id, prev.revision) : null;
      if (!prevReport)
        throw new ApiError(404, 'E_NO_PREVIOUS', `${org.name}没有 ${body.year - 1} 年度的报告，无法结转上年数据`);
      report = nextYearReport(prevReport, { year: body.year, ...(body.formats ? { formats: body.formats } : {}) });
    } else {
      const parent = org.parentId === null ? undefined : tree.byId.get(org.parentId);
      report = emptyReport({
        agency: org.name,
        year: body.year,
        level: org.level as AgencyLevel,
        ...(body.formats ? { formats: body.formats } : {}),
        ...(org.region ? { region: org.region } : {}),
        ...(parent ? { parentAgency: parent.name } : {}),
        statisticsPeriod: { from: `${body.year}-01-01`, to: `${body.year}-12-31` },
      });
    }
    report = withOrganisation(report, org);
    const f = findingsOf(report);
    let row: ReportRow;
    try {
      row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(schema.reports)
          .values({
            organisationId: org.id,
            year: body.year,
            formatT2: report.meta.formats.t2,
            formatT3: report.meta.formats.t3,
            status: 'draft',
            revision: 1,
            errors: f.counts.errors,
            warnings: f.counts.warnings,
          })
          .returning();
        await tx.insert(schema.revisions).values({
          reportId: created!.id,
          number: 1,
          content: report,
          errors: f.counts.errors,
          warnings: f.counts.warnings,
          authorId: actor.id,
        });
        await audit(tx, {
          userId: actor.id,
          action: 'report.create',
          reportId: created!.id,
          organisationId: org.id,
          detail: { year: body.year, source },
        });
        return created!;
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ApiError(409, 'E_REPORT_EXISTS', `${org.name}的 ${body.year} 年度报告已存在`);
      throw err;
    }
    reply.status(201);
    return { ...summaryOf(actor, row, tree), report, revision: row.revision, ...f, imported };
  });

  app.get('/api/reports/:id', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    const { row, tree, report, previous } = await readableReportWithContent(db, actor, id, { previousYear: true });
    return {
      ...summaryOf(actor, row, tree),
      report,
      revision: row.revision,
      ...findingsOf(report),
      previousYear: previousYearCheck(row, report, previous),
    };
  });

  app.put('/api/reports/:id', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    const header = request.headers['if-match'];
    const { row, tree, content } = await readableReportAt(db, actor, id, revisionOrNull(header));
    if (!canEdit(actor, row.organisationId)) throw forbidden('只有该机关的填报人可以修改报告');
    const base = revisionFromHeader(header);
    const body = parseInput(SaveSchema, request.body, '保存内容');
    const org = tree.byId.get(row.organisationId)!;
    const mine = withOrganisation(reportFromBody(body.report), org);
    if (mine.meta.year !== row.year) {
      throw new ApiError(
        400,
        'E_YEAR_MISMATCH',
        `报告内容的年度（${mine.meta.year}）与本报告年度（${row.year}）不一致`,
      );
    }
    const locked = (status: string) =>
      new ApiError(
        409,
        'E_REPORT_LOCKED',
        `报告${STATUS_LABELS[status as Status] ?? status}，不能修改；如需修改，请审核人退回`,
      );
    if (row.status !== 'draft') throw locked(row.status);
    if (base > row.revision)
      throw new ApiError(400, 'E_IF_MATCH_INVALID', `本报告没有第 ${base} 版（最新为第 ${row.revision} 版）`);
    if (!content) throw new ApiError(400, 'E_IF_MATCH_INVALID', `本报告没有第 ${base} 版`);
    const baseReport = normalizeReport(content);

    // Nobody saved since `base` (the usual case): one statement writes the revision, the row and the audit line,
    // on condition that the row is still at `base`; otherwise the locked path below merges.
    if (base === row.revision) {
      const changed = changedCells(baseReport, mine);
      const toSave = ownEditedCells(baseReport, mine, changed);
      const f = findingsOf(toSave);
      if (sameContent(baseReport, toSave))
        return { revision: row.revision, unchanged: true, updatedAt: row.updatedAt, ...f };
      const saved = await saveAtRevision(db, {
        row,
        base,
        report: toSave,
        counts: f.counts,
        authorId: actor.id,
        now: ctx.now(),
        detail: saveDetail(base + 1, base, false, changed, baseReport, toSave),
      });
      if (saved) return { revision: saved.revision, updatedAt: saved.updatedAt, ...f };
    }

    // Saves of one report are serialised by a row lock: each merges onto the revision it finds, none retries.
    return db.transaction(async (tx) => {
      const [cur] = await tx.select().from(schema.reports).where(eq(schema.reports.id, id)).for('update');
      if (!cur) throw notFound();
      if (cur.status !== 'draft') throw locked(cur.status);
      let toSave = mine;
      let previous = baseReport;
      let changes: ChangeMark[] | null = null;
      if (base !== cur.revision) {
        const current = (await revisionContent(tx, id, cur.revision))!;
        const m = mergeReports(baseReport, mine, current);
        changes = await changesSince(tx, id, base, baseReport);
        if (m.conflicts.length) {
          const byScope = new Map(changes.map((c) => [c.scope, c]));
          throw new ApiError(
            409,
            'E_CONFLICT',
            `报告已被他人更新到第 ${cur.revision} 版（您的修改基于第 ${base} 版），有 ${m.conflicts.length} 处与他人的修改冲突，请逐项选择保留哪一方`,
            {
              revision: cur.revision,
              report: current,
              base,
              conflicts: m.conflicts.map((c) => ({ ...c, changedBy: byScope.get(c.scope) ?? null })),
              changes,
            },
          );
        }
        toSave = withOrganisation(m.report, org);
        previous = current;
      }
      const changed = changedCells(previous, toSave);
      toSave = ownEditedCells(previous, toSave, changed);
      const f = findingsOf(toSave);
      const merged = changes ? { merged: { report: toSave, changes } } : {};
      if (sameContent(previous, toSave))
        return { revision: cur.revision, unchanged: true, updatedAt: cur.updatedAt, ...f, ...merged };
      const now = ctx.now();
      const [updated] = await tx
        .update(schema.reports)
        .set({
          revision: cur.revision + 1,
          formatT2: toSave.meta.formats.t2,
          formatT3: toSave.meta.formats.t3,
          errors: f.counts.errors,
          warnings: f.counts.warnings,
          updatedAt: now,
        })
        .where(eq(schema.reports.id, id))
        .returning({ revision: schema.reports.revision, updatedAt: schema.reports.updatedAt });
      await tx.insert(schema.revisions).values({
        reportId: id,
        number: updated!.revision,
        content: toSave,
        errors: f.counts.errors,
        warnings: f.counts.warnings,
        authorId: actor.id,
        createdAt: now,
      });
      await audit(tx, {
        userId: actor.id,
        action: 'report.save',
        reportId: id,
        organisationId: row.organisationId,
        detail: saveDetail(updated!.revision, base, !!changes, changed, previous, toSave),
      });
      return { revision: updated!.revision, updatedAt: updated!.updatedAt, ...f, ...merged };
    });
  });

  app.get('/api/reports/:id/revisions', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    await readableReport(db, actor, id);
    const r = schema.revisions;
    const rows = await db
      .select({
        revision: r.number,
        createdAt: r.createdAt,
        errors: r.errors,
        warnings: r.warnings,
        authorId: r.authorId,
        authorName: schema.users.displayName,
        authorUsername: schema.users.username,
      })
      .from(r)
      .leftJoin(schema.users, eq(schema.users.id, r.authorId))
      .where(eq(r.reportId, id))
      .orderBy(desc(r.number));
    return rows.map((x) => ({
      revision: x.revision,
      createdAt: x.createdAt,
      counts: { errors: x.errors, warnings: x.warnings },
      author: x.authorId === null ? null : { id: x.authorId, username: x.authorUsername, displayName: x.authorName },
    }));
  });

  app.get('/api/reports/:id/revisions/:rev', async (request) => {
    const actor = requireActor(request);
    const { id, rev } = parseInput(RevisionParams, request.params, '版本号');
    await readableReport(db, actor, id);
    const r = schema.revisions;
    const [row] = await db
      .select({
        createdAt: r.createdAt,
        authorId: r.authorId,
        authorName: schema.users.displayName,
        authorUsername: schema.users.username,
      })
      .from(r)
      .leftJoin(schema.users, eq(schema.users.id, r.authorId))
      .where(and(eq(r.reportId, id), eq(r.number, rev)));
    if (!row) throw notFound('该版本');
    const report = (await revisionContent(db, id, rev))!;
    return {
      revision: rev,
      createdAt: row.createdAt,
      author:
        row.authorId === null ? null : { id: row.authorId, username: row.authorUsername, displayName: row.authorName },
      report,
      ...findingsOf(report),
    };
  });

  app.get('/api/reports/:id/history', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    const { kind } = parseInput(HistoryQuerySchema, request.query, '查询条件');
    await readableReport(db, actor, id);
    const a = schema.auditLog;
    const conds = [eq(a.reportId, id)];
    if (kind === 'status') conds.push(inArray(a.action, STATUS_ACTIONS));
    const rows = await db
      .select({
        id: a.id,
        at: a.at,
        action: a.action,
        detail: a.detail,
        userId: a.userId,
        displayName: schema.users.displayName,
        username: schema.users.username,
      })
      .from(a)
      .leftJoin(schema.users, eq(schema.users.id, a.userId))
      .where(and(...conds))
      .orderBy(desc(a.id))
      .limit(500);
    return rows.map((x) => historyEntry(x));
  });

  for (const action of ACTIONS) {
    const t = TRANSITIONS[action];
    app.post(`/api/reports/:id/${action}`, async (request) => {
      const actor = requireActor(request);
      const { id } = parseInput(IdParams, request.params, '报告编号');
      const body = parseInput(ActionSchema, request.body ?? undefined, '操作内容');
      const { row, tree } = await readableReport(db, actor, id);
      const allowed =
        t.who === 'editor' ? canEdit(actor, row.organisationId) : canReview(actor, row.organisationId, tree);
      if (!allowed)
        throw forbidden(
          t.who === 'editor'
            ? `只有该机关的填报人可以${ACTION_VERBS[action]}报告`
            : `只有上级审核人可以${ACTION_VERBS[action]}报告`,
        );
      const comment = body?.comment || null;
      if (action === 'return' && !comment) throw new ApiError(400, 'E_COMMENT_REQUIRED', '退回时请填写退回意见');
      const wrongState = (status: string) =>
        new ApiError(
          409,
          'E_BAD_STATUS',
          `报告当前为「${STATUS_LABELS[status as Status] ?? status}」，不能${ACTION_VERBS[action]}`,
          { status },
        );
      if (!(t.from as readonly string[]).includes(row.status)) throw wrongState(row.status);
      const org = tree.byId.get(row.organisationId)!;
      const now = ctx.now();
      const updated = await db.transaction(async (tx) => {
        const [u] = await tx
          .update(schema.reports)
          .set({
            status: t.to,
            updatedAt: now,
            ...(action === 'submit' ? { submittedAt: now, returnComment: null } : {}),
            ...(action === 'return' ? { returnComment: comment } : {}),
            ...(action === 'publish' ? { publishedAt: now } : {}),
          })
          .where(and(eq(schema.reports.id, id), eq(schema.reports.status, row.status)))
          .returning();
        if (!u) return null;
        const detail: Record<string, unknown> = { from: row.status, to: t.to, revision: u.revision };
        if (comment) detail.comment = comment;
        if (action === 'publish') {
          const report = (await revisionContent(tx, id, u.revision))!;
          detail.file = await writePublished(ctx.publishDir, org.slug, row.year, report);
        }
        await audit(tx, {
          userId: actor.id,
          action: `report.${action}`,
          reportId: id,
          organisationId: row.organisationId,
          detail,
        });
        return u;
      });
      if (!updated) {
        const [cur] = await db.select().from(schema.reports).where(eq(schema.reports.id, id));
        throw wrongState(cur!.status);
      }
      return summaryOf(actor, updated, tree);
    });
  }

  for (const kind of ['pdf', 'docx'] as const) {
    app.get(`/api/reports/:id/${kind}`, async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseInput(IdParams, request.params, '报告编号');
      const { watermark } = parseInput(FileQuery, request.query, '查询条件');
      const { row, tree, report } = await readableReportWithContent(db, actor, id);
      // A report not yet published carries 草稿 on every page unless asked not to (?watermark=0).
      const file = await renderReportFile(ctx.heavy, kind, report, {
        draft: row.status !== 'published' && watermark !== '0',
      });
      const org = tree.byId.get(row.organisationId)!;
      const name = `${reportTitle(org.name, row.year)}.${kind}`;
      reply
        .type(
          kind === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header(
          'content-disposition',
          `attachment; filename="${org.slug}-${row.year}.${kind}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
      return reply.send(Buffer.from(file));
    });
  }
}
