// The bodies of the generated pages (the shell around them is VitePress's): reports, agencies, missing years.
import {
  AGENCY_LEVEL_LABELS,
  type Block,
  type CellStatus,
  categorySum,
  cellName,
  type Finding,
  formatNumber,
  indicators,
  LEGAL_DEADLINE_RULES,
  legalDeadline,
  legalDeadlineText,
  type Report,
  reportLayouts,
  reportTitle,
  SECTION_TABLE,
  SECTIONS,
  T3_CATEGORIES,
  T4_GROUPS,
  T4_OUTCOMES,
  t4GroupName,
} from '@nianbao/core';
import { stackedBarChart } from './charts.js';
import { esc, heading, link, listTable } from './html.js';
import { agencyUrl, reportUrl, type SiteReport } from './model.js';
import { renderTable } from './table.js';

const blocks = (list: Block[], level: 3 | 4 = 3) =>
  list.map((b) =>
    b.kind === 'heading' ? `<h${level} class="nb-subheading">${esc(b.text)}</h${level}>` : `<p>${esc(b.text)}</p>`,
  );

const httpUrl = (u: string | undefined) => (u && /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : undefined);

/** Each finding with links to the cells it names. */
function findingList(findings: Finding[], max: number): string {
  const items = findings.slice(0, max).map((f) => {
    const cells = [...new Set(f.cells)].slice(0, 8).map((id) => link(`#${id}`, cellName(id)));
    return `<li>${esc(f.message)}${cells.length ? `<br><span class="nb-muted">涉及：${cells.join('、')}</span>` : ''}</li>`;
  });
  if (findings.length > max) items.push(`<li>另有${findings.length - max}条，见 JSON 下载中的核对结果。</li>`);
  return `<ul class="nb-findings">${items.join('')}</ul>`;
}

function downloadLinks(r: SiteReport, title: string): string {
  const d = r.downloads;
  const items: [string | undefined, string][] = [
    [d.pdf, 'PDF 版'],
    [d.docx, 'Word 版'],
    [d.json, 'JSON 数据（含核对结果）'],
    [d.csv, 'CSV 表格数据'],
  ];
  return `<ul class="nb-downloads">${items
    .filter(([href]) => href)
    .map(([href, text]) => `<li>${link(href!, text, `download aria-label="下载${esc(title)}${esc(text)}"`)}</li>`)
    .join('')}</ul>`;
}

const formatName = (v: string) => (v === '2019' ? '2019年格式（试行）' : '2021年格式');

/** Pagefind reads these: what a result shows and what the search page filters on. */
function searchFields(r: SiteReport): string {
  const { meta } = r;
  const fields: [string, string][] = [
    ['年度', `${meta.year}年`],
    ['行政区划', meta.region ?? '未注明'],
    ['机关层级', AGENCY_LEVEL_LABELS[meta.level]],
  ];
  return [
    `<span hidden data-pagefind-meta="机关">${esc(meta.agency)}</span>`,
    ...fields.map(
      ([k, v]) => `<span hidden data-pagefind-filter="${esc(k)}" data-pagefind-meta="${esc(k)}">${esc(v)}</span>`,
    ),
  ].join('');
}

/** The page of one report: metadata, check result, downloads, preamble, six sections, three tables. */
export function reportBody(
  r: SiteReport,
  report: Report,
  cell?: { state: (id: string) => CellStatus; note: (id: string) => string | undefined },
): string {
  const { meta } = report;
  const title = reportTitle(meta.agency, meta.year);
  const check = r.check;
  const flagged = new Set(check.errors.flatMap((f) => f.cells));
  const layouts = reportLayouts(meta.formats);
  const dl: [string, string][] = [
    ['机关', link(agencyUrl(r.agencySlug), meta.agency)],
    ['机关层级', esc(AGENCY_LEVEL_LABELS[meta.level])],
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
    `<article data-pagefind-body>`,
    searchFields(r),
    `<h1 id="top" tabindex="-1" data-pagefind-meta="title">${esc(title)}</h1>`,
    `<dl class="nb-meta">${dl.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    `<div data-pagefind-ignore>`,
    heading(2, 'check', '数据核对结果'),
    `<p class="nb-check nb-check-${check.state}"><strong>${esc(check.summary)}</strong></p>`,
  ];
  if (check.unread.length)
    html.push(
      `<p>“未能读取”表示原文中印有该单元格，但本站从原文转换时未能可靠读出其数值；这不是机关的空白，也不计为机关的错误。涉及：${check.unread
        .slice(0, 12)
        .map((id) => link(`#${id}`, cellName(id)))
        .join('、')}${check.unread.length > 12 ? `等${check.unread.length}格` : ''}。</p>`,
    );
  if (check.errors.length) html.push(findingList(check.errors, 30));
  if (check.notes.length) html.push(`<p>另有${check.notes.length}条提示：</p>`, findingList(check.notes, 10));
  html.push(
    heading(2, 'downloads', '下载'),
    downloadLinks(r, title),
    `<p>${link(`/compare.html?agency=${r.agencySlug}`, '比较该机关历年数据')}</p>`,
    '</div>',
  );
  if (report.preamble.length) html.push(`<div class="nb-preamble">${blocks(report.preamble).join('\n')}</div>`);
  for (const s of SECTIONS) {
    const section = report.sections.find((x) => x.key === s.key);
    html.push(heading(2, s.key, section?.heading || s.heading));
    if (section) html.push(...blocks(section.blocks));
    const table = SECTION_TABLE[s.key];
    if (table) html.push(renderTable(layouts.find((l) => l.table === table)!, report.cells, { flagged, ...cell }));
    else if (!section) html.push('<p class="nb-muted">报告未包含此部分。</p>');
  }
  html.push('</article>');
  return html.join('\n');
}

/** Names under the bars of 表四's groups (explained under the chart: the full names do not fit). */
const BAR_MARKS = ['①', '②', '③'];

const num = (v: number | null) => (v === null ? '未填' : formatNumber(v));

/** The page of one agency: its reports by year, charts of the main series (missing years as gaps), indicators. */
export function agencyBody(list: SiteReport[]): string {
  const sorted = [...list].sort((a, b) => a.meta.year - b.meta.year);
  const meta = sorted[sorted.length - 1]!.meta;
  const html: string[] = [
    heading(1, 'top', meta.agency),
    `<dl class="nb-meta"><dt>机关层级</dt><dd>${esc(AGENCY_LEVEL_LABELS[meta.level])}</dd><dt>行政区划</dt><dd>${esc(meta.region ?? '未注明')}</dd><dt>已收录年报</dt><dd>${sorted.length}份</dd></dl>`,
    heading(2, 'reports', '历年年报'),
    listTable(
      `${meta.agency}历年政府信息公开工作年度报告`,
      ['年度', '年报', '数据核对'],
      [...sorted]
        .reverse()
        .map((r) => [
          `${r.meta.year}年`,
          link(reportUrl(r.slug), reportTitle(r.meta.agency, r.meta.year)),
          esc(r.check.summary),
        ]),
    ),
  ];
  if (sorted.length > 1)
    html.push(`<p>${link(`/compare.html?agency=${sorted[0]!.agencySlug}`, '逐格比较该机关历年统计表')}</p>`);
  const first = sorted[0]!.meta.year;
  const years: (SiteReport | undefined)[] = [];
  for (let y = first; y <= meta.year; y++) years.push(sorted.find((r) => r.meta.year === y));
  const label = (i: number) => `${first + i}年`;
  html.push(
    heading(2, 'requests', '收到和处理政府信息公开申请情况'),
    stackedBarChart({
      id: 'chart-requests',
      title: `${meta.agency}历年收到和处理政府信息公开申请情况（件）`,
      unit: '件',
      series: ['本年新收申请', ...T3_CATEGORIES.map((c) => c.label)],
      groups: years.map((r, i) => ({
        label: label(i),
        missing: !r,
        bars: r
          ? [
              { name: '新收', values: [r.cells['t3.new.total'] ?? null, ...T3_CATEGORIES.map(() => 0)] },
              { name: '办理', values: [0, ...T3_CATEGORIES.map((c) => categorySum(r, c.id))] },
            ]
          : [],
      })),
    }),
  );
  html.push(
    heading(2, 'review', '行政复议、行政诉讼结果'),
    stackedBarChart({
      id: 'chart-review',
      title: `${meta.agency}历年政府信息公开行政复议、行政诉讼结果（件）`,
      unit: '件',
      series: T4_OUTCOMES.map((o) => o.label),
      groups: years.map((r, i) => ({
        label: label(i),
        missing: !r,
        bars: r
          ? T4_GROUPS.map((g, gi) => ({
              name: BAR_MARKS[gi]!,
              values: T4_OUTCOMES.map((o) => r.cells[`t4.${g.id}.${o.id}`] ?? null),
            }))
          : [],
      })),
    }),
  );
  html.push(
    `<p class="nb-muted">图中${T4_GROUPS.map((g, gi) => `${BAR_MARKS[gi]}为${esc(t4GroupName(g.id))}`).join('，')}。</p>`,
  );
  const ind = indicators(sorted[0]!);
  html.push(
    heading(2, 'indicators', '指标'),
    listTable(
      '指标及计算公式',
      ['指标', '计算公式'],
      ind.map((i) => [esc(i.name), esc(i.formula)]),
    ),
    listTable(
      '历年指标',
      ['年度', ...ind.map((i) => i.name)],
      sorted.map((r) => [
        `${r.meta.year}年`,
        ...indicators(r).map((i) =>
          esc(i.value === null ? '无法计算' : `${i.display}（${num(i.numerator)} ÷ ${num(i.denominator)}）`),
        ),
      ]),
    ),
  );
  return html.join('\n');
}

/** A list of every agency with links. */
export function agenciesBody(byAgency: SiteReport[][]): string {
  const rows = [...byAgency]
    .sort((a, b) => a[0]!.meta.agency.localeCompare(b[0]!.meta.agency, 'zh'))
    .map((list) => {
      const m = list[0]!.meta;
      return [
        link(agencyUrl(list[0]!.agencySlug), m.agency),
        esc(AGENCY_LEVEL_LABELS[m.level]),
        esc(m.region ?? '未注明'),
        list
          .map((r) => r.meta.year)
          .sort((a, b) => a - b)
          .join('、'),
      ];
    });
  return [heading(1, 'top', '机关'), listTable('收录的机关', ['机关', '层级', '行政区划', '已收录年度'], rows)].join(
    '\n',
  );
}

/** The statutory deadline (core, 条例第四十九条) as a date and in words. */
function deadlineText(r: Pick<SiteReport, 'meta'>, year: number): { date: string | null; text: string } {
  return { date: legalDeadline(r.meta.level, year), text: legalDeadlineText(r.meta.level, year) };
}

/**
 * Years an agency of the collection has no report for. A year is judged only where the site is known to
 * cover it: the site holds reports of that year from the agency's region. Elsewhere the site says it does not know.
 */
export function missingBody(reports: SiteReport[], today: string): string {
  const byAgency = new Map<string, SiteReport[]>();
  for (const r of reports) byAgency.set(r.agencySlug, [...(byAgency.get(r.agencySlug) ?? []), r]);
  const covered = new Set(reports.map((r) => `${r.meta.region ?? ''}|${r.meta.year}`));
  const todayYear = Number(today.slice(0, 4));
  const lastYear = Math.max(todayYear - 1, ...reports.map((r) => r.meta.year));
  const judged: { year: number; cells: string[] }[] = [];
  const unknown: { year: number; cells: string[] }[] = [];
  for (const list of byAgency.values()) {
    const have = new Set(list.map((r) => r.meta.year));
    const latest = list.reduce((a, b) => (a.meta.year >= b.meta.year ? a : b));
    const { agency, level, region } = latest.meta;
    for (let y = Math.min(...have); y <= lastYear; y++) {
      if (have.has(y)) continue;
      const d = deadlineText(latest, y);
      const base = [
        `${y}年`,
        link(agencyUrl(latest.agencySlug), agency),
        esc(AGENCY_LEVEL_LABELS[level]),
        esc(region ?? '未注明'),
      ];
      if (!covered.has(`${region ?? ''}|${y}`)) {
        unknown.push({ year: y, cells: [...base, '本站未收录该地区该年度的任何年报，无法判断'] });
        continue;
      }
      const state =
        d.date === null
          ? '无全国统一期限，无法判断是否逾期'
          : d.date < today
            ? '已超过法定期限，本站未收录'
            : '尚未到期';
      judged.push({ year: y, cells: [...base, esc(d.text), state] });
    }
  }
  judged.sort((a, b) => b.year - a.year);
  unknown.sort((a, b) => b.year - a.year);
  const html = [
    heading(1, 'top', '未发布年报的机关'),
    `<p>依据《中华人民共和国政府信息公开条例》第四十九条：${Object.values(LEGAL_DEADLINE_RULES)
      .map((rule) => esc(rule.text))
      .join('')}</p>`,
    `<p>本页只依据本站收录的年报，统计日期：${esc(today)}。本站不知道：机关是否在别处发布了年报而本站未收录；乡镇、街道等由本地规定的发布期限；机关是否已撤销或合并。因此，只有本站收录了该地区同一年度其他机关年报的，才列为“已超过法定期限，本站未收录”；本站没有该地区该年度任何年报的，单独列出，不作判断。</p>`,
    heading(2, 'judged', '本站收录了该地区该年度年报、但缺少该机关年报的'),
    judged.length
      ? listTable(
          '缺少年报的机关和年度',
          ['年度', '机关', '层级', '行政区划', '法定发布期限', '状态'],
          judged.map((r) => r.cells),
          'missing',
        )
      : '<p>没有。</p>',
    heading(2, 'unknown', '本站未收录该地区该年度年报、无法判断的'),
    unknown.length
      ? listTable(
          '无法判断的机关和年度',
          ['年度', '机关', '层级', '行政区划', '说明'],
          unknown.map((r) => r.cells),
          'unknown-years',
        )
      : '<p>没有。</p>',
  ];
  return html.join('\n');
}
