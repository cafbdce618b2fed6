import { AgencyLevelSchema, type Finding, type LikelyCell, ReportSchema } from '@nianbao/core';
import { z } from 'zod';

/** Largest id the database holds (PostgreSQL `integer`). */
export const MAX_ID = 2 ** 31 - 1;

/** An id in a JSON body. */
export const IdSchema = z.number().int().positive().max(MAX_ID);

/** An id in a URL or query string: digits only, no leading zero, sign, point or exponent (`01`, `1e0` refused). */
export const IdTextSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, '应为正整数编号（只含数字，不以 0 开头）')
  .transform(Number)
  .pipe(IdSchema);

export const YearSchema = z.number().int().min(2008).max(2100);
/** A report year in a URL or query string: four digits. */
export const YearTextSchema = z
  .string()
  .regex(/^\d{4}$/, '应为四位数的年度，如 2024')
  .transform(Number)
  .pipe(YearSchema);

/** A moment as the API writes it: an ISO 8601 string. */
export const IsoTimeSchema = z.string();

export const StatusSchema = z.enum(['draft', 'submitted', 'approved', 'published']);
export type Status = z.infer<typeof StatusSchema>;
/** Report statuses as people read them. */
export const STATUS_LABELS: Record<Status, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  published: '已发布',
};

export const RoleNameSchema = z.enum(['editor', 'reviewer']);
export type RoleName = z.infer<typeof RoleNameSchema>;
export const ROLE_LABELS: Record<RoleName, string> = { editor: '填报人', reviewer: '审核人' };

export const LevelSchema = AgencyLevelSchema;

/** An organisation as every answer names it. */
export const OrganisationRefSchema = z.object({
  id: IdSchema,
  name: z.string(),
  slug: z.string(),
  level: LevelSchema,
  parentId: IdSchema.nullable(),
  region: z.string().nullable(),
});
export type OrganisationRef = z.infer<typeof OrganisationRefSchema>;

/** A person as answers name them (authors, actors of the audit log). */
export const UserRefSchema = z.object({ id: IdSchema, username: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A finding of core's `validate` (its shape is core's; only that it is one is checked here). */
export const FindingSchema = z.custom<Finding>((v) => isObject(v) && typeof (v as Finding).ruleId === 'string');
export const LikelyCellSchema = z.custom<LikelyCell>(
  (v) => isObject(v) && typeof (v as LikelyCell).cellId === 'string',
);

/** A whole report, as core's model defines it. */
export const ReportContentSchema = ReportSchema;

export const CountsSchema = z.object({ errors: z.number(), warnings: z.number() });
export const FullCountsSchema = CountsSchema.extend({ infos: z.number() });

/** What `validate` says about a report, as answers carry it. */
export const CheckSchema = z.object({
  findings: z.array(FindingSchema),
  counts: FullCountsSchema,
  likely: z.array(LikelyCellSchema),
});

/** Every refusal: a stable code for programs and a Chinese message for people, sometimes with more fields. */
export const ErrorAnswerSchema = z.looseObject({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswerSchema>;

export const OkAnswerSchema = z.object({ ok: z.literal(true) });
