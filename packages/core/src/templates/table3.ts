import { TABLE_NAMES, TABLE_TITLES } from './sections.js';
import type { CellDef, GridCell, TableLayout, TemplateVersion } from './types.js';

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T3_APPLICANT_HEADER = '申请人情况';
export const T3_ORG_GROUP = '法人或其他组织';

export const T3_COLUMNS = [
  { id: 'natural', label: '自然人', group: null },
  { id: 'commercial', label: '商业企业', group: T3_ORG_GROUP },
  { id: 'research', label: '科研机构', group: T3_ORG_GROUP },
  { id: 'nonprofit', label: '社会公益组织', group: T3_ORG_GROUP },
  { id: 'legalService', label: '法律服务机构', group: T3_ORG_GROUP },
  { id: 'otherOrg', label: '其他', group: T3_ORG_GROUP },
  { id: 'total', label: '总计', group: null },
] as const;

export type T3ColumnId = (typeof T3_COLUMNS)[number]['id'];
export const T3_APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => c.id !== 'total').map((c) => c.id);

export const T3_RESULT_GROUP = '三、本年度办理结果';

/** A row of Table 3. `category` is the （三）…（六） label a numbered row sits under. */
export interface T3Row {
  id: string;
  label: string;
  /** Top-level block: 一 / 二 / 三 / 四. */
  block: 'new' | 'carriedOver' | 'result' | 'carriedForward';
  category?: string;
  versions: readonly TemplateVersion[];
  /** A result row that counts towards （七）总计. */
  result?: boolean;
}

const BOTH = ['2019', '2021'] as const;
const ONLY_2019 = ['2019'] as const;
const ONLY_2021 = ['2021'] as const;

const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER_HANDLING = '（六）其他处理';

export const T3_ROWS: readonly T3Row[] = [
  { id: 'new', label: '一、本年新收政府信息公开申请数量', block: 'new', versions: BOTH },
  { id: 'carriedOver', label: '二、上年结转政府信息公开申请数量', block: 'carriedOver', versions: BOTH },
  { id: 'granted', label: '（一）予以公开', block: 'result', versions: BOTH, result: true },
  {
    id: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.stateSecret',
    label: '1.属于国家秘密',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.lawProhibited',
    label: '2.其他法律行政法规禁止公开',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.securityStability',
    label: '3.危及“三安全一稳定”',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.thirdParty',
    label: '4.保护第三方合法权益',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.internalAffairs',
    label: '5.属于三类内部事务信息',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.processInfo',
    label: '6.属于四类过程性信息',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.enforcementFile',
    label: '7.属于行政执法案卷',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'denied.queryMatter',
    label: '8.属于行政查询事项',
    category: DENIED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'unavailable.notHeld',
    label: '1.本机关不掌握相关政府信息',
    category: UNAVAILABLE,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'unavailable.needsCreation',
    label: '2.没有现成信息需要另行制作',
    category: UNAVAILABLE,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'unavailable.stillUnclear',
    label: '3.补正后申请内容仍不明确',
    category: UNAVAILABLE,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'notProcessed.complaint',
    label: '1.信访举报投诉类申请',
    category: NOT_PROCESSED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'notProcessed.repeated',
    label: '2.重复申请',
    category: NOT_PROCESSED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'notProcessed.publication',
    label: '3.要求提供公开出版物',
    category: NOT_PROCESSED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'notProcessed.excessive',
    label: '4.无正当理由大量反复申请',
    category: NOT_PROCESSED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  {
    id: 'notProcessed.confirmation',
    label: '5.要求行政机关确认或重新出具已获取信息',
    category: NOT_PROCESSED,
    block: 'result',
    versions: BOTH,
    result: true,
  },
  { id: 'otherHandling', label: '（六）其他处理', block: 'result', versions: ONLY_2019, result: true },
  {
    id: 'otherHandling.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    category: OTHER_HANDLING,
    block: 'result',
    versions: ONLY_2021,
    result: true,
  },
  {
    id: 'otherHandling.unpaidFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    category: OTHER_HANDLING,
    block: 'result',
    versions: ONLY_2021,
    result: true,
  },
  {
    id: 'otherHandling.other',
    label: '3.其他',
    category: OTHER_HANDLING,
    block: 'result',
    versions: ONLY_2021,
    result: true,
  },
  { id: 'total', label: '（七）总计', block: 'result', versions: BOTH },
  { id: 'carriedForward', label: '四、结转下年度继续办理', block: 'carriedForward', versions: BOTH },
];

export function t3Rows(version: TemplateVersion): T3Row[] {
  return T3_ROWS.filter((r) => r.versions.includes(version));
}

/** The result categories of 表三: （一）…（六）, each one row or the numbered rows under it. */
export type T3CategoryId = 'granted' | 'partial' | 'denied' | 'unavailable' | 'notProcessed' | 'otherHandling';

export interface T3Category {
  id: T3CategoryId;
  /** The category's number and name: `（三）不予公开`, `（二）部分公开`. */
  label: string;
}

export const T3_CATEGORIES: readonly T3Category[] = (
  ['granted', 'partial', 'denied', 'unavailable', 'notProcessed', 'otherHandling'] as const
).map((id) => {
  const row = T3_ROWS.find((r) => r.id === id || r.id.startsWith(`${id}.`))!;
  const label = row.category ?? row.label;
  return { id, label: /^（[^）]+）[^（]*/.exec(label)?.[0] ?? label };
});

/** The row ids of one result category in one template (`denied` → `denied.stateSecret` … `denied.queryMatter`). */
export function t3CategoryRows(category: T3CategoryId, version: TemplateVersion): string[] {
  return t3Rows(version)
    .filter((r) => r.id === category || r.id.startsWith(`${category}.`))
    .map((r) => r.id);
}

function rowPath(row: T3Row): string[] {
  if (row.block !== 'result') return [row.label];
  return row.category ? [T3_RESULT_GROUP, row.category, row.label] : [T3_RESULT_GROUP, row.label];
}

export function buildTable3(version: TemplateVersion): TableLayout {
  const rows = t3Rows(version);
  const cells: CellDef[] = [];
  for (const row of rows) {
    for (const col of T3_COLUMNS) {
      cells.push({
        id: `t3.${row.id}.${col.id}`,
        table: 't3',
        kind: 'count',
        row: row.id,
        column: col.id,
        rowLabel: row.label,
        rowPath: rowPath(row),
        columnLabel: col.label,
        columnPath: col.group ? [T3_APPLICANT_HEADER, col.group, col.label] : [T3_APPLICANT_HEADER, col.label],
      });
    }
  }

  const label = (
    text: string,
    colSpan = 1,
    rowSpan = 1,
    extra: Partial<Extract<GridCell, { type: 'label' }>> = {},
  ): GridCell => ({
    type: 'label',
    text,
    colSpan,
    rowSpan,
    header: false,
    ...extra,
  });
  const head = (
    text: string,
    colSpan = 1,
    rowSpan = 1,
    extra: Partial<Extract<GridCell, { type: 'label' }>> = {},
  ): GridCell => label(text, colSpan, rowSpan, { header: true, ...extra });
  const values = (rowId: string): GridCell[] =>
    T3_COLUMNS.map((c) => ({ type: 'value', cellId: `t3.${rowId}.${c.id}`, colSpan: 1, rowSpan: 1 }));

  const headerRows: GridCell[][] = [
    [head(T3_NOTE, 3, 3, { note: true }), head(T3_APPLICANT_HEADER, 7)],
    [head('自然人', 1, 2), head(T3_ORG_GROUP, 5), head('总计', 1, 2)],
    T3_COLUMNS.filter((c) => c.group).map((c) => head(c.label)),
  ];

  const resultRows = rows.filter((r) => r.block === 'result');
  const bodyRows: GridCell[][] = [];
  const seenCategory = new Set<string>();
  for (const row of rows) {
    const line: GridCell[] = [];
    if (row.block !== 'result') {
      line.push(label(row.label, 3));
    } else {
      if (row === resultRows[0]) line.push(label(T3_RESULT_GROUP, 1, resultRows.length, { vertical: true }));
      if (row.category) {
        if (!seenCategory.has(row.category)) {
          seenCategory.add(row.category);
          line.push(label(row.category, 1, resultRows.filter((r) => r.category === row.category).length));
        }
        line.push(label(row.label));
      } else {
        line.push(label(row.label, 2));
      }
    }
    line.push(...values(row.id));
    bodyRows.push(line);
  }

  return {
    table: 't3',
    version,
    name: TABLE_NAMES.t3,
    title: TABLE_TITLES.t3,
    columns: 10,
    headerRows,
    bodyRows,
    cells,
  };
}
