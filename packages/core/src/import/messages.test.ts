import { readFileSync } from 'node:fs';
import { corpusSources } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { UNREAD_REASONS } from '../model/report.js';
import { importReport } from './index.js';
import { IMPORT_CODES, IMPORT_KIND_LABELS, IMPORT_MESSAGES, importDiagnostic } from './messages.js';

const PREFIX = { E_: 'error', W_: 'warning', I_: 'info' } as const;

describe('import codes and messages', () => {
  it('gives every code a severity that its prefix says and every unread reason a code', () => {
    for (const code of IMPORT_CODES)
      expect(IMPORT_MESSAGES[code].severity, code).toBe(PREFIX[code.slice(0, 2) as keyof typeof PREFIX]);
    for (const r of UNREAD_REASONS) expect(IMPORT_CODES).toContain(r);
  });

  it('names the kind of every code, each differently, and names no kind without a code', () => {
    expect(Object.keys(IMPORT_KIND_LABELS).sort()).toEqual([...IMPORT_CODES].sort());
    const labels = IMPORT_CODES.map((c) => IMPORT_KIND_LABELS[c]);
    for (const l of labels) expect(l).toMatch(/^[\u4e00-\u9fff“]/);
    expect(new Set(labels).size).toBe(IMPORT_CODES.length);
  });

  it('builds each message from the diagnostic data alone, in Chinese, with no hole in it', () => {
    const texts = corpusSources().filter((s) => s.ext !== 'pdf');
    const seen = new Set<string>();
    for (const s of texts) {
      const r = importReport(readFileSync(s.path, 'utf8'), { fileName: s.path });
      for (const d of r.diagnostics) {
        seen.add(d.code);
        expect(IMPORT_CODES).toContain(d.code);
        const again = importDiagnostic(d.code, d.location, d.data as never, d.text);
        expect(again.message).toBe(d.message);
        expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        expect(d.message).not.toMatch(/undefined|NaN|\[object|null/);
      }
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('says which row and what it found when a row is short, and the table for Table 4', () => {
    const row = importDiagnostic(
      'E_ROW_INCOMPLETE',
      { line: 12, table: 't3', row: 'new' },
      {
        label: '一、本年新收政府信息公开申请数量',
        expected: 7,
        found: 5,
        cells: 7,
      },
    );
    expect(row.message).toBe(
      '第12行：“一、本年新收政府信息公开申请数量”行应有 7 个数值，只找到 5 个，无法确定各自所在的栏，本行未读取',
    );
    expect(row.severity).toBe('error');
    const t4 = importDiagnostic(
      'E_SPLIT_AMBIGUOUS',
      { line: 3, table: 't4' },
      {
        label: '',
        runs: ['1100'],
        ways: 2,
        checked: true,
        cells: 15,
        width: 15,
      },
    );
    expect(t4.message).toContain('第3行：表四的数字连在一起（1100）');
  });
});
