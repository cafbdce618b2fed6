import { describe, expect, it } from 'vitest';
import { importReport, parseReport } from '../index.js';
import { isAgencyName, readTitle } from './meta.js';

const AGENCY = '上海市人民政府办公厅';

describe('the agency and year from a report title, in every form reports use', () => {
  it.each([
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', AGENCY],
    ['2019年度上海市人民政府办公厅政府信息公开工作年度报告', AGENCY],
    ['上海市人民政府办公厅2019年政府信息公开工作年度报告', AGENCY],
    ['上海市人民政府办公厅2019年度政府信息公开工作年度报告', AGENCY],
    ['上海市人民政府办公厅 2019 年 政府信息公开工作年度报告', AGENCY],
    ['上海市人民政府办公厅２０１９年政府信息公开工作年度报告', AGENCY],
    ['二〇一九年上海市人民政府办公厅政府信息公开工作年度报告', AGENCY],
    ['上海市人民政府办公厅2019年政府信息公开年度报告', AGENCY],
    ['上海市人民政府办公厅2019年度政府信息公开工作报告', AGENCY],
    ['上海市人民政府办公厅政府信息公开工作年度报告（2019年）', AGENCY],
    ['关于上海市人民政府办公厅2019年度政府信息公开工作年度报告', AGENCY],
    ['标题：平潭综合实验区2019年度政府信息公开工作年度报告', '平潭综合实验区'],
    ['# 沐阳县人民政府 2025 年 政府信息公开工作年度报告', '沐阳县人民政府'],
    ['2019年上海市政府信息公开工作年度报告', '上海市'],
    ['2019年平潭综合实验区政府信息公开工作年度报告', '平潭综合实验区'],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告_上海市人民政府', AGENCY],
    ['上海市人民政府办公厅关于2019年度政府信息公开工作情况的报告', AGENCY],
    ['上海市人民政府办公厅关于2019年政府信息公开工作的报告', AGENCY],
    ['平潭综合实验区关于2019年度政府信息公开工作年度报告', '平潭综合实验区'],
  ])('%s → %s, 2019', (title, agency) => {
    const read = readTitle(title)!;
    expect(read.agency).toBe(agency);
    expect(read.year).toBe(title.includes('2025') ? 2025 : 2019);
  });

  it('a title without an agency gives its year', () => {
    expect(readTitle('2019年政府信息公开工作年度报告')).toEqual({ year: 2019, end: 17 });
    expect(readTitle('关于2019年度政府信息公开工作年度报告')).toEqual({ year: 2019, end: 20 });
    expect(readTitle('关于2019年度政府信息公开工作情况的报告')?.year).toBe(2019);
    expect(readTitle('关于2019年度政府信息公开工作情况的报告')?.agency).toBeUndefined();
  });

  it.each([
    '为2019年政府信息公开工作年度报告',
    '（未识别的机关）2019年政府信息公开工作年度报告',
    '现将淮安市人民政府2024年政府信息公开工作年度报告',
    '现将沭阳县发展和改革局2023年度政府信息公开年度报告向社会公布。',
    '现将我局关于2023年度政府信息公开工作情况的报告如下：',
    '本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。',
    '如对本年度报告有任何疑问，请与平潭综合实验区管委会办公室联系。',
    '政府信息公开工作年度报告',
  ])('not a title (a stray word, a placeholder, a sentence, no year): %s', (text) => {
    expect(readTitle(text)).toBeUndefined();
  });

  it.each([
    ['宝山区跃进街道办事处', true],
    ['平潭综合实验区', true],
    ['沭阳县发展和改革局', true],
    ['中国（上海）自由贸易试验区管理委员会', true],
    ['为', false],
    ['全区', false],
    ['本局', false],
    ['（未识别的机关）', false],
    ['政府信息公开工作年度报告', false],
    ['跃进办事处编制本年度报告', false],
  ])('%s is an agency name: %s', (text, yes) => expect(isAgencyName(text)).toBe(yes));
});

/** A small report: a title block, a preamble, 一、 and a signature, with no tables (the agency is what is tested). */
function report(parts: { title?: string[]; preamble?: string; signature?: string[] }): string {
  return [
    ...(parts.title ?? []),
    parts.preamble ??
      '根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告所列数据统计期限自2019年1月1日至2019年12月31日。',
    '一、总体情况',
    '2019年，本机关认真贯彻落实《条例》，全面推进政府信息公开工作。',
    '六、其他需要报告的事项',
    '无。',
    ...(parts.signature ?? []),
  ].join('\n');
}
const agencyOf = (text: string, agency?: string) => {
  const r = importReport(text, { format: 'text', ...(agency ? { agency } : {}) });
  return { agency: r.report.meta.agency, year: r.report.meta.year, codes: r.diagnostics.map((d) => d.code), r };
};

describe('importReport: where the agency comes from', () => {
  it.each([
    ['on one line, agency after the year', ['2019年上海市人民政府办公厅政府信息公开工作年度报告']],
    ['the agency on the line above', [AGENCY, '2019年政府信息公开工作年度报告']],
    ['broken inside the agency name', ['2019年上海市人民政府', '办公厅政府信息公开工作年度报告']],
    ['broken inside the title', [`${AGENCY}2019年度政府信息公开工作`, '年度报告']],
    ['broken over three lines', [AGENCY, '2019年度', '政府信息公开工作年度报告']],
    ['spaced as a centred title', ['上 海 市 人 民 政 府 办 公 厅', '2019 年 政 府 信 息 公 开 工 作 年 度 报 告']],
  ])('title %s', (_how, title) => {
    const r = agencyOf(report({ title }));
    expect([r.agency, r.year]).toEqual([AGENCY, 2019]);
    expect(r.codes).not.toContain('E_NO_AGENCY');
    expect(r.codes).not.toContain('I_AGENCY_SOURCE');
  });

  it('from the signature block when the title does not name it', () => {
    const r = agencyOf(report({ title: ['2019年政府信息公开工作年度报告'], signature: [AGENCY, '2020年3月31日'] }));
    expect(r.agency).toBe(AGENCY);
    expect(r.codes).toContain('I_AGENCY_SOURCE');
    expect(r.r.diagnostics.find((d) => d.code === 'I_AGENCY_SOURCE')!.message).toContain('落款');
  });

  it('from the preamble when it names the report’s agency', () => {
    const preamble = `现将${AGENCY}2019年度政府信息公开工作年度报告向社会公布。本报告所列数据统计期限自2019年1月1日至2019年12月31日。`;
    const r = agencyOf(report({ title: ['2019年政府信息公开工作年度报告'], preamble }));
    expect(r.agency).toBe(AGENCY);
    expect(r.r.diagnostics.find((d) => d.code === 'I_AGENCY_SOURCE')!.message).toContain('引言');
  });

  it('a government’s report written by its office is the government’s (本报告由…人民政府办公室编制)', () => {
    const preamble = '本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》规定编制。';
    expect(agencyOf(report({ title: ['2019年政府信息公开工作年度报告'], preamble })).agency).toBe('淮安市人民政府');
  });

  it('a title without its city takes the full name the preamble gives (its reports of other years match)', () => {
    const preamble = '本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。';
    const r = agencyOf(report({ title: ['洪泽区人民政府', '2023年政府信息公开工作年度报告'], preamble }));
    expect(r.agency).toBe('淮安市洪泽区人民政府');
    const d = r.r.diagnostics.find((x) => x.code === 'I_AGENCY_FULL_NAME')!;
    expect(d.message).toBe('标题中的机关名称为“洪泽区人民政府”，机关取引言中的全称“淮安市洪泽区人民政府”，请核实');
  });

  it('a title without its city takes the full name of the signature', () => {
    const r = agencyOf(
      report({
        title: ['2023年洪泽区人民政府政府信息公开工作年度报告'],
        signature: ['淮安市洪泽区人民政府', '2024年1月20日'],
      }),
    );
    expect(r.agency).toBe('淮安市洪泽区人民政府');
    expect(r.codes).toContain('I_AGENCY_FULL_NAME');
  });

  it('another agency named in the preamble does not replace the title’s (only a longer form of the same name)', () => {
    const preamble = '本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。';
    const r = agencyOf(report({ title: ['洪泽区人民政府', '2023年政府信息公开工作年度报告'], preamble }));
    expect(r.agency).toBe('洪泽区人民政府');
    expect(r.codes).not.toContain('I_AGENCY_FULL_NAME');
  });

  it('unrecognised: an import error naming what to pass, and no made-up name that could be saved', () => {
    const r = agencyOf(report({ title: ['为', '2019年政府信息公开工作年度报告'] }));
    expect(r.agency).toBe('');
    const d = r.r.diagnostics.find((x) => x.code === 'E_NO_AGENCY')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('指定机关名称');
    expect(parseReport(r.r.report).ok).toBe(false);
    expect(r.codes).not.toContain('W_META_DROPPED');
  });

  it('the agency given is used (and its level), over what the text says', () => {
    const r = agencyOf(report({ title: ['2019年政府信息公开工作年度报告'] }), '宝山区跃进街道办事处');
    expect([r.agency, r.r.report.meta.level]).toEqual(['宝山区跃进街道办事处', 'township']);
    expect(r.codes).not.toContain('E_NO_AGENCY');
    expect(parseReport(r.r.report).ok).toBe(true);
  });

  it('the statistics period from words around it, across line breaks and from a date other than 1月1日', () => {
    const preamble = '本报告所列数据统计期限为2019年5月15日\n至12月31日。如对本报告有疑问，请与本机关联系。';
    const r = agencyOf(report({ title: [`${AGENCY}2019年政府信息公开工作年度报告`], preamble }));
    expect(r.r.report.meta.statisticsPeriod).toEqual({ from: '2019-05-15', to: '2019-12-31' });
  });
});
