// What the built site holds, read from its files: open data, skipped files, escaping.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellsView, reportFrom, validate } from '@nianbao/core';
import { describe, expect, inject, it } from 'vitest';
import { BAD_FILES, DEMO_DIR } from './build-site.js';

const site = inject('site');
const demo = readdirSync(DEMO_DIR, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, report: reportFrom(JSON.parse(readFileSync(join(DEMO_DIR, f), 'utf8'))) }));

/** Minimal RFC 4180 reader for the test: quoted fields may hold commas and quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)) {
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let v = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') {
            v += '"';
            i += 2;
          } else if (line[i] === '"') break;
          else v += line[i++];
        }
        fields.push(v);
        i += 2;
      } else {
        const end = line.indexOf(',', i);
        fields.push(line.slice(i, end === -1 ? line.length : end));
        i = end === -1 ? line.length + 1 : end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

const read = (p: string) => readFileSync(join(site.dist, p), 'utf8');
/** Valid reports among test/fixtures: the hostile one and the imported one with an unread cell. */
const FIXTURE_REPORTS = 2;

describe('open data', () => {
  const index = JSON.parse(read('data/reports.json')) as {
    count: number;
    reports: {
      agency: string;
      year: number;
      templates: unknown;
      checks: { identitiesHold: boolean; errors: number; failed: unknown[]; state: string };
      links: Record<string, string>;
    }[];
  };

  it('cells.csv holds every cell of every demo report with its value and form version, blank left empty', () => {
    const rows = parseCsv(read('data/cells.csv'));
    expect(rows[0]).toEqual([
      'agency',
      'region',
      'level',
      'year',
      'table',
      'template_version',
      'cell_id',
      'value',
      'status',
    ]);
    const byKey = new Map(rows.slice(1).map((r) => [`${r[0]}|${r[3]}|${r[6]}`, r[7]]));
    const versions = new Map(rows.slice(1).map((r) => [`${r[0]}|${r[3]}|${r[4]}`, r[5]]));
    expect(demo.length).toBeGreaterThan(0);
    let blanks = 0;
    for (const { report } of demo) {
      for (const [id, v] of Object.entries(cellsView(report))) {
        const key = `${report.meta.agency}|${report.meta.year}|${id}`;
        expect(byKey.has(key), key).toBe(true);
        if (v === null) blanks++;
        expect(byKey.get(key), key).toBe(v === null ? '' : String(v));
      }
      expect(versions.get(`${report.meta.agency}|${report.meta.year}|t2`)).toBe(report.meta.formats.t2);
      expect(versions.get(`${report.meta.agency}|${report.meta.year}|t4`)).toBe(report.meta.formats.t3);
    }
    expect(blanks).toBeGreaterThan(0);
  });

  it("each year has its own CSV holding exactly that year's reports, and the dictionary names every cell id", () => {
    const years = [...new Set(demo.map((d) => d.report.meta.year))];
    for (const y of years) {
      const rows = parseCsv(read(`data/years/${y}.csv`)).slice(1);
      expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([String(y)]));
      const agencies = new Set(rows.map((r) => r[0]));
      for (const d of demo.filter((x) => x.report.meta.year === y))
        expect(agencies.has(d.report.meta.agency)).toBe(true);
    }
    const dict = parseCsv(read('data/cell-ids.csv'));
    expect(dict[0]).toEqual(['cell_id', 'table', 'template_versions', 'row', 'column', 'unit']);
    const ids = new Set(dict.slice(1).map((r) => r[0]));
    for (const { report } of demo) for (const id of Object.keys(cellsView(report))) expect(ids.has(id), id).toBe(true);
    const newTotal = dict.find((r) => r[0] === 't3.new.total')!;
    expect(newTotal[2]).toBe('2019 2021');
    expect(newTotal[3]).toContain('本年新收政府信息公开申请数量');
    expect(read('data/LICENSE.txt')).toContain('CC BY 4.0');
    expect(JSON.parse(read('data/build.json')).reports).toBe(demo.length + FIXTURE_REPORTS);
  });

  it("each report's JSON is the report with its check results", () => {
    for (const { report } of demo) {
      const entry = index.reports.find((r) => r.agency === report.meta.agency && r.year === report.meta.year)!;
      const json = JSON.parse(read(entry.links.json!.slice(1)));
      expect(reportFrom(json).cells).toEqual(report.cells);
      expect(json.checks.errors).toBe(validate(report).errors);
      expect(json.checks.summary).toMatch(/勾稽关系/);
    }
  });

  it('reports.json lists every demo report with its templates, checks and working links', () => {
    for (const { report } of demo) {
      const entry = index.reports.find((r) => r.agency === report.meta.agency && r.year === report.meta.year);
      expect(entry, report.meta.agency).toBeDefined();
      expect(entry!.templates).toEqual(report.meta.formats);
      const v = validate(report);
      expect(entry!.checks.errors).toBe(v.errors);
      expect(entry!.checks.identitiesHold).toBe(
        !v.findings.some((f) => f.severity === 'error' && (f.kind === 'sum' || f.kind === 'equation')),
      );
      for (const href of Object.values(entry!.links)) expect(existsSync(join(site.dist, href)), href).toBe(true);
    }
    expect(index.count).toBe(demo.length + FIXTURE_REPORTS);
    const small = JSON.parse(read('data/index.json')) as { reports: unknown[][]; agencies: { name: string }[] };
    expect(small.reports.length).toBe(demo.length + FIXTURE_REPORTS);
    expect(small.agencies.some((a) => a.name === '宝山区跃进街道办事处')).toBe(true);
  });

  it('names the failing identities of a report whose own table does not add up', () => {
    const hongze = index.reports.find((r) => r.agency === '淮安市洪泽区人民政府' && r.year === 2023)!;
    expect(hongze.checks.identitiesHold).toBe(false);
    const failed = hongze.checks.failed as { rule: string; message: string }[];
    expect(failed.map((f) => f.rule)).toContain('t4.groupTotal');
    expect(failed.some((f) => f.message.includes('行政复议'))).toBe(true);
  });

  it('per-report PDF and Word files are real files of their kind', () => {
    const seed = index.reports.find((r) => r.agency === '宝山区跃进街道办事处')!;
    expect(seed.links.pdf).toMatch(/\.pdf$/);
    expect(readFileSync(join(site.dist, seed.links.pdf!)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(seed.links.docx).toMatch(/\.docx$/);
    expect(readFileSync(join(site.dist, seed.links.docx!)).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('regions, levels and missing reports', () => {
  const text = (p: string) =>
    read(p)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it("marks a missing year overdue only where the site holds that region's reports of that year", () => {
    const missing = text('missing.html');
    const at = missing.indexOf('本站未收录该地区该年度年报、无法判断的');
    const [judged, unknown] = [missing.slice(0, at), missing.slice(at)];
    // 沭阳 has the county's 2025 report in the collection: the 发改局's missing 2025 is judged, by 1月31日.
    expect(judged).toContain('2025年 沭阳县发展和改革局 县级以上人民政府部门 江苏省宿迁市沭阳县 2026年1月31日前');
    // Nothing of 沭阳 for 2024: the site does not know.
    expect(unknown).toContain('2024年 沭阳县发展和改革局');
    expect(judged).not.toContain('2024年 沭阳县发展和改革局');
    // 平潭 has reports for 2019 and 2023 only, and nothing else of its region for 2020–2022: not judged.
    for (const y of [2020, 2021, 2022]) {
      expect(judged).not.toContain(`${y}年 平潭综合实验区`);
      expect(unknown).toContain(`${y}年 平潭综合实验区`);
    }
    expect(missing).toContain('本站不知道');
  });

  it("sums each region's reports with core's roll-up and ranks its agencies", () => {
    const index = JSON.parse(read('data/reports.json')) as {
      reports: { agency: string; region: string; year: number }[];
    };
    const hongze = index.reports.filter((r) => r.region === '江苏省淮安市洪泽区');
    expect(hongze.length).toBe(2);
    const regions = text('regions/index.html');
    expect(regions).toContain('江苏省淮安市洪泽区');
    const page = readdirSync(join(site.dist, 'regions')).find((f) =>
      text(`regions/${f}`).includes('行政区划：江苏省淮安市洪泽区'),
    )!;
    const body = text(`regions/${page}`);
    expect(body).toContain('汇总核对');
    // The 2023 report breaks an identity of its own 表四: the region's total names it.
    expect(body).toContain('淮安市洪泽区人民政府2023年政府信息公开工作年度报告');
    expect(text('levels/index.html')).toContain('县级以上人民政府部门');
  });
});

describe('cells the import could not read', () => {
  const index = JSON.parse(read('data/reports.json')) as {
    reports: { agency: string; checks: { state: string; identitiesHold: boolean }; links: Record<string, string> }[];
  };
  const entry = index.reports.find((r) => r.agency === '宝山区导入示例街道办事处')!;

  it('are not the agency failing: the report is listed as having unread cells, its identities as holding', () => {
    expect(entry.checks.state).toBe('unread');
    expect(entry.checks.identitiesHold).toBe(true);
    const page = read(entry.links.page!.slice(1));
    expect(page).toContain('nb-check-unread');
    expect(page).not.toContain('核对未通过');
  });

  it("are shown as not read, never as the agency's blank, on the page and in the open data", () => {
    const page = read(entry.links.page!.slice(1));
    const cell = /<td id="t4\.review\.upheld"[^>]*>(.*?)<\/td>/.exec(page)![0];
    expect(cell).toContain('未能读取');
    expect(cell).not.toContain('未填');
    expect(cell).toContain('原文第88行');
    const csv = read('data/years/2024.csv');
    expect(csv).toContain('宝山区导入示例街道办事处,宝山区,township,2024,t4,2019,t4.review.upheld,,unread');
    expect(csv).toMatch(/宝山区导入示例街道办事处,[^\r\n]*t3\.unavailable\.notHeld\.otherOrg,,blank/);
  });
});

describe('bad input', () => {
  it('names each skipped file and its problem in the build log, and leaves it out', () => {
    expect(site.log).toMatch(/警告：已跳过 broken-syntax\.json（E_SITE_JSON）：不是有效的 JSON：第3行/);
    expect(site.log).toMatch(/警告：已跳过 not-a-report\.json（E_SITE_SCHEMA）：不是有效的年报文件：.*机关名称/);
    const csv = read('data/cells.csv');
    expect(csv).not.toContain('某机关');
    expect(BAD_FILES.length).toBe(2);
  });

  it('shows hostile report text as text: no tag, handler or script from the report reaches a page', () => {
    const pages = readdirSync(site.dist, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.html'));
    const hostile = pages.filter((p) => read(p).includes('敌意文本标记'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const p of pages) {
      const html = read(p);
      expect(html, p).not.toMatch(/<script>window\.__pwned/);
      expect(html, p).not.toMatch(/<img src=x onerror/);
      expect(html, p).not.toMatch(/<iframe/);
      expect(html, p).not.toMatch(/<b onmouseover/);
      expect(html, p).not.toMatch(/href="javascript:/);
    }
    const page = read(hostile.find((p) => p.startsWith('reports/'))!);
    expect(page).toContain('&lt;script&gt;window.__pwned=4&lt;/script&gt;');
  });
});
