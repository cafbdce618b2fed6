import { readFileSync } from 'node:fs';
import { corpusDir as CORPUS, corpusSources } from '@nianbao/corpus';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellStatusText,
  detectFormat,
  importReport,
  readCellValue,
  reportCells,
  tableLayout,
  UNREAD_CELL_MARK,
  UNREAD_CELL_NOTE,
  unreadCells,
  validate,
} from '../src/index.js';

const read = (p: string) => readFileSync(`${CORPUS}${p}`, 'utf8');
const seedText = () => read('00-baoshan-yuejin-2024/source.txt');
const seedExpected = () =>
  JSON.parse(read('00-baoshan-yuejin-2024/expected.json')) as { cells: Record<string, number | null> };

describe('the seed text (one cell per line, tabs, a blank cell)', () => {
  const result = importReport(seedText());

  it('imports exactly to its expected cells', () => {
    expect(result.report.cells).toEqual(seedExpected().cells);
    expect(result.report.meta).toMatchObject({
      agency: '宝山区跃进街道办事处',
      year: 2024,
      level: 'township',
      formats: { t2: '2019', t3: '2019' },
    });
  });

  it('keeps the blank cell not stated and says so, with its line', () => {
    expect(result.report.cells['t3.unavailable.notHeld.otherOrg']).toBeNull();
    expect(result.missing).toEqual(['t3.unavailable.notHeld.otherOrg']);
    const d = result.diagnostics.find((x) => x.code === 'W_CELL_BLANK');
    expect(d?.location).toMatchObject({
      cellId: 't3.unavailable.notHeld.otherOrg',
      table: 't3',
      row: 'unavailable.notHeld',
      column: 'otherOrg',
    });
    expect(d?.location.line).toBeGreaterThan(100);
    expect(seedText().split('\n')[d!.location.line! - 1]!.trim()).toBe('');
  });

  it('reports the 0% written in a count column and keeps the text as written', () => {
    const percent = result.diagnostics.filter((x) => x.code === 'W_VALUE_PERCENT');
    expect(percent.map((p) => p.location.cellId).sort()).toEqual(['t2.licensing.change', 't2.penalty.change']);
    expect(percent[0]!.message).toContain('0%');
    expect(result.report.cellText?.['t2.licensing.change']).toBe('0%');
    expect(result.report.cells['t2.licensing.change']).toBe(0);
  });

  it('reads the six sections, the preamble, the period and the contact details', () => {
    const r = result.report;
    expect(r.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const overview = r.sections[0]!.blocks;
    expect(overview.filter((b) => b.kind === 'heading').map((b) => b.text)).toContain(
      '（一）加强组织领导，健全组织机构。',
    );
    expect(r.sections[5]!.blocks).toEqual([{ kind: 'paragraph', text: '无其他需要报告的事项。' }]);
    expect(r.preamble[0]!.text).toMatch(/^依据《中华人民共和国政府信息公开条例》/);
    expect(r.meta.statisticsPeriod).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(r.meta.contact?.email).toBe('yuejinban@163.com');
  });
});

describe('the text of published web pages', () => {
  it('keeps navigation, link lists and the page footer out of the report; （二）… stays a sub-heading', () => {
    const dept = importReport(read('13-shuyang-fgj-2023/source.html')).report;
    expect(dept.sections.map((s) => s.heading)[4]).toBe('五、存在的主要问题及整改措施');
    expect(dept.sections[0]!.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toContain(
      '（二）依申请公开政府信息情况',
    );
    const zone = importReport(read('10-pingtan-zone-2023/source.html')).report;
    expect(zone.preamble).toHaveLength(1);
    expect(zone.preamble[0]!.text).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    expect(zone.sections[5]!.blocks).toEqual([{ kind: 'paragraph', text: '2023年，无收取信息处理费情况。' }]);
    expect(zone.meta.contact).toMatchObject({ postcode: '350400', phone: '0591-23165385' });
  });

  it('reads a page laid out in a table (the whole report inside one cell) as the page itself', () => {
    for (const name of ['10-pingtan-zone-2023', '13-shuyang-fgj-2023']) {
      const html = read(`${name}/source.html`);
      const laidOut = html
        .replace(/<body[^>]*>/, '$&<table width="100%"><tr><td class="main">')
        .replace('</body>', '</td></tr></table></body>');
      const plain = importReport(html);
      const inCell = importReport(laidOut);
      expect(inCell.status, name).toBe('complete');
      expect(inCell.report.cells, name).toEqual(plain.report.cells);
      expect(inCell.report.sections, name).toEqual(plain.report.sections);
      expect(inCell.report.preamble, name).toEqual(plain.report.preamble);
      expect(inCell.report.meta.agency, name).toBe(plain.report.meta.agency);
    }
  });
});

describe('cell values as written', () => {
  it.each([
    ['12', 12, []],
    ['0%', 0, ['percent']],
    ['22（其中修订16件）', 22, ['annotation']],
    ['251000元', 251000, ['yuan']],
    ['-8', -8, ['signed']],
    ['+1036', 1036, ['signed']],
    ['1,234', 1234, ['thousands']],
    ['７', 7, []],
    ['—', null, ['notStatedMark']],
    ['/', null, ['notStatedMark']],
    ['∕', null, ['notStatedMark']],
    ['⁄', null, ['notStatedMark']],
    ['无', null, ['notStatedMark']],
    ['\u00a0 ', null, []],
  ] as const)('%j → %j', (text, value, flags) => {
    const v = readCellValue(text);
    expect(v?.value).toBe(value);
    expect(v?.flags).toEqual(flags);
  });

  it('does not take a label or a sentence for a value', () => {
    for (const t of ['规章', '1.属于国家秘密', '2024年政府信息公开', '第二十条第（一）项'])
      expect(readCellValue(t)).toBeNull();
  });

  it('converts 元 to 万元 in a money cell and keeps the text', () => {
    const text = seedText().replace(/(政府集中采购\n\t0\n\t)0/, '$1251000元');
    const r = importReport(text);
    expect(r.report.cells['t2.procurement.amount']).toBe(25.1);
    expect(r.report.cellText?.['t2.procurement.amount']).toBe('251000元');
    expect(r.diagnostics.some((d) => d.code === 'I_VALUE_YUAN' && d.location.cellId === 't2.procurement.amount')).toBe(
      true,
    );
  });
});

/** A minimal report as plain text rows (one table row per line, cells separated by spaces). */
function textReport(t3Rows: Record<string, string>, t4 = '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'): string {
  const rows = reportCells({ t2: '2021', t3: '2021' }).filter((c) => c.table === 't3' && c.column === 'total');
  return [
    '某某区人民政府2023年政府信息公开工作年度报告',
    '一、总体情况',
    '略。',
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容 本年制发件数 本年废止件数 现行有效件数',
    '规章 0 0 0',
    '行政规范性文件 1 0 5',
    '第二十条第（五）项',
    '信息内容 本年处理决定数量',
    '行政许可 3',
    '第二十条第（六）项',
    '信息内容 本年处理决定数量',
    '行政处罚 2',
    '行政强制 0',
    '第二十条第（八）项',
    '信息内容 本年收费金额（单位：万元）',
    '行政事业性收费 1.5',
    '三、收到和处理政府信息公开申请情况',
    ...rows.map((c) => `${c.rowPath.at(-1)} ${t3Rows[c.row] ?? '0 0 0 0 0 0 0'}`),
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议 行政诉讼',
    '结果维持 结果纠正 其他结果 尚未审结 总计',
    t4,
    '五、存在的主要问题及改进情况',
    '略。',
    '六、其他需要报告的事项',
    '无。',
  ].join('\n');
}

describe('digits run together', () => {
  it('recovers 640020470 as 64|0|0|2|0|4|70 where only that cut fits the identities', () => {
    const r = importReport(textReport({ new: '640020470', granted: '64 0 0 2 0 4 70', total: '64 0 0 2 0 4 70' }));
    expect(
      ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg', 'total'].map(
        (c) => r.report.cells[`t3.new.${c}`],
      ),
    ).toEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(r.inferred.filter((i) => i.cellId.startsWith('t3.new.')).map((i) => i.how)).toEqual(Array(7).fill('split'));
    expect(r.diagnostics.some((d) => d.code === 'I_SPLIT_RECOVERED' && d.location.row === 'new')).toBe(true);
  });

  it('leaves a row not stated when two cuts fit, and says so', () => {
    // 11|0|0|0|0|0|11 and 1|10|0|0|0|0|11 both hold for the row, and nothing else pins the row down.
    const r = importReport(textReport({ carriedOver: '1100000' }));
    const d = r.diagnostics.find((x) => x.location.row === 'carriedOver');
    expect(d?.code).toMatch(/^E_SPLIT_/);
    expect(r.report.cells['t3.carriedOver.total']).toBeNull();
    expect(r.missing).toContain('t3.carriedOver.natural');
  });
});

describe('a cell not read is not a blank', () => {
  const row = (r: ReturnType<typeof importReport>, id: string) => r.report.provenance?.[id];

  it('records per cell: read as printed, printed blank with its mark, worked out, not read with reason and line', () => {
    const text = textReport({
      new: '640020470',
      granted: '64 0 0 2 0 4 70',
      total: '64 0 0 2 0 4 70',
      carriedOver: '1100000',
      'denied.stateSecret': '0 — 0 / 0 无 0',
    });
    const r = importReport(text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(row(r, 't3.granted.natural')).toBeUndefined(); // read as printed: no entry
    expect(row(r, 't3.new.natural')).toEqual({ status: 'derived', how: 'split', at: { line: line('640020470') } });
    expect(row(r, 't3.denied.stateSecret.commercial')).toMatchObject({ status: 'blank', printed: '—' });
    expect(row(r, 't3.denied.stateSecret.nonprofit')).toMatchObject({ status: 'blank', printed: '/' });
    expect(row(r, 't3.denied.stateSecret.otherOrg')).toMatchObject({ status: 'blank', printed: '无' });
    expect(row(r, 't3.carriedOver.natural')).toMatchObject({ status: 'unread', at: { line: line('1100000') } });
    expect(row(r, 't3.carriedOver.natural')?.status === 'unread' && row(r, 't3.carriedOver.natural')).toMatchObject({
      reason: expect.stringMatching(/^E_SPLIT_/),
    });
    expect(r.unread).toEqual(
      reportCells(r.report.meta.formats)
        .filter((c) => c.row === 'carriedOver')
        .map((c) => c.id),
    );
    expect(r.blank.sort()).toEqual(
      ['t3.denied.stateSecret.commercial', 't3.denied.stateSecret.nonprofit', 't3.denied.stateSecret.otherOrg'].sort(),
    );
    expect(r.status).toBe('partial');
    const t3 = r.tables.find((t) => t.table === 't3')!;
    expect(t3.cellsUnread).toBe(7);
    expect(t3.cellsBlank).toBe(3);
    expect(t3.cellsDerived).toBe(7);
    expect(t3.cellsRead + t3.cellsDerived + t3.cellsBlank + t3.cellsUnread).toBe(t3.cellsExpected);
  });

  it('validate: 未填写 only for the printed blanks; the checks through the unread row are 无法核对, not errors', () => {
    const r = importReport(textReport({ carriedOver: '1100000', 'denied.stateSecret': '0 — 0 0 0 0 0' }));
    const v = validate(r.report);
    const required = v.findings.filter((f) => f.kind === 'required').map((f) => f.cells[0]);
    expect(required).toEqual(['t3.denied.stateSecret.commercial']);
    expect(v.errors).toBe(0);
    const gaps = v.findings.filter((f) => f.unread?.length);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((f) => f.message.includes('无法核对') && f.severity !== 'error')).toBe(true);
  });

  it('a cell a printed report marks 未读取 is read back as not read (E_MARKED_UNREAD), never blank or 0', () => {
    expect(readCellValue(` ${UNREAD_CELL_MARK} `)).toEqual({
      value: null,
      text: UNREAD_CELL_MARK,
      flags: ['unreadMark'],
    });
    const m = UNREAD_CELL_MARK;
    const plain = textReport({ granted: '5 0 0 1 0 0 6' }, '1 0 0 0 1 0 0 0 0 0 2 0 0 0 2');
    const marked = textReport({ granted: `5 ${m} 0 1 0 0 ${m}` }, `1 0 0 0 1 0 0 0 0 0 ${m} 0 0 0 ${m}`).replace(
      /^(五、存在的主要问题|四、政府信息公开行政复议)/gm,
      `${UNREAD_CELL_NOTE}\n$1`,
    );
    const before = importReport(plain);
    const r = importReport(marked);
    const t4 = tableLayout('t4', '2021').cells.map((c) => c.id);
    const unread = ['t3.granted.commercial', 't3.granted.total', t4[10]!, t4[14]!];
    expect([...r.unread].sort()).toEqual([...unread].sort());
    for (const id of unread) {
      expect(r.report.cells[id], id).toBeNull();
      expect(row(r, id), id).toMatchObject({ status: 'unread', reason: 'E_MARKED_UNREAD' });
      expect(cellStatusText(r.report, id)).toContain(`标为“${m}”`);
    }
    for (const [id, v] of Object.entries(before.report.cells))
      if (!unread.includes(id)) expect(r.report.cells[id], id).toBe(v);
    expect(r.blank).toEqual([]);
    const marks = r.diagnostics.filter((d) => d.code === 'E_MARKED_UNREAD');
    expect(marks.map((d) => d.location.table)).toEqual(['t3', 't4']);
    expect(marks[0]!.message).toContain(`标为“${m}”`);
    // The note under each table is the printing's: no section takes it as its text.
    expect(r.report.sections).toEqual(before.report.sections);
    expect(JSON.stringify(r.report)).not.toContain('单元格未能从原发布文件中读取');
    expect(validate(r.report).findings.some((f) => f.kind === 'required' && unread.includes(f.cells[0]!))).toBe(false);
  });

  it('a table not found: every cell of it not read, none blank', () => {
    const text = textReport({});
    const r = importReport(text.slice(0, text.indexOf('四、政府信息公开行政复议')));
    const t4 = reportCells(r.report.meta.formats).filter((c) => c.table === 't4');
    expect(t4.every((c) => row(r, c.id)?.status === 'unread')).toBe(true);
    expect(validate(r.report).findings.some((f) => f.kind === 'required' && f.cells[0]!.startsWith('t4.'))).toBe(false);
  });

  it('splits Table 4 run together by its three group totals', () => {
    const r = importReport(textReport({}, '110024001510102'));
    expect(r.report.cells['t4.review.total']).toBe(2);
    expect(r.report.cells['t4.litigationDirect.total']).toBe(5);
    expect(r.report.cells['t4.litigationAfterReview.total']).toBe(2);
  });
});

// Fonts of some PDFs map their ideographs to Kangxi radicals (⼀ ⼆ ⾏ …); text copied or converted from them keeps
// them. Every such ideograph of a corpus text is swapped for its radical: it must read as the original.
const RADICAL_OF = new Map<string, string>();
for (let c = 0x2f00; c <= 0x2fd5; c++)
  RADICAL_OF.set(String.fromCodePoint(c).normalize('NFKC'), String.fromCodePoint(c));
const toRadicals = (t: string) => [...t].map((ch) => RADICAL_OF.get(ch) ?? ch).join('');

describe('ideographs written as Kangxi radicals', () => {
  it.each(['00-baoshan-yuejin-2024/source.txt', '03-shuyang-county-2025/source.md', '13-shuyang-fgj-2023/source.html'])(
    '%s reads as the original',
    (path) => {
      const text = read(path);
      const mirror = toRadicals(text);
      expect(mirror).not.toBe(text);
      const a = importReport(text, { fileName: path }).report;
      const b = importReport(mirror, { fileName: path }).report;
      expect(b.cells).toEqual(a.cells);
      expect(b.meta).toEqual(a.meta);
      expect(b.sections.map((s) => s.heading)).toEqual(a.sections.map((s) => s.heading));
      expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
    },
  );
});

// Narrow label cells printed letter-spaced (申 请 人 无 正 当 理 由): the 无 inside is a character of the label,
// not the mark of a blank cell.
describe('letter-spaced labels holding 无', () => {
  const spaced = corpusSources().filter(
    (s) => s.ext !== 'pdf' && readFileSync(s.path, 'utf8').includes('申请人无正当理由'),
  );
  it.each(spaced.map((s) => [s.name, s] as const))('%s reads as the original', (_name, s) => {
    const text = readFileSync(s.path, 'utf8');
    const variant = text.replaceAll('申请人无正当理由', '申 请 人 无 正 当 理 由');
    const a = importReport(text, { fileName: s.file }).report;
    const b = importReport(variant, { fileName: s.file }).report;
    expect(b.cells).toEqual(a.cells);
    expect(unreadCells(b)).toEqual(unreadCells(a));
  });
});

describe('labels and templates', () => {
  it('reads a Traditional-character mirror with ASCII punctuation like the original', () => {
    const html = read('10-pingtan-zone-2023/source.html');
    const mirror = html
      .replaceAll('（', '(')
      .replaceAll('）', ')')
      .replaceAll('开', '開')
      .replaceAll('请', '請')
      .replaceAll('数', '數')
      .replaceAll('处', '處')
      .replaceAll('结', '結')
      .replaceAll('转', '轉')
      .replaceAll('办', '辦')
      .replaceAll('计', '計')
      .replaceAll('属', '屬')
      .replaceAll('无', '無')
      .replaceAll('议', '議')
      .replaceAll('诉', '訴');
    const a = importReport(html, { format: 'html' });
    const b = importReport(mirror, { format: 'html' });
    expect(b.report.cells).toEqual(a.report.cells);
    expect(b.found.length).toBe(200);
  });

  it('decides the template per table: a 2019 Table 2 beside a 2021 Table 3', () => {
    const text = textReport({})
      .replace(
        '信息内容 本年制发件数 本年废止件数 现行有效件数',
        '信息内容 本年新制作数量 本年新公开数量 对外公开总数量',
      )
      .replace('行政规范性文件 1 0 5', '规范性文件 1 0 5');
    const r = importReport(text);
    expect(r.report.meta.formats).toEqual({ t2: '2019', t3: '2021' });
    expect(r.tables.find((t) => t.table === 't2')?.decidedBy).toBe('labels');
    expect(r.report.cells['t2.normativeDocs.totalPublished']).toBe(5);
  });

  it('matches a misprinted row label by its place and says so', () => {
    const text = textReport({ 'denied.lawProhibited': '3 0 0 0 0 0 3' }).replace(
      '2.其他法律行政法规禁止公开',
      '2.其他法律行政止公开',
    );
    const r = importReport(text);
    expect(r.report.cells['t3.denied.lawProhibited.total']).toBe(3);
    expect(
      r.diagnostics.some((d) => d.code === 'W_LABEL_APPROXIMATE' && d.location.row === 'denied.lawProhibited'),
    ).toBe(true);
  });

  it('skips a 法人或其他组织小计 column that some software adds to Table 3', () => {
    const seed = importReport(seedText()).report;
    const cells: Record<string, number | null> = {
      ...seed.cells,
      't3.new.natural': 3,
      't3.new.commercial': 2,
      't3.new.total': 5,
      't3.granted.natural': 3,
      't3.granted.commercial': 2,
      't3.granted.total': 5,
      't3.total.natural': 3,
      't3.total.commercial': 2,
      't3.total.total': 5,
    };
    const td = (t: string | number | null, span = '') => `<td${span}>${t ?? ''}</td>`;
    const table = (subtotal: boolean) => {
      const l = tableLayout('t3', '2019');
      const rows = [...l.headerRows, ...l.bodyRows].map((row, r) => {
        const out = row.map((c, i) => {
          const span = ` rowspan="${c.rowSpan}" colspan="${c.colSpan}"`;
          if (c.type === 'label')
            return (
              (subtotal && r === 1 && c.text === '总计' ? td('法人或其他组织小计', ' rowspan="2"') : '') +
              td(c.text, span)
            );
          const orgs = ['commercial', 'research', 'nonprofit', 'legalService', 'otherOrg'].reduce(
            (a, k) => a + (cells[c.cellId.replace(/[^.]+$/, k)] ?? 0),
            0,
          );
          return (subtotal && i === row.length - 1 ? td(orgs) : '') + td(cells[c.cellId] ?? null, span);
        });
        return `<tr>${out.join('')}</tr>`;
      });
      return `<table>${rows.join('')}</table>`;
    };
    const page = (subtotal: boolean) =>
      `<html><body><h1>某某街道办事处2024年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>${table(subtotal)}<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;
    const a = importReport(page(false));
    const b = importReport(page(true));
    const t3 = (r: typeof a) => Object.fromEntries(Object.entries(r.report.cells).filter(([k]) => k.startsWith('t3.')));
    expect(t3(a)).toEqual(Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('t3.'))));
    expect(t3(b)).toEqual(t3(a));
    expect(b.diagnostics.some((d) => d.code === 'I_T3_SUBTOTAL_COLUMN')).toBe(true);
  });

  it('leaves out a 序号 column before the row labels (and an empty first cell), reading every cell as printed', () => {
    const l = tableLayout('t3', '2021');
    const cells = Object.fromEntries(l.cells.map((c, i) => [c.id, (i * 7) % 5]));
    const table = (first: (r: number) => string) => {
      const rows = [...l.headerRows, ...l.bodyRows].map((row, r) => {
        const out = row.map((c) => {
          const span = ` rowspan="${c.rowSpan}" colspan="${c.colSpan}"`;
          return `<td${span}>${c.type === 'label' ? c.text : cells[c.cellId]}</td>`;
        });
        const lead =
          r === 0 ? `<td rowspan="${l.headerRows.length}">序号</td>` : r < l.headerRows.length ? '' : first(r);
        return `<tr>${lead}${out.join('')}</tr>`;
      });
      return `<table>${rows.join('')}</table>`;
    };
    const page = (first: (r: number) => string) =>
      `<html><body><h1>某某街道办事处2024年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>${table(first)}<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;
    const t3 = (r: ReturnType<typeof importReport>) =>
      Object.fromEntries(Object.entries(r.report.cells).filter(([k]) => k.startsWith('t3.')));
    for (const first of [(r: number) => `<td>${r - l.headerRows.length + 1}</td>`, () => '<td></td>']) {
      const r = importReport(page(first));
      expect(t3(r)).toEqual(cells);
      expect(r.unread.filter((id) => id.startsWith('t3.'))).toEqual([]);
      const t3Warnings = r.diagnostics.filter(
        (d) => d.location.table === 't3' && (d.code === 'E_COLUMN_UNKNOWN' || d.code === 'W_VALUES_UNMATCHED'),
      );
      expect(t3Warnings).toEqual([]);
    }
  });

  it('guesses the format from the name and the content', () => {
    expect(detectFormat('<html><body><table></table></body></html>')).toBe('html');
    expect(detectFormat('# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |')).toBe('markdown');
    expect(detectFormat('一、总体情况')).toBe('text');
    expect(detectFormat('<p>x</p>', 'a.txt')).toBe('text');
  });
});

describe('bad input', () => {
  it('an HTML page that is not a report: nothing read, a clear reason', () => {
    const r = importReport(
      '<html><head><title>首页</title></head><body><p>欢迎访问</p><table><tr><td>1</td><td>2</td></tr></table></body></html>',
    );
    expect(r.status).toBe('none');
    expect(r.diagnostics.map((d) => d.code)).toContain('E_NOTHING_READ');
    expect(r.diagnostics.find((d) => d.code === 'E_NOTHING_READ')!.message).toMatch(/年度报告/);
  });

  it('a report with one table missing: the others read, the missing one named', () => {
    const text = seedText();
    const cut =
      text.slice(0, text.indexOf('四、政府信息公开行政复议')) + text.slice(text.indexOf('　　五、存在的主要问题'));
    const r = importReport(cut);
    expect(r.status).toBe('partial');
    const missing = r.diagnostics.find((d) => d.code === 'E_TABLE_MISSING');
    expect(missing?.location.table).toBe('t4');
    expect(missing?.message).toContain('表四');
    const expected = seedExpected().cells;
    for (const id of r.found) expect(r.report.cells[id]).toBe(expected[id]);
    expect(r.found.filter((id) => id.startsWith('t3.')).length).toBe(160);
  });

  it('deeply nested and unclosed HTML does not crash', () => {
    const nested = `${'<div><table><tr><td>'.repeat(20000)}一、总体情况${'</td></tr></table></div>'.repeat(100)}<td><p><b>`;
    const r = importReport(nested, { format: 'html' });
    expect(r.status).toBe('none');
  });

  it('HTML nested deeper than any page is refused at once with its own reason; a page wrapped 500 deep is read', () => {
    const deep = importReport(
      `<html><body>${'<div>'.repeat(200_000)}一、总体情况${'</div>'.repeat(200_000)}</body></html>`,
    );
    expect(deep.status).toBe('none');
    expect(deep.diagnostics.map((d) => d.code)).toContain('E_HTML_TOO_DEEP');
    expect(deep.diagnostics.map((d) => d.code)).not.toContain('E_NOTHING_READ');
    expect(deep.diagnostics.find((d) => d.code === 'E_HTML_TOO_DEEP')!.message).toBe(
      '网页的标签嵌套超过 1000 层，不是正常的网页，未读取',
    );
    const page = read('10-pingtan-zone-2023/source.html');
    const wrapped = importReport(`${'<div>'.repeat(500)}${page}${'</div>'.repeat(500)}`, { format: 'html' });
    expect(wrapped.status).toBe('complete');
  });

  it('a large input is read (linear: no regular expression backtracks on it)', () => {
    const big = `${'1'.repeat(400_000)}\n${'（'.repeat(100_000)}\n${'一、'.repeat(60_000)}\n<td>${'0 '.repeat(100_000)}`;
    for (const format of ['text', 'html', 'markdown'] as const) {
      const r = importReport(big, { format });
      expect(r.report.meta.formats.t3).toMatch(/^20(19|21)$/);
    }
  }, 60_000);

  it('refuses at once an input far longer than any report', () => {
    const r = importReport('年'.repeat(26_000_000));
    expect(r.status).toBe('none');
    expect(r.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['E_INPUT_TOO_LARGE']));
    expect(r.diagnostics.find((d) => d.code === 'E_INPUT_TOO_LARGE')!.message).toContain('上限');
  });

  it('never throws on random text in any format, and every cell is a number or null', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.constantFrom('text', 'html', 'markdown' as const),
        (s, format) => {
          const r = importReport(s, { format });
          for (const v of Object.values(r.report.cells)) expect(v === null || Number.isFinite(v)).toBe(true);
          expect(['complete', 'partial', 'none']).toContain(r.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on mutated reports, and what it reads it can validate', () => {
    const base = seedText();
    const html = read('13-shuyang-fgj-2023/source.html');
    fc.assert(
      fc.property(
        fc.constantFrom(base, html),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.string({ maxLength: 12 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (doc, edits) => {
          let s = doc;
          for (const [at, del, ins] of edits) {
            const p = at % (s.length + 1);
            s = s.slice(0, p) + ins + s.slice(p + del);
          }
          const r = importReport(s);
          expect(() => validate(r.report)).not.toThrow();
        },
      ),
      { numRuns: 40 },
    );
  });
});
