// Static SVG charts drawn at build time: readable without JavaScript, printable, scaled to the screen's width.
// Colours come from the theme's variables (style.css), so they hold their contrast in light and dark mode.
import { formatNumber } from '@nianbao/core';
import { esc } from './html.js';

/** Number of series colours defined in style.css (`--nb-series-1` …). */
const SERIES_COLOURS = 8;

export interface Bar {
  /** Short name under the bar (e.g. 新收, 办结). */
  name: string;
  /** Values per series; null = not stated (drawn as nothing, said as 未填). */
  values: (number | null)[];
}

export interface ChartGroup {
  label: string;
  /** No report for this position (a year the collection lacks): drawn as a gap. */
  missing?: boolean;
  bars: Bar[];
}

export interface StackedChart {
  id: string;
  title: string;
  /** Unit said after each number (件, 份). */
  unit: string;
  series: string[];
  /** One group of bars per x position (a year). */
  groups: ChartGroup[];
}

const W_BAR = 40;
const GAP_BAR = 6;
const GAP_GROUP = 28;
const H = 200;
const TOP = 16;
const LEFT = 44;

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** What a screen reader hears: stated non-zero values, zeros summed up in one phrase, blanks named once. */
function describe(chart: StackedChart): string {
  return chart.groups
    .map((g) => {
      if (g.missing) return `${g.label}：本站未收录`;
      const bars = g.bars.map((b) => {
        const said = b.values
          .map((v, i) => (v ? `${chart.series[i]}${formatNumber(v)}${chart.unit}` : ''))
          .filter(Boolean);
        const zeros = b.values.filter((v) => v === 0).length;
        const blanks = b.values.filter((v) => v === null).length;
        if (blanks === b.values.length) return `${b.name}未填`;
        if (zeros) said.push(said.length ? '其余为0' : `均为0`);
        if (blanks) said.push(`${blanks}项未填`);
        return `${b.name}：${said.join('，')}`;
      });
      return `${g.label}：${bars.join('；')}`;
    })
    .join('。');
}

/** A stacked bar chart as inline SVG with a title, a description, a legend and a note on missing years. */
export function stackedBarChart(chart: StackedChart): string {
  const totals = chart.groups.flatMap((g) => g.bars.map((b) => b.values.reduce<number>((a, v) => a + (v ?? 0), 0)));
  const max = niceMax(Math.max(0, ...totals));
  const barsIn = Math.max(1, ...chart.groups.map((g) => g.bars.length));
  const groupWidth = barsIn * (W_BAR + GAP_BAR) - GAP_BAR;
  const plotWidth = chart.groups.length * (groupWidth + GAP_GROUP) + GAP_GROUP;
  const legendRows = Math.ceil(chart.series.length / 2);
  const width = Math.max(LEFT + plotWidth + 10, 320);
  const height = TOP + H + 44 + legendRows * 18 + 8;
  const y = (v: number) => TOP + H - (v / max) * H;
  const colour = (i: number) => `nb-s${(i % SERIES_COLOURS) + 1}`;
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const out: string[] = [
    `<svg class="nb-chart" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" font-size="12" style="max-width:${width}px">`,
    `<title id="${titleId}">${esc(chart.title)}</title><desc id="${descId}">${esc(describe(chart))}</desc>`,
  ];
  for (const t of [0, 0.5, 1]) {
    const v = max * t;
    out.push(
      `<line class="nb-grid" x1="${LEFT}" x2="${width - 6}" y1="${y(v)}" y2="${y(v)}"/><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${formatNumber(v)}</text>`,
    );
  }
  let x = LEFT + GAP_GROUP;
  for (const g of chart.groups) {
    const gx = x + groupWidth / 2;
    if (g.missing) {
      out.push(
        `<rect class="nb-gap" x="${x}" y="${TOP}" width="${groupWidth}" height="${H}"/><text x="${gx}" y="${TOP + H / 2}" text-anchor="middle" class="nb-muted-text">未收录</text>`,
      );
    }
    let bx = x;
    for (const b of g.missing ? [] : g.bars) {
      let acc = 0;
      b.values.forEach((v, i) => {
        if (!v) return;
        out.push(
          `<rect class="${colour(i)}" x="${bx}" y="${y(acc + v)}" width="${W_BAR}" height="${y(acc) - y(acc + v)}"><title>${esc(`${g.label} ${b.name} ${chart.series[i]}：${formatNumber(v)}${chart.unit}`)}</title></rect>`,
        );
        acc += v;
      });
      const stated = b.values.some((v) => v !== null);
      out.push(
        `<text x="${bx + W_BAR / 2}" y="${y(acc) - 3}" text-anchor="middle">${stated ? formatNumber(acc) : '未填'}</text>`,
        `<text x="${bx + W_BAR / 2}" y="${TOP + H + 14}" text-anchor="middle" font-size="10">${esc(b.name)}</text>`,
      );
      bx += W_BAR + GAP_BAR;
    }
    out.push(`<text x="${gx}" y="${TOP + H + 30}" text-anchor="middle" font-weight="bold">${esc(g.label)}</text>`);
    x += groupWidth + GAP_GROUP;
  }
  chart.series.forEach((s, i) => {
    const lx = LEFT + (i % 2) * Math.max(140, (width - LEFT) / 2);
    const ly = TOP + H + 44 + Math.floor(i / 2) * 18;
    out.push(
      `<rect class="${colour(i)}" x="${lx}" y="${ly}" width="12" height="12"/><text x="${lx + 16}" y="${ly + 10}">${esc(s)}</text>`,
    );
  });
  out.push('</svg>');
  const missing = chart.groups.filter((g) => g.missing).map((g) => g.label);
  const note = missing.length
    ? `<p class="nb-muted">${esc(missing.join('、'))}：本站未收录该年度年报，图中留空，不表示数值为0。</p>`
    : '';
  return `<figure class="nb-figure">${out.join('')}<figcaption>${esc(chart.title)}</figcaption>${note}</figure>`;
}

/** A trend of one measure over years as a bar chart; years without a value are gaps, said so in a note. */
export function trendChart(opts: {
  id: string;
  title: string;
  unit: string;
  points: { label: string; value: number | null; display: string }[];
  ratio?: boolean;
}): string {
  const max = opts.ratio ? 1 : niceMax(Math.max(0, ...opts.points.map((p) => p.value ?? 0)));
  const width = Math.max(LEFT + opts.points.length * (W_BAR + GAP_GROUP) + GAP_GROUP, 300);
  const height = TOP + H + 36;
  const y = (v: number) => TOP + H - (v / max) * H;
  const titleId = `${opts.id}-title`;
  const descId = `${opts.id}-desc`;
  const desc = opts.points.map((p) => `${p.label}：${p.value === null ? '无数据' : p.display}`).join('；');
  const out: string[] = [
    `<svg class="nb-chart" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" font-size="12" style="max-width:${width}px">`,
    `<title id="${titleId}">${esc(opts.title)}</title><desc id="${descId}">${esc(desc)}</desc>`,
  ];
  for (const t of [0, 0.5, 1]) {
    const v = max * t;
    const label = opts.ratio ? `${Math.round(v * 100)}%` : formatNumber(v);
    out.push(
      `<line class="nb-grid" x1="${LEFT}" x2="${width - 6}" y1="${y(v)}" y2="${y(v)}"/><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${label}</text>`,
    );
  }
  opts.points.forEach((p, i) => {
    const x = LEFT + GAP_GROUP + i * (W_BAR + GAP_GROUP);
    if (p.value === null) {
      out.push(
        `<rect class="nb-gap" x="${x}" y="${TOP}" width="${W_BAR}" height="${H}"/><text x="${x + W_BAR / 2}" y="${TOP + H / 2}" text-anchor="middle" class="nb-muted-text">无</text>`,
      );
    } else {
      out.push(
        `<rect class="nb-s1" x="${x}" y="${y(p.value)}" width="${W_BAR}" height="${TOP + H - y(p.value)}"><title>${esc(`${p.label}：${p.display}`)}</title></rect>`,
        `<text x="${x + W_BAR / 2}" y="${y(p.value) - 3}" text-anchor="middle">${esc(p.display)}</text>`,
      );
    }
    out.push(
      `<text x="${x + W_BAR / 2}" y="${TOP + H + 16}" text-anchor="middle" font-weight="bold">${esc(p.label)}</text>`,
    );
  });
  out.push('</svg>');
  const gaps = opts.points.filter((p) => p.value === null).map((p) => p.label);
  const note = gaps.length ? `<p class="nb-muted">${esc(gaps.join('、'))}：无可计算的数据，图中留空。</p>` : '';
  return `<figure class="nb-figure">${out.join('')}<figcaption>${esc(opts.title)}</figcaption>${note}</figure>`;
}
