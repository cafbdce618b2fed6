import { IMPORT_CODES } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, groupDiagnostics, IMPORT_KIND_LABELS } from './import-groups';

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

  it('names every kind of core’s import, each differently', () => {
    const labels = IMPORT_CODES.map((c) => IMPORT_KIND_LABELS[c]);
    expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(IMPORT_CODES.length);
  });
});
