import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const corpus = corpusDir;
const dir = mkdtempSync(join(tmpdir(), 'nianbao-analysis-'));

/** Run the command in process, as `nianbao` would, capturing what it prints. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

const SECTION_KEYS = ['overview', 'proactive', 'requests', 'reviewLitigation', 'problems', 'other'];

/** Report JSON from a corpus folder's expected.json, with the given narrative and cell changes. */
function write(
  name: string,
  folder: string,
  opts: {
    overview?: string;
    problems?: string;
    other?: string;
    cells?: Record<string, number | null>;
    year?: number;
  } = {},
): string {
  const e = JSON.parse(readFileSync(join(corpus, folder, 'expected.json'), 'utf8'));
  const text: Record<string, string | undefined> = {
    overview: opts.overview,
    problems: opts.problems,
    other: opts.other ?? '本年度未收取信息处理费。',
  };
  const report = {
    meta: { agency: e.agency.split(' (')[0], year: opts.year ?? e.year, level: 'government', formats: e.formats },
    sections: SECTION_KEYS.map((key) => ({
      key,
      heading: key,
      blocks: text[key] ? [{ kind: 'paragraph', text: text[key] }] : [],
    })),
    cells: { ...e.cells, ...opts.cells },
  };
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(report));
  return p;
}

const FIVE_2023 =
  '对照上级要求，仍存在一定差距。一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。';
const hz23 = write('hz23.json', '20-hongze-district-2023', {
  overview: '2023年全区受理政府信息公开申请21件，均在法定期限答复。',
  problems: FIVE_2023,
});
const hz24 = write('hz24.json', '21-hongze-district-2024', {
  overview: '2024年，区政府办代表区政府受理政府信息公开申请17件。',
  problems: '2024年的问题是政策解读形式不够丰富，2025年将加强培训。',
});
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('nianbao validate: text ↔ table and readiness by default', () => {
  it('a narrative number that disagrees with 表三 is a warning quoting the sentence; exit code unchanged (0)', async () => {
    const file = write('hz24-text.json', '21-hongze-district-2024', {
      overview: '2024年，全区共受理政府信息公开申请17件。',
      problems: '有问题。',
    });
    const r = await run('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('写明“共受理政府信息公开申请17件”');
    expect(r.out).toContain('列为95，相差78');
    expect(r.out).toContain('原文：2024年，全区共受理政府信息公开申请17件。');
    expect(r.out).toContain('（text.received）');
    expect(r.out).toMatch(/发布前检查：\d+\/\d+ 项通过/);
  });

  it('--json keeps {findings:[{ruleId,severity,cells,expected,actual,message}], errors, warnings} and adds readiness', async () => {
    const r = await run(
      'validate',
      '--json',
      write('hz24-six.json', '21-hongze-district-2024', {
        overview: '全年共收到政府信息公开申请96件。',
        problems: '有问题。',
        other: '',
      }),
    );
    const body = JSON.parse(r.out);
    expect(r.code).toBe(0);
    const f = body.findings.find((x: any) => x.ruleId === 'text.received');
    expect(f).toMatchObject({ severity: 'warning', cells: ['t3.new.total'], expected: 95, actual: 96 });
    expect(typeof f.message).toBe('string');
    expect(body.findings.map((x: any) => x.ruleId)).toContain('ready.sectionText');
    expect(body.warnings).toBe(body.findings.filter((x: any) => x.severity === 'warning').length);
    expect(body.readiness.items.map((i: any) => i.id)).toContain('ready.deadline');
  });
  it('--as-of and a local --deadline check an unpublished township report; bad values exit 2', async () => {
    const e = JSON.parse(readFileSync(join(corpus, '00-baoshan-yuejin-2024', 'expected.json'), 'utf8'));
    const file = join(dir, 'township.json');
    writeFileSync(
      file,
      JSON.stringify({ meta: { agency: e.agency, year: 2024, level: 'township', formats: e.formats }, cells: e.cells }),
    );
    const late = await run('validate', '--as-of', '2025-03-01', '--deadline', '02-20', file);
    expect(late.out).toContain('已过规定期限2025年2月20日，报告尚未发布（ready.deadline）');
    expect((await run('validate', '--as-of', '2025-02-01', '--deadline', '02-20', file)).out).not.toContain(
      'ready.deadline',
    );
    const bad = await run('validate', '--as-of', 'tomorrow', file);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('E_BAD_OPTION');
  });
});

describe('nianbao validate --previous / --series', () => {
  it('--previous: consistent years pass, and section similarity is shown', async () => {
    const r = await run('validate', '--previous', hz23, hz24);
    expect(r.code).toBe(0);
    expect(r.out).toContain('对照上一年度');
    expect(r.out).toContain('与2023年报告相比');
    expect(r.out).not.toContain('series.');
  });

  it('--previous: a carry-over that differs from last year is a series.carryOver warning', async () => {
    const bad = write('hz24-carry.json', '21-hongze-district-2024', {
      cells: { 't3.carriedOver.natural': 2, 't3.carriedOver.total': 2, 't3.new.natural': 93, 't3.new.total': 93 },
    });
    const r = await run('validate', '--json', '--previous', hz23, bad);
    const body = JSON.parse(r.out);
    const carry = body.findings.filter((f: any) => f.ruleId === 'series.carryOver');
    expect(carry.map((f: any) => [f.cells, f.expected, f.actual])).toEqual([
      [['t3.carriedOver.natural', 't3.carriedForward.natural'], 0, 2],
      [['t3.carriedOver.total', 't3.carriedForward.total'], 0, 2],
    ]);
    expect(r.code).toBe(0);
  });

  it('--series groups the files by agency and names the missing years', async () => {
    const pt19 = write('pt19.json', '06-pingtan-zone-2019');
    const pt23 = write('pt23.json', '10-pingtan-zone-2023');
    const r = await run('validate', '--series', pt23, hz24, pt19, hz23);
    expect(r.out).toContain('跨年度核对：淮安市洪泽区人民政府（2023、2024年）');
    expect(r.out).toContain('1 组相邻年度核对通过');
    expect(r.out).toContain('缺少2020—2022年的报告');
    // 洪泽 2023's own 表四 totals are wrong: that file's errors decide the exit code.
    expect(r.code).toBe(1);
    const body = JSON.parse((await run('validate', '--series', '--json', hz23, hz24)).out);
    expect(body.series).toMatchObject({ errors: 0, warnings: 0, pairs: [{ from: 2023, to: 2024 }] });
    expect(body.files).toHaveLength(2);
  });

  it('refuses a bad --previous file with a clear message and exit 2', async () => {
    const r = await run('validate', '--previous', join(dir, 'nope.json'), hz24);
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到文件');
    noStack(r.out + r.err);
    expect((await run('validate', '--previous', hz23, hz24, hz23)).code).toBe(2);
  });
});

describe('nianbao aggregate', () => {
  const units = [
    write('u1.json', '02-huaian-city-2024'),
    write('u2.json', '21-hongze-district-2024'),
    write('u3.json', '00-baoshan-yuejin-2024'),
  ];
  const cellsOf = (p: string) => JSON.parse(readFileSync(p, 'utf8')).cells as Record<string, number | null>;

  it('-o writes a roll-up whose cells are the units’ sums, and reports that it reconciles', async () => {
    const out = join(dir, 'sum.json');
    const r = await run('aggregate', ...units, '-o', out, '--agency', '汇总');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已汇总 3 个单位');
    expect(r.out).toContain('汇总表各项勾稽关系成立');
    const sum = cellsOf(out);
    for (const id of ['t3.new.total', 't3.granted.natural', 't4.review.total', 't2.licensing.decisions']) {
      expect(sum[id]).toBe(units.reduce((s, u) => s + (cellsOf(u)[id] ?? 0), 0));
    }
    // （六）: 淮安 uses the 2021 three rows, the others the 2019 single row.
    const h = cellsOf(units[0]!);
    const six = ['noCorrection', 'unpaidFee', 'other'].reduce((s, r) => s + (h[`t3.otherHandling.${r}.total`] ?? 0), 0);
    expect(sum['t3.otherHandling.total']).toBe(
      six + (cellsOf(units[1]!)['t3.otherHandling.total'] ?? 0) + (cellsOf(units[2]!)['t3.otherHandling.total'] ?? 0),
    );
    expect(JSON.parse(readFileSync(out, 'utf8')).meta).toMatchObject({
      agency: '汇总',
      year: 2024,
      formats: { t2: '2021', t3: '2019' },
    });
  });

  it('names the unit that breaks an identity, and exits 1', async () => {
    const broken = write('u-broken.json', '20-hongze-district-2023', { year: 2024 });
    const r = await run('aggregate', ...units, broken, '-o', join(dir, 'sum2.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('表四“行政复议”');
    expect(r.out).toContain('来自：淮安市洪泽区人民政府（2024年）自身的表格不平');
  });

  it('--check: a submitted roll-up off by 10 in one cell gives one rollup.sum error', async () => {
    const out = join(dir, 'sum3.json');
    await run('aggregate', ...units, '-o', out);
    expect((await run('aggregate', '--check', out, ...units)).code).toBe(0);
    const d = JSON.parse(readFileSync(out, 'utf8'));
    d.cells['t3.granted.total'] += 10;
    writeFileSync(out, JSON.stringify(d));
    const r = await run('aggregate', '--check', out, '--json', ...units);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(body.findings.map((f: any) => [f.ruleId, f.cells, f.difference])).toEqual([
      ['rollup.sum', ['t3.granted.total'], 10],
    ]);
  });

  it('refuses units of different years, or a broken unit, without writing anything', async () => {
    const out = join(dir, 'never.json');
    const r = await run('aggregate', units[0]!, hz23, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('年度不一致');
    expect(r.err).toContain('E_MIXED_YEARS');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"meta":');
    const r2 = await run('aggregate', units[0]!, bad, '-o', out);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('E_NOT_JSON');
    noStack(r2.err);
    expect(existsSync(out)).toBe(false);
  });
});

describe('nianbao indicators', () => {
  it('prints each indicator with value, numerator ÷ denominator and the written formula', async () => {
    const r = await run('indicators', write('pt23i.json', '10-pingtan-zone-2023'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('公开率（予以公开和部分公开占办结数的比例）：51.9%（42 ÷ 81；');
    expect(r.out).toContain('行政复议纠错率：50.0%（1 ÷ 2；');
  });
});

describe('nianbao migrate', () => {
  it('2019 → 2021 表三 leaves （六）1–3 blank and says why; 2021 → 2019 adds them up', async () => {
    const out = join(dir, 'm.json');
    const r = await run('migrate', write('pt19m.json', '06-pingtan-zone-2019'), '--t3', '2021', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('无法由原表得出');
    const cells = JSON.parse(readFileSync(out, 'utf8')).cells;
    expect(cells['t3.otherHandling.other.total']).toBeNull();
    const back = await run('migrate', write('pt23m.json', '10-pingtan-zone-2023'), '--t3', '2019', '--json');
    const body = JSON.parse(back.out);
    expect(body.report.cells['t3.otherHandling.total']).toBe(2);
    expect(body.merged).toHaveLength(7);
    expect((await run('migrate', out, '--t3', '2020')).code).toBe(2);
  });
});
