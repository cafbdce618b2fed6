// Home (totals of the latest year and trends), regions and levels (totals and rankings), from core's roll-ups.
import { AGENCY_LEVEL_LABELS, type AgencyLevel, reportTitle, validate } from '@nianbao/core';
import { trendChart } from './charts.js';
import { esc, heading, inlineLinks, link, listTable } from './html.js';
import { levelUrl, regionUrl, reportUrl, type SiteReport } from './model.js';
import { groupBy, MEASURES, measureBasis, measureCell, showMeasure, type Total, total } from './portal.js';

type Filter = { year?: number; region?: string; level?: AgencyLevel };

/** The browse list showing exactly the reports a number sums, sorted by that number. */
function browseHref(filter: Filter, sortKey: string): string {
  const p = new URLSearchParams();
  if (filter.year) p.set('year', String(filter.year));
  if (filter.region) p.set('region', filter.region);
  if (filter.level) p.set('level', filter.level);
  p.set('sort', `${sortKey}.desc`);
  return `/browse.html?${p}`;
}

function timelyText(t: Total): string {
  const judged = t.timely.onTime + t.timely.late;
  const parts = [`按时发布${t.timely.onTime}份`, `逾期${t.timely.late}份`];
  if (t.timely.noDate) parts.push(`${t.timely.noDate}份未注明发布日期`);
  if (t.timely.noDeadline) parts.push(`${t.timely.noDeadline}份无全国统一期限`);
  return `${judged ? `${Math.round((t.timely.onTime / judged) * 1000) / 10}%` : '—'}（${parts.join('，')}）`;
}

/** The totals of one group of reports: each number links to the reports it sums; the roll-up's own check. */
function totalsTable(caption: string, t: Total, filter: Filter): string {
  const rows = MEASURES.map((m, i) => [
    esc(m.label),
    link(
      browseHref(filter, m.key),
      showMeasure(m, t.values[i] ?? null),
      `aria-label="${esc(`${m.label}${showMeasure(m, t.values[i] ?? null)}，查看所汇总的年报`)}"`,
    ),
    esc(measureBasis(m)),
  ]);
  rows.push(['年报按时发布', esc(timelyText(t)), '发布日期不晚于《条例》第四十九条规定期限的年报所占比例']);
  return listTable(caption, ['项目', `合计（${t.reports.length}份年报）`, '计算方法'], rows);
}

/** What the roll-up's check says: its identities, and the units whose own tables break one. */
function rollUpNote(t: Total): string {
  const failed = validate(t.rollup.report, { kinds: ['sum', 'equation'] }).findings.filter(
    (f) => f.severity === 'error',
  );
  const notes: string[] = [];
  if (!failed.length && !t.breaks.length) notes.push('汇总表的勾稽关系均成立，所汇总的年报各自的勾稽关系也均成立。');
  if (t.breaks.length)
    notes.push(
      `其中${t.breaks.length}份年报自身的勾稽关系不成立，合计数包含其数据：${t.breaks
        .slice(0, 10)
        .map((r) => link(`${reportUrl(r.slug)}#check`, reportTitle(r.meta.agency, r.meta.year)))
        .join('、')}${t.breaks.length > 10 ? '等' : ''}。`,
    );
  else if (failed.length) notes.push(`汇总表有${failed.length}项勾稽关系不成立。`);
  if (t.rollup.incomplete.length)
    notes.push(`有${t.rollup.incomplete.length}个单元格部分年报所用格式没有对应项，合计只含有该项的年报。`);
  if (t.rollup.dropped.length) notes.push(`有${t.rollup.dropped.length}个数值在汇总所用格式中没有对应项，未计入。`);
  const unread = t.reports.filter((r) => r.check.unread.length).length;
  if (unread) notes.push(`${unread}份年报有未能从原文读取的单元格，这些单元格未计入合计。`);
  return `<div class="nb-rollup-check"><p><strong>汇总核对：</strong>${notes.join('')}</p></div>`;
}

/** Units of a total ranked by one measure, each number linking to the cell in its report. */
function ranking(caption: string, reports: SiteReport[], filter: Filter, by = 0, max = 20): string {
  const m = MEASURES[by]!;
  const ranked = reports
    .map((r) => ({ r, values: r.values }))
    .sort(
      (a, b) => (b.values[by] ?? -1) - (a.values[by] ?? -1) || a.r.meta.agency.localeCompare(b.r.meta.agency, 'zh'),
    );
  const rows = ranked
    .slice(0, max)
    .map(({ r, values }, i) => [
      String(i + 1),
      link(reportUrl(r.slug), r.meta.agency),
      ...MEASURES.slice(0, 5).map((mm, k) =>
        link(`${reportUrl(r.slug)}#${measureCell(mm, r)}`, showMeasure(mm, values[k] ?? null)),
      ),
    ]);
  const more = ranked.length > max ? `<p>只列出前${max}名，${link(browseHref(filter, m.key), '查看全部')}。</p>` : '';
  return (
    listTable(`${caption}（按${m.label}排序）`, ['名次', '机关', ...MEASURES.slice(0, 5).map((x) => x.label)], rows) +
    more
  );
}

/** Home: what the site holds, totals of the latest year, and each measure's trend as a chart with its table. */
export function homeBody(reports: SiteReport[], built: string): string {
  const years = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => a - b);
  const latest = years[years.length - 1];
  const agencies = new Set(reports.map((r) => r.agencySlug)).size;
  const html: string[] = [
    heading(1, 'top', '政府信息公开工作年度报告'),
    `<p>本站收录${agencies}个机关的${reports.length}份政府信息公开工作年度报告。每份年报按国家统一格式展示全文和三张统计表，并核对表格数据的勾稽关系；数据可下载为 PDF、Word、JSON 和 CSV。数据更新日期：${esc(built.slice(0, 10))}。</p>`,
    inlineLinks(
      [
        ['/search.html', '搜索年报'],
        ['/browse.html', '全部年报（可筛选、排序）'],
        ['/regions/index.html', '按地区汇总'],
        ['/levels/index.html', '按机关层级汇总'],
        ['/compare.html', '比较年报'],
        ['/agencies/index.html', '全部机关'],
        ['/missing.html', '未发布年报的机关'],
        ['/data/index.html', '开放数据'],
      ],
      '主要栏目',
    ),
  ];
  if (latest === undefined) return html.join('\n');
  const byYear = groupBy(reports, (r) => r.meta.year);
  const totals = new Map(years.map((y) => [y, total(byYear.get(y)!, { agency: `${y}年合计`, year: y })]));
  const t = totals.get(latest)!;
  html.push(
    heading(2, 'latest', `${latest}年度合计`),
    totalsTable(`${latest}年度全部年报合计`, t, { year: latest }),
    rollUpNote(t),
    heading(2, 'trends', '历年趋势'),
  );
  const firstYear = years[0]!;
  const span: number[] = [];
  for (let y = firstYear; y <= latest; y++) span.push(y);
  MEASURES.forEach((m, i) => {
    const points = span.map((y) => {
      const v = totals.get(y)?.values[i] ?? null;
      return { label: `${y}`, value: v, display: showMeasure(m, v) };
    });
    html.push(
      `<div class="nb-trend">`,
      trendChart({
        id: `trend-${m.key}`,
        title: `${m.label}（历年）`,
        unit: m.kind === 'ratio' ? '' : '件',
        points,
        ratio: m.kind === 'ratio',
      }),
      listTable(
        `${m.label}（历年）`,
        ['年度', m.label, '年报数'],
        span.map((y) => {
          const tt = totals.get(y);
          const v = tt?.values[i] ?? null;
          return [
            `${y}年`,
            tt ? link(browseHref({ year: y }, m.key), showMeasure(m, v)) : '本站未收录',
            String(tt?.reports.length ?? 0),
          ];
        }),
      ),
      '</div>',
    );
  });
  const timelyPoints = span.map((y) => {
    const tt = totals.get(y);
    const judged = tt ? tt.timely.onTime + tt.timely.late : 0;
    const v = tt && judged ? tt.timely.onTime / judged : null;
    return { label: `${y}`, value: v, display: v === null ? '—' : `${Math.round(v * 1000) / 10}%` };
  });
  html.push(
    `<div class="nb-trend">`,
    trendChart({
      id: 'trend-timely',
      title: '年报按时发布的比例（历年）',
      unit: '',
      points: timelyPoints,
      ratio: true,
    }),
    listTable(
      '年报按时发布（历年）',
      ['年度', '按时发布'],
      span.map((y) => [`${y}年`, totals.get(y) ? esc(timelyText(totals.get(y)!)) : '本站未收录']),
    ),
    '</div>',
  );
  return html.join('\n');
}

export interface Group {
  slug: string;
  name: string;
  reports: SiteReport[];
  filter: (year: number) => { year: number; region?: string; level?: AgencyLevel };
  url: string;
}

/** Regions or levels: each group's latest totals, ranked; each name leads to the group's page. */
export function groupsIndexBody(title: string, what: string, groups: Group[]): string {
  const latest = Math.max(...groups.flatMap((g) => g.reports.map((r) => r.meta.year)));
  const rows = groups
    .map((g) => {
      const units = g.reports.filter((r) => r.meta.year === latest);
      return { g, t: units.length ? total(units, { agency: g.name }) : undefined };
    })
    .sort((a, b) => (b.t?.values[0] ?? -1) - (a.t?.values[0] ?? -1) || a.g.name.localeCompare(b.g.name, 'zh'));
  const html = [
    heading(1, 'top', title),
    `<p>${latest}年度各${what}合计，按${MEASURES[0]!.label}排序。点击合计数查看所汇总的年报；点击${what}名称查看历年合计和排名。</p>`,
    listTable(
      `${latest}年度各${what}合计`,
      ['名次', what, '年报数', ...MEASURES.map((m) => m.label)],
      rows.map(({ g, t }, i) => [
        String(i + 1),
        link(g.url, g.name),
        String(t?.reports.length ?? 0),
        ...MEASURES.map((m, k) =>
          t ? link(browseHref(g.filter(latest), m.key), showMeasure(m, t.values[k] ?? null)) : '—',
        ),
      ]),
    ),
  ];
  return html.join('\n');
}

/** One region or level: totals per year (latest first) with the roll-up check, and the agencies ranked. */
export function groupBody(kind: string, g: Group): string {
  const byYear = [...groupBy(g.reports, (r) => r.meta.year).entries()].sort(([a], [b]) => b - a);
  const html = [
    heading(1, 'top', g.name),
    `<p>${esc(kind)}：${esc(g.name)}。本站收录其${g.reports.length}份年报。合计由各年报的统计表逐格相加得出；点击合计数查看所汇总的年报。</p>`,
    inlineLinks(
      byYear.map(([y]) => [`#y${y}`, `${y}年`]),
      '年度',
    ),
  ];
  for (const [year, units] of byYear) {
    const t = total(units, { agency: `${g.name}${year}年合计`, year });
    html.push(
      heading(2, `y${year}`, `${year}年度`),
      totalsTable(`${g.name}${year}年度合计`, t, g.filter(year)),
      rollUpNote(t),
      ranking(`${g.name}${year}年度各机关`, units, g.filter(year)),
    );
  }
  return html.join('\n');
}

/** Groups of the site: regions (by name) and levels (the Regulation's four). */
export function regionGroups(reports: SiteReport[]): Group[] {
  return [
    ...groupBy(
      reports.filter((r) => r.regionSlug),
      (r) => r.regionSlug!,
    ).entries(),
  ].map(([slug, list]) => ({
    slug,
    name: list[0]!.meta.region!,
    reports: list,
    filter: (year: number) => ({ year, region: list[0]!.meta.region! }),
    url: regionUrl(slug),
  }));
}

export function levelGroups(reports: SiteReport[]): Group[] {
  const by = groupBy(reports, (r) => r.meta.level);
  return (Object.keys(AGENCY_LEVEL_LABELS) as AgencyLevel[])
    .filter((l) => by.has(l))
    .map((level) => ({
      slug: level,
      name: AGENCY_LEVEL_LABELS[level],
      reports: by.get(level)!,
      filter: (year: number) => ({ year, level }),
      url: levelUrl(level),
    }));
}
