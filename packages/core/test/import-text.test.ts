import { corpusReports } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { cellStatus, importReport, reportCells, validate } from '../src/index.js';
import { PLAIN_SHAPES, printText, SHAPES, type ShapeName } from './text-shapes.js';

const reports = corpusReports().map((r) => ({ name: r.name, ...r.expected }));

/** Every cell: right, or not read and named so with a reason — never a wrong number, never a hidden gap. */
function judge(expected: Record<string, number | null>, r: ReturnType<typeof importReport>) {
  const wrong: string[] = [];
  const hidden: string[] = [];
  let right = 0;
  for (const [id, want] of Object.entries(expected)) {
    const got = r.report.cells[id];
    if (got === want) right++;
    else if (got === null && cellStatus(r.report, id) === 'unread') continue;
    else if (typeof got === 'number') wrong.push(`${id}: printed ${want}, read ${got}`);
    else hidden.push(`${id}: printed ${want}, read as blank`);
  }
  return { right, wrong, hidden };
}

describe('flat text in every shape copies of reports take', () => {
  it.each(PLAIN_SHAPES.flatMap((shape) => reports.map((rep) => [shape, rep.name, rep] as const)))(
    '%s: %s reads back cell for cell',
    (shape, _name, rep) => {
      const r = importReport(printText(rep, SHAPES[shape]), { format: 'text' });
      const read = Object.fromEntries(Object.keys(rep.cells).map((id) => [id, r.report.cells[id]]));
      expect(read).toEqual(rep.cells);
      expect(r.unread).toEqual([]);
    },
  );

  const hard: ShapeName[] = [
    'runTogether',
    'runTogetherByLine',
    'halfSpaced',
    'blanksVanished',
    'halfSpacedBlanksVanished',
  ];
  it.each(hard)('%s: never a wrong number, every cell not read named with its reason', (shape) => {
    let right = 0;
    let total = 0;
    for (const rep of reports) {
      const r = importReport(printText(rep, SHAPES[shape]), { format: 'text' });
      const j = judge(rep.cells, r);
      expect(j.wrong, rep.name).toEqual([]);
      expect(j.hidden, rep.name).toEqual([]);
      for (const id of r.unread) expect(r.report.provenance?.[id]).toMatchObject({ status: 'unread' });
      right += j.right;
      total += Object.keys(rep.cells).length;
    }
    // Most cells are still read: only cells the print leaves open are not.
    expect(right / total).toBeGreaterThan(0.85);
  });
});

/** A minimal 2021 report with the given 表三 rows (label → values as printed) and 表二 / 表四 lines. */
function report(
  t3: Record<string, string>,
  t2 = ['规章 0 0 0', '行政规范性文件 1 0 5'],
  t4 = '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
) {
  const rows = reportCells({ t2: '2021', t3: '2021' }).filter((c) => c.table === 't3' && c.column === 'total');
  return [
    '某某区人民政府2023年政府信息公开工作年度报告',
    '一、总体情况',
    '略。',
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容 本年制发件数 本年废止件数 现行有效件数',
    ...t2,
    '三、收到和处理政府信息公开申请情况',
    ...rows.map((c) => `${c.rowPath.at(-1)} ${t3[c.row] ?? '0 0 0 0 0 0 0'}`),
    '四、政府信息公开行政复议、行政诉讼情况',
    t4,
    '五、存在的主要问题及改进情况',
    '略。',
    '六、其他需要报告的事项',
    '无。',
  ].join('\n');
}
const row = (r: ReturnType<typeof importReport>, id: string) =>
  ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg', 'total'].map(
    (c) => r.report.cells[`t3.${id}.${c}`],
  );

describe('rows of flat text', () => {
  it('finds a label with its parenthesised note glued to the digits of the row before', () => {
    const text = report({}).replace(
      /（一）予以公开[^\n]*\n（二）部分公开[^\n]*/,
      '（一）予以公开2000002（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001',
    );
    expect(text).toContain('2000002（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001\n');
    const r = importReport(text);
    expect(row(r, 'granted')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row(r, 'partial')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('cuts a half-spaced row (20 0 0 0 02) the one way its identity allows', () => {
    const r = importReport(report({ granted: '20 0 0 0 02', total: '2 0 0 0 0 0 2', new: '2 0 0 0 0 0 2' }));
    expect(row(r, 'granted')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(r.report.provenance?.['t3.granted.natural']).toMatchObject({ status: 'derived', how: 'split' });
  });

  it('says a run of seven digits that fits no cut is run together, not that only one value was found', () => {
    const r = importReport(report({ carriedOver: '1100000' }));
    const d = r.diagnostics.find((x) => x.location.row === 'carriedOver')!;
    expect(d.code).toBe('E_SPLIT_NONE');
    expect(d.message).toContain('数字连在一起');
    expect(d.message).not.toContain('只找到');
  });

  it('says spaced values with vanished blanks are too few, not run together, and reads what every placing agrees on', () => {
    const r = importReport(report({ new: '26 26', granted: '26 26', total: '26 26' }));
    const d = r.diagnostics.find((x) => x.location.row === 'new')!;
    expect(d.code).toBe('E_ROW_INCOMPLETE');
    expect(d.message).toContain('只找到 2 个');
    expect(d.message).not.toContain('连在一起');
    // 26 can stand in any applicant column; 总计 is 26 in every placing.
    expect(r.report.cells['t3.new.total']).toBe(26);
    expect(cellStatus(r.report, 't3.new.natural')).toBe('unread');
    expect(r.report.provenance?.['t3.new.natural']).toMatchObject({ reason: 'E_ROW_INCOMPLETE' });
  });

  it('places the values of a row whose blanks vanished where the other rows pin every column', () => {
    const r = importReport(
      report({
        new: '3 2 5',
        carriedOver: '0 0 — — — — 0',
        granted: '3 2 — — — — 5',
        total: '3 2 — — — — 5',
        carriedForward: '0 0 — — — — 0',
      }),
    );
    expect(row(r, 'new')).toEqual([3, 2, null, null, null, null, 5]);
    expect(r.report.provenance?.['t3.new.natural']).toMatchObject({ status: 'derived', how: 'column' });
    expect(r.report.provenance?.['t3.new.research']).toMatchObject({ status: 'blank', printed: '' });
    const about = r.diagnostics.filter((x) => x.location.row === 'new' && x.code !== 'W_CELL_BLANK');
    expect(about.map((x) => x.code)).toEqual(['I_VALUES_PLACED']);
  });

  it('reads a blank mark between digits run together (000—000)', () => {
    const r = importReport(report({ granted: '000—000' }));
    expect(row(r, 'granted')).toEqual([0, 0, 0, null, 0, 0, 0]);
    expect(r.report.provenance?.['t3.granted.nonprofit']).toMatchObject({ status: 'blank', printed: '—' });
  });

  it('cuts a 2019 表二 row only where the format itself allows one cut (本年新公开 ≤ 对外公开总数量)', () => {
    const t2 = (rules: string, docs: string) => [
      '第二十条第（一）项',
      '信息内容 本年新制作数量 本年新公开数量 对外公开总数量',
      `规章${rules}`,
      `规范性文件${docs}`,
    ];
    const text = (rules: string, docs: string) =>
      report({}, [])
        .replace('第二十条第（一）项', t2(rules, docs).join(''))
        .replace(/\n信息内容 本年制发件数[^\n]*/, '');
    const r = importReport(text('000', '5510'));
    expect(r.report.meta.formats.t2).toBe('2019');
    expect(
      ['newlyMade', 'newlyPublished', 'totalPublished'].map((c) => r.report.cells[`t2.normativeDocs.${c}`]),
    ).toEqual([5, 5, 10]);
    expect(r.report.provenance?.['t2.normativeDocs.totalPublished']).toMatchObject({
      status: 'derived',
      how: 'constraint',
    });
    // 1234: 1|2|34, 1|23|4 (23 > 4: no), 12|3|4 — two cuts left, so not read.
    const open = importReport(text('000', '1234'));
    expect(open.report.cells['t2.normativeDocs.totalPublished']).toBeNull();
    expect(open.report.provenance?.['t2.normativeDocs.totalPublished']).toMatchObject({
      status: 'unread',
      reason: 'E_SPLIT_AMBIGUOUS',
    });
  });

  it('leaves the 2021 表二 row 77132470 not read: nothing in the format pins its cut', () => {
    const r = importReport(report({}, ['规章000行政规范性文件77132470']));
    for (const c of ['issued', 'repealed', 'inForce'])
      expect(r.report.provenance?.[`t2.normativeDocs.${c}`]).toMatchObject({
        status: 'unread',
        reason: 'E_SPLIT_AMBIGUOUS',
      });
    expect(r.report.cells['t2.rules.issued']).toBe(0);
    expect(validate(r.report).errors).toBe(0);
  });

  it('counts read, printed blank, worked out and not read apart', () => {
    const r = importReport(report({ new: '26 26', granted: '26 — 0 0 0 0 26', partial: '1000001' }));
    const t3 = r.tables.find((t) => t.table === 't3')!;
    expect(t3.cellsBlank).toBe(1);
    // 1000001 cut into seven, and 一、's 总计 (26 in every placing of 26 26).
    expect(t3.cellsDerived).toBe(8);
    expect(t3.cellsUnread).toBeGreaterThan(0);
    expect(t3.cellsRead + t3.cellsDerived + t3.cellsBlank + t3.cellsUnread).toBe(t3.cellsExpected);
  });
});
