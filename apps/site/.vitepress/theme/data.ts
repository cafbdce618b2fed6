// The site's data files, fetched once per page view.
import type { CellEntry, SiteIndex } from '#src/site-data.js';

const cache = new Map<string, Promise<unknown>>();

function getJson<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });
    cache.set(url, p);
  }
  return p as Promise<T>;
}

export const siteIndex = () => getJson<SiteIndex>('/data/index.json');
export const cellDictionary = () => getJson<{ cells: CellEntry[] }>('/data/cell-ids.json');

/** A report download: the report and its check results. */
export interface ReportFile {
  meta: { agency: string; year: number; formats: { t2: string; t3: string } };
  cells: Record<string, number | null>;
  checks: { summary: string; state: string };
}
export const reportFile = (id: string) => getJson<ReportFile>(`/data/reports/${id}.json`);

export const reportUrl = (id: string) => `/reports/${id}.html`;
export const agencyUrl = (id: string) => `/agencies/${id}.html`;

/** Numbers as the reports print them. */
export function formatValue(v: number | null | undefined, kind: 'count' | 'ratio' = 'count'): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'ratio') return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
