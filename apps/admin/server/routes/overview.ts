import {
  type AgencyLevel,
  aggregate,
  normalizeReport,
  type Report,
  reportCells,
  reportTitle,
  validate,
} from '@nianbao/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canReview, OrgTree } from '../access.js';
import type { Context } from '../context.js';
import { OverviewQuerySchema, RollUpQuerySchema } from '../contract.js';
import { schema } from '../db/index.js';
import { forbidden, notFound, parseInput } from '../errors.js';
import { deadlineOf, orgView, reportsOfOrgs, STATUS_LABELS, type Status, summaryOf } from '../reports.js';
import { requireActor } from '../session.js';

const Query = OverviewQuerySchema;

const SUBMITTED: readonly string[] = ['submitted', 'approved', 'published'];

const RollUpQuery = RollUpQuerySchema;

export async function overviewRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  const { db } = ctx;

  /** The roll-up (core's `aggregate`) of the reports of an organisation and every one below it, for a reviewer. */
  app.get('/api/overview/rollup', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(RollUpQuery, request.query, '查询条件');
    const tree = await OrgTree.load(db, actor.orgGeneration);
    const root = tree.byId.get(q.organisationId);
    if (!root) throw notFound('机关');
    if (!canReview(actor, root.id, tree)) throw forbidden('只有审核人可以查看下级机关报告的汇总');
    const below = tree.descendants(root.id).map((d) => d.org.id);
    const rows = await db
      .select({ row: schema.reports, content: schema.revisions.content })
      .from(schema.reports)
      .innerJoin(
        schema.revisions,
        and(eq(schema.revisions.reportId, schema.reports.id), eq(schema.revisions.number, schema.reports.revision)),
      )
      .where(and(inArray(schema.reports.organisationId, below), eq(schema.reports.year, q.year)));
    const used = rows.filter((r) => q.include === 'all' || SUBMITTED.includes(r.row.status));
    const units = used.map((r) => normalizeReport(r.content as Report));
    if (!units.length)
      return {
        year: q.year,
        organisation: orgView(root),
        include: q.include,
        cellIds: [],
        units: [],
        report: null,
        findings: [],
        counts: { errors: 0, warnings: 0, infos: 0 },
        incomplete: [],
        dropped: [],
      };
    const r = aggregate(units, {
      agency: `${root.name}（汇总）`,
      year: q.year,
      level: root.level as AgencyLevel,
    });
    const formats = r.report.meta.formats;
    const cellIds = reportCells(formats).map((c) => c.id);
    // Each unit's part of every cell, in the roll-up's templates: the drill-down needs no other request.
    const unitsView = used.map((row, i) => {
      const own = aggregate([units[i]!], { formats, year: q.year }).report.cells;
      const breaks = validate(units[i]!, { kinds: ['sum', 'equation'] }).findings.filter(
        (f) => f.severity === 'error',
      ).length;
      return {
        organisation: orgView(tree.byId.get(row.row.organisationId)!),
        reportId: row.row.id,
        title: reportTitle(tree.byId.get(row.row.organisationId)!.name, q.year),
        status: row.row.status as Status,
        statusLabel: STATUS_LABELS[row.row.status as Status],
        values: cellIds.map((id) => own[id] ?? null),
        breaks,
      };
    });
    const v = validate(r.report);
    return {
      year: q.year,
      organisation: orgView(root),
      include: q.include,
      cellIds,
      units: unitsView,
      report: r.report,
      findings: v.findings,
      counts: { errors: v.errors, warnings: v.warnings, infos: v.infos },
      incomplete: r.incomplete,
      dropped: r.dropped,
    };
  });

  /** For a reviewer: every organisation below theirs for a year — status, findings, who has not submitted, deadline. */
  app.get('/api/overview', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(Query, request.query, '查询条件');
    const tree = await OrgTree.load(db, actor.orgGeneration);
    let roots: number[];
    if (q.organisationId !== undefined) {
      if (!tree.byId.has(q.organisationId)) throw notFound('机关');
      const up = new Set(tree.ancestors(q.organisationId));
      if (!actor.isAdmin && !actor.roles.some((r) => r.role === 'reviewer' && up.has(r.organisationId)))
        throw forbidden('只有审核人可以查看下级机关的报送情况');
      roots = [q.organisationId];
    } else if (actor.isAdmin) {
      roots = tree.roots().map((o) => o.id);
    } else {
      roots = actor.roles.filter((r) => r.role === 'reviewer').map((r) => r.organisationId);
      if (!roots.length) throw forbidden('只有审核人可以查看下级机关的报送情况');
    }
    const seen = new Set<number>();
    const entries: { org: ReturnType<typeof orgView>; depth: number; deadline: string | null }[] = [];
    for (const root of roots) {
      for (const { org, depth } of tree.descendants(root)) {
        if (seen.has(org.id)) continue;
        seen.add(org.id);
        entries.push({ org: orgView(org), depth, deadline: deadlineOf(org, q.year) });
      }
    }
    const rows = await reportsOfOrgs(db, [...seen], q.year);
    const byOrg = new Map(rows.map((r) => [r.organisationId, r]));
    const today = ctx.now().toISOString().slice(0, 10);
    const organisations = entries.map((e) => {
      const row = byOrg.get(e.org.id);
      const submitted = !!row && SUBMITTED.includes(row.status);
      return {
        organisation: e.org,
        depth: e.depth,
        deadline: e.deadline,
        report: row ? summaryOf(actor, row, tree) : null,
        status: row ? (row.status as Status) : null,
        statusLabel: row ? STATUS_LABELS[row.status as Status] : '未建立',
        submitted,
        overdue: !submitted && e.deadline !== null && today > e.deadline,
      };
    });
    const count = (s: Status) => organisations.filter((o) => o.status === s).length;
    return {
      year: q.year,
      today,
      organisations,
      totals: {
        organisations: organisations.length,
        notStarted: organisations.filter((o) => !o.report).length,
        draft: count('draft'),
        submitted: count('submitted'),
        approved: count('approved'),
        published: count('published'),
        notSubmitted: organisations.filter((o) => !o.submitted).length,
        overdue: organisations.filter((o) => o.overdue).length,
        errors: organisations.reduce((s, o) => s + (o.report?.counts.errors ?? 0), 0),
      },
      notSubmitted: organisations
        .filter((o) => !o.submitted)
        .map((o) => ({
          organisation: o.organisation,
          deadline: o.deadline,
          overdue: o.overdue,
          statusLabel: o.statusLabel,
        })),
    };
  });
}
