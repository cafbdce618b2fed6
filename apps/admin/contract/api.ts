import { TemplateVersionSchema } from '@nianbao/core';
import { z } from 'zod';
import {
  CheckSchema,
  CountsSchema,
  FindingSchema,
  FullCountsSchema,
  IdSchema,
  IdTextSchema,
  IsoTimeSchema,
  LevelSchema,
  OrganisationRefSchema,
  ReportContentSchema,
  RoleNameSchema,
  StatusSchema,
  UserRefSchema,
  YearSchema,
  YearTextSchema,
} from './common.js';
import { LIMITS } from './limits.js';

// ---------------------------------------------------------------- session

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const UserRoleSchema = z.object({
  organisationId: IdSchema,
  organisationName: z.string(),
  role: RoleNameSchema,
  roleLabel: z.string(),
});

export const SessionUserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  roles: z.array(UserRoleSchema),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** `POST /api/session`, `GET /api/session`. */
export const SessionAnswerSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() });
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;

export const PASSWORD_MIN_LENGTH = 10;
const NewPassword = z.string().min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`).max(200);

/** `POST /api/session/password`: one's own password. */
export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});

// ---------------------------------------------------------------- reports

export const PermissionsSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  publish: z.boolean(),
});
export type Permissions = z.infer<typeof PermissionsSchema>;

/** One line of the report list; also the head of the full report. */
export const ReportSummarySchema = z.object({
  id: IdSchema,
  organisation: OrganisationRefSchema,
  year: YearSchema,
  /** The report's title, from core's `reportTitle`. */
  title: z.string(),
  status: StatusSchema,
  statusLabel: z.string(),
  revision: z.number().int(),
  formats: z.object({ t2: TemplateVersionSchema, t3: TemplateVersionSchema }),
  counts: CountsSchema,
  returnComment: z.string().nullable(),
  deadline: z.string().nullable(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  submittedAt: IsoTimeSchema.nullable(),
  publishedAt: IsoTimeSchema.nullable(),
  permissions: PermissionsSchema,
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportListQuerySchema = z.object({ year: YearTextSchema.optional() });
export const ReportListAnswerSchema = z.array(ReportSummarySchema);

export const PreviousYearSchema = z.object({
  id: IdSchema,
  year: YearSchema,
  revision: z.number().int(),
  status: StatusSchema,
  findings: z.array(FindingSchema),
  skipped: z.array(z.unknown()),
  counts: FullCountsSchema,
});

/** `GET /api/reports/:id`. */
export const ReportAnswerSchema = ReportSummarySchema.extend({
  report: ReportContentSchema,
  ...CheckSchema.shape,
  previousYear: PreviousYearSchema.nullable(),
});
export type ReportAnswer = z.infer<typeof ReportAnswerSchema>;

/** `POST /api/reports`. */
export const CreateReportRequestSchema = z.object({
  organisationId: IdSchema,
  year: YearSchema,
  formats: z.object({ t2: TemplateVersionSchema, t3: TemplateVersionSchema }).optional(),
  /** `lastYear`: start from last year's report (上年结转 = last year's 结转下年度继续办理). */
  prefill: z.enum(['empty', 'lastYear']).default('empty'),
  /** A whole report to start from (e.g. the result of /api/import); checked by core's parser. */
  report: z.unknown().optional(),
});
export type CreateReportRequest = z.input<typeof CreateReportRequestSchema>;
export const CreateReportAnswerSchema = ReportSummarySchema.extend({
  report: ReportContentSchema,
  ...CheckSchema.shape,
});
export type CreateReportAnswer = z.infer<typeof CreateReportAnswerSchema>;

/** `PUT /api/reports/:id` with `If-Match: <the revision the edit started from>`. */
export const SaveRequestSchema = z.object({
  report: z.custom<unknown>((v) => v !== undefined && v !== null, { message: '缺少报告内容' }),
});

/** Who changed a unit (`cells.<id>`, `meta.<field>`, `preamble`, `section.<key>`) last, and when. */
export const ChangeMarkSchema = z.object({
  scope: z.string(),
  revision: z.number().int(),
  at: IsoTimeSchema,
  by: UserRefSchema.nullable(),
});
export type ChangeMark = z.infer<typeof ChangeMarkSchema>;

export const SaveAnswerSchema = z.object({
  revision: z.number().int(),
  updatedAt: IsoTimeSchema,
  ...CheckSchema.shape,
  /** The content equals that revision: nothing was saved. */
  unchanged: z.boolean().optional(),
  /**
   * Present when others had saved since the edit's revision: their changes and this one were merged (none
   * touched the same unit); `report` is what was saved, `changes` what the others changed.
   */
  merged: z.object({ report: ReportContentSchema, changes: z.array(ChangeMarkSchema) }).optional(),
});
export type SaveAnswer = z.infer<typeof SaveAnswerSchema>;

export const MergeConflictSchema = z.object({
  key: z.string(),
  kind: z.enum(['cell', 'meta', 'text']),
  label: z.string(),
  scope: z.string(),
  base: z.union([z.number(), z.string()]).nullable(),
  mine: z.union([z.number(), z.string()]).nullable(),
  theirs: z.union([z.number(), z.string()]).nullable(),
});

/** 409 `E_CONFLICT`: the same units were changed by others since the edit's revision. Nothing was saved. */
export const ConflictAnswerSchema = z.object({
  error: z.object({ code: z.literal('E_CONFLICT'), message: z.string() }),
  /** The latest revision and its content. */
  revision: z.number().int(),
  report: ReportContentSchema,
  /** The revision the edit started from. */
  base: z.number().int(),
  conflicts: z.array(MergeConflictSchema.extend({ changedBy: ChangeMarkSchema.nullable() })),
  /** Every unit others changed since `base`: who and when. */
  changes: z.array(ChangeMarkSchema),
});
export type ConflictAnswer = z.infer<typeof ConflictAnswerSchema>;

export const RevisionListAnswerSchema = z.array(
  z.object({
    revision: z.number().int(),
    createdAt: IsoTimeSchema,
    author: UserRefSchema.nullable(),
    counts: CountsSchema,
  }),
);
export type RevisionListItem = z.infer<typeof RevisionListAnswerSchema>[number];

export const RevisionParamsSchema = z.object({ id: IdTextSchema, rev: IdTextSchema });
export const RevisionAnswerSchema = z.object({
  revision: z.number().int(),
  createdAt: IsoTimeSchema,
  author: UserRefSchema.nullable(),
  report: ReportContentSchema,
  ...CheckSchema.shape,
});
export type RevisionAnswer = z.infer<typeof RevisionAnswerSchema>;

/** `GET /api/reports/:id/pdf|docx`: a report not published carries 草稿 unless `watermark=0`. */
export const FileQuerySchema = z.object({ watermark: z.enum(['0', '1']).optional() });

export const ACTIONS = ['submit', 'approve', 'return', 'publish'] as const;
export type ReportAction = (typeof ACTIONS)[number];
export const ActionRequestSchema = z.object({ comment: z.string().trim().max(2000).optional() }).optional();

/** `GET /api/reports/:id/history?kind=status|all`: the report's timeline. */
export const HistoryQuerySchema = z.object({
  /** `status`: creation and status changes only (submitted, returned, approved, published); `all`: saves too. */
  kind: z.enum(['all', 'status']).default('all'),
});
export const HistoryEntrySchema = z.object({
  id: IdSchema,
  at: IsoTimeSchema,
  action: z.string(),
  actionLabel: z.string(),
  user: UserRefSchema.nullable(),
  /** The revision the event made or acted on. */
  revision: z.number().int().nullable(),
  /** Status before and after, for status changes. */
  from: StatusSchema.nullable(),
  to: StatusSchema.nullable(),
  /** The reviewer's comment of a return. */
  comment: z.string().nullable(),
  /** Saves: how many cells changed; whether the text or the basic information did; whether it was merged. */
  changedCellCount: z.number().int().nullable(),
  /** The cells changed (the first 50). */
  changedCells: z.array(z.string()).nullable(),
  /** The revision the save started from. */
  basedOn: z.number().int().nullable(),
  textChanged: z.boolean().nullable(),
  metaChanged: z.boolean().nullable(),
  merged: z.boolean().nullable(),
  /** One line for people: `张三 退回修改：请核对表三`. */
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export const HistoryAnswerSchema = z.array(HistoryEntrySchema);

// ---------------------------------------------------------------- overview

export const OverviewQuerySchema = z.object({ year: YearTextSchema, organisationId: IdTextSchema.optional() });
export const OverviewAnswerSchema = z.object({
  year: YearSchema,
  today: z.string(),
  organisations: z.array(
    z.object({
      organisation: OrganisationRefSchema,
      depth: z.number().int(),
      deadline: z.string().nullable(),
      report: ReportSummarySchema.nullable(),
      status: StatusSchema.nullable(),
      statusLabel: z.string(),
      submitted: z.boolean(),
      overdue: z.boolean(),
    }),
  ),
  totals: z.object({
    organisations: z.number().int(),
    notStarted: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    published: z.number().int(),
    notSubmitted: z.number().int(),
    overdue: z.number().int(),
    errors: z.number().int(),
  }),
  notSubmitted: z.array(
    z.object({
      organisation: OrganisationRefSchema,
      deadline: z.string().nullable(),
      overdue: z.boolean(),
      statusLabel: z.string(),
    }),
  ),
});
export type OverviewAnswer = z.infer<typeof OverviewAnswerSchema>;

export const RollUpQuerySchema = z.object({
  year: YearTextSchema,
  organisationId: IdTextSchema,
  /** `reviewed` (default): submitted, approved and published reports; `all`: drafts too. */
  include: z.enum(['reviewed', 'all']).default('reviewed'),
});

/** `GET /api/overview/rollup`: core's `aggregate` of the reports below, with each unit's part of every cell. */
export const RollUpAnswerSchema = z.object({
  year: YearSchema,
  organisation: OrganisationRefSchema,
  include: z.enum(['reviewed', 'all']),
  /** The roll-up's cell ids, in table order: the order of each unit's `values`. */
  cellIds: z.array(z.string()),
  units: z.array(
    z.object({
      organisation: OrganisationRefSchema,
      reportId: IdSchema,
      status: StatusSchema,
      statusLabel: z.string(),
      /** The unit's value for each cell of `cellIds` (mapped to the roll-up's templates); null = not stated. */
      values: z.array(z.number().nullable()),
      /** Identity errors of the unit's own tables (a roll-up error comes from them). */
      breaks: z.number().int(),
    }),
  ),
  report: ReportContentSchema.nullable(),
  findings: z.array(FindingSchema),
  counts: FullCountsSchema,
  incomplete: z.array(z.object({ cellId: z.string(), units: z.array(z.number().int()), reason: z.string() })),
  dropped: z.array(z.looseObject({ unit: z.number().int(), value: z.number() })),
});
export type RollUpAnswer = z.infer<typeof RollUpAnswerSchema>;

// ---------------------------------------------------------------- organisations, accounts, audit

const Slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '只能使用小写字母、数字和连字符（如 baoshan-yuejin）')
  .max(60);
const Deadline = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '格式为 MM-DD，如 02-20')
  .nullable();

export const OrganisationSchema = OrganisationRefSchema.extend({
  /** The local deadline `MM-DD` (following year), or null for the Regulation's. */
  deadlineRule: z.string().nullable(),
  /** The deadline of the year asked for (`?year=`). */
  deadline: z.string().nullable().optional(),
  canCreateReport: z.boolean(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
export const OrganisationListQuerySchema = z.object({ year: YearTextSchema.optional() });
export const OrganisationListAnswerSchema = z.array(OrganisationSchema);

export const OrganisationCreateRequestSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameChars),
  slug: Slug,
  level: LevelSchema,
  parentId: IdSchema.nullable().default(null),
  region: z.string().trim().max(LIMITS.nameChars).nullable().default(null),
  deadline: Deadline.default(null),
});
export const OrganisationUpdateRequestSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameChars).optional(),
  slug: Slug.optional(),
  level: LevelSchema.optional(),
  parentId: IdSchema.nullable().optional(),
  region: z.string().trim().max(LIMITS.nameChars).nullable().optional(),
  deadline: Deadline.optional(),
});
export type OrganisationCreateRequest = z.input<typeof OrganisationCreateRequestSchema>;
export type OrganisationUpdateRequest = z.input<typeof OrganisationUpdateRequestSchema>;

const RoleGrant = z.object({ organisationId: IdSchema, role: RoleNameSchema });
const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{2,64}$/, '用户名须为 2–64 位字母、数字或 _ . @ -');

export const AccountSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: IsoTimeSchema,
  roles: z.array(UserRoleSchema),
});
export type Account = z.infer<typeof AccountSchema>;
export const AccountListAnswerSchema = z.array(AccountSchema);
export const AccountCreateRequestSchema = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(LIMITS.nameChars),
  password: NewPassword,
  isAdmin: z.boolean().default(false),
  roles: z.array(RoleGrant).max(200).default([]),
});
export const AccountUpdateRequestSchema = z.object({
  displayName: z.string().trim().min(1).max(LIMITS.nameChars).optional(),
  password: NewPassword.optional(),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
  roles: z.array(RoleGrant).max(200).optional(),
});
export type AccountCreateRequest = z.input<typeof AccountCreateRequestSchema>;
export type AccountUpdateRequest = z.input<typeof AccountUpdateRequestSchema>;

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '格式为 YYYY-MM-DD');
/** `GET /api/audit`: the administrator's search of the audit log, newest first, a page at a time. */
export const AuditQuerySchema = z.object({
  reportId: IdTextSchema.optional(),
  userId: IdTextSchema.optional(),
  organisationId: IdTextSchema.optional(),
  /** An action (`report.save`) or a family of them (`report`, `login`, `user`, `organisation`). */
  action: z
    .string()
    .regex(/^[a-z]+(\.[a-z]+)?$/, '应为操作类型，如 report.save 或 report')
    .max(40)
    .optional(),
  /** Words in the user name, the organisation's name or the details. */
  q: z.string().trim().min(1).max(100).optional(),
  /** From this day on (inclusive), to this day (inclusive), in the server's time zone. */
  from: DateText.optional(),
  to: DateText.optional(),
  /** Entries older than this one (the `next` of the previous page). */
  before: IdTextSchema.optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoTimeSchema,
  action: z.string(),
  actionLabel: z.string(),
  user: UserRefSchema.nullable(),
  reportId: IdSchema.nullable(),
  organisation: z.object({ id: IdSchema, name: z.string() }).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditAnswerSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: IdSchema.nullable(),
  /** Every action the log knows, with its Chinese name (for a filter). */
  actions: z.record(z.string(), z.string()),
});
export type AuditAnswer = z.infer<typeof AuditAnswerSchema>;

// ---------------------------------------------------------------- import

export const ImportPasteRequestSchema = z.object({
  text: z.string().min(1, '请粘贴报告全文').max(5_000_000),
  filename: z.string().max(300).optional(),
});

export const ImportQuerySchema = z.object({
  /**
   * The organisation chosen for the report: its name is the agency where the report names none, and the answer
   * compares the file's agency with it.
   */
  organisationId: IdTextSchema.optional(),
});

/** The file's agency against the organisation the report is for; contact details come only from the same agency. */
export const AgencyCheckSchema = z.object({
  imported: z.string(),
  organisation: z.string(),
  sameAgency: z.boolean(),
  /** What happens to the file's contact details on creating the report. */
  contact: z.enum(['kept', 'dropped', 'none']),
});

/** `POST /api/import`: what a file or pasted text holds, and what the reader said. Saves nothing. */
export const ImportAnswerSchema = z.object({
  report: ReportContentSchema,
  format: z.string(),
  status: z.string(),
  diagnostics: z.array(z.looseObject({ message: z.string() })),
  found: z.array(z.string()),
  missing: z.array(z.string()),
  inferred: z.array(z.unknown()),
  ...CheckSchema.shape,
  /** With `?organisationId=`: the file's agency against that organisation. */
  agency: AgencyCheckSchema.nullable(),
});
export type ImportAnswer = z.infer<typeof ImportAnswerSchema>;

export const IdParamsSchema = z.object({ id: IdTextSchema });
