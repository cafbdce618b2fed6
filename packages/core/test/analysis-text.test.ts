import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedReportUrl } from '../fixtures/index.js';
import { checkText, type Report, readNumber, reportFrom, textStatements } from '../src/index.js';
import { CORPUS_DIRS, corpusReport, withSection } from './analysis-corpus.js';

const seed = reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
const overview = (r: Report) =>
  r.sections
    .find((s) => s.key === 'overview')!
    .blocks.map((b) => b.text)
    .join('');

describe('text ↔ table on real reports', () => {
  it.each(CORPUS_DIRS)(
    '%s: every number its narrative states about its own tables agrees (no false finding)',
    (dir) => {
      const r = checkText(corpusReport(dir));
      expect(r.findings).toEqual([]);
    },
  );

  it('reads the numbers a city report states, into the cells that hold them', () => {
    const st = textStatements(corpusReport('02-huaian-city-2024')).filter((s) => s.scope === 'report');
    const by = (text: string) => st.find((s) => s.text.includes(text))!;
    expect(by('受理政府信息公开申请3119件').readings[0]!.cells).toEqual(['t3.new.total']);
    expect(by('答复3050件').readings[0]!.cells).toEqual(['t3.total.total']);
    expect(by('上年度结转申请34件').readings[0]!.cells).toEqual(['t3.carriedOver.total']);
    expect(by('行政复议351件').readings[0]!.cells).toEqual(['t4.review.total']);
    expect(st.filter((s) => s.text === '结果维持72件')[0]!.readings[0]!.cells).toEqual(['t4.review.upheld']);
    expect(st.filter((s) => s.text === '结果维持25件')[0]!.readings[0]!.cells).toEqual([
      't4.litigationDirect.upheld',
      't4.litigationAfterReview.upheld',
    ]);
    expect(st.every((s) => s.agrees === true)).toBe(true);
    expect(st.length).toBeGreaterThanOrEqual(13);
  });

  it('受理 may include the carried-over applications (沭阳县 2025: 749 = 713 + 36)', () => {
    const st = textStatements(corpusReport('03-shuyang-county-2025')).find((s) => s.measure === 'received')!;
    expect(st.value).toBe(749);
    expect(st.readings.map((r) => r.value)).toEqual([713, 749]);
    expect(st.agrees).toBe(true);
  });

  it('the seed’s narrative states no table totals: nothing is read, nothing is reported', () => {
    expect(textStatements(seed)).toEqual([]);
    expect(checkText(seed).findings).toEqual([]);
  });
});

describe('洪泽区 2024: “区政府办代表区政府受理政府信息公开申请17件” against 95 in 表三', () => {
  const hz24 = corpusReport('21-hongze-district-2024');

  it('is another scope (the office acting for the district government, not the whole district the tables cover): no finding', () => {
    const st = textStatements(hz24).find((s) => s.value === 17)!;
    expect(st.sentence).toContain('区政府办代表区政府受理政府');
    expect(st.scope).toBe('unit');
    expect(st.readings).toEqual([]);
    expect(checkText(hz24).findings).toEqual([]);
  });

  it('the 2023 report said 全区 and its 21 matches 表三', () => {
    const st = textStatements(corpusReport('20-hongze-district-2023')).find((s) => s.measure === 'received')!;
    expect([st.value, st.scope, st.agrees]).toEqual([21, 'report', true]);
  });

  it('had the sentence spoken of the whole district, 17 against 95 would be reported with sentence and cell', () => {
    const text = overview(hz24).replace('区政府办代表区政府受理', '全区受理');
    const r = checkText(withSection(hz24, 'overview', text));
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect([f.ruleId, f.severity, f.expected, f.actual, f.difference]).toEqual([
      'text.received',
      'warning',
      95,
      17,
      -78,
    ]);
    expect(f.right).toEqual(['t3.new.total']);
    expect(f.sentence).toContain('全区受理政府');
    expect(f.message).toContain('“一、总体情况”写明“受理政府信息公开申请17件”');
    expect(f.message).toContain('表三“一、本年新收政府信息公开申请数量”行“总计”列为95');
  });
});

describe('narrative numbers that disagree are reported; other scopes are not', () => {
  const pt23 = corpusReport('10-pingtan-zone-2023');
  const check = (sentence: string, base: Report = pt23) => checkText(withSection(base, 'overview', sentence));

  it.each([
    ['2023年共收到政府信息公开申请90件。', 'text.received', 90, 81],
    ['全年办结依申请公开80件，其中予以公开22件。', 'text.concluded', 80, 81],
    ['全年办结依申请公开81件，其中予以公开23件。', 'text.granted', 23, 22],
    ['全年办结81件申请，其中不予公开6件。', 'text.denied', 6, 5],
    ['因政府信息公开引起的行政复议案件3件。', 'text.review', 3, 2],
    ['行政诉讼案件7件，其中结果纠正2件。', 'text.caseResult', 2, 0],
    ['本年共收到政府信息公开申请八十一件，其中自然人79件。', 'text.applicant', 79, 80],
    ['未发生因政府信息公开工作被申请行政复议的情况。', 'text.review', 0, 2],
    ['全年办结81件申请，结转至下一年度办理3件。', 'text.carriedForward', 3, 0],
  ])('“%s” → %s', (sentence, ruleId, actual, expected) => {
    const r = check(sentence);
    expect(r.findings.map((f) => [f.ruleId, f.actual, f.expected])).toEqual([[ruleId, actual, expected]]);
    expect(r.findings[0]!.sentence).toBe(sentence);
  });

  it.each([
    ['2022年共收到政府信息公开申请120件。', 'year'],
    ['上半年共受理政府信息公开申请30件。', 'period'],
    ['上半年，共受理政府信息公开申请30件。', 'period'],
    ['区教育局受理政府信息公开申请12件。', 'unit'],
    ['全年受理政府信息公开申请同比增加12件。', 'change'],
    ['全年受理政府信息公开申请100余件。', 'approximate'],
  ])('“%s” speaks of another scope (%s): no finding', (sentence, scope) => {
    const r = check(sentence);
    expect(r.findings).toEqual([]);
    expect(r.statements.map((s) => s.scope)).toEqual([scope]);
  });

  it('“尚未审结” is not read as “no case”, and numbers without a known quantity are not read', () => {
    expect(
      check('尚未审结的行政复议案件0件，发布信息报道100条，受理群众诉求259起。').statements.map((s) => s.measure),
    ).toEqual(['review']);
    expect(check('我局承办建议提案满意率为100%，另有3件顺延答复。').statements).toEqual([]);
  });

  it('a finding keeps its fingerprint when the stated number is edited', () => {
    const a = check('2023年共收到政府信息公开申请90件。').findings[0]!;
    const b = check('2023年共收到政府信息公开申请92件。').findings[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(check('全年办结依申请公开80件。').findings[0]!.fingerprint).not.toBe(a.fingerprint);
  });

  it('a stated number is compared only where the table states the cells', () => {
    const blank: Report = { ...pt23, cells: { ...pt23.cells, 't3.new.total': null, 't3.carriedOver.total': null } };
    const r = check('2023年共收到政府信息公开申请90件。', blank);
    expect(r.findings).toEqual([]);
    expect(r.statements[0]!.agrees).toBeUndefined();
  });
});

describe('a sentence counts for a measure only when it states that measure for this report', () => {
  const pt23 = corpusReport('10-pingtan-zone-2023');
  const read = (sentence: string, base: Report = pt23) =>
    textStatements(withSection(base, 'overview', sentence)).map((s) => [s.measure, s.value, s.scope]);

  it.each([
    // 沭阳县 2025, 淮安市 2024, 洪泽区 2023 and 沭阳县发改局 2023, as printed: totals, each read once.
    [
      '全县全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件；共办理718件，结转下一年31件。',
      [
        ['received', 749, 'report'],
        ['applicant', 741, 'report'],
        ['applicant', 8, 'report'],
        ['concluded', 718, 'report'],
        ['carriedForward', 31, 'report'],
      ],
    ],
    ['2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。', [['received', 21, 'report']]],
    ['2023年1月至12月，共受理政府信息公开申请81件。', [['received', 81, 'report']]],
    ['2023年以来，共受理政府信息公开申请81件。', [['received', 81, 'report']]],
    ['全年共受理政府信息公开申请81件次。', [['received', 81, 'report']]],
    // Answers by kind are that kind's count, never the number concluded.
    [
      '共收到政府信息公开申请81件，其中同意公开答复22件，部分公开20件。',
      [
        ['received', 81, 'report'],
        ['granted', 22, 'report'],
        ['partial', 20, 'report'],
      ],
    ],
    [
      '共收到政府信息公开申请81件，不予公开答复5件，告知答复12件，延期答复3件。',
      [
        ['received', 81, 'report'],
        ['denied', 5, 'report'],
      ],
    ],
    // A channel of receiving is a part, not the total.
    ['共收到政府信息公开申请81件，其中网上受理60件，信函受理21件。', [['received', 81, 'report']]],
    // Negations of corrections are not 0 cases.
    ['全年未发生因政府信息公开被行政复议纠错的情况。', [['caseResult', 0, 'report']]],
    [
      '全年未发生因政府信息公开工作被行政复议纠错、行政诉讼败诉的情况。',
      [
        ['caseResult', 0, 'report'],
        ['caseResult', 0, 'report'],
      ],
    ],
    ['全年未发生政府信息公开方面责任追究结果情况。', []],
    ['2023年上半年共受理政府信息公开申请30件。', [['received', 30, 'period']]],
    ['2022年以来累计受理政府信息公开申请300件。', [['received', 300, 'year']]],
  ] as const)('%s', (sentence, expected) => {
    expect(read(sentence)).toEqual(expected);
  });

  it('淮安市 2024 as printed: 受理, 答复 and the carried-over applications it includes, each once', () => {
    const sentence =
      '2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。';
    expect(read(sentence, corpusReport('02-huaian-city-2024'))).toEqual([
      ['received', 3119, 'report'],
      ['concluded', 3050, 'report'],
      ['carriedOver', 34, 'report'],
    ]);
  });

  it('“未发生…被行政复议纠错” against a table with a correction: text.caseResult on 结果纠正, not on the total', () => {
    const r = checkText(withSection(pt23, 'overview', '全年未发生因政府信息公开被行政复议纠错的情况。'));
    expect(r.findings.map((f) => [f.ruleId, f.right, f.actual, f.expected])).toEqual([
      ['text.caseResult', ['t4.review.corrected'], 0, 1],
    ]);
    const none = { ...pt23, cells: { ...pt23.cells, 't4.review.corrected': 0, 't4.review.upheld': 2 } };
    expect(checkText(withSection(none, 'overview', '全年未发生因政府信息公开被行政复议纠错的情况。')).findings).toEqual(
      [],
    );
  });

  it('catches plain contradictions: narrative 258 and 265 against the table’s 275 and 337, each with its sentence', () => {
    const sentence = '2023年，共收到政府信息公开申请258件，办结265件，均在法定期限内答复。';
    const table = {
      ...pt23,
      cells: { ...pt23.cells, 't3.new.total': 275, 't3.carriedOver.total': 62, 't3.total.total': 337 },
    };
    const r = checkText(withSection(table, 'overview', sentence));
    expect(r.findings.map((f) => [f.ruleId, f.actual, f.expected, f.sentence])).toEqual([
      ['text.received', 258, 275, sentence],
      ['text.concluded', 265, 337, sentence],
    ]);
    expect(r.findings[0]!.message).toContain('计入上年结转为337，也不相符');
  });

  it('an answer by kind that disagrees names its kind’s cell, not 办结', () => {
    const r = checkText(withSection(pt23, 'overview', '共收到政府信息公开申请81件，其中同意公开答复9件。'));
    expect(r.findings.map((f) => [f.ruleId, f.right, f.actual, f.expected])).toEqual([
      ['text.granted', ['t3.granted.total'], 9, 22],
    ]);
    expect(r.findings[0]!.message).toContain('“同意公开答复9件”');
  });
});

describe('readNumber', () => {
  it.each([
    ['17', 17],
    ['3,119', 3119],
    ['十七', 17],
    ['两', 2],
    ['一百零五', 105],
    ['八十一', 81],
    ['一万二千', 12000],
    ['一二', null],
  ])('%s → %s', (text, value) => expect(readNumber(text)).toBe(value));
});
