import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Agencies, in a hierarchy: a district government, its departments, its subdistricts… */
export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    /** ASCII name used in published file names: `<slug>-<year>.json`. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** AgencyLevel of core: government | department | township | other. */
    level: text('level').notNull(),
    region: text('region'),
    parentId: integer('parent_id').references((): AnyPgColumn => organisations.id),
    /** Local deadline `MM-DD` in the following year, where the Regulation sets none or a stricter one applies. */
    deadline: text('deadline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_slug_key').on(t.slug), index('organisations_parent_idx').on(t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** editor: fills in the organisation's reports; reviewer: reviews and publishes the organisation's and those below. */
export const roles = pgTable(
  'roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId, t.role] })],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a leaked table does not give working sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    formatT2: text('format_t2').notNull(),
    formatT3: text('format_t3').notNull(),
    /** draft | submitted | approved | published. */
    status: text('status').notNull().default('draft'),
    /** Number of the latest revision: what `If-Match` is compared with. */
    revision: integer('revision').notNull(),
    errors: integer('errors').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    /** The comment of the last send-back, shown to the editor until the next submission. */
    returnComment: text('return_comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reports_org_year_key').on(t.organisationId, t.year)],
);

/** Every save of a report: never updated, never deleted. */
export const revisions = pgTable(
  'revisions',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    number: integer('number').notNull(),
    content: jsonb('content').notNull(),
    errors: integer('errors').notNull(),
    warnings: integer('warnings').notNull(),
    authorId: integer('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.number] })],
);

/** Who did what, when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    reportId: integer('report_id').references(() => reports.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    detail: jsonb('detail'),
  },
  (t) => [index('audit_report_idx').on(t.reportId), index('audit_at_idx').on(t.at)],
);

/**
 * Failed logins counted per account and address, per account and per address, in a window that starts at the
 * first failure: held in the database so that every server process on it counts the same.
 */
export const loginFailures = pgTable('login_failures', {
  /** `pair:<address>|<username>`, `user:<username>` or `addr:<address>`. */
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  since: timestamp('since', { withTimezone: true }).notNull(),
});

/**
 * One row: a number a trigger raises on every change of `organisations`, so that each server process can keep
 * the organisation tree in memory and notice, with one cheap read, a change made by any process.
 */
export const orgGeneration = pgTable('org_generation', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
});
