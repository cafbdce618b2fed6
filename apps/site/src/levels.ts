import { AGENCY_LEVEL_LABELS, type AgencyLevel, legalDeadline } from '@nianbao/core';

/** Names of the agency levels as the Regulation speaks of them. */
export const LEVEL_NAMES = AGENCY_LEVEL_LABELS;

/** The statutory deadline (core `legalDeadline`, 条例第四十九条) as an ISO date and in words. */
export function deadlineOf(level: AgencyLevel, year: number): { date: string | null; text: string } {
  const date = legalDeadline(level, year);
  if (!date) return { date: null, text: '条例未规定全国统一期限，以本地规定为准' };
  const [y, m, d] = date.split('-').map(Number);
  const clause = level === 'department' ? '第一款' : '第二款';
  return { date, text: `${y}年${m}月${d}日前（条例第四十九条${clause}）` };
}
