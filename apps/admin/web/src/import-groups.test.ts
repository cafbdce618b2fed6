import { IMPORT_CODES, IMPORT_KIND_LABELS, IMPORT_MESSAGES, type ImportCode } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, groupDiagnostics } from './import-groups';

const d = (code: string, severity: Diagnostic['severity'], cellId?: string): Diagnostic => ({
  code,
  severity,
  location: cellId ? { cellId } : { line: 3 },
  message: `${code} ${cellId ?? ''}`,
});

describe('import diagnostics grouped by kind', () => {
  it('puts errors first, then the largest groups, with every item kept', () => {
    const groups = groupDiagnostics([
      d('W_CELL_BLANK', 'warning', 't3.new.natural'),
      d('I_PAGE_MARK', 'info'),
      d('W_CELL_BLANK', 'warning', 't3.new.commercial'),
      d('E_ROW_INCOMPLETE', 'error'),
      d('W_LABEL_APPROXIMATE', 'warning'),
      d('W_CELL_BLANK', 'warning', 't3.new.research'),
    ]);
    expect(groups.map((g) => [g.code, g.items.length])).toEqual([
      ['E_ROW_INCOMPLETE', 1],
      ['W_CELL_BLANK', 3],
      ['W_LABEL_APPROXIMATE', 1],
      ['I_PAGE_MARK', 1],
    ]);
    expect(groups[1]!.label).toBe('原文为空白的单元格（按未填写处理）');
  });

  it('heads each group with core’s name of its kind, for every code of core’s import', () => {
    const groups = groupDiagnostics(IMPORT_CODES.map((c) => d(c, IMPORT_MESSAGES[c].severity)));
    expect(groups).toHaveLength(IMPORT_CODES.length);
    for (const g of groups) expect(g.label, g.code).toBe(IMPORT_KIND_LABELS[g.code as ImportCode]);
  });

  it('heads a code it does not know (a newer server) with the diagnostic’s own message', () => {
    const [g] = groupDiagnostics([{ code: 'W_SOMETHING_NEW', severity: 'warning', message: '第3行：新的提示' }]);
    expect(g!.label).toBe('第3行：新的提示');
  });
});
