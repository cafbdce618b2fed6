import type { AgencyLevel } from './report.js';

/**
 * Legal publication deadlines (month-day of the year after the report year), 《条例》第四十九条:
 * departments of governments at county level and above by 1月31日; governments at county level and above
 * by 3月31日. Townships and others have no national deadline: the local 主管部门 sets one.
 */
export const LEGAL_DEADLINES: Partial<Record<AgencyLevel, string>> = { department: '01-31', government: '03-31' };

/**
 * The statutory deadline for the annual report of `year`, as an ISO date in the following year; null where
 * the Regulation sets none (乡镇、街道 and others).
 */
export function legalDeadline(level: AgencyLevel, year: number): string | null {
  const md = LEGAL_DEADLINES[level];
  return md ? `${year + 1}-${md}` : null;
}
