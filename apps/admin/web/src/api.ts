// The admin API as typed functions: one per endpoint, each answer parsed with the contract's schema
// (apps/admin/contract), the session cookie sent, the CSRF token on every write.
import {
  type AccountCreateRequest,
  AccountListAnswerSchema,
  AccountSchema,
  type AccountUpdateRequest,
  AuditAnswerSchema,
  type AuditQuery,
  type ConflictAnswer,
  ConflictAnswerSchema,
  CreateReportAnswerSchema,
  type CreateReportRequest,
  HistoryAnswerSchema,
  ImportAnswerSchema,
  OkAnswerSchema,
  type OrganisationCreateRequest,
  OrganisationListAnswerSchema,
  OrganisationSchema,
  type OrganisationUpdateRequest,
  OverviewAnswerSchema,
  type ReportAction,
  ReportAnswerSchema,
  ReportListAnswerSchema,
  ReportSummarySchema,
  RevisionAnswerSchema,
  RevisionListAnswerSchema,
  RollUpAnswerSchema,
  type SaveAnswer,
  SaveAnswerSchema,
  SessionAnswerSchema,
} from '@contract';
import type { Report } from '@nianbao/core';
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

const FALLBACK: Record<number, string> = {
  400: '请求内容有误',
  401: '登录已失效，请重新登录',
  403: '没有权限进行此操作',
  404: '未找到该内容，可能已被删除或无权查看',
  409: '内容已被他人修改',
  413: '内容过大，无法上传',
  429: '操作过于频繁，请稍后再试',
};

async function send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', null);
  }
  if (!res.ok) {
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      // Not JSON: keep the status message.
    }
    const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 401 && path !== '/api/session') onUnauthorized?.();
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? FALLBACK[res.status] ?? `服务器错误（${res.status}）`,
      parsed,
    );
  }
  return res;
}

let onUnauthorized: (() => void) | undefined;
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

/** One request whose answer is parsed with its contract schema: a shape the app does not know is an error. */
async function call<S extends z.ZodType>(
  schema: S,
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const res = await send(method, path, options);
  const body: unknown = await res.json().catch(() => null);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  console.error(`answer of ${method} ${path} does not follow the contract`, r.error.issues);
  throw new ApiError(res.status, 'E_CONTRACT', '服务器的回答无法识别，请刷新页面后重试；如多次出现请联系管理员', body);
}

/** A query string from the defined values (`?year=2024&kind=status`), or ''. */
function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

type Id = number | string;

// ---------------------------------------------------------------- session
export const getSession = () => call(SessionAnswerSchema, 'GET', '/api/session');
export const login = (username: string, password: string) =>
  call(SessionAnswerSchema, 'POST', '/api/session', { body: { username, password } });
export const logout = () => call(OkAnswerSchema, 'DELETE', '/api/session');
/** Change one's own password; the other sessions of the account end. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  call(OkAnswerSchema, 'POST', '/api/session/password', { body: { currentPassword, newPassword } });

// ---------------------------------------------------------------- reports
export const listReports = (year?: number) => call(ReportListAnswerSchema, 'GET', `/api/reports${query({ year })}`);
export const getReport = (id: Id) => call(ReportAnswerSchema, 'GET', `/api/reports/${id}`);
export const createReport = (body: CreateReportRequest) =>
  call(CreateReportAnswerSchema, 'POST', '/api/reports', { body });

export type SaveOutcome = { kind: 'saved'; answer: SaveAnswer } | { kind: 'conflict'; answer: ConflictAnswer };
/**
 * Save a report edited from revision `base`. Others' saves since then are merged by the server; when the same
 * cell or paragraph was changed on both sides the answer is the conflict, to settle and save again.
 */
export async function saveReport(id: Id, report: Report, base: number): Promise<SaveOutcome> {
  try {
    const answer = await call(SaveAnswerSchema, 'PUT', `/api/reports/${id}`, {
      body: { report },
      headers: { 'If-Match': String(base) },
    });
    return { kind: 'saved', answer };
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.code === 'E_CONFLICT') {
      const r = ConflictAnswerSchema.safeParse(e.body);
      if (r.success) return { kind: 'conflict', answer: r.data };
    }
    throw e;
  }
}
export const listRevisions = (id: Id) => call(RevisionListAnswerSchema, 'GET', `/api/reports/${id}/revisions`);
export const getRevision = (id: Id, revision: number) =>
  call(RevisionAnswerSchema, 'GET', `/api/reports/${id}/revisions/${revision}`);
/** The report's timeline: `status` = creation and status changes only; `all` = saves too. */
export const getHistory = (id: Id, kind: 'all' | 'status' = 'all') =>
  call(HistoryAnswerSchema, 'GET', `/api/reports/${id}/history${query({ kind })}`);
export const reportAction = (id: Id, action: ReportAction, comment?: string) =>
  call(ReportSummarySchema, 'POST', `/api/reports/${id}/${action}`, { body: comment ? { comment } : {} });
export const downloadReport = (id: Id, kind: 'pdf' | 'docx', fallbackName: string) =>
  download(`/api/reports/${id}/${kind}`, fallbackName);

// ---------------------------------------------------------------- import
export function importFile(file: File, organisationId?: number) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return call(ImportAnswerSchema, 'POST', `/api/import${query({ organisationId })}`, { body: fd });
}
export const importText = (text: string, organisationId?: number) =>
  call(ImportAnswerSchema, 'POST', `/api/import${query({ organisationId })}`, { body: { text } });

// ---------------------------------------------------------------- overview
export const getOverview = (year: number, organisationId?: number) =>
  call(OverviewAnswerSchema, 'GET', `/api/overview${query({ year, organisationId })}`);
/** The roll-up of the reports below an organisation, with each unit's part of every cell, in one request. */
export const getRollUp = (year: number, organisationId: number, include: 'reviewed' | 'all' = 'reviewed') =>
  call(RollUpAnswerSchema, 'GET', `/api/overview/rollup${query({ year, organisationId, include })}`);

// ---------------------------------------------------------------- organisations, accounts, audit
export const listOrganisations = (year?: number) =>
  call(OrganisationListAnswerSchema, 'GET', `/api/organisations${query({ year })}`);
export const createOrganisation = (body: OrganisationCreateRequest) =>
  call(OrganisationSchema.omit({ canCreateReport: true }), 'POST', '/api/organisations', { body });
export const updateOrganisation = (id: Id, body: OrganisationUpdateRequest) =>
  call(OrganisationSchema.omit({ canCreateReport: true }), 'PATCH', `/api/organisations/${id}`, { body });
export const listAccounts = () => call(AccountListAnswerSchema, 'GET', '/api/users');
export const createAccount = (body: AccountCreateRequest) => call(AccountSchema, 'POST', '/api/users', { body });
export const updateAccount = (id: Id, body: AccountUpdateRequest) =>
  call(AccountSchema, 'PATCH', `/api/users/${id}`, { body });
/** The audit log, newest first; `next` of an answer as `before` gives the older page. */
export const searchAudit = (q: AuditQuery = {}) =>
  call(AuditAnswerSchema, 'GET', `/api/audit${query(q as Record<string, string | number | undefined>)}`);

/** Download a file answer (PDF, Word) and hand it to the browser as a named download. */
export async function download(path: string, fallbackName: string): Promise<Blob> {
  const res = await send('GET', path, { headers: { Accept: '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : plain ? plain[1]! : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob;
}

/** A message for any error a call may throw. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作失败，请稍后重试';
}
