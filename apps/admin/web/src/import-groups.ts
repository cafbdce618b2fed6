// An import's diagnostics as a person reads them: grouped by kind with a count, errors first, each item
// pointing at its cell where it has one.
import type { ImportCode } from '@nianbao/core';

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  location?: { line?: number; cellId?: string };
  message: string;
}

export interface DiagnosticGroup {
  code: string;
  severity: Diagnostic['severity'];
  label: string;
  items: Diagnostic[];
}

/** Names of the kinds of things the reader reports (every code of core's import), for the group headings. */
export const IMPORT_KIND_LABELS: Record<ImportCode, string> = {
  E_INPUT_TOO_LARGE: '文件过大，未读取',
  E_NOTHING_READ: '没有读到统计表',
  E_NO_AGENCY: '未能识别发布报告的机关',
  E_TABLE_MISSING: '原文中未找到的表',
  E_ROW_INCOMPLETE: '数值少于栏数、未读取的行',
  E_SPLIT_NONE: '数字连在一起、无法拆分的行',
  E_SPLIT_AMBIGUOUS: '数字连在一起、有多种拆分的行',
  E_READINGS_DISAGREE: '两种读法数值不同、未读取的行',
  E_COLUMN_UNKNOWN: '对不上任何一栏的数值',
  E_NOT_PRINTED: '超出页面、原文没有印出的单元格',
  E_ROW_NOT_FOUND: '原文中未找到的行',
  I_COLUMNS_BY_POSITION: '按在行中的位置对应到栏的数值',
  I_ROW_BY_ORDER: '缺少行名称、按格式行序对应的行',
  W_NO_YEAR: '未找到报告年度',
  W_SECTION_MISSING: '原文中未找到的正文部分',
  W_CELLS_NOT_FOUND: '原文中未找到的单元格',
  W_META_DROPPED: '略去的基本信息',
  W_CELL_BLANK: '原文为空白的单元格（按未填写处理）',
  W_VALUE_PERCENT: '件数栏中带百分号的数值',
  W_VALUE_UNIT: '件数栏中带金额单位的数值',
  W_VALUE_NEGATIVE: '不应为负数的数值',
  W_VALUE_FRACTION: '不是整数的件数',
  W_VALUES_UNMATCHED: '找不到对应行名称的数值',
  W_LABEL_APPROXIMATE: '行名称与格式不完全一致的行',
  W_EXTRA_VALUES: '数值多于栏数的行',
  W_T3_BOTH_TEMPLATES: '表三两种格式混用',
  I_PAGE_MARK: '略过的页码',
  I_AGENCY_SOURCE: '取自引言或落款的机关名称',
  I_VALUE_NOT_STATED: '写作“—”“无”等、按未填写处理的单元格',
  I_VALUE_ANNOTATED: '带括号说明的数值',
  I_VALUE_YUAN: '以元为单位、已换算为万元的金额',
  I_SPLIT_RECOVERED: '数字连在一起、已按勾稽关系拆分的行',
  I_T3_SUBTOTAL_COLUMN: '略过的小计栏',
};
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Groups by code: errors, then warnings, then notes; within each, the largest group first. */
export function groupDiagnostics(diagnostics: Diagnostic[]): DiagnosticGroup[] {
  const groups = new Map<string, DiagnosticGroup>();
  for (const d of diagnostics) {
    let g = groups.get(d.code);
    if (!g) {
      g = {
        code: d.code,
        severity: d.severity,
        label: IMPORT_KIND_LABELS[d.code as ImportCode] ?? d.message,
        items: [],
      };
      groups.set(d.code, g);
    }
    if (SEVERITY_ORDER[d.severity] < SEVERITY_ORDER[g.severity]) g.severity = d.severity;
    g.items.push(d);
  }
  return [...groups.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.items.length - a.items.length,
  );
}
