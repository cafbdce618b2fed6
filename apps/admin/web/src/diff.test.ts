import { cellName, emptyReport, type Report, SECTIONS } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { changedCells, changedTables, changedText, wordDiff } from './diff';

const base = (): Report => emptyReport({ agency: '测试街道办事处', year: 2024, formats: { t2: '2021', t3: '2021' } });

describe('differences between two versions', () => {
  it('names each changed cell with both values, in table order; blank and 0 differ', () => {
    const a = base();
    const b: Report = {
      ...a,
      cells: { ...a.cells, 't4.review.upheld': 1, 't3.new.commercial': 0, 't3.new.natural': 5 },
    };
    expect(a.cells['t3.new.natural'] ?? null).toBeNull();
    expect(changedCells(a, b)).toEqual([
      { id: 't3.new.natural', name: cellName('t3.new.natural'), before: null, after: '5' },
      { id: 't3.new.commercial', name: cellName('t3.new.commercial'), before: null, after: '0' },
      { id: 't4.review.upheld', name: cellName('t4.review.upheld'), before: null, after: '1' },
    ]);
    expect(changedCells(a, a)).toEqual([]);
  });

  it('groups changed cells by table with their row and column labels', () => {
    const a = base();
    const b: Report = { ...a, cells: { ...a.cells, 't3.new.natural': 5, 't4.review.upheld': 1 } };
    const groups = changedTables(changedCells(a, b));
    expect(groups.map((g) => g.table)).toEqual(['表三', '表四']);
    expect(groups[0]!.cells[0]).toMatchObject({
      row: '一、本年新收政府信息公开申请数量',
      column: '自然人',
      after: '5',
    });
    expect(groups[1]!.cells[0]).toMatchObject({ row: '行政复议', column: '结果维持' });
  });

  it('marks the words of a sentence that changed, not the whole section', () => {
    const parts = wordDiff('共收到申请12件，全部按时答复。', '共收到申请15件，全部依法按时答复。');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['12']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['15', '依法']);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('共收到申请15件，全部依法按时答复。');
  });

  it('shortens long unchanged text around a change to its ends', () => {
    const long = '本机关坚持以公开为常态、不公开为例外，依法做好政府信息公开工作。'.repeat(10);
    const parts = wordDiff(`${long}全年受理申请12件。${long}`, `${long}全年受理申请13件。${long}`);
    expect(parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['12', '13']);
    const same = parts.filter((p) => p.kind === 'same');
    expect(same.map((p) => p.text.length)).toEqual([31, 31]);
    expect(same[0]!.text).toMatch(/^….*全年受理申请$/);
    expect(same[1]!.text).toMatch(/^件。.*…$/);
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
      {
        place: SECTIONS.find((s) => s.key === 'problems')!.heading,
        before: '',
        after: '加强培训。',
        parts: [{ kind: 'added', text: '加强培训。' }],
      },
    ]);
  });
});
