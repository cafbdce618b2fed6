import { readFileSync } from 'node:fs';
import { computeCellTotals, type Report, reportFrom } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { describe, expect, it } from 'vitest';
import { changedScopes, mergeReports } from './merge.js';

const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
const edit = (fn: (r: Report) => void) => {
  const r = structuredClone(seed);
  fn(r);
  return r;
};
const para = (text: string) => ({ kind: 'paragraph' as const, text });
const section = (r: Report, key: string) => r.sections.find((s) => s.key === key)!;

describe('mergeReports', () => {
  it('keeps both sides’ changes to different cells, without a conflict', () => {
    const mine = edit((r) => (r.cells['t3.new.natural'] = 101));
    const theirs = edit((r) => (r.cells['t3.new.commercial'] = 202));
    const m = mergeReports(seed, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.report.cells['t3.new.natural']).toBe(101);
    expect(m.report.cells['t3.new.commercial']).toBe(202);
  });

  it('lists a cell changed on both sides with the base, mine and theirs, and settles it by choice', () => {
    const mine = edit((r) => {
      r.cells['t3.new.natural'] = 101;
      r.cells['t2.normativeDocs.newlyMade'] = 7;
    });
    const theirs = edit((r) => {
      r.cells['t3.new.natural'] = 99;
      r.cells['t3.new.commercial'] = 202;
    });
    const m = mergeReports(seed, mine, theirs);
    expect(m.conflicts).toEqual([
      expect.objectContaining({
        key: 'cells.t3.new.natural',
        kind: 'cell',
        scope: 'cells.t3.new.natural',
        label: expect.stringContaining('自然人'),
        base: seed.cells['t3.new.natural'],
        mine: 101,
        theirs: 99,
      }),
    ]);
    // Unsettled: theirs. Keeping mine keeps my cell and never reverts the cell only they changed.
    expect(m.report.cells['t3.new.natural']).toBe(99);
    const kept = mergeReports(seed, mine, theirs, { 'cells.t3.new.natural': 'mine' }).report;
    expect(kept.cells['t3.new.natural']).toBe(101);
    expect(kept.cells['t3.new.commercial']).toBe(202);
    expect(kept.cells['t2.normativeDocs.newlyMade']).toBe(7);
  });

  it('a total both sides computed from its parts follows the merged parts', () => {
    const withTotals = (r: Report) => ({ ...r, cells: computeCellTotals(r.cells, r.meta.formats) });
    const base = withTotals(seed);
    const mine = withTotals(edit((r) => (r.cells['t4.review.upheld'] = (r.cells['t4.review.upheld'] ?? 0) + 1)));
    const theirs = withTotals(
      edit((r) => (r.cells['t4.review.corrected'] = (r.cells['t4.review.corrected'] ?? 0) + 2)),
    );
    const m = mergeReports(base, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.report.cells['t4.review.total']).toBe((base.cells['t4.review.total'] ?? 0) + 3);
  });

  it('the same value on both sides is no conflict; a cell cleared on one side is a change', () => {
    const mine = edit((r) => {
      r.cells['t3.new.natural'] = 5;
      r.cells['t3.new.legalService'] = null;
    });
    const theirs = edit((r) => (r.cells['t3.new.natural'] = 5));
    const m = mergeReports(seed, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.report.cells['t3.new.natural']).toBe(5);
    expect(m.report.cells['t3.new.legalService']).toBeNull();
  });

  it('merges paragraphs block by block: different paragraphs both kept, the same paragraph a conflict', () => {
    const base = edit((r) => {
      section(r, 'requests').blocks = [para('甲'), para('乙'), para('丙'), para('丁')];
    });
    const mine = edit((r) => {
      section(r, 'requests').blocks = [para('甲（我改）'), para('乙'), para('丙'), para('丁')];
    });
    const theirs = edit((r) => {
      section(r, 'requests').blocks = [para('甲'), para('乙'), para('丙'), para('丁（他改）'), para('戊（他加）')];
    });
    const clean = mergeReports(base, mine, theirs);
    expect(clean.conflicts).toEqual([]);
    expect(section(clean.report, 'requests').blocks.map((b) => b.text)).toEqual([
      '甲（我改）',
      '乙',
      '丙',
      '丁（他改）',
      '戊（他加）',
    ]);
    const both = edit((r) => {
      section(r, 'requests').blocks = [para('甲'), para('乙（他改）'), para('丙'), para('丁')];
    });
    const mine2 = edit((r) => {
      section(r, 'requests').blocks = [para('甲（我改）'), para('乙（我改）'), para('丙'), para('丁')];
    });
    const m = mergeReports(base, mine2, both);
    expect(m.conflicts).toHaveLength(1);
    expect(m.conflicts[0]).toMatchObject({
      kind: 'text',
      scope: 'section.requests',
      theirs: expect.stringContaining('乙（他改）'),
    });
    expect(m.conflicts[0]!.mine).toContain('乙（我改）');
    const mineWins = mergeReports(base, mine2, both, { [m.conflicts[0]!.key]: 'mine' }).report;
    expect(section(mineWins, 'requests').blocks.map((b) => b.text)).toContain('乙（我改）');
    expect(section(mineWins, 'requests').blocks.map((b) => b.text)).not.toContain('乙（他改）');
  });

  it('merges the basic information field by field', () => {
    const mine = edit((r) => (r.meta.contact = { ...r.meta.contact, phone: '021-1111' }));
    const theirs = edit((r) => (r.meta.contact = { ...r.meta.contact, email: 'x@example.cn' }));
    const m = mergeReports(seed, mine, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.report.meta.contact).toMatchObject({ phone: '021-1111', email: 'x@example.cn' });
  });

  it('names who-changed-what units between two reports', () => {
    const after = edit((r) => {
      r.cells['t3.new.natural'] = 1;
      section(r, 'overview').blocks = [para('新')];
    });
    expect(changedScopes(seed, after).sort()).toEqual(['cells.t3.new.natural', 'section.overview']);
  });
});
