import type { AgencyLevel } from './report.js';

/** A statutory publication deadline: its month-day, its basis and the duty in the Regulation's own words. */
export interface DeadlineRule {
  /** Month-day of the year after the report year (`01-31`). */
  monthDay: string;
  /** 条例第四十九条第一款 */
  clause: string;
  /** The paragraph of 《中华人民共和国政府信息公开条例》第四十九条 that sets it, verbatim. */
  text: string;
}

/**
 * 《中华人民共和国政府信息公开条例》第四十九条, by agency level: departments of governments at county
 * level and above by 1月31日, governments at county level and above by 3月31日. Townships and others have
 * no national deadline: the local 主管部门 sets one.
 */
export const LEGAL_DEADLINE_RULES: Partial<Record<AgencyLevel, DeadlineRule>> = {
  department: {
    monthDay: '01-31',
    clause: '条例第四十九条第一款',
    text: '县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。',
  },
  government: {
    monthDay: '03-31',
    clause: '条例第四十九条第二款',
    text: '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。',
  },
};

/** Legal publication deadlines as month-days by level (from `LEGAL_DEADLINE_RULES`). */
export const LEGAL_DEADLINES: Partial<Record<AgencyLevel, string>> = Object.fromEntries(
  Object.entries(LEGAL_DEADLINE_RULES).map(([level, rule]) => [level, rule.monthDay]),
);

/**
 * The statutory deadline for the annual report of `year`, as an ISO date in the following year; null where
 * the Regulation sets none (乡镇、街道 and others).
 */
export function legalDeadline(level: AgencyLevel, year: number): string | null {
  const md = LEGAL_DEADLINES[level];
  return md ? `${year + 1}-${md}` : null;
}

/** `2025-01-31` → `2025年1月31日`. */
export function dateInWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The deadline of a level's report of `year` in words, with its clause: `2025年1月31日前（条例第四十九条第一款）`. */
export function legalDeadlineText(level: AgencyLevel, year: number): string {
  const rule = LEGAL_DEADLINE_RULES[level];
  if (!rule) return '条例未规定全国统一期限，以本地规定为准';
  return `${dateInWords(`${year + 1}-${rule.monthDay}`)}前（${rule.clause}）`;
}
