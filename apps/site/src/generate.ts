import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Report, reportJsonSchema, reportTitle, validate } from '@nianbao/core';
import { devPages } from './dev.js';
import { heading, link, listTable, page } from './html.js';
import { LEVEL_NAMES } from './levels.js';
import { loadReports, type SkippedFile } from './load.js';
import { cellsCsv, reportCsv, reportJson, reportsIndex } from './open-data.js';
import { agenciesPage, agencyPage, browsePage, missingPage, reportPage, reportUrl, type SiteReport } from './pages.js';

export interface GenerateOptions {
  /** Folder of published report JSON files. */
  reportsDir: string;
  /** VitePress source folder to (re)create. */
  srcDir: string;
  /** Render PDF and Word downloads with @nianbao/pdf (default true). */
  office?: boolean;
  /** ISO date the missing-reports page is computed for (default: today). */
  today?: string;
  warn?: (message: string) => void;
}

export interface GenerateResult {
  reports: SiteReport[];
  skipped: SkippedFile[];
  /** Why PDF/Word downloads are missing, if they are. */
  officeProblem?: string;
}

type OfficeRenderer = { pdf?: (r: Report) => unknown; docx?: (r: Report) => unknown };

async function officeRenderer(): Promise<OfficeRenderer | string> {
  try {
    const mod = (await import('@nianbao/pdf')) as Record<string, unknown>;
    const pdf = typeof mod.renderPdf === 'function' ? (mod.renderPdf as (r: Report) => unknown) : undefined;
    const docx = typeof mod.renderDocx === 'function' ? (mod.renderDocx as (r: Report) => unknown) : undefined;
    if (!pdf && !docx) return '@nianbao/pdf 未提供 renderPdf / renderDocx';
    return { pdf, docx };
  } catch (e) {
    return `无法加载 @nianbao/pdf（${(e as Error).message.split('\n')[0]}）`;
  }
}

/** Accept the byte shapes a renderer may return. */
async function bytesOf(value: unknown): Promise<Uint8Array> {
  const bytes = await anyBytes(value);
  if (bytes.length === 0) throw new Error('生成的文件为空');
  return bytes;
}

async function anyBytes(value: unknown): Promise<Uint8Array> {
  const v = await value;
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (v && typeof v === 'object') {
    for (const k of ['bytes', 'pdf', 'docx', 'data', 'buffer']) {
      const inner = (v as Record<string, unknown>)[k];
      if (inner instanceof Uint8Array) return inner;
      if (inner instanceof ArrayBuffer) return new Uint8Array(inner);
    }
  }
  throw new Error('渲染结果不是文件内容');
}

function write(root: string, file: string, content: string | Uint8Array) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function group<K>(reports: SiteReport[], key: (r: SiteReport) => K): Map<K, SiteReport[]> {
  const out = new Map<K, SiteReport[]>();
  for (const r of reports) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

function homePage(reports: SiteReport[]): string {
  const latest = [...reports]
    .sort(
      (a, b) =>
        b.report.meta.year - a.report.meta.year || a.report.meta.agency.localeCompare(b.report.meta.agency, 'zh'),
    )
    .slice(0, 20);
  const agencies = new Set(reports.map((r) => r.agencySlug)).size;
  return page({ title: '政府信息公开工作年度报告' }, [
    heading(1, 'top', '政府信息公开工作年度报告'),
    `<p>本站收录${agencies}个机关的${reports.length}份政府信息公开工作年度报告。每份年报按国家统一格式展示全文和三张统计表，并核对表格数据的勾稽关系；数据可下载为 PDF、Word、JSON 和 CSV。</p>`,
    '<p>可使用页面顶部的搜索框查找机关或内容，例如“行政复议”。</p>',
    `<ul class="nb-inline">${[
      ['/browse/years.html', '按年度浏览'],
      ['/browse/regions.html', '按行政区划浏览'],
      ['/browse/levels.html', '按机关层级浏览'],
      ['/agencies/index.html', '全部机关'],
      ['/missing.html', '未发布年报的机关'],
      ['/dev/index.html', '开发者与开放数据'],
    ]
      .map(([h, t]) => `<li>${link(h!, t!)}</li>`)
      .join('')}</ul>`,
    heading(2, 'latest', '最新年报'),
    listTable(
      '最新年报',
      ['年报', '数据核对'],
      latest.map((r) => [
        link(reportUrl(r.slug), reportTitle(r.report.meta.agency, r.report.meta.year)),
        r.result.errors ? '未通过' : '通过',
      ]),
    ),
  ]);
}

/** Read the reports folder and write the whole site source (pages and downloads) into `srcDir`. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const { reports: loaded, skipped } = loadReports(options.reportsDir);
  for (const s of skipped) warn(`警告：已跳过 ${s.file}（${s.code}）：${s.message}`);
  rmSync(options.srcDir, { recursive: true, force: true });
  const out = options.srcDir;
  const office = options.office === false ? '未生成 PDF 和 Word 下载（已按设置关闭）' : await officeRenderer();
  const officeProblem = typeof office === 'string' ? office : undefined;
  if (officeProblem && options.office !== false) warn(`警告：${officeProblem}，年报页面不提供 PDF 和 Word 下载`);
  const reports: SiteReport[] = [];
  for (const r of loaded) {
    const base = `data/reports/${r.slug}`;
    const site: SiteReport = {
      ...r,
      result: validate(r.report),
      downloads: { json: `/${base}.json`, csv: `/${base}.csv` },
    };
    write(out, `public/${base}.json`, reportJson(site));
    write(out, `public/${base}.csv`, reportCsv(site));
    if (typeof office !== 'string') {
      for (const kind of ['pdf', 'docx'] as const) {
        const render = office[kind];
        if (!render) continue;
        try {
          write(out, `public/${base}.${kind}`, await bytesOf(render(r.report)));
          site.downloads[kind] = `/${base}.${kind}`;
        } catch (e) {
          warn(`警告：${r.file} 的${kind === 'pdf' ? ' PDF' : ' Word'} 文件未能生成：${(e as Error).message}`);
        }
      }
    }
    reports.push(site);
  }
  reports.sort(
    (a, b) => a.report.meta.agency.localeCompare(b.report.meta.agency, 'zh') || a.report.meta.year - b.report.meta.year,
  );

  for (const r of reports) write(out, `reports/${r.slug}.md`, reportPage(r));
  for (const list of group(reports, (r) => r.agencySlug).values())
    write(out, `agencies/${list[0]!.agencySlug}.md`, agencyPage(list));
  write(out, 'agencies/index.md', agenciesPage(reports));
  const groups = <K>(key: (r: SiteReport) => K, title: (k: K) => string, order: (a: K, b: K) => number) =>
    [...group(reports, key).entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([k, list], i) => ({ key: `g${i + 1}`, title: title(k), reports: list }));
  write(
    out,
    'browse/years.md',
    browsePage(
      '按年度浏览',
      groups(
        (r) => r.report.meta.year,
        (y) => `${y}年`,
        (a, b) => b - a,
      ),
    ),
  );
  write(
    out,
    'browse/regions.md',
    browsePage(
      '按行政区划浏览',
      groups(
        (r) => r.report.meta.region ?? '未注明行政区划',
        (k) => k,
        (a, b) => a.localeCompare(b, 'zh'),
      ),
    ),
  );
  const levelOrder = Object.keys(LEVEL_NAMES);
  write(
    out,
    'browse/levels.md',
    browsePage(
      '按机关层级浏览',
      groups(
        (r) => r.report.meta.level,
        (k) => LEVEL_NAMES[k],
        (a, b) => levelOrder.indexOf(a) - levelOrder.indexOf(b),
      ),
    ),
  );
  write(out, 'missing.md', missingPage(reports, options.today ?? new Date().toISOString().slice(0, 10)));
  for (const [file, text] of Object.entries(devPages())) write(out, file, text);
  write(out, 'index.md', homePage(reports));

  write(out, 'public/data/reports.json', reportsIndex(reports));
  write(out, 'public/data/cells.csv', cellsCsv(reports));
  write(out, 'public/data/report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  return { reports, skipped, officeProblem };
}
