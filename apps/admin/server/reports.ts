import {
  type AgencyLevel,
  canonicalJson,
  legalDeadline,
  normalizeReport,
  parseReport,
  type Report,
  reportTitle,
  validate,
} from '@nianbao/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Actor, canEdit, canRead, canReview, type OrgNode, OrgTree } from './access.js';
import { changedCellIds, reportLimitIssues, STATUS_LABELS, type Status } from './contract.js';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';
import { ApiError, notFound } from './errors.js';

export { STATUS_LABELS, type Status };

export type ReportRow = typeof schema.reports.$inferSelect;

/** The deadline of an organisation's report for a year: its local deadline if set, else the Regulation's. */
export function deadlineOf(org: Pick<OrgNode, 'level' | 'deadline'>, year: number): string | null {
  if (org.deadline) return `${year + 1}-${org.deadline}`;
  return legalDeadline(org.level as AgencyLevel, year);
}

export function permissionsOf(actor: Actor, row: Pick<ReportRow, 'organisationId' | 'status'>, tree: OrgTree) {
  const edit = canEdit(actor, row.organisationId);
  const review = canReview(actor, row.organisationId, tree);
  return {
    edit: edit && row.status === 'draft',
    submit: edit && row.status === 'draft',
    approve: review && row.status === 'submitted',
    return: review && (row.status === 'submitted' || row.status === 'approved'),
    publish: review && row.status === 'approved',
  };
}

export function orgView(org: OrgNode) {
  return { id: org.id, name: org.name, slug: org.slug, level: org.level, parentId: org.parentId, region: org.region };
}

/** One line of the report list (also the head of the full report answer). */
export function summaryOf(actor: Actor, row: ReportRow, tree: OrgTree) {
  const org = tree.byId.get(row.organisationId)!;
  return {
    id: row.id,
    organisation: orgView(org),
    year: row.year,
    title: reportTitle(org.name, row.year),
    status: row.status as Status,
    statusLabel: STATUS_LABELS[row.status as Status],
    revision: row.revision,
    formats: { t2: row.formatT2, t3: row.formatT3 },
    counts: { errors: row.errors, warnings: row.warnings },
    returnComment: row.status === 'draft' ? row.returnComment : null,
    deadline: deadlineOf(org, row.year),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    publishedAt: row.publishedAt,
    permissions: permissionsOf(actor, row, tree),
  };
}

/** The report row, if the actor may read it; 404 otherwise (never reveals that it exists). */
export async function readableReport(db: Db, actor: Actor, id: number): Promise<{ row: ReportRow; tree: OrgTree }> {
  const [row] = await db.select().from(schema.reports).where(eq(schema.reports.id, id));
  if (!row) throw notFound();
  const tree = await OrgTree.load(db, actor.orgGeneration);
  if (!canRead(actor, row.organisationId, tree)) throw notFound();
  return { row, tree };
}

/**
 * As `readableReport`, with the stored content of revision `number` (null if there is none) read in the same
 * query: a save needs the revision it was based on.
 */
export async function readableReportAt(
  db: Db,
  actor: Actor,
  id: number,
  number: number | null,
): Promise<{ row: ReportRow; tree: OrgTree; content: Report | null }> {
  const [hit] = await db
    .select({ row: schema.reports, content: schema.revisions.content })
    .from(schema.reports)
    .leftJoin(
      schema.revisions,
      and(eq(schema.revisions.reportId, schema.reports.id), eq(schema.revisions.number, number ?? -1)),
    )
    .where(eq(schema.reports.id, id));
  if (!hit) throw notFound();
  const tree = await OrgTree.load(db, actor.orgGeneration);
  if (!canRead(actor, hit.row.organisationId, tree)) throw notFound();
  return { row: hit.row, tree, content: (hit.content as Report | null) ?? null };
}

/** Last year's report of the same organisation at its latest revision (stored content, not yet normalised). */
export interface PreviousYear {
  id: number;
  revision: number;
  status: string;
  content: Report;
}

/**
 * As `readableReport`, with the content of the latest revision read in the same query, and with
 * `previousYear`, last year's report of the same organisation too (one query in all).
 */
export async function readableReportWithContent(
  db: Db,
  actor: Actor,
  id: number,
  options: { previousYear?: boolean } = {},
): Promise<{ row: ReportRow; tree: OrgTree; report: Report; previous: PreviousYear | null }> {
  const prevReport = alias(schema.reports, 'prev_report');
  const prevRevision = alias(schema.revisions, 'prev_revision');
  const cols = { row: schema.reports, content: schema.revisions.content };
  const base = db
    .select(
      options.previousYear
        ? {
            ...cols,
            prevId: prevReport.id,
            prevRevision: prevReport.revision,
            prevStatus: prevReport.status,
            prevContent: prevRevision.content,
          }
        : cols,
    )
    .from(schema.reports)
    .innerJoin(
      schema.revisions,
      and(eq(schema.revisions.reportId, schema.reports.id), eq(schema.revisions.number, schema.reports.revision)),
    )
    .$dynamic();
  const query = options.previousYear
    ? base
        .leftJoin(
          prevReport,
          and(
            eq(prevReport.organisationId, schema.reports.organisationId),
            eq(prevReport.year, sql`${schema.reports.year} - 1`),
          ),
        )
        .leftJoin(
          prevRevision,
          and(eq(prevRevision.reportId, prevReport.id), eq(prevRevision.number, prevReport.revision)),
        )
    : base;
  const [hit] = (await query.where(eq(schema.reports.id, id))) as {
    row: ReportRow;
    content: unknown;
    prevId?: number | null;
    prevRevision?: number | null;
    prevStatus?: string | null;
    prevContent?: unknown;
  }[];
  if (!hit) throw notFound();
  const tree = await OrgTree.load(db, actor.orgGeneration);
  if (!canRead(actor, hit.row.organisationId, tree)) throw notFound();
  const report = normalizeReport(hit.content as Report);
  const previous =
    hit.prevId != null && hit.prevContent != null
      ? { id: hit.prevId, revision: hit.prevRevision!, status: hit.prevStatus!, content: hit.prevContent as Report }
      : null;
  // Until it is published, a report carries its organisation's current name, level and region.
  const org = tree.byId.get(hit.row.organisationId)!;
  return {
    row: hit.row,
    tree,
    report: hit.row.status === 'published' ? report : withOrganisation(report, org),
    previous,
  };
}

/** A stored revision, read back through the model (normalised, every cell present). */
export async function revisionContent(
  db: Pick<Db, 'select'>,
  reportId: number,
  number: number,
): Promise<Report | null> {
  const [rev] = await db
    .select({ content: schema.revisions.content })
    .from(schema.revisions)
    .where(and(eq(schema.revisions.reportId, reportId), eq(schema.revisions.number, number)));
  // Stored content was checked by parseReport when it was saved: only the order of keys is restored here.
  return rev ? normalizeReport(rev.content as Report) : null;
}

export function findingsOf(report: Report) {
  const v = validate(report);
  return { findings: v.findings, counts: { errors: v.errors, warnings: v.warnings, infos: v.infos }, likely: v.likely };
}

/**
 * Read `{report}` from a request body with core's parser and the contract's limits (text length, numbers up to
 * 10^12); a bad report is a 400 naming each problem.
 */
export function reportFromBody(value: unknown): Report {
  const r = parseReport(value);
  const issues = r.ok ? reportLimitIssues(r.report) : r.issues;
  if (r.ok && !issues.length) return r.report;
  const first = issues
    .slice(0, 3)
    .map((i) => i.message)
    .join('；');
  const code = r.ok ? 'E_REPORT_LIMIT' : 'E_INVALID_REPORT';
  throw new ApiError(400, code, `报告内容有误（${issues.length} 处）：${first}`, { issues });
}

/**
 * The organisation owns its name: the report's agency, level and region are the organisation's, whatever
 * the edit sent (the administration screen changes them).
 */
export function withOrganisation(report: Report, org: Pick<OrgNode, 'name' | 'level' | 'region'>): Report {
  const meta = { ...report.meta, agency: org.name, level: org.level as AgencyLevel };
  if (org.region) meta.region = org.region;
  else delete meta.region;
  return { ...report, meta };
}

/**
 * A cell whose value the save changes becomes the agency's own: its import record (how it was read, or that it
 * could not be) is dropped unless the save itself changed that record.
 */
export function ownEditedCells(previous: Report, next: Report, changed: readonly string[]): Report {
  let out = next;
  for (const id of changed) {
    const p = next.provenance?.[id];
    const t = next.cellText?.[id];
    const keepP = p === undefined || JSON.stringify(p) !== JSON.stringify(previous.provenance?.[id]);
    const keepT = t === undefined || t !== previous.cellText?.[id];
    if (keepP && keepT) continue;
    out = { ...out };
    if (!keepP) {
      const { [id]: _p, ...rest } = out.provenance ?? {};
      if (Object.keys(rest).length) out.provenance = rest;
      else delete out.provenance;
    }
    if (!keepT) {
      const { [id]: _t, ...rest } = out.cellText ?? {};
      if (Object.keys(rest).length) out.cellText = rest;
      else delete out.cellText;
    }
  }
  return out;
}

/** Cells whose value differs between two reports (for the audit log). */
export const changedCells = changedCellIds;

export function sameContent(a: Report | null, b: Report): boolean {
  return !!a && canonicalJson(a) === canonicalJson(b);
}

/** The revision an `If-Match` header names, or null when it names none (`revisionFromHeader` says why). */
export function revisionOrNull(value: string | string[] | undefined): number | null {
  try {
    return revisionFromHeader(value);
  } catch {
    return null;
  }
}

/** Parse `If-Match: 3`, `"3"` or `W/"3"`. */
export function revisionFromHeader(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') {
    throw new ApiError(428, 'E_IF_MATCH_REQUIRED', '保存时须在 If-Match 头中注明所依据的版本号');
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw new ApiError(400, 'E_IF_MATCH_INVALID', `If-Match 头应为版本号（如 3），收到“${raw.slice(0, 40)}”`);
  return Number(m[1]);
}

export async function reportsOfOrgs(db: Db, orgIds: number[], year?: number): Promise<ReportRow[]> {
  if (!orgIds.length) return [];
  const where =
    year === undefined
      ? inArray(schema.reports.organisationId, orgIds)
      : and(inArray(schema.reports.organisationId, orgIds), eq(schema.reports.year, year));
  return db.select().from(schema.reports).where(where);
}
