import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  cellStatus,
  cellStatusCounts,
  cellStatusText,
  editCell,
  parseReport,
  type Report,
  reportCells,
  unreadCells,
  validate,
} from '../src/index.js';
import { seed } from './helpers.js';

/** The seed report as an import would give it with some cells not read and one printed as “—”. */
function imported(unread: string[], blank: Record<string, string> = {}): Report {
  const r = seed();
  const cells = { ...r.cells };
  const provenance: NonNullable<Report['provenance']> = {};
  for (const id of unread) {
    cells[id] = null;
    provenance[id] = { status: 'unread', reason: 'E_SPLIT_AMBIGUOUS', at: { line: 120 } };
  }
  for (const [id, printed] of Object.entries(blank)) {
    cells[id] = null;
    provenance[id] = { status: 'blank', printed, at: { line: 130 } };
  }
  return { ...r, cells, provenance };
}

const rowOf = (id: string) => id.split('.').slice(1, -1).join('.');

describe('cell provenance', () => {
  it('tells a cell not read from the agency’s blank, and says why and where', () => {
    const r = imported(['t3.granted.natural'], { 't3.granted.commercial': '—' });
    expect(cellStatus(r, 't3.granted.natural')).toBe('unread');
    expect(cellStatus(r, 't3.granted.commercial')).toBe('blank');
    expect(cellStatus(r, 't3.new.natural')).toBe('read');
    expect(unreadCells(r)).toEqual(['t3.granted.natural']);
    expect(cellStatusText(r, 't3.granted.natural')).toBe(
      '未能读取：这一行的数字连在一起，有多种拆分方式都说得通（原文第120行）',
    );
    expect(cellStatusText(r, 't3.granted.commercial')).toBe('空白（未填写）：原文写作“—”（原文第130行）');
    const counts = cellStatusCounts(r);
    expect(counts.unread).toBe(1);
    expect(counts.blank).toBe(2); // the seed's own blank, and the “—”
    expect(counts.read + counts.derived + counts.blank + counts.unread).toBe(reportCells(r.meta.formats).length);
  });

  it('survives the JSON round trip: parse, canonical text, parse', () => {
    const r = imported(['t3.granted.natural']);
    const parsed = parseReport(JSON.parse(canonicalJson(r)));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(unreadCells(parsed.report)).toEqual(['t3.granted.natural']);
  });

  it('an edit makes the value the agency’s own: a number or the agency’s blank', () => {
    const r = imported(['t3.granted.natural', 't3.granted.total']);
    const a = editCell(r, 't3.granted.natural', 5);
    expect(cellStatus(a, 't3.granted.natural')).toBe('read');
    expect(unreadCells(a)).toEqual(['t3.granted.total']);
    const b = editCell(a, 't3.granted.total', null);
    expect(cellStatus(b, 't3.granted.total')).toBe('blank');
    expect(b.provenance).toBeUndefined();
    expect(r.provenance?.['t3.granted.natural']?.status).toBe('unread'); // the original is not changed
  });

  it('drops an entry a client left behind when it wrote a number into an unread cell', () => {
    const r = imported(['t3.granted.natural']);
    const parsed = parseReport({ ...r, cells: { ...r.cells, 't3.granted.natural': 7 } });
    expect(parsed.ok && parsed.report.provenance).toBeFalsy();
  });

  it('refuses an entry for a cell the report’s tables do not have', () => {
    const r = imported([]);
    const parsed = parseReport({ ...r, provenance: { 't9.x.y': { status: 'unread', reason: 'E_SPLIT_NONE' } } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.path).toBe('provenance.t9.x.y');
  });
});

describe('validate on an imported report with cells not read', () => {
  // A whole 表三 row not read: 总计 of （一）予以公开 and the six applicant columns.
  const row = reportCells(seed().meta.formats)
    .filter((c) => c.table === 't3' && c.row === 'granted')
    .map((c) => c.id);

  it('never says 未填写 for a cell not read; still does for the agency’s blank', () => {
    const r = imported(row, { 't3.denied.stateSecret.natural': '/' });
    const required = validate(r).findings.filter((f) => f.kind === 'required');
    expect(required.map((f) => f.cells[0])).not.toEqual(expect.arrayContaining([row[0]]));
    expect(required.some((f) => f.cells[0] === 't3.denied.stateSecret.natural')).toBe(true);
    expect(required.every((f) => !row.includes(f.cells[0]!))).toBe(true);
  });

  it('gives no error on a report whose printed tables reconcile: the checks through the gap are 无法核对', () => {
    const r = imported(row);
    const result = validate(r);
    expect(result.errors).toBe(0);
    const gaps = result.findings.filter((f) => f.unread?.length);
    // Every column's 办理结果总计 passes through the row, and so does the row's own total.
    expect(gaps.map((f) => f.ruleId).sort()).toEqual([...Array(7).fill('t3.resultTotal'), 't3.rowTotal']);
    for (const f of gaps) {
      expect(f.severity).toBe('warning');
      expect(f.message).toContain('无法核对');
      expect(f.message).toContain('未能读取');
      expect(f.unread!.every((id) => rowOf(id) === 'granted')).toBe(true);
    }
  });

  it('still finds a printed identity that breaks, away from the gap', () => {
    const r = imported(row);
    r.cells['t4.review.total'] = 99;
    const result = validate(r);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['t4.groupTotal']);
  });

  it('a blank total whose parts were not read is not computed from the rest', () => {
    // 总计 of （七）总计 printed blank, its 自然人 part not read: the 勾稽关系 through it cannot be checked.
    const r = imported(['t3.granted.natural'], { 't3.total.natural': '' });
    const result = validate(r);
    expect(result.errors).toBe(0);
    const balance = result.findings.find((f) => f.ruleId === 't3.balance' && f.key === 'natural');
    expect(balance?.unread).toEqual(['t3.granted.natural']);
  });

  it('the 无法核对 findings can be turned off or made errors by settings', () => {
    const r = imported(row);
    expect(validate(r, { severity: { unread: 'off' } }).findings.some((f) => f.unread)).toBe(false);
    expect(validate(r, { severity: { unread: 'error' } }).errors).toBe(8);
  });
});
