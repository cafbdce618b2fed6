import { normalizeReport, parseReport } from '../model/parse.js';
import type { Report } from '../model/report.js';
import { reportCells, type TableFormats } from '../templates/index.js';
import { SECTIONS } from '../templates/sections.js';
import type { TableId, TemplateVersion } from '../templates/types.js';
import { type ImportDiagnostic, importDiagnostic } from './messages.js';
import { levelOf, readMeta } from './meta.js';
import { labelKey, trimAll, unifyRadicals } from './normalize.js';
import { readSections, sectionStarts } from './sections.js';
import { type ReadContext, readTable2, readTable3, readTable4, type TableRead } from './tables.js';
import { type Tokenized, tokenizeHtml, tokenizeMarkdown, tokenizeText } from './tokens.js';
import type { ImportFormat, ImportOptions, ImportResult, TableReading } from './types.js';

export type {
  ImportCode,
  ImportDiagnostic,
  ImportDiagnosticData,
  ImportDiagnosticOf,
  ImportSeverity,
  SplitBasis,
} from './messages.js';
export {
  IMPORT_CODES,
  IMPORT_KIND_LABELS,
  IMPORT_MESSAGES,
  IMPORT_STATUS_LABELS,
  importDiagnostic,
} from './messages.js';
export type {
  ImportFormat,
  ImportOptions,
  ImportResult,
  ImportStatus,
  InferredCell,
  SourceLocation,
  TableReading,
} from './types.js';

const EXTENSIONS: Record<string, ImportFormat> = {
  html: 'html',
  htm: 'html',
  shtml: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

/** Guess the format from the file name, then from the content. */
export function detectFormat(input: string, fileName?: string): ImportFormat {
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext && fileName!.includes('.') && EXTENSIONS[ext]) return EXTENSIONS[ext]!;
  const head = input.slice(0, 4096).toLowerCase();
  const lead = head.trimStart();
  if (
    lead.startsWith('<!doctype html') ||
    lead.startsWith('<html') ||
    head.includes('<table') ||
    head.includes('<body') ||
    (lead.startsWith('<') && head.includes('</p>'))
  )
    return 'html';
  let pipes = 0;
  let hashes = 0;
  for (const line of input.slice(0, 200_000).split('\n')) {
    const t = line.trim();
    if (t.startsWith('|') && t.endsWith('|') && t.length > 2) pipes++;
    else if (t.startsWith('# ') || t.startsWith('## ') || t.startsWith('### ')) hashes++;
    if (pipes >= 3 || hashes >= 2) return 'markdown';
  }
  if (input.includes('<td') || input.includes('<TD')) return 'html';
  return 'text';
}

/** Longest input read (characters); a report is at most a few hundred thousand. */
export const MAX_IMPORT_CHARS = 25_000_000;

/** Where a table's tokens are: from its section heading to the next heading found. */
function regions(tk: Tokenized): Record<TableId, [number, number]> {
  const starts = sectionStarts(tk.tokens);
  const n = tk.tokens.length;
  const after = (k: number) => {
    for (let j = k + 1; j < starts.length; j++) if (starts[j] !== undefined) return starts[j]!;
    return n;
  };
  const before = (k: number) => {
    for (let j = k - 1; j >= 0; j--) if (starts[j] !== undefined) return starts[j]!;
    return 0;
  };
  const region = (k: number): [number, number] =>
    starts[k] !== undefined ? [starts[k]!, after(k)] : [before(k), after(k)];
  let t4 = region(3);
  if (starts[3] === undefined) {
    const from = starts[2] ?? 0;
    const at = tk.tokens.findIndex(
      (t, i) => i >= from && t.kind === 'text' && t.key.startsWith(labelKey('行政复议')) && t.key.length <= 40,
    );
    t4 = at >= 0 ? [at, after(3)] : [n, n];
  }
  return { t2: region(1), t3: region(2), t4 };
}

function tokenize(input: string, format: ImportFormat, places?: ImportOptions['places']): Tokenized {
  if (format === 'html') return tokenizeHtml(input);
  if (format === 'markdown') return tokenizeMarkdown(input);
  return tokenizeText(input, places);
}

/**
 * Read a published annual report (plain text, HTML or Markdown) into the report model, with a
 * diagnostic for everything unusual: deterministic, never throws on bad input, linear in its size.
 */
export function importReport(input: string, options: ImportOptions = {}): ImportResult {
  const raw = typeof input === 'string' ? input : '';
  const diagnostics: ImportDiagnostic[] = [];
  const tooLarge = raw.length > MAX_IMPORT_CHARS;
  if (tooLarge) {
    diagnostics.push(importDiagnostic('E_INPUT_TOO_LARGE', {}, { chars: raw.length, limit: MAX_IMPORT_CHARS }));
  }
  const text = tooLarge ? '' : unifyRadicals(raw.replace(/^\uFEFF/, ''));
  const format = options.format ?? detectFormat(text, options.fileName);
  const tk = tokenize(text, format, options.places);
  if (tk.tooDeep) diagnostics.push(importDiagnostic('E_HTML_TOO_DEEP', {}, { limit: tk.tooDeep }));

  const { meta, titleLines, agencySource, fullName } = readMeta(tk.lines, tk.title);
  if (meta.year === undefined || meta.year < 2008 || meta.year > 2100) {
    const m = /(20\d\d)\s*年/.exec(text.slice(0, 100_000));
    meta.year = m ? Number(m[1]) : 2021;
    diagnostics.push(importDiagnostic('W_NO_YEAR', {}, { year: meta.year, fromText: m !== null }));
  }
  const given = options.agency === undefined ? '' : trimAll(options.agency);
  if (given) {
    meta.agency = given;
    meta.level = levelOf(given);
  } else if (!meta.agency) diagnostics.push(importDiagnostic('E_NO_AGENCY', {}, {}));
  else if (agencySource && agencySource !== 'title')
    diagnostics.push(importDiagnostic('I_AGENCY_SOURCE', {}, { agency: meta.agency, source: agencySource }));
  else if (fullName) diagnostics.push(importDiagnostic('I_AGENCY_FULL_NAME', {}, fullName));
  const fallback: TemplateVersion = meta.year >= 2021 ? '2021' : '2019';
  const reg = regions(tk);
  const ctx: ReadContext = {
    cells: {},
    cellText: {},
    provenance: {},
    diagnostics,
    inferred: [],
    separated: true,
  };
  const r2 = readTable2(tk.tokens, reg.t2[0], reg.t2[1], fallback, ctx);
  const r3 = readTable3(tk.tokens, reg.t3[0], reg.t3[1], fallback, ctx);
  const r4 = { ...readTable4(tk.tokens, reg.t4[0], reg.t4[1], ctx), version: r3.version };
  const formats: TableFormats = { t2: r2.version, t3: r3.version };

  const { preamble, sections } = readSections(tk.lines, format === 'text', titleLines);
  for (const s of SECTIONS) {
    if (!sections.some((x) => x.key === s.key)) {
      diagnostics.push(importDiagnostic('W_SECTION_MISSING', {}, { heading: s.heading }));
    }
  }
  for (const line of tk.pageMarks.slice(0, 20)) {
    diagnostics.push(importDiagnostic('I_PAGE_MARK', { line }, {}));
  }

  const all = reportCells(formats);
  const reads: [TableId, TableRead][] = [
    ['t2', r2],
    ['t3', r3],
    ['t4', r4],
  ];
  const tableFound = { t2: r2.found, t3: r3.found, t4: r4.found };
  const cells: Report['cells'] = {};
  const cellText: Record<string, string> = {};
  const provenance: NonNullable<Report['provenance']> = {};
  for (const c of all) {
    cells[c.id] = ctx.cells[c.id] ?? null;
    if (ctx.cellText[c.id] !== undefined) cellText[c.id] = ctx.cellText[c.id]!;
    const p = ctx.provenance[c.id];
    // A cell is blank only where the blank was seen; every other cell not read is unread, never blank.
    if (c.id in ctx.cells) {
      if (p && p.status !== 'unread') provenance[c.id] = p;
    } else if (p?.status === 'unread') provenance[c.id] = p;
    else
      provenance[c.id] = {
        status: 'unread',
        reason: tooLarge ? 'E_INPUT_TOO_LARGE' : tableFound[c.table] ? 'E_ROW_NOT_FOUND' : 'E_TABLE_MISSING',
      };
  }
  const statusOf = (id: string) => {
    const p = provenance[id];
    return p ? (p.status === 'derived' ? 'derived' : p.status) : 'read';
  };
  const found = all.filter((c) => typeof cells[c.id] === 'number').map((c) => c.id);
  const missing = all.filter((c) => typeof cells[c.id] !== 'number').map((c) => c.id);
  const unread = all.filter((c) => statusOf(c.id) === 'unread').map((c) => c.id);
  const blank = all.filter((c) => statusOf(c.id) === 'blank').map((c) => c.id);
  const tables: TableReading[] = reads.map(([table, r]) => {
    const ids = all.filter((c) => c.table === table);
    const count = (s: string) => ids.filter((c) => statusOf(c.id) === s).length;
    return {
      table,
      version: r.version,
      decidedBy: r.decidedBy,
      found: r.found,
      cellsFound: ids.filter((c) => typeof cells[c.id] === 'number').length,
      cellsExpected: ids.length,
      cellsRead: count('read'),
      cellsDerived: count('derived'),
      cellsBlank: count('blank'),
      cellsUnread: count('unread'),
    };
  });
  for (const t of tables) {
    if (!t.found) {
      diagnostics.push(importDiagnostic('E_TABLE_MISSING', { table: t.table }, {}));
      continue;
    }
    // Cells already explained (digits that could not be split, too few values) are not repeated here.
    const absent = all
      .filter((c) => c.table === t.table && !(c.id in ctx.cells) && ctx.provenance[c.id]?.status !== 'unread')
      .map((c) => c.id);
    if (absent.length) {
      diagnostics.push(importDiagnostic('W_CELLS_NOT_FOUND', { table: t.table }, { cells: absent }, absent.join(' ')));
    }
  }

  const draft: Report = {
    schemaVersion: 1,
    meta: { level: 'other', ...meta, agency: meta.agency ?? '', year: meta.year, formats } as Report['meta'],
    preamble,
    sections,
    cells,
  };
  if (Object.keys(cellText).length) draft.cellText = cellText;
  if (Object.keys(provenance).length) draft.provenance = provenance;
  const checked = parseReport(draft);
  let report: Report;
  if (checked.ok) report = checked.report;
  else {
    // Optional metadata that does not pass the schema is dropped rather than failing the import.
    const { agency, year, level } = draft.meta;
    report = normalizeReport({ ...draft, meta: { agency, year, level, formats } });
    for (const issue of checked.issues) {
      if (issue.path === 'meta.agency' && !draft.meta.agency) continue; // E_NO_AGENCY says it
      diagnostics.push(importDiagnostic('W_META_DROPPED', {}, { issue: issue.message }));
    }
  }
  const status = found.length === 0 ? 'none' : unread.length === 0 ? 'complete' : 'partial';
  if (status === 'none' && !tooLarge && !tk.tooDeep) {
    diagnostics.push(importDiagnostic('E_NOTHING_READ', {}, {}));
  }
  return { report, format, tables, diagnostics, found, missing, unread, blank, inferred: ctx.inferred, status };
}
