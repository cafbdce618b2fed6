// Shapes of the API answers as the app uses them, and the words shown for them.
import type { Finding, Report } from '@nianbao/core';

export type Role = 'editor' | 'reviewer' | 'admin';
export type Status = 'draft' | 'submitted' | 'approved' | 'published';

export const STATUS_LABEL: Record<Status, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  published: '已发布',
};

export const STATUS_TAG: Record<Status, 'info' | 'warning' | 'success' | 'primary'> = {
  draft: 'info',
  submitted: 'warning',
  approved: 'primary',
  published: 'success',
};

export const ROLE_LABEL: Record<Role, string> = {
  editor: '填报人',
  reviewer: '审核人',
  admin: '管理员',
};

export interface Grant {
  role: Role;
  organisationId?: string | number | null;
  organisationName?: string;
}

export interface User {
  id: string | number;
  username: string;
  displayName?: string;
  roles: Grant[];
}

export interface ReportSummary {
  id: string | number;
  organisation: string;
  organisationId?: string | number;
  year: number;
  status: Status;
  errors: number;
  warnings: number;
  updatedAt?: string;
}

export interface ReportAnswer {
  report: Report;
  revision: number | string;
  findings: Finding[];
  status: Status;
  organisation?: string;
  returnComment?: string;
  /** What the signed-in user may do with this report, as the server decides. */
  permissions?: Partial<Record<'edit' | 'submit' | 'approve' | 'return' | 'publish', boolean>>;
  deadline?: string | null;
}

export interface Revision {
  revision: number | string;
  createdAt?: string;
  author?: string;
  note?: string;
  report?: Report;
}

type Loose = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function toStatus(v: unknown): Status {
  const s = String(v ?? 'draft');
  if (s in STATUS_LABEL) return s as Status;
  const byLabel = (Object.keys(STATUS_LABEL) as Status[]).find((k) => STATUS_LABEL[k] === s);
  return byLabel ?? 'draft';
}

function orgName(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') return str((v as Loose).name) ?? '';
  return '';
}

export function toUser(raw: unknown): User {
  const u = (raw ?? {}) as Loose;
  const grants: Grant[] = [];
  const list = Array.isArray(u.roles) ? u.roles : Array.isArray(u.grants) ? u.grants : [];
  for (const g of list) {
    if (typeof g === 'string') grants.push({ role: g as Role });
    else if (g && typeof g === 'object') {
      const o = g as Loose;
      grants.push({
        role: String(o.role) as Role,
        organisationId: (o.organisationId ?? o.orgId ?? (o.organisation as Loose | undefined)?.id) as
          | string
          | undefined,
        organisationName: orgName(o.organisation) || str(o.organisationName),
      });
    }
  }
  if (!grants.length && typeof u.role === 'string') {
    grants.push({
      role: u.role as Role,
      organisationId: (u.organisationId ?? (u.organisation as Loose | undefined)?.id) as string | undefined,
      organisationName: orgName(u.organisation) || str(u.organisationName),
    });
  }
  if (u.isAdmin === true && !grants.some((g) => g.role === 'admin')) grants.push({ role: 'admin' });
  return {
    id: (u.id ?? u.username) as string,
    username: String(u.username ?? ''),
    displayName: str(u.displayName ?? u.name),
    roles: grants,
  };
}

function countFindings(r: Loose): { errors: number; warnings: number } {
  const f = (r.findings ?? r.counts) as Loose | unknown[] | undefined;
  if (Array.isArray(f)) {
    return {
      errors: f.filter((x) => (x as Loose).severity === 'error').length,
      warnings: f.filter((x) => (x as Loose).severity === 'warning').length,
    };
  }
  if (f && typeof f === 'object') return { errors: Number(f.errors ?? 0), warnings: Number(f.warnings ?? 0) };
  return { errors: Number(r.errors ?? 0), warnings: Number(r.warnings ?? 0) };
}

export function toSummary(raw: unknown): ReportSummary {
  const r = (raw ?? {}) as Loose;
  return {
    id: r.id as string,
    organisation: orgName(r.organisation) || str(r.organisationName) || str(r.agency) || '',
    organisationId: (r.organisationId ?? (r.organisation as Loose | undefined)?.id) as string | undefined,
    year: Number(r.year),
    status: toStatus(r.status),
    ...countFindings(r),
    updatedAt: str(r.updatedAt),
  };
}

export function toAnswer(raw: unknown): ReportAnswer {
  const r = (raw ?? {}) as Loose;
  return {
    report: r.report as Report,
    revision: r.revision as number,
    findings: (r.findings as Finding[]) ?? [],
    status: toStatus(r.status ?? (r.meta as Loose | undefined)?.status),
    organisation: orgName(r.organisation) || undefined,
    returnComment: str(r.returnComment ?? r.comment),
    permissions: (r.permissions as ReportAnswer['permissions']) ?? undefined,
    deadline: (r.deadline as string | null | undefined) ?? undefined,
  };
}

export function toRevision(raw: unknown): Revision {
  const r = (raw ?? {}) as Loose;
  const author = r.author ?? r.user ?? r.username;
  return {
    revision: (r.revision ?? r.id) as number,
    createdAt: str(r.createdAt ?? r.at),
    author:
      typeof author === 'object' && author
        ? str((author as Loose).displayName ?? (author as Loose).username)
        : str(author),
    note: str(r.note ?? r.comment ?? r.action),
    report: r.report as Report | undefined,
  };
}

export function hasRole(user: User | null, role: Role): boolean {
  return !!user?.roles.some((g) => g.role === role);
}

export function formatTime(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
