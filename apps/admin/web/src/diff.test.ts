import { cellName, emptyReport, type Report, SECTIONS } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { changedCells, changedText } from './diff';

const base = (): Report => emptyReport({ agency: '测试街道办事处', year: 2024, formats: { t2: '2021', t3: '2021' } });

describe('differences between two versions', () => {
  it('names each changed cell with both values; blank and 0 differ', () => {
    const a = base();
    const b: Report = { ...a, cells: { ...a.cells, 't3.new.natural': 5, 't3.new.commercial': 0 } };
    expect(a.cells['t3.new.natural'] ?? null).toBeNull();
    expect(changedCells(a, b)).toEqual([
      { id: 't3.new.natural', name: cellName('t3.new.natural'), before: null, after: '5' },
      { id: 't3.new.commercial', name: cellName('t3.new.commercial'), before: null, after: '0' },
    ]);
    expect(changedCells(a, a)).toEqual([]);
  });

  it('names the section whose text changed by its official heading', () => {
    const a = base();
    const b: Report = {
      ...a,
      sections: a.sections.map((s) =>
        s.key === 'problems' ? { ...s, blocks: [{ kind: 'paragraph' as const, text: '加强培训。' }] } : s,
      ),
    };
    expect(changedText(a, b)).toEqual([
      { place: SECTIONS.find((s) => s.key === 'problems')!.heading, before: '', after: '加强培训。' },
    ]);
  });
});
