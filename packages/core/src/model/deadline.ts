import type { AgencyLevel } from './report.js';

/**
 * The statutory deadline (《政府信息公开条例》第四十九条) for the annual report of `year`, as an ISO date
 * in the following year: 1月31日 for 县级以上人民政府部门, 3月31日 for 县级以上人民政府; null where the
 * Regulation sets none (乡镇、街道 and others: the local 主管部门 sets it).
 */
export function legalDeadline(level: AgencyLevel, year: number): string | null {
  if (level === 'department') return `${year + 1}-01-31`;
  if (level === 'government') return `${year + 1}-03-31`;
  return null;
}
