import {
  type Block,
  cellDef,
  type Finding,
  formatNumber,
  type Indicator,
  indicators,
  reportLayouts,
  reportTitle,
  ruleInstances,
  SECTION_TABLE,
  SECTIONS,
  type ValidationResult,
} from '@nianbao/core';
import { stackedBarChart } from './charts.js';
import { esc, heading, link, listTable, page } from './html.js';
import { categoryTotal, HANDLED, RECEIVED, resultCategories, shortLabel, t4Label, t4Outcomes } from './indicators.js';
import { deadlineOf, LEVEL_NAMES } from './levels.js';
import type { LoadedReport } from './load.js';
import { renderTable } from './table.js';

export interface Downloads {
  json: string;
  csv: string;
  pdf?: string;
  docx?: string;
}

/** A report as the site shows it: the file, its check result and its downloads. */
export interface SiteReport extends LoadedReport {
  result: ValidationResult;
  downloads: Downloads;
}

export const reportUrl = (slug: string) => `/reports/${slug}.html`;
export const agencyUrl = (agencySlug: string) => `/agencies/${agencySlug}.html`;

const IDENTITY_KINDS = new Set(['sum', 'equation']);

/** The check result in plain words and as data (the same for the page and for reports.json). */
export function checkSummary(r: SiteReport) {
  const identities = ruleInstances(r.report.meta.formats).filter((i) => IDENTITY_KINDS.has(i.rule.kind)).length;
  const errors = r.result.findings.filter((f) => f.severity === 'error');
  const failedIdentities = errors.filter((f) => IDENTITY_KINDS.has(f.kind));
  const notes = r.result.findings.filter((f) => f.severity !== 'error');
  const summary =
    errors.length === 0
      ? `表格数据核对通过：全部${identities}项勾稽关系均成立。`
      : failedIdentities.length
        ? `表格数据核对未通过：${identities}项勾稽关系中有${failedIdentities.length}项不成立。`
        : `表格数据有${errors.length}处问题（勾稽关系均成立）。`;
  return { identities, identitiesHold: failedIdentities.length === 0, errors, notes, summary };
}

function blocks(list: Block[], level: 3 | 4 = 3): string[] {
  return list.map((b) =>
    b.kind === 'heading' ? `<h${level} class="nb-subheading">${esc(b.text)}</h${level}>` : `<p>${esc(b.text)}</p>`,
  );
}

const httpUrl = (u: string | undefined) => (u && /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : undefined);

function findingList(findings: Finding[], max: number): string {
  const items = findings.slice(0, max).map((f) => `<li>${esc(f.message)}</li>`);
  if (findings.length > max) items.push(`<li>另有${findings.length - max}条，见 JSON 下载中的核对结果。</li>`);
  return `<ul>${items.join('')}</ul>`;
}

function downloadLinks(d: Downloads, title: string): string {
  const items: [string | undefined, string][] = [
    [d.pdf, 'PDF 版'],
    [d.docx, 'Word 版'],
    [d.json, 'JSON 数据'],
    [d.csv, 'CSV 表格数据'],
  ];
  return `<ul class="nb-downloads">${items
    .filter(([href]) => href)
    .map(([href, text]) => `<li>${link(href!, text, `download aria-label="下载${esc(title)}${text}"`)}</li>`)
    .join('')}</ul>`;
}

/** The page of one report: metadata, check result, downloads, preamble, six sections, three tables. */
export function reportPage(r: SiteReport): string {
  const { meta } = r.report;
  const title = reportTitle(meta.agency, meta.year);
  const check = checkSummary(r);
  const flagged = new Set(check.errors.flatMap((f) => f.cells));
  const layouts = reportLayouts(meta.formats);
  const formatName = (v: string) => (v === '2019' ? '2019年格式（试行）' : '2021年格式');
  const dl: [string, string][] = [
    ['机关', link(agencyUrl(r.agencySlug), meta.agency)],
    ['机关层级', esc(LEVEL_NAMES[meta.level])],
    ['行政区划', esc(meta.region ?? '未注明')],
    ['报告年度', `${meta.year}年`],
    ['表格格式', esc(`表二：${formatName(meta.formats.t2)}；表三、表四：${formatName(meta.formats.t3)}`)],
  ];
  if (meta.statisticsPeriod) dl.push(['统计期限', esc(`${meta.statisticsPeriod.from} 至 ${meta.statisticsPeriod.to}`)]);
  if (meta.publishedAt) dl.push(['发布日期', esc(meta.publishedAt)]);
  const contact =
    meta.contact &&
    [
      meta.contact.address,
      meta.contact.postcode && `邮编 ${meta.contact.postcode}`,
      meta.contact.phone && `电话 ${meta.contact.phone}`,
      meta.contact.email,
    ]
      .filter(Boolean)
      .join('，');
  if (contact) dl.push(['联系方式', esc(contact)]);
  const source = httpUrl(meta.url);
  if (source) dl.push(['原文地址', link(source, source, 'rel="nofollow noopener"')]);

  const html: string[] = [
    heading(1, 'top', title),
    `<dl class="nb-meta">${dl.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    heading(2, 'check', '数据核对结果'),
    `<p class="nb-check ${check.errors.length ? 'nb-check-fail' : 'nb-check-ok'}"><strong>${esc(check.summary)}</strong></p>`,
  ];
  if (check.errors.length) html.push(findingList(check.errors, 30));
  if (check.notes.length) html.push(`<p>另有${check.notes.length}条提示：</p>`, findingList(check.notes, 10));
  html.push(heading(2, 'downloads', '下载'), downloadLinks(r.downloads, title));
  if (r.report.preamble.length) html.push(`<div class="nb-preamble">${blocks(r.report.preamble).join('\n')}</div>`);
  for (const s of SECTIONS) {
    const section = r.report.sections.find((x) => x.key === s.key);
    html.push(heading(2, s.key, section?.heading || s.heading));
    if (section) html.push(...blocks(section.blocks));
    const table = SECTION_TABLE[s.key];
    if (table) html.push(renderTable(layouts.find((l) => l.table === table)!, r.report.cells, { flagged }));
    else if (!section) html.push('<p class="nb-muted">报告未包含此部分。</p>');
  }
  html.push(
    `<p class="nb-muted">数据来源文件：${esc(r.file)}。每个数字都有固定锚点，例如 ${link(`#t3.new.total`, '#t3.new.total')}。</p>`,
  );
  return page({ title, aside: false, outline: false }, html);
}

const pct = (i: Indicator) => (i.value === null ? '无法计算' : i.display);
const num = (v: number | null) => (v === null ? '未填' : formatNumber(v));

/** The page of one agency: its reports by year, charts of the main series and indicators. */
export function agencyPage(list: SiteReport[]): string {
  const sorted = [...list].sort((a, b) => a.report.meta.year - b.report.meta.year);
  const meta = sorted[sorted.length - 1]!.report.meta;
  const html: string[] = [
    heading(1, 'top', meta.agency),
    `<dl class="nb-meta"><dt>机关层级</dt><dd>${esc(LEVEL_NAMES[meta.level])}</dd><dt>行政区划</dt><dd>${esc(meta.region ?? '未注明')}</dd><dt>已收录年报</dt><dd>${sorted.length}份</dd></dl>`,
    heading(2, 'reports', '历年年报'),
    listTable(
      `${meta.agency}历年政府信息公开工作年度报告`,
      ['年度', '年报', '数据核对'],
      [...sorted]
        .reverse()
        .map((r) => [
          `${r.report.meta.year}年`,
          link(reportUrl(r.slug), reportTitle(r.report.meta.agency, r.report.meta.year)),
          esc(checkSummary(r).summary),
        ]),
    ),
  ];
  const years = sorted.map((r) => `${r.report.meta.year}年`);
  const cats = resultCategories();
  html.push(
    heading(2, 'requests', '收到和处理政府信息公开申请情况'),
    stackedBarChart({
      id: 'chart-requests',
      title: `${meta.agency}历年收到和处理政府信息公开申请情况（件）`,
      series: ['本年新收申请', ...cats.map((c) => c.label)],
      groups: sorted.map((r, i) => ({
        label: years[i]!,
        bars: [
          { name: '新收', values: [r.report.cells[RECEIVED] ?? null, ...cats.map(() => 0)] },
          { name: '办理', values: [0, ...cats.map((c) => categoryTotal(r.report, c.key))] },
        ],
      })),
    }),
  );
  const groups = ['review', 'litigationDirect', 'litigationAfterReview'];
  const outcomes = t4Outcomes();
  html.push(
    heading(2, 'review', '行政复议、行政诉讼结果'),
    stackedBarChart({
      id: 'chart-review',
      title: `${meta.agency}历年政府信息公开行政复议、行政诉讼结果（件）`,
      series: outcomes.map((o) => o.label),
      groups: sorted.map((r, i) => ({
        label: years[i]!,
        bars: groups.map((g, gi) => ({
          name: ['复议', '直诉', '复议后诉'][gi]!,
          values: outcomes.map((o) => r.report.cells[`t4.${g}.${o.id}`] ?? null),
        })),
      })),
    }),
    `<p class="nb-muted">图中“复议”为${esc(t4Label('review'))}，“直诉”为${esc(t4Label('litigationDirect'))}，“复议后诉”为${esc(t4Label('litigationAfterReview'))}。</p>`,
  );
  const first = indicators(sorted[0]!.report);
  html.push(
    heading(2, 'indicators', '指标'),
    listTable(
      '指标及计算公式',
      ['指标', '计算公式'],
      first.map((i) => [esc(i.name), esc(i.formula)]),
    ),
    listTable(
      '历年指标',
      ['年度', ...first.map((i) => i.name), shortLabel(cellDef(HANDLED)!.rowLabel)],
      sorted.map((r) => {
        const ind = indicators(r.report);
        return [
          `${r.report.meta.year}年`,
          ...ind.map((i) => esc(`${pct(i)}（${num(i.numerator)} ÷ ${num(i.denominator)}）`)),
          num(r.report.cells[HANDLED] ?? null),
        ];
      }),
    ),
  );
  return page({ title: meta.agency, aside: false, outline: false }, html);
}

type Group = { key: string; title: string; reports: SiteReport[] };

function reportRows(list: SiteReport[]): string[][] {
  return list.map((r) => [
    link(reportUrl(r.slug), reportTitle(r.report.meta.agency, r.report.meta.year)),
    link(agencyUrl(r.agencySlug), r.report.meta.agency),
    esc(LEVEL_NAMES[r.report.meta.level]),
    esc(r.report.meta.region ?? '未注明'),
    `${r.report.meta.year}年`,
    checkSummary(r).errors.length ? '未通过' : '通过',
  ]);
}

/** A browse page: reports grouped by one property, each group a table. */
export function browsePage(title: string, groups: Group[]): string {
  const html = [
    heading(1, 'top', title),
    `<nav aria-label="分组"><ul class="nb-inline">${groups.map((g) => `<li>${link(`#${g.key}`, `${g.title}（${g.reports.length}）`)}</li>`).join('')}</ul></nav>`,
  ];
  for (const g of groups) {
    html.push(
      heading(2, g.key, g.title),
      listTable(`${g.title}的年报`, ['年报', '机关', '层级', '行政区划', '年度', '数据核对'], reportRows(g.reports)),
    );
  }
  // Lists of titles found on the report pages themselves: kept out of the search index.
  return page({ title, aside: false, outline: false, search: false }, html);
}

/** Which agencies of the collection have no report for a year since their first one, with the deadline. */
export function missingPage(reports: SiteReport[], today: string): string {
  const byAgency = new Map<string, SiteReport[]>();
  for (const r of reports) byAgency.set(r.report.meta.agency, [...(byAgency.get(r.report.meta.agency) ?? []), r]);
  const todayYear = Number(today.slice(0, 4));
  const maxYear = Math.max(todayYear - 1, ...reports.map((r) => r.report.meta.year));
  const rows: { year: number; cells: string[] }[] = [];
  for (const [agency, list] of byAgency) {
    const have = new Set(list.map((r) => r.report.meta.year));
    const latest = list.reduce((a, b) => (a.report.meta.year >= b.report.meta.year ? a : b));
    const level = latest.report.meta.level;
    for (let y = Math.min(...have); y <= maxYear; y++) {
      if (have.has(y)) continue;
      const d = deadlineOf(level, y);
      const state = d.date === null ? '—' : d.date < today ? '已超过法定期限' : '尚未到期';
      rows.push({
        year: y,
        cells: [`${y}年`, link(agencyUrl(latest.agencySlug), agency), esc(LEVEL_NAMES[level]), esc(d.text), state],
      });
    }
  }
  rows.sort((a, b) => b.year - a.year);
  const html = [
    heading(1, 'top', '未发布年报的机关'),
    `<p>依据《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布本机关上一年度政府信息公开工作年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府上一年度政府信息公开工作年度报告。</p>`,
    `<p>本页只依据本站收录的年报：列出某机关自首次收录年度起、至${maxYear}年止，本站没有收录其年报的年度。统计日期：${esc(today)}。</p>`,
  ];
  html.push(
    rows.length
      ? listTable(
          '未收录年报的机关和年度',
          ['年度', '机关', '层级', '法定发布期限', '状态'],
          rows.map((r) => r.cells),
          'missing',
        )
      : '<p>本站收录的机关均已发布各年度年报。</p>',
  );
  return page({ title: '未发布年报的机关', aside: false, outline: false, search: false }, html);
}

/** A list of every agency with links. */
export function agenciesPage(reports: SiteReport[]): string {
  const byAgency = new Map<string, SiteReport[]>();
  for (const r of reports) byAgency.set(r.agencySlug, [...(byAgency.get(r.agencySlug) ?? []), r]);
  const rows = [...byAgency.values()]
    .sort((a, b) => a[0]!.report.meta.agency.localeCompare(b[0]!.report.meta.agency, 'zh'))
    .map((list) => {
      const m = list[0]!.report.meta;
      const years = list.map((r) => r.report.meta.year).sort((a, b) => a - b);
      return [
        link(agencyUrl(list[0]!.agencySlug), m.agency),
        esc(LEVEL_NAMES[m.level]),
        esc(m.region ?? '未注明'),
        years.map((y) => `${y}`).join('、'),
      ];
    });
  return page({ title: '机关', search: false }, [
    heading(1, 'top', '机关'),
    listTable('收录的机关', ['机关', '层级', '行政区划', '已收录年度'], rows),
  ]);
}
