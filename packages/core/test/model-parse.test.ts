import { readFileSync } from 'node:fs';
import { corpusReport } from '@nianbao/corpus';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { seedReportUrl } from '../fixtures/index.js';
import { canonicalJson, cellsView, emptyReport, parseReport, reportJsonSchema, validate } from '../src/index.js';
import { seed } from './helpers.js';

const seedJson = () => JSON.parse(readFileSync(seedReportUrl, 'utf8'));

describe('parseReport', () => {
  it('reads the seed fixture and keeps the blank cell as null, not 0', () => {
    const r = parseReport(seedJson());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.report.cells['t3.unavailable.notHeld.otherOrg']).toBeNull();
      expect(r.report.cellText?.['t2.licensing.change']).toBe('0%');
    }
  });

  it.each([
    {
      name: 'a string in a number cell',
      patch: (d: any) => (d.cells['t3.new.total'] = '12'),
      path: 'cells.t3.new.total',
      text: '一、本年新收政府信息公开申请数量',
    },
    { name: 'a missing agency', patch: (d: any) => delete d.meta.agency, path: 'meta.agency', text: '机关名称' },
    {
      name: 'an unknown template',
      patch: (d: any) => (d.meta.formats.t3 = '2020'),
      path: 'meta.formats.t3',
      text: '表格格式',
    },
    {
      name: 'an unknown cell id',
      patch: (d: any) => (d.cells['t3.bogus.total'] = 1),
      path: 'cells.t3.bogus.total',
      text: '未知的单元格编号',
    },
    {
      name: 'a cell of the other template',
      patch: (d: any) => (d.cells['t3.otherHandling.other.total'] = 0),
      path: 'cells.t3.otherHandling.other.total',
      text: '不属于所选格式',
    },
  ])('rejects $name with a Chinese message naming the path', ({ patch, path, text }) => {
    const d = seedJson();
    patch(d);
    const r = parseReport(d);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const issue = r.issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(r.issues)).toBeDefined();
      expect(issue!.message).toContain(text);
      expect(issue!.code).toMatch(/^E_/);
    }
  });

  it('rejects things that are not reports at all', () => {
    for (const v of [null, 42, 'report', [], { cells: {} }]) expect(parseReport(v).ok).toBe(false);
  });

  it('does not alter the input object', () => {
    const d = seedJson();
    const before = JSON.stringify(d);
    parseReport(d);
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('canonical form and views', () => {
  it('gives the same canonical JSON for the same report whatever the key order', () => {
    const a = seed();
    const shuffled = {
      ...a,
      cells: Object.fromEntries(Object.entries(a.cells).reverse()),
      meta: Object.fromEntries(Object.entries(a.meta).reverse()) as typeof a.meta,
    };
    expect(canonicalJson(shuffled)).toBe(canonicalJson(a));
    expect(parseReport(JSON.parse(canonicalJson(a))).ok).toBe(true);
  });

  it("lists every cell of the report's templates in table order in the flat view", () => {
    const view = cellsView(seed());
    const expected = corpusReport('00-baoshan-yuejin-2024').expected;
    expect(view).toEqual(expected.cells);
  });

  it('makes an empty report with six sections and every cell not stated', () => {
    const r = emptyReport({ agency: '某某区人民政府', year: 2025, level: 'government' });
    expect(r.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect(Object.values(r.cells).every((v) => v === null)).toBe(true);
    expect(validate(r).errors).toBe(0);
  });
});

describe('JSON Schema', () => {
  const committed = JSON.parse(readFileSync(new URL('../report.schema.json', import.meta.url), 'utf8'));

  it('is committed as generated from the zod schema (run npm run schema -w @nianbao/core)', () => {
    expect(committed).toEqual(reportJsonSchema());
  });

  it('accepts the seed fixture and rejects a string cell and an unknown cell id', () => {
    const check = new Ajv2020({ strict: false }).compile(committed);
    expect(check(seedJson()), JSON.stringify(check.errors)).toBe(true);
    const bad = seedJson();
    bad.cells['t3.new.total'] = 'x';
    expect(check(bad)).toBe(false);
    const unknown = seedJson();
    unknown.cells['t9.x.y'] = 1;
    expect(check(unknown)).toBe(false);
  });
});
