// Words and helpers the views share; the shapes of the API's answers are the contract's (apps/admin/contract).
import { ROLE_LABELS, type RoleName, type SessionUser, STATUS_LABELS, type Status } from '@contract';

export type { ReportSummary, SessionUser as User, Status } from '@contract';

export const STATUS_LABEL = STATUS_LABELS;

export const STATUS_TAG: Record<Status, 'info' | 'warning' | 'success' | 'primary'> = {
  draft: 'info',
  submitted: 'warning',
  approved: 'primary',
  published: 'success',
};

/** A role on an organisation, or administrator of the whole system. */
export type Role = RoleName | 'admin';

export const ROLE_LABEL: Record<Role, string> = { ...ROLE_LABELS, admin: '管理员' };

export function hasRole(user: SessionUser | null, role: Role): boolean {
  if (!user) return false;
  return role === 'admin' ? user.isAdmin : user.roles.some((g) => g.role === role);
}

export function formatTime(iso?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
