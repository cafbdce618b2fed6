// Open data: the whole set and each year and region as CSV, the cell-id dictionary, the indexes, per-report files.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AGENCY_LEVEL_LABELS,
  cellName,
  formatNumber,
  type Report,
  reportCells,
  reportTitle,
  TABLE_NAMES,
  type TableId,
  TEMPLATE_VERSIONS,
  tableLayout,
} from '@nianbao/core';
import { agencyUrl, CHECK_LABELS, type CheckSummary, reportUrl, type SiteReport } from './model.js';
import { MEASURES } from './portal.js';
import type { CellEntry, SiteIndex } from './site-data.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const csvValue = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v));
const BOM = '\uFEFF';

/** Columns of every cells CSV: one row per cell of a report. */
export const CELL_COLUMNS = [
  'agency',
  'region',
  'level',
  'year',
  'table',
  'template_version',
  'cell_id',
  'value',
  'status',
] as const;

/** The table of a cell id (`t3.new.total` → t3). */
const tableOf = (id: string) => id.slice(0, 2) as TableId;

/** What a cell holds, as the CSV says it: read, derived, blank (the agency's) or unread (the import's gap). */
export type CellStatusOf = (id: string) => 'read' | 'derived' | 'blank' | 'unread';

/** The CSV rows of one report's cells (no header). */
export function cellRows(report: Pick<Report, 'meta' | 'cells'>, status: CellStatusOf): string {
  const { meta } = report;
  const prefix = [csvField(meta.agency), csvField(meta.region ?? ''), meta.level, String(meta.year)].join(',');
  const out: string[] = [];
  for (const c of reportCells(meta.formats)) {
    const table = tableOf(c.id);
    const version = table === 't2' ? meta.formats.t2 : meta.formats.t3;
    out.push(`${prefix},${table},${version},${c.id},${csvValue(report.cells[c.id])},${status(c.id)}\r\n`);
  }
  return out.join('');
}

/** Appends to many CSV files at once, each opened on first use with its header; memory stays flat. */
export class CsvFiles {
  private readonly open = new Map<string, number>();
  readonly written: string[] = [];
  constructor(private readonly root: string) {}
  append(file: string, text: string) {
    let fd = this.open.get(file);
    if (fd === undefined) {
      const path = join(this.root, file);
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, 'w');
      writeSync(fd, `${BOM}${CELL_COLUMNS.join(',')}\r\n`);
      this.open.set(file, fd);
      this.written.push(file);
    }
    writeSync(fd, text);
  }
  close() {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}

/** The cells of one report with their names. */
export function reportCsv(report: Pick<Report, 'meta' | 'cells'>, status: CellStatusOf): string {
  const lines = ['cell_id,name,value,status'];
  for (const c of reportCells(report.meta.formats))
    lines.push(`${c.id},${csvField(cellName(c.id))},${csvValue(report.cells[c.id])},${status(c.id)}`);
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The check result as the JSON files give it. */
export function checksJson(c: CheckSummary) {
  return {
    state: c.state,
    stateLabel: CHECK_LABELS[c.state],
    summary: c.summary,
    identities: c.identities,
    identitiesHold: c.identitiesHold,
    errors: c.errors.length,
    warnings: c.notes.length,
    unreadCells: c.unread,
    findings: [...c.errors, ...c.notes].map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      cells: f.cells,
      message: f.message,
    })),
  };
}

/** A report download: the report as published (a valid report file) plus its check results under `checks`. */
export function reportJson(canonical: string, check: CheckSummary): string {
  return `${JSON.stringify({ ...JSON.parse(canonical), checks: checksJson(check) }, null, 2)}\n`;
}

/** The full index of all reports (`/data/reports.json`), with check results and links. */
export function reportsIndex(reports: SiteReport[], built: string): string {
  return `${JSON.stringify(
    {
      schemaVersion: 2,
      built,
      count: reports.length,
      reports: reports.map((r) => {
        const { meta } = r;
        const c = checksJson(r.check);
        return {
          id: r.slug,
          title: reportTitle(meta.agency, meta.year),
          agency: meta.agency,
          level: meta.level,
          region: meta.region ?? null,
          year: meta.year,
          publishedAt: meta.publishedAt ?? null,
          templates: meta.formats,
          checks: { ...c, failed: c.findings.filter((f) => f.severity === 'error') },
          links: { page: reportUrl(r.slug), agency: agencyUrl(r.agencySlug), ...r.downloads },
        };
      }),
    },
    null,
    1,
  )}\n`;
}

/** The small index the browse, compare and search pages load. */
export function siteIndex(reports: SiteReport[], built: string): SiteIndex {
  const agencies: SiteIndex['agencies'] = [];
  const at = new Map<string, number>();
  for (const r of reports) {
    if (at.has(r.agencySlug)) continue;
    at.set(r.agencySlug, agencies.length);
    agencies.push({
      id: r.agencySlug,
      name: r.meta.agency,
      level: r.meta.level,
      region: r.meta.region ?? null,
      regionId: r.regionSlug,
    });
  }
  return {
    schemaVersion: 1,
    built,
    levels: AGENCY_LEVEL_LABELS,
    checks: CHECK_LABELS,
    measures: MEASURES.map(({ key, label, kind }) => ({ key, label, kind })),
    agencies,
    reports: reports.map((r) => [
      r.slug,
      at.get(r.agencySlug)!,
      r.meta.year,
      r.check.state,
      ...r.values.map((v) => (v === null ? null : Math.round(v * 1e4) / 1e4)),
    ]),
  };
}

/** Every cell id of both templates with its table, row and column labels in Chinese. */
export function cellDictionary(): CellEntry[] {
  const out: CellEntry[] = [];
  for (const table of ['t2', 't3', 't4'] as const) {
    for (const v of TEMPLATE_VERSIONS) {
      for (const c of tableLayout(table, v).cells) {
        const known = out.find((e) => e.id === c.id);
        if (known) {
          if (!known.versions.includes(v)) known.versions.push(v);
          continue;
        }
        out.push({
          id: c.id,
          table,
          tableName: TABLE_NAMES[table],
          versions: [v],
          row: c.rowPath.join(' › '),
          column: c.columnPath.join(' › '),
          unit: c.unit ?? '',
        });
      }
    }
  }
  return out;
}

export function cellDictionaryCsv(entries: CellEntry[]): string {
  const lines = ['cell_id,table,template_versions,row,column,unit'];
  for (const e of entries)
    lines.push(
      [e.id, e.tableName, e.versions.join(' '), csvField(e.row), csvField(e.column), csvField(e.unit)].join(','),
    );
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The licence of the open data. */
export const LICENCE_TEXT = `本站开放数据（/data/ 下的 CSV 和 JSON 文件）的汇编按“知识共享署名 4.0 国际”许可协议（CC BY 4.0，https://creativecommons.org/licenses/by/4.0/deed.zh-hans）提供：可自由复制、分发和改编，包括商业用途，但须注明来源。

各年报的原文由发布机关依《中华人民共和国政府信息公开条例》主动公开，其内容以发布机关公布的原文为准。本站对数据所作的核对（勾稽关系）和标注（未能读取的单元格）不代表发布机关的意见。
`;
