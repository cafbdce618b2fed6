import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { corpusReport } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/nianbao.mjs', import.meta.url));
const seedPath = fileURLToPath(seedReportUrl);
const expected = corpusReport('00-baoshan-yuejin-2024').expected;
const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function seedWith(change: (d: any) => void): string {
  const d = JSON.parse(readFileSync(seedPath, 'utf8'));
  change(d);
  const p = join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(p, JSON.stringify(d));
  return p;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('nianbao validate', () => {
  it("reports the seed's blank （四）1 其他 cell as not stated, and no error", () => {
    const r = run('validate', seedPath);
    expect(r.code).toBe(0);
    expect(r.out).toContain('宝山区跃进街道办事处');
    expect(r.out).toContain('“（四）1.本机关不掌握相关政府信息”行“其他”列未填写');
    expect(r.out).toContain('共 0 个错误，1 个警告');
  });

  it('on a copy with one number changed reports the failing identities with both sums and the difference, exit 1', () => {
    const r = run(
      'validate',
      seedWith((d) => (d.cells['t3.granted.natural'] = 3)),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '表三“自然人”列：“（七）总计”（0）不等于“（一）予以公开”至“（六）其他处理”共19项之和（3），相差3',
    );
    expect(r.out).toContain('相差3');
    expect(r.out).toContain('表三“（一）予以公开”行：“总计”（0）不等于“自然人”至“其他”共6项之和（3），相差3');
    expect(r.out).toMatch(/可能填错：若改为0/);
  });

  it('prints findings as JSON with --json', () => {
    const r = run(
      'validate',
      '--json',
      seedWith((d) => (d.cells['t4.review.total'] = 2)),
    );
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(body.errors).toBe(1);
    expect(body.warnings).toBe(1);
    const f = body.findings.find((x: any) => x.ruleId === 't4.groupTotal');
    expect(f).toMatchObject({
      severity: 'error',
      expected: 0,
      actual: 2,
      cells: ['t4.review.total', 't4.review.upheld', 't4.review.corrected', 't4.review.other', 't4.review.pending'],
    });
    expect(f.message).toContain('表四“行政复议”');
  });

  it.each([
    {
      name: 'a file that is not JSON',
      make: () => {
        const p = join(dir, 'x.json');
        writeFileSync(p, '{not json');
        return p;
      },
      text: '不是有效的 JSON',
      code: 'E_NOT_JSON',
    },
    {
      name: 'JSON that is not a report',
      make: () => {
        const p = join(dir, 'y.json');
        writeFileSync(p, '{"hello":1}');
        return p;
      },
      text: '不是有效的年度报告',
      code: 'E_NOT_REPORT',
    },
    {
      name: 'a string in a number cell',
      make: () => seedWith((d) => (d.cells['t3.new.total'] = 'abc')),
      text: 'cells.t3.new.total',
      code: 'E_NOT_REPORT',
    },
    {
      name: 'a negative count',
      make: () => seedWith((d) => (d.cells['t3.granted.natural'] = -1)),
      text: '应为非负整数，填写的是-1',
      code: 't3.count',
    },
    {
      name: 'a float where an integer belongs',
      make: () => seedWith((d) => (d.cells['t4.review.upheld'] = 1.5)),
      text: '应为非负整数，填写的是1.5',
      code: 't4.count',
    },
    { name: 'a missing file', make: () => join(dir, 'nope.json'), text: '找不到文件', code: 'E_NOT_FOUND' },
    {
      name: 'a 100 MB file',
      make: () => {
        const p = join(dir, 'big.json');
        writeFileSync(p, '');
        truncateSync(p, 100 * 1024 * 1024);
        return p;
      },
      text: '过大',
      code: 'E_TOO_LARGE',
    },
  ])('refuses $name with a clear message and exit 2', ({ make, text, code }) => {
    const file = make();
    const before = existsSync(file) ? readFileSync(file).length : -1;
    const r = run('validate', file);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain(text);
    expect(r.out + r.err).toContain(code);
    noStack(r.out + r.err);
    expect(existsSync(file) ? readFileSync(file).length : -1).toBe(before);
  });
});

describe('nianbao cells', () => {
  it("prints exactly the cells of the seed's expected.json", () => {
    const r = run('cells', seedPath);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.formats).toEqual({ t2: '2019', t3: '2019' });
    expect(body.cells).toEqual(expected.cells);
    expect(body.unread).toEqual([]);
  });

  it('exits 2 with usage on no file, and on an unknown command', () => {
    expect(run('cells').code).toBe(2);
    const r = run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令');
  });

  it('lists the commands in Chinese with --help', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('nianbao validate');
    expect(r.out).toContain('退出码');
  });
});
