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

describe('open data', () => {
  const index = JSON.parse(read('data/reports.json')) as {
    count: number;
    reports: {
      agency: string;
      year: number;
      templates: unknown;
      checks: { identitiesHold: boolean; errors: number; failed: unknown[] };
      links: Record<string, string>;
    }[];
  };

  it('cells.csv holds every cell of every demo report with its value, blank left empty', () => {
    const rows = parseCsv(read('data/cells.csv'));
    expect(rows[0]).toEqual(['agency', 'year', 'cell_id', 'value']);
    const byKey = new Map(rows.slice(1).map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r[3]]));
    expect(demo.length).toBeGreaterThan(0);
    let blanks = 0;
    for (const { report } of demo) {
      for (const [id, v] of Object.entries(cellsView(report))) {
        const key = `${report.meta.agency}|${report.meta.year}|${id}`;
        expect(byKey.has(key), key).toBe(true);
        if (v === null) blanks++;
        expect(byKey.get(key), key).toBe(v === null ? '' : String(v));
      }
    }
    expect(blanks).toBeGreaterThan(0);
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
    expect(index.count).toBe(demo.length + 1);
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

describe('browse and missing reports', () => {
  const text = (p: string) =>
    read(p)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it('lists each year an agency of the collection has no report for, with the deadline of its level', () => {
    const missing = text('missing.html');
    // 平潭 (a government) has 2019 and 2023: 2020–2022 are missing, due by 3月31日 of the next year.
    for (const y of [2020, 2021, 2022])
      expect(missing).toContain(`${y}年 平潭综合实验区 县级以上地方人民政府 ${y + 1}年3月31日前`);
    expect(missing).not.toContain('2023年 平潭综合实验区');
    // A department is due by 1月31日.
    expect(missing).toContain('2024年 沭阳县发展和改革局 县级以上人民政府部门 2025年1月31日前');
  });

  it('groups reports by region, level and year', () => {
    expect(text('browse/regions.html')).toContain('江苏省淮安市洪泽区（2）');
    expect(text('browse/levels.html')).toContain('县级以上人民政府部门（1）');
    expect(text('browse/years.html')).toContain('2024年（');
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
