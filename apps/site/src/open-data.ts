import { canonicalJson, cellName, cellsView, formatNumber, reportTitle } from '@nianbao/core';
import { agencyUrl, checkSummary, reportUrl, type SiteReport } from './pages.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const csvValue = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v));
const BOM = '\uFEFF';

/** Every cell of every report: agency, year, cell id, value (blank stays empty). */
export function cellsCsv(reports: SiteReport[]): string {
  const lines = ['agency,year,cell_id,value'];
  for (const r of reports) {
    const agency = csvField(r.report.meta.agency);
    for (const [id, v] of Object.entries(cellsView(r.report)))
      lines.push(`${agency},${r.report.meta.year},${id},${csvValue(v)}`);
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The cells of one report with their names. */
export function reportCsv(r: SiteReport): string {
  const lines = ['cell_id,name,value'];
  for (const [id, v] of Object.entries(cellsView(r.report)))
    lines.push(`${id},${csvField(cellName(id))},${csvValue(v)}`);
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function reportJson(r: SiteReport): string {
  return canonicalJson(r.report);
}

/** The index of all reports (`/data/reports.json`). */
export function reportsIndex(reports: SiteReport[]): string {
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      count: reports.length,
      reports: reports.map((r) => {
        const c = checkSummary(r);
        const { meta } = r.report;
        return {
          id: r.slug,
          title: reportTitle(meta.agency, meta.year),
          agency: meta.agency,
          level: meta.level,
          region: meta.region ?? null,
          year: meta.year,
          templates: meta.formats,
          checks: {
            identities: c.identities,
            identitiesHold: c.identitiesHold,
            errors: c.errors.length,
            warnings: c.notes.length,
            summary: c.summary,
            failed: c.errors.map((f) => ({ rule: f.ruleId, cells: f.cells, message: f.message })),
          },
          links: { page: reportUrl(r.slug), agency: agencyUrl(r.agencySlug), ...r.downloads },
        };
      }),
    },
    null,
    2,
  )}\n`;
}
