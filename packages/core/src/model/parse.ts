import { z } from 'zod';
import { cellDef, reportCells, SECTIONS, type TableFormats } from '../templates/index.js';
import { cellProvenance } from './provenance.js';
import { type Cells, type Report, ReportSchema } from './report.js';

/** A problem with the shape of the input, with a code for programs and a message for people. */
export interface InputIssue {
  code: string;
  /** Path inside the JSON, e.g. `cells.t3.new.total` or `meta.year`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; report: Report } | { ok: false; issues: InputIssue[] };

const zhCN = z.locales.zhCN().localeError;

const PATH_NAMES: Record<string, string> = {
  meta: '基本信息',
  agency: '机关名称',
  year: '报告年度',
  level: '机关层级',
  formats: '表格格式',
  cells: '统计表',
  sections: '正文',
  preamble: '引言',
};

function pathText(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

function describePath(path: PropertyKey[]): string {
  if (path[0] === 'cells' && typeof path[1] === 'string') {
    const def = cellDef(path[1]);
    return def ? `单元格 ${path[1]}（${def.rowLabel} · ${def.columnLabel}）` : `单元格 ${path[1]}`;
  }
  const named = path.map((p) => (typeof p === 'string' ? (PATH_NAMES[p] ?? p) : `第${Number(p) + 1}项`));
  return named.join(' › ') || '报告';
}

/**
 * Read a value that should be a report: shape and types are checked (zod), cell ids must belong to the
 * report's table formats. Identities are not checked here: that is `validate`.
 */
export function parseReport(input: unknown): ParseResult {
  const parsed = ReportSchema.safeParse(input, { error: zhCN });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: `E_SCHEMA_${i.code.toUpperCase()}`,
        path: pathText(i.path),
        message: `${describePath(i.path)}：${i.message}`,
      })),
    };
  }
  const report = parsed.data;
  const known = new Set(reportCells(report.meta.formats).map((c) => c.id));
  const issues: InputIssue[] = [];
  const ids = [
    ...Object.keys(report.cells).map((id) => ['cells', id] as const),
    ...Object.keys(report.provenance ?? {}).map((id) => ['provenance', id] as const),
  ];
  for (const [field, id] of ids) {
    if (known.has(id)) continue;
    const other = cellDef(id);
    issues.push({
      code: other ? 'E_CELL_WRONG_TEMPLATE' : 'E_CELL_UNKNOWN',
      path: `${field}.${id}`,
      message: other
        ? `单元格 ${id}（${other.rowLabel} · ${other.columnLabel}）不属于所选格式（表二 ${report.meta.formats.t2} 版、表三 ${report.meta.formats.t3} 版）`
        : `未知的单元格编号 ${id}`,
    });
  }
  const seen = new Set<string>();
  report.sections.forEach((s, i) => {
    if (seen.has(s.key))
      issues.push({
        code: 'E_SECTION_DUPLICATE',
        path: `sections.${i}.key`,
        message: `正文第${i + 1}部分与前文重复（${s.key}）`,
      });
    seen.add(s.key);
  });
  return issues.length ? { ok: false, issues } : { ok: true, report: normalizeReport(report) };
}

/** Parse, or throw an Error whose message lists every issue (for trusted callers such as tests). */
export function reportFrom(input: unknown): Report {
  const r = parseReport(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.report;
}

/** Every cell of the report's formats, in table order; missing cells become null. */
export function cellsView(report: Pick<Report, 'meta' | 'cells'>): Cells {
  const out: Cells = {};
  for (const c of reportCells(report.meta.formats)) out[c.id] = report.cells[c.id] ?? null;
  return out;
}

/** Sections in the official order, every cell present: the form the report is stored and compared in. */
export function normalizeReport(report: Report): Report {
  const order = new Map(SECTIONS.map((s, i) => [s.key, i]));
  const out: Report = {
    schemaVersion: report.schemaVersion,
    meta: report.meta,
    preamble: report.preamble,
    sections: [...report.sections].sort((a, b) => order.get(a.key)! - order.get(b.key)!),
    cells: cellsView(report),
  };
  if (report.cellText && Object.keys(report.cellText).length) out.cellText = report.cellText;
  // Entries that disagree with the cell (a number where the import said unread) were overtaken by an edit.
  if (report.provenance) {
    const kept: NonNullable<Report['provenance']> = {};
    for (const id of Object.keys(out.cells)) {
      const p = cellProvenance({ cells: out.cells, provenance: report.provenance }, id);
      if (p) kept[id] = p;
    }
    if (Object.keys(kept).length) out.provenance = kept;
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

/**
 * The canonical JSON text of a report: normalised, object keys sorted except the cells (kept in table
 * order), two-space indent, final newline. Two equal reports give the same text.
 */
export function canonicalJson(report: Report): string {
  const n = normalizeReport(report);
  const { cells, ...rest } = n;
  const sorted = sortKeys(rest) as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(sorted).concat('cells').sort()) ordered[k] = k === 'cells' ? cells : sorted[k];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** An empty report for an agency and year, every cell not stated and the six sections present. */
export function emptyReport(
  meta: { agency: string; year: number; formats?: TableFormats } & Partial<Report['meta']>,
): Report {
  const formats = meta.formats ?? { t2: '2021', t3: '2021' };
  return normalizeReport({
    schemaVersion: 1,
    meta: { level: 'other', ...meta, formats },
    preamble: [],
    sections: SECTIONS.map((s) => ({ key: s.key, heading: s.heading, blocks: [] })),
    cells: {},
  });
}
