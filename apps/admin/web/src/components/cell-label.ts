// The name a screen reader gives a grid input: table · row labels · column labels (表三 · 一、本年新收… · 自然人).
import { cellDef, TABLE_NAMES, type TableId, TEMPLATE_VERSIONS, tableLayout } from '@nianbao/core';

const shared = new Map<TableId, number>();

/** How many leading column labels every column of a table shares (表三's 申请人情况): they name no column. */
function sharedDepth(table: TableId): number {
  let depth = shared.get(table);
  if (depth === undefined) {
    const paths = TEMPLATE_VERSIONS.flatMap((v) => tableLayout(table, v).cells.map((c) => c.columnPath));
    depth = 0;
    while (paths.every((p) => p.length > depth! + 1 && p[depth!] === paths[0]![depth!])) depth++;
    shared.set(table, depth);
  }
  return depth;
}

/** 「表三 · 一、本年新收政府信息公开申请数量 · 自然人」: row labels, then the column labels the row does not repeat. */
export function cellLabel(id: string): string {
  const def = cellDef(id);
  if (!def) return id;
  const columns = def.columnPath.slice(sharedDepth(def.table)).filter((c) => !def.rowPath.includes(c));
  return [TABLE_NAMES[def.table], def.rowPath.join(' '), columns.join(' ')].filter(Boolean).join(' · ');
}
