import { tableLayout } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { gridPositions, moveFrom, parseBlock, parseCellText, pasteBlock } from './grid-nav';

const t3 = gridPositions(tableLayout('t3', '2021'));
const t4 = gridPositions(tableLayout('t4', '2021'));
const none = () => false;

describe('moving like a spreadsheet on the official layout', () => {
  it.each([
    ['t3.new.natural', 'right', 't3.new.commercial'],
    ['t3.new.natural', 'down', 't3.carriedOver.natural'],
    ['t3.carriedOver.natural', 'up', 't3.new.natural'],
    ['t3.new.total', 'next', 't3.carriedOver.natural'],
    ['t3.carriedOver.natural', 'prev', 't3.new.total'],
  ] as const)('%s %s → %s', (from, move, to) => {
    expect(moveFrom(t3, from, move)).toBe(to);
  });

  it('stays inside the table at its edges', () => {
    expect(moveFrom(t3, 't3.new.natural', 'left')).toBeUndefined();
    expect(moveFrom(t3, 't3.new.natural', 'up')).toBeUndefined();
    expect(moveFrom(t4, 't4.review.upheld', 'down')).toBeUndefined();
  });

  it('goes down through the rows under the vertical 三、本年度办理结果 label', () => {
    const granted = moveFrom(t3, 't3.carriedOver.natural', 'down');
    expect(granted).toBe('t3.granted.natural');
    expect(moveFrom(t3, granted!, 'down')).toBe('t3.partial.natural');
  });
});

describe('reading typed text', () => {
  it.each([
    ['12', 12],
    ['１２', 12],
    ['1,234', 1234],
    [' 3.5 ', 3.5],
    ['', null],
    ['  ', null],
  ])('%j → %j', (text, value) => {
    expect(parseCellText(text)).toEqual({ ok: true, value });
  });

  it.each(['abc', '1a', '—', '1.2.3'])('rejects %j', (text) => {
    expect(parseCellText(text).ok).toBe(false);
  });
});

describe('pasting a block copied from Excel or WPS', () => {
  it('fills the cells the block covers, blanks stay blank', () => {
    const block = parseBlock('1\t2\t\r\n4\t5\t6\r\n');
    const res = pasteBlock(t3, 't3.new.natural', block, none);
    expect(res.changes).toEqual({
      't3.new.natural': 1,
      't3.new.commercial': 2,
      't3.new.research': null,
      't3.carriedOver.natural': 4,
      't3.carriedOver.commercial': 5,
      't3.carriedOver.research': 6,
    });
    expect(res.filled).toBe(6);
  });

  it('counts what falls outside the table, is not a number, or is a computed total', () => {
    const block = parseBlock('x\t1\t2');
    const res = pasteBlock(t3, 't3.new.otherOrg', block, (id) => id === 't3.new.total');
    expect(res).toMatchObject({ notNumbers: 1, locked: 1, outside: 1, filled: 0 });
  });
});
