import { allCellIds } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { cellLabel } from './cell-label';

describe('cellLabel', () => {
  it.each([
    ['t3.new.natural', '表三 · 一、本年新收政府信息公开申请数量 · 自然人'],
    ['t4.review.upheld', '表四 · 行政复议 · 结果维持'],
    ['t4.litigationDirect.total', '表四 · 行政诉讼 未经复议直接起诉 · 总计'],
    ['t2.rules.newlyMade', '表二 · 第二十条第（一）项 规章 · 本年新制作数量'],
  ])('%s → %s', (id, label) => {
    expect(cellLabel(id)).toBe(label);
  });

  it('gives every cell of both templates a name of its own', () => {
    const ids = allCellIds();
    const labels = new Set(ids.map(cellLabel));
    expect(labels.size).toBe(ids.length);
    for (const l of labels) expect(l.split(' · ')).toHaveLength(3);
  });
});
