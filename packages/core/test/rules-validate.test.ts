import { describe, expect, it } from 'vitest';
import { computeTotals, type Report, validate } from '../src/index.js';
import { seed, withCells } from './helpers.js';

/** A 2021-template report with real numbers in it whose identities all hold (totals computed by core). */
function busy2021(): Report {
  const base = seed();
  const cells: Record<string, number | null> = {};
  for (const id of Object.keys(base.cells)) cells[id] = 0;
  const r: Report = { ...base, meta: { ...base.meta, formats: { t2: '2021', t3: '2021' } }, cells: {} };
  const filled = {
    't3.new.natural': 40,
    't3.new.commercial': 5,
    't3.new.research': 0,
    't3.new.nonprofit': 0,
    't3.new.legalService': 2,
    't3.new.otherOrg': 1,
    't3.carriedOver.natural': 3,
    't3.carriedOver.commercial': 0,
    't3.carriedOver.research': 0,
    't3.carriedOver.nonprofit': 0,
    't3.carriedOver.legalService': 0,
    't3.carriedOver.otherOrg': 0,
    't3.granted.natural': 20,
    't3.granted.commercial': 3,
    't3.partial.natural': 5,
    't3.unavailable.notHeld.natural': 10,
    't3.notProcessed.repeated.legalService': 2,
    't3.otherHandling.unpaidFee.otherOrg': 1,
    't3.denied.thirdParty.commercial': 2,
    't3.carriedForward.natural': 8,
    't4.review.upheld': 2,
    't4.review.corrected': 1,
    't4.litigationDirect.pending': 1,
  };
  const zeroed = Object.fromEntries(Object.keys(computeTotals(r).cells).map((id) => [id, 0]));
  return computeTotals({ ...r, cells: { ...zeroed, ...filled } });
}

describe('validate', () => {
  it('passes the seed report with one warning: the blank cell of （四）1 其他 is not stated, not 0', () => {
    const result = validate(seed());
    expect(result.errors).toBe(0);
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f).toMatchObject({ ruleId: 't3.required', severity: 'warning', cells: ['t3.unavailable.notHeld.otherOrg'] });
    expect(f!.message).toContain('未填写');
    expect(f!.message).toContain('本机关不掌握相关政府信息');
  });

  it('passes a busy 2021 report whose totals core computed', () => {
    const r = busy2021();
    expect(r.cells['t3.total.total']).toBe(43);
    expect(r.cells['t3.new.total']).toBe(48);
    expect(validate(r).findings).toEqual([]);
  });

  // One passing and one failing case per identity rule: the failing case changes one cell.
  it.each([
    { rule: 't3.balance', cell: 't3.carriedForward.natural', to: 9, diff: 1, place: '表三“自然人”列' },
    { rule: 't3.resultTotal', cell: 't3.total.commercial', to: 6, diff: 1, place: '表三“商业企业”列' },
    { rule: 't3.rowTotal', cell: 't3.granted.total', to: 22, diff: 1, place: '表三“（一）予以公开”行' },
    { rule: 't4.groupTotal', cell: 't4.review.total', to: 4, diff: 1, place: '表四“行政复议”' },
  ])('$rule fails when $cell is changed, with both sums and the difference', ({ rule, cell, to, diff, place }) => {
    const good = busy2021();
    expect(validate(good).findings.filter((f) => f.ruleId === rule)).toEqual([]);
    const bad = withCells(good, { [cell]: to });
    const f = validate(bad).findings.find((x) => x.ruleId === rule && x.cells.includes(cell));
    expect(f).toBeDefined();
    expect(f!.severity).toBe('error');
    expect(Math.abs(f!.difference!)).toBe(diff);
    expect(f!.expected).not.toBe(f!.actual);
    expect(f!.message).toContain(place);
    expect(f!.message).toContain(`相差${diff}`);
  });

  it('R1 states 一＋二 and 三＋四 in the official row names', () => {
    const f = validate(withCells(busy2021(), { 't3.new.natural': 41 })).findings.find(
      (x) => x.ruleId === 't3.balance',
    )!;
    expect(f.expected).toBe(44);
    expect(f.actual).toBe(43);
    expect(f.message).toBe(
      '表三“自然人”列：“一、本年新收政府信息公开申请数量”＋“二、上年结转政府信息公开申请数量”（44）不等于“（七）总计”＋“四、结转下年度继续办理”（43），相差1',
    );
  });

  it.each([
    { rule: 't3.count', cell: 't3.granted.natural', value: -1, text: '非负整数' },
    { rule: 't3.count', cell: 't3.granted.natural', value: 2.5, text: '非负整数' },
    { rule: 't4.count', cell: 't4.review.upheld', value: -2, text: '非负整数' },
    { rule: 't2.count', cell: 't2.licensing.decisions', value: 1.5, text: '非负整数' },
    { rule: 't2.money', cell: 't2.fees.amount', value: -3, text: '非负数' },
  ])('$rule rejects $value in $cell', ({ rule, cell, value, text }) => {
    const good = busy2021();
    expect(validate(good).findings.some((f) => f.ruleId === rule)).toBe(false);
    const f = validate(withCells(good, { [cell]: value })).findings.find((x) => x.ruleId === rule);
    expect(f).toMatchObject({ severity: 'error', cells: [cell], actual: value });
    expect(f!.message).toContain(text);
  });

  it('accepts a decimal fee in 万元 and a negative 本年增/减 under 2019, rejects a fractional 本年增/减', () => {
    const r2021 = withCells(busy2021(), { 't2.fees.amount': 1.25 });
    expect(validate(r2021).findings).toEqual([]);
    const s = seed();
    expect(validate(withCells(s, { 't2.licensing.change': -8 })).errors).toBe(0);
    const f = validate(withCells(s, { 't2.licensing.change': 1.5 })).findings.find((x) => x.ruleId === 't2.change');
    expect(f?.message).toContain('整数');
  });

  it('warns that a very large fee was probably entered in 元 instead of 万元', () => {
    const f = validate(withCells(busy2021(), { 't2.fees.amount': 251000 })).findings;
    expect(f.map((x) => x.ruleId)).toEqual(['t2.feesUnit']);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toContain('万元');
  });

  it('reports a blank cell as not stated and counts it as 0 in the identities', () => {
    const r = withCells(busy2021(), { 't3.granted.research': null });
    const findings = validate(r).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['t3.required']);
    const bad = withCells(r, { 't3.new.research': 1 });
    const balance = validate(bad).findings.find((f) => f.ruleId === 't3.balance')!;
    expect(balance).toBeDefined();
    const rowTotal = validate(withCells(r, { 't3.granted.total': 24 })).findings.find(
      (f) => f.ruleId === 't3.rowTotal',
    )!;
    expect(rowTotal.missing).toEqual(['t3.granted.research']);
    expect(rowTotal.message).toContain('未填写，按0计算');
  });

  it('does not call a blank total wrong; it is reported as not stated', () => {
    const findings = validate(withCells(busy2021(), { 't3.granted.total': null })).findings;
    expect(findings.map((f) => `${f.ruleId}:${f.key}`)).toEqual(['t3.required:t3.granted.total']);
  });

  it('names the single cell that explains several failing identities', () => {
    const result = validate(withCells(busy2021(), { 't3.granted.natural': 25 }));
    const identity = result.findings.filter((f) => f.kind === 'sum' || f.kind === 'equation');
    expect(identity.map((f) => f.ruleId).sort()).toEqual(['t3.resultTotal', 't3.rowTotal']); // the 自然人 column and the 予以公开 row
    expect(result.likely).toHaveLength(1);
    expect(result.likely[0]).toMatchObject({ cellId: 't3.granted.natural', current: 25, suggested: 20 });
    for (const f of identity.filter((x) => x.cells.includes('t3.granted.natural')))
      expect(f.likelyCell).toBe('t3.granted.natural');
    expect(result.likely[0]!.message).toContain('可能填错');
  });

  it('gives each finding a fingerprint that is stable across runs and values', () => {
    const a = validate(withCells(busy2021(), { 't4.review.total': 4 })).findings[0]!;
    const b = validate(withCells(busy2021(), { 't4.review.total': 9 })).findings[0]!;
    expect(a.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('lets a rule be turned off or downgraded', () => {
    const r = withCells(busy2021(), { 't4.review.total': 4 });
    expect(validate(r, { severity: { 't4.groupTotal': 'off' } }).findings).toEqual([]);
    expect(validate(r, { severity: { 't4.groupTotal': 'warning' } })).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('never throws on values outside the model', () => {
    const r = withCells(busy2021(), { 't3.new.natural': Number.NaN, 't3.total.total': Infinity });
    expect(() => validate(r)).not.toThrow();
  });
});
