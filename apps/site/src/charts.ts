// Static SVG charts drawn at build time: readable without JavaScript and printable.
import { formatNumber } from '@nianbao/core';
import { esc } from './html.js';

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphical objects). */
const PALETTE = ['#1f5fa8', '#c0392b', '#2e7d32', '#8e44ad', '#b35900', '#00695c', '#5d4037', '#37474f'];

export interface Bar {
  /** Short name under the bar (e.g. 新收, 办结). */
  name: string;
  /** Values per series; null = not stated (drawn as nothing, listed as 未填). */
  values: (number | null)[];
}

export interface StackedChart {
  id: string;
  title: string;
  series: string[];
  /** One group of bars per x position (a year). */
  groups: { label: string; bars: Bar[] }[];
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

/** A stacked bar chart as inline SVG with a title, a description and a legend. */
export function stackedBarChart(chart: StackedChart): string {
  const totals = chart.groups.flatMap((g) => g.bars.map((b) => b.values.reduce<number>((a, v) => a + (v ?? 0), 0)));
  const max = niceMax(Math.max(0, ...totals));
  const groupWidth = (g: StackedChart['groups'][number]) => g.bars.length * (W_BAR + GAP_BAR) - GAP_BAR;
  const plotWidth = chart.groups.reduce((a, g) => a + groupWidth(g) + GAP_GROUP, GAP_GROUP);
  const legendRows = Math.ceil(chart.series.length / 2);
  const width = Math.max(LEFT + plotWidth + 10, 320);
  const height = TOP + H + 44 + legendRows * 18 + 8;
  const y = (v: number) => TOP + H - (v / max) * H;
  const out: string[] = [];
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const desc = chart.groups
    .map(
      (g) =>
        `${g.label}：${g.bars.map((b) => `${b.name}${b.values.map((v, i) => `${chart.series[i]}${v === null ? '未填' : formatNumber(v)}`).join('，')}`).join('；')}`,
    )
    .join('。');
  out.push(
    `<svg class="nb-chart" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-size="12">`,
    `<title id="${titleId}">${esc(chart.title)}</title><desc id="${descId}">${esc(desc)}</desc>`,
  );
  for (const t of [0, 0.5, 1]) {
    const v = max * t;
    out.push(
      `<line x1="${LEFT}" x2="${width - 6}" y1="${y(v)}" y2="${y(v)}" stroke="#ccc"/><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end" fill="#333">${formatNumber(v)}</text>`,
    );
  }
  let x = LEFT + GAP_GROUP;
  for (const g of chart.groups) {
    for (const b of g.bars) {
      let acc = 0;
      b.values.forEach((v, i) => {
        if (!v) return;
        out.push(
          `<rect x="${x}" y="${y(acc + v)}" width="${W_BAR}" height="${y(acc) - y(acc + v)}" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(`${g.label} ${b.name} ${chart.series[i]}：${formatNumber(v)}`)}</title></rect>`,
        );
        acc += v;
      });
      const stated = b.values.some((v) => v !== null);
      out.push(
        `<text x="${x + W_BAR / 2}" y="${y(acc) - 3}" text-anchor="middle" fill="#111">${stated ? formatNumber(acc) : '未填'}</text>`,
      );
      out.push(
        `<text x="${x + W_BAR / 2}" y="${TOP + H + 14}" text-anchor="middle" fill="#333" font-size="10">${esc(b.name)}</text>`,
      );
      x += W_BAR + GAP_BAR;
    }
    const gx = x - GAP_BAR - groupWidth(g) / 2;
    out.push(
      `<text x="${gx}" y="${TOP + H + 30}" text-anchor="middle" font-weight="bold" fill="#111">${esc(g.label)}</text>`,
    );
    x += GAP_GROUP - GAP_BAR;
  }
  chart.series.forEach((s, i) => {
    const lx = LEFT + (i % 2) * Math.max(140, (width - LEFT) / 2);
    const ly = TOP + H + 44 + Math.floor(i / 2) * 18;
    out.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 16}" y="${ly + 10}" fill="#111">${esc(s)}</text>`,
    );
  });
  out.push('</svg>');
  return `<figure class="nb-figure"><div class="nb-scroll" role="region" tabindex="0" aria-label="${esc(chart.title)}">${out.join('')}</div><figcaption>${esc(chart.title)}</figcaption></figure>`;
}
