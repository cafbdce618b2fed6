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
  TemplateVersionSchema,
} from '@nianbao/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canEdit, canReview, OrgTree, readableOrgIds } from '../access.js';
import { ACTION_LABELS, audit } from '../audit.js';
import { type Context, isUniqueViolation } from '../context.js';
import { schema } from '../db/index.js';
import { ApiError, forbidden, notFound, parseInput } from '../errors.js';
import { renderReportFile } from '../render.js';
import {
  changedCells,
  findingsOf,
  type ReportRow,
  readableReport,
  readableReportWithContent,
  reportFromBody,
  reportsOfOrgs,
  revisionContent,
  revisionFromHeader,
  STATUS_LABELS,
  type Status,
  sameContent,
  summaryOf,
} from '../reports.js';
import { requireActor } from '../session.js';

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const FileQuery = z.object({ watermark: z.enum(['0', '1']).optional() });
const RevisionParams = IdParams.extend({
  rev: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const ListQuery = z.object({ year: z.coerce.number().int().min(2008).max(2100).optional() });

const CreateSchema = z.object({
  organisationId: z.number().int().positive(),
  year: z.number().int().min(2008).max(2100),
  formats: z.object({ t2: TemplateVersionSchema, t3: TemplateVersionSchema }).optional(),
  /** `lastYear`: start from last year's report (上年结转 = last year's 结转下年度继续办理). */
  prefill: z.enum(['empty', 'lastYear']).default('empty'),
  /** A whole report to start from (e.g. the result of /api/import). */
  report: z.unknown().optional(),
});

const SaveSchema = z.object({ report: z.unknown() });
const ActionSchema = z.object({ comment: z.string().trim().max(2000).optional() }).optional();

const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', who: 'editor' },
  approve: { from: ['submitted'], to: 'approved', who: 'reviewer' },
  return: { from: ['submitted', 'approved'], to: 'draft', who: 'reviewer' },
  publish: { from: ['approved'], to: 'published', who: 'reviewer' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status; who: 'editor' | 'reviewer' }>;
type Action = keyof typeof TRANSITIONS;
const ACTION_VERBS: Record<Action, string> = { submit: '提交', approve: '审核通过', return: '退回', publish: '发布' };

async function writePublished(dir: string, slug: string, year: number, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${slug}-${year}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, canonicalJson(report), 'utf8');
  await rename(tmp, file);
  return file;
}

/** Last year's report of the same organisation, if any, and core's series checks against it (上年结转 …). */
async function previousYearCheck(db: Context['db'], row: ReportRow, report: Report) {
  const [prev] = await db
    .select({
      id: schema.reports.id,
      revision: schema.reports.revision,
      status: schema.reports.status,
      content: schema.revisions.content,
    })
    .from(schema.reports)
    .innerJoin(
      schema.revisions,
      and(eq(schema.revisions.reportId, schema.reports.id), eq(schema.revisions.number, schema.reports.revision)),
    )
    .where(and(eq(schema.reports.organisationId, row.organisationId), eq(schema.reports.year, row.year - 1)));
  if (!prev) return null;
  const r = checkPrevious(normalizeReport(prev.content as Report), report);
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

export async function reportRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  const { db } = ctx;

  app.get('/api/reports', async (request) => {
    const actor = requireActor(request);
    const { year } = parseInput(ListQuery, request.query, '查询条件');
    const tree = await OrgTree.load(db);
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
    const tree = await OrgTree.load(db);
    const org = tree.byId.get(body.organisationId);
    if (!org || !readableOrgIds(actor, tree).has(org.id)) throw notFound('机关');
    if (!canEdit(actor, org.id)) throw forbidden('只有该机关的填报人可以新建报告');
    let report: Report;
    let source: 'empty' | 'lastYear' | 'report' = body.prefill;
    if (body.report !== undefined) {
      report = reportFromBody(body.report);
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
      report.meta.agency = org.name;
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
    return { ...summaryOf(actor, row, tree), report, revision: row.revision, ...f };
  });

  app.get('/api/reports/:id', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    const { row, tree, report } = await readableReportWithContent(db, actor, id);
    return {
      ...summaryOf(actor, row, tree),
      report,
      revision: row.revision,
      ...findingsOf(report),
      previousYear: await previousYearCheck(db, row, report),
    };
  });

  app.put('/api/reports/:id', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(IdParams, request.params, '报告编号');
    const { row, tree } = await readableReport(db, actor, id);
    if (!canEdit(actor, row.organisationId)) throw forbidden('只有该机关的填报人可以修改报告');
    const base = revisionFromHeader(request.headers['if-match']);
    const body = parseInput(SaveSchema, request.body, '保存内容');
    const report = reportFromBody(body.report);
    if (report.meta.year !== row.year) {
      throw new ApiError(
        400,
        'E_YEAR_MISMATCH',
        `报告内容的年度（${report.meta.year}）与本报告年度（${row.year}）不一致`,
      );
    }
    const locked = (status: string) =>
      new ApiError(
        409,
        'E_REPORT_LOCKED',
        `报告${STATUS_LABELS[status as Status] ?? status}，不能修改；如需修改，请审核人退回`,
      );
    if (row.status !== 'draft') throw locked(row.status);
    const stale = async () => {
      const [cur] = await db.select().from(schema.reports).where(eq(schema.reports.id, id));
      if (cur!.status !== 'draft') return locked(cur!.status);
      const current = await revisionContent(db, id, cur!.revision);
      return new ApiError(
        409,
        'E_STALE_REVISION',
        `报告已被他人更新到第 ${cur!.revision} 版（您的修改基于第 ${base} 版），请合并后再保存`,
        {
          revision: cur!.revision,
          report: current,
        },
      );
    };
    if (base > row.revision || base < 1) throw await stale();
    const before = await revisionContent(db, id, base);
    const f = findingsOf(report);
    if (base === row.revision && sameContent(before, report)) {
      return { revision: row.revision, unchanged: true, updatedAt: row.updatedAt, ...f };
    }
    if (base !== row.revision) throw await stale();
    const now = ctx.now();
    const saved = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(schema.reports)
        .set({
          revision: sql`${schema.reports.revision} + 1`,
          formatT2: report.meta.formats.t2,
          formatT3: report.meta.formats.t3,
          errors: f.counts.errors,
          warnings: f.counts.warnings,
          updatedAt: now,
        })
        .where(and(eq(schema.reports.id, id), eq(schema.reports.revision, base), eq(schema.reports.status, 'draft')))
        .returning();
      if (!updated) return null;
      await tx.insert(schema.revisions).values({
        reportId: id,
        number: updated.revision,
        content: report,
        errors: f.counts.errors,
        warnings: f.counts.warnings,
        authorId: actor.id,
        createdAt: now,
      });
      const changed = changedCells(before, report);
      await audit(tx, {
        userId: actor.id,
        action: 'report.save',
        reportId: id,
        organisationId: row.organisationId,
        detail: {
          revision: updated.revision,
          basedOn: base,
          changedCells: changed.slice(0, 50),
          changedCellCount: changed.length,
          textChanged:
            !before ||
            canonicalJson({ ...report, cells: {}, preamble: before.preamble, sections: before.sections }) !==
              canonicalJson({ ...report, cells: {} }),
          metaChanged:
            !before ||
            canonicalJson({ ...before, cells: {}, preamble: [], sections: [] }) !==
              canonicalJson({ ...report, cells: {}, preamble: [], sections: [] }),
        },
      });
      return updated;
    });
    if (!saved) throw await stale();
    void tree;
    return { revision: saved.revision, updatedAt: saved.updatedAt, ...f };
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
    await readableReport(db, actor, id);
    const a = schema.auditLog;
    const rows = await db
      .select({
        at: a.at,
        action: a.action,
        detail: a.detail,
        userId: a.userId,
        displayName: schema.users.displayName,
        username: schema.users.username,
      })
      .from(a)
      .leftJoin(schema.users, eq(schema.users.id, a.userId))
      .where(eq(a.reportId, id))
      .orderBy(desc(a.id))
      .limit(500);
    return rows.map((x) => ({
      at: x.at,
      action: x.action,
      actionLabel: ACTION_LABELS[x.action] ?? x.action,
      user: x.userId === null ? null : { id: x.userId, username: x.username, displayName: x.displayName },
      detail: x.detail,
    }));
  });

  for (const action of Object.keys(TRANSITIONS) as Action[]) {
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
      const file = await renderReportFile(kind, report, { draft: row.status !== 'published' && watermark !== '0' });
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
