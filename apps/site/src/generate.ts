// After `vitepress build`: read the reports folder one file at a time and write every page and data file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  canonicalJson,
  cellProvenance,
  cellStatus,
  cellStatusText,
  type Report,
  reportJsonSchema,
  reportTitle,
  unreadCells,
} from '@nianbao/core';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { devPages } from './dev.js';
import { esc, heading, link, listTable } from './html.js';
import { listReportFiles, readReportFile, type SkippedFile } from './load.js';
import { agencySlug, checkReport, regionSlug, regionUrl, type SiteReport } from './model.js';
import {
  CsvFiles,
  cellDictionary,
  cellDictionaryCsv,
  cellRows,
  LICENCE_TEXT,
  reportCsv,
  reportJson,
  reportsIndex,
  siteIndex,
} from './open-data.js';
import { agenciesBody, agencyBody, missingBody, reportBody } from './pages.js';
import { groupBy, measureValues } from './portal.js';
import { groupBody, groupsIndexBody, homeBody, levelGroups, regionGroups } from './portal-pages.js';
import { openShell, SHELL_FILE } from './shell.js';

export interface GenerateOptions {
  /** Folder of published report JSON files. */
  reportsDir: string;
  /** The VitePress output folder (`vitepress build` has run); pages and data are written into it. */
  dist: string;
  /** Render PDF and Word downloads with @nianbao/pdf (default true). */
  office?: boolean;
  /** ISO date the missing-reports page is computed for (default: today). */
  today?: string;
  /** Build time written into the data files (default: now). */
  built?: string;
  warn?: (message: string) => void;
}

export interface GenerateResult {
  reports: SiteReport[];
  skipped: SkippedFile[];
  pages: number;
}

function write(root: string, file: string, content: string | Uint8Array) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Which renderer failed, in the reader's words. */
const OFFICE_NAMES = { pdf: 'PDF', docx: 'Word' } as const;

/** Write every page and data file of the site into `dist`, from the reports folder. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const dist = options.dist;
  const built = options.built ?? new Date().toISOString();
  const today = options.today ?? built.slice(0, 10);
  const shell = openShell(dist);
  const csv = new CsvFiles(dist);
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  const reports: SiteReport[] = [];
  rmSync(join(dist, 'data'), { recursive: true, force: true });

  for (const file of listReportFiles(options.reportsDir)) {
    const read = readReportFile(options.reportsDir, file);
    if ('skipped' in read) {
      skipped.push(read.skipped);
      continue;
    }
    const report: Report = read.report;
    const a = agencySlug(report.meta.agency);
    const slug = `${a}-${report.meta.year}`;
    const first = seen.get(slug);
    if (first) {
      skipped.push({ file, code: 'E_SITE_DUPLICATE', message: `与 ${first} 是同一机关同一年度的报告，只发布前者` });
      continue;
    }
    seen.set(slug, file);
    const unread = unreadCells(report);
    const status = (id: string) => cellStatus(report, id);
    // Only an imported cell needs words beyond its value (未能读取 and why, 推算 and how, a printed mark).
    const note = (id: string) => (cellProvenance(report, id) ? cellStatusText(report, id) : undefined);
    const base = `data/reports/${slug}`;
    const site: SiteReport = {
      file,
      slug,
      agencySlug: a,
      regionSlug: regionSlug(report.meta.region),
      meta: report.meta,
      cells: report.cells,
      check: checkReport(report, unread),
      downloads: { json: `/${base}.json`, csv: `/${base}.csv` },
      values: measureValues(report),
    };
    write(dist, `${base}.json`, reportJson(canonicalJson(report), site.check));
    write(dist, `${base}.csv`, reportCsv(report, status));
    if (options.office !== false) {
      for (const [kind, render] of [
        ['pdf', renderPdf],
        ['docx', renderDocx],
      ] as const) {
        try {
          write(dist, `${base}.${kind}`, await render(report));
          site.downloads[kind] = `/${base}.${kind}`;
        } catch (e) {
          warn(`警告：${file} 的 ${OFFICE_NAMES[kind]} 文件未能生成：${(e as Error).message}`);
        }
      }
    }
    shell.write(`reports/${slug}.html`, {
      title: reportTitle(report.meta.agency, report.meta.year),
      description: `${report.meta.agency}${report.meta.year}年政府信息公开工作年度报告全文、统计表和数据核对结果`,
      body: reportBody(site, report, { state: status, note }),
    });
    const rows = cellRows(report, status);
    csv.append('data/cells.csv', rows);
    csv.append(`data/years/${report.meta.year}.csv`, rows);
    if (site.regionSlug) csv.append(`data/regions/${site.regionSlug}.csv`, rows);
    reports.push(site);
  }
  csv.close();
  for (const s of skipped) warn(`警告：已跳过 ${s.file}（${s.code}）：${s.message}`);
  reports.sort((a, b) => a.meta.agency.localeCompare(b.meta.agency, 'zh') || a.meta.year - b.meta.year);

  const byAgency = [...groupBy(reports, (r) => r.agencySlug).values()];
  for (const list of byAgency)
    shell.write(`agencies/${list[0]!.agencySlug}.html`, { title: list[0]!.meta.agency, body: agencyBody(list) });
  shell.write('agencies/index.html', { title: '机关', body: agenciesBody(byAgency) });

  const regions = regionGroups(reports).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  for (const g of regions) shell.write(`regions/${g.slug}.html`, { title: g.name, body: groupBody('行政区划', g) });
  shell.write('regions/index.html', { title: '按地区汇总', body: groupsIndexBody('按地区汇总', '地区', regions) });
  const levels = levelGroups(reports);
  for (const g of levels) shell.write(`levels/${g.slug}.html`, { title: g.name, body: groupBody('机关层级', g) });
  shell.write('levels/index.html', {
    title: '按机关层级汇总',
    body: groupsIndexBody('按机关层级汇总', '层级', levels),
  });
  shell.write('missing.html', { title: '未发布年报的机关', body: missingBody(reports, today) });
  for (const [path, page] of Object.entries(devPages())) shell.write(path, page);
  shell.write('index.html', { title: '', body: homeBody(reports, built) });

  const dictionary = cellDictionary();
  write(dist, 'data/index.json', JSON.stringify(siteIndex(reports, built)));
  write(dist, 'data/reports.json', reportsIndex(reports, built));
  write(dist, 'data/cell-ids.json', JSON.stringify({ cells: dictionary }));
  write(dist, 'data/cell-ids.csv', cellDictionaryCsv(dictionary));
  write(dist, 'data/report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  write(dist, 'data/LICENSE.txt', LICENCE_TEXT);
  write(dist, 'data/build.json', `${JSON.stringify({ built, reports: reports.length, skipped: skipped.length })}\n`);
  shell.write('data/index.html', { title: '开放数据', body: openDataBody(reports, regions, csv.written, built) });
  rmSync(join(dist, SHELL_FILE), { force: true });
  return { reports, skipped, pages: shell.pages.length };
}

/** The open data page: every file with what it holds. */
function openDataBody(
  reports: SiteReport[],
  regions: ReturnType<typeof regionGroups>,
  csvFiles: string[],
  built: string,
): string {
  const years = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => b - a);
  const has = new Set(csvFiles);
  const files: [string, string][] = [
    ['/data/cells.csv', '全部年报的全部单元格（一个文件）'],
    ['/data/cell-ids.csv', '单元格编号词典：编号、所属表、适用格式、行和列的名称（两版格式）'],
    ['/data/cell-ids.json', '单元格编号词典（JSON）'],
    ['/data/reports.json', '全部年报的索引：机关、层级、行政区划、年度、表格格式、核对结果、链接'],
    ['/data/index.json', '浏览和比较页面使用的精简索引'],
    ['/data/report.schema.json', '年报 JSON 格式（JSON Schema）'],
    ['/data/LICENSE.txt', '许可协议'],
    ['/data/build.json', '数据生成时间和年报数量'],
  ];
  return [
    heading(1, 'top', '开放数据'),
    `<p>数据生成时间：${esc(built)}。许可：知识共享署名 4.0 国际（CC BY 4.0），见 ${link('/data/LICENSE.txt', 'LICENSE.txt')}。</p>`,
    '<p>CSV 文件为 UTF-8 编码（带 BOM），每行一个单元格，列为：agency（机关）、region（行政区划）、level（机关层级）、year（年度）、table（表）、template_version（该表所用格式：2019 或 2021）、cell_id（单元格编号）、value（数值）、status（read 按原文读取，derived 推算得出，blank 机关未填写，unread 未能从原文读取）。机关未填写的单元格数值为空，不写 0。</p>',
    listTable(
      '全站数据文件',
      ['文件', '内容'],
      files.map(([h, t]) => [link(h, h.slice(6)), esc(t)]),
    ),
    heading(2, 'years', '按年度'),
    listTable(
      '按年度的 CSV 文件',
      ['年度', '文件', '年报数'],
      years
        .filter((y) => has.has(`data/years/${y}.csv`))
        .map((y) => [
          `${y}年`,
          link(`/data/years/${y}.csv`, `下载${y}年度全部单元格 CSV（${y}.csv）`, 'download'),
          String(reports.filter((r) => r.meta.year === y).length),
        ]),
    ),
    heading(2, 'regions', '按行政区划'),
    listTable(
      '按行政区划的 CSV 文件',
      ['行政区划', '文件', '年报数'],
      regions
        .filter((g) => has.has(`data/regions/${g.slug}.csv`))
        .map((g) => [
          link(regionUrl(g.slug), g.name),
          link(`/data/regions/${g.slug}.csv`, `下载${g.name}全部单元格 CSV`, 'download'),
          String(g.reports.length),
        ]),
    ),
    heading(2, 'reports', '单份年报'),
    `<p>每份年报页面的“下载”中有该年报的 JSON（含本站核对结果，字段 <code>checks</code>）和 CSV 文件，地址为 <code>/data/reports/编号.json</code> 和 <code>.csv</code>。格式说明见${link('/dev/index.html', '开发者')}页面。</p>`,
  ].join('\n');
}
