import { TABLE_NAMES, TABLE_TITLES } from './sections.js';
import type { CellDef, CellKind, GridCell, TableLayout, TemplateVersion } from './types.js';

export const T2_CONTENT_HEADER = '信息内容';

export interface T2Column {
  id: string;
  label: string;
  kind: CellKind;
  unit?: string;
}

/**
 * What the format implies between two cells of one 表二 row (表二 has no sums): `atMost` — `column` ≤ `other`;
 * `zeroWith` — where `column` is 0, `other` is 0 too. Used to cut digits printed run together; blanks are not compared.
 */
export interface T2Constraint {
  kind: 'atMost' | 'zeroWith';
  column: string;
  other: string;
  /** Why the format implies it, in the format's words. */
  basis: string;
}

export interface T2Block {
  /** Caption row, e.g. 第二十条第（一）项. */
  caption: string;
  columns: readonly T2Column[];
  rows: readonly { id: string; label: string }[];
  /** What the format implies between the cells of each row. */
  constraints?: readonly T2Constraint[];
}

const count = (id: string, label: string): T2Column => ({ id, label, kind: 'count' });

const T2_2021: readonly T2Block[] = [
  {
    caption: '第二十条第（一）项',
    columns: [count('issued', '本年制发件数'), count('repealed', '本年废止件数'), count('inForce', '现行有效件数')],
    rows: [
      { id: 'rules', label: '规章' },
      { id: 'normativeDocs', label: '行政规范性文件' },
    ],
  },
  {
    caption: '第二十条第（五）项',
    columns: [count('decisions', '本年处理决定数量')],
    rows: [{ id: 'licensing', label: '行政许可' }],
  },
  {
    caption: '第二十条第（六）项',
    columns: [count('decisions', '本年处理决定数量')],
    rows: [
      { id: 'penalty', label: '行政处罚' },
      { id: 'coercion', label: '行政强制' },
    ],
  },
  {
    caption: '第二十条第（八）项',
    columns: [{ id: 'amount', label: '本年收费金额（单位：万元）', kind: 'money', unit: '万元' }],
    rows: [{ id: 'fees', label: '行政事业性收费' }],
  },
];

const ITEMS_2019: readonly T2Column[] = [
  count('lastYearItems', '上一年项目数量'),
  { id: 'change', label: '本年增/减', kind: 'signedCount' },
  count('decisions', '处理决定数量'),
];

const T2_2019: readonly T2Block[] = [
  {
    caption: '第二十条第（一）项',
    columns: [
      count('newlyMade', '本年新制作数量'),
      count('newlyPublished', '本年新公开数量'),
      count('totalPublished', '对外公开总数量'),
    ],
    rows: [
      { id: 'rules', label: '规章' },
      { id: 'normativeDocs', label: '规范性文件' },
    ],
    constraints: [
      {
        kind: 'atMost',
        column: 'newlyPublished',
        other: 'totalPublished',
        basis: '本年新公开的文件计入对外公开总数量',
      },
    ],
  },
  {
    caption: '第二十条第（五）项',
    columns: ITEMS_2019,
    rows: [
      { id: 'licensing', label: '行政许可' },
      { id: 'otherServices', label: '其他对外管理服务事项' },
    ],
  },
  {
    caption: '第二十条第（六）项',
    columns: ITEMS_2019,
    rows: [
      { id: 'penalty', label: '行政处罚' },
      { id: 'coercion', label: '行政强制' },
    ],
  },
  { caption: '第二十条第（八）项', columns: ITEMS_2019.slice(0, 2), rows: [{ id: 'fees', label: '行政事业性收费' }] },
  {
    caption: '第二十条第（九）项',
    columns: [count('projects', '采购项目数量'), { id: 'amount', label: '采购总金额', kind: 'money', unit: '万元' }],
    rows: [{ id: 'procurement', label: '政府集中采购' }],
    constraints: [{ kind: 'zeroWith', column: 'projects', other: 'amount', basis: '没有采购项目，就没有采购金额' }],
  },
];

export function t2Blocks(version: TemplateVersion): readonly T2Block[] {
  return version === '2021' ? T2_2021 : T2_2019;
}

const VALUE_COLUMNS = 3;

/** Spread n value cells over the three value columns: the last one takes what is left. */
function spans(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? VALUE_COLUMNS - (n - 1) : 1));
}

export function buildTable2(version: TemplateVersion): TableLayout {
  const cells: CellDef[] = [];
  const bodyRows: GridCell[][] = [];
  for (const block of t2Blocks(version)) {
    const widths = spans(block.columns.length);
    bodyRows.push([{ type: 'label', text: block.caption, colSpan: 1 + VALUE_COLUMNS, rowSpan: 1, header: true }]);
    bodyRows.push([
      { type: 'label', text: T2_CONTENT_HEADER, colSpan: 1, rowSpan: 1, header: true },
      ...block.columns.map(
        (c, i): GridCell => ({ type: 'label', text: c.label, colSpan: widths[i]!, rowSpan: 1, header: true }),
      ),
    ]);
    for (const row of block.rows) {
      const line: GridCell[] = [{ type: 'label', text: row.label, colSpan: 1, rowSpan: 1, header: false }];
      block.columns.forEach((col, i) => {
        const id = `t2.${row.id}.${col.id}`;
        const def: CellDef = {
          id,
          table: 't2',
          kind: col.kind,
          row: row.id,
          column: col.id,
          rowLabel: row.label,
          rowPath: [block.caption, row.label],
          columnLabel: col.label,
          columnPath: [col.label],
        };
        if (col.unit) def.unit = col.unit;
        cells.push(def);
        line.push({ type: 'value', cellId: id, colSpan: widths[i]!, rowSpan: 1 });
      });
      bodyRows.push(line);
    }
  }
  return {
    table: 't2',
    version,
    name: TABLE_NAMES.t2,
    title: TABLE_TITLES.t2,
    columns: 1 + VALUE_COLUMNS,
    headerRows: [],
    bodyRows,
    cells,
  };
}
