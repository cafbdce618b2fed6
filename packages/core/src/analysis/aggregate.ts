import { cellsView, normalizeReport } from '../model/parse.js';
import type { AgencyLevel, Cells, Report } from '../model/report.js';
import type { Finding } from '../rules/evaluate.js';
import { validate } from '../rules/validate.js';
import { reportCells, SECTIONS, type TableFormats, type TemplateVersion } from '../templates/index.js';
import { type AnalysisFinding, analysisFinding, applySeverity, countSeverities, round6 } from './finding.js';
import { analysisMessage, type RollUpRuleId } from './messages.js';
import { type TemplateMapping, templateMapping, type UnmappableCell } from './migrate.js';

export interface AggregateOptions {
  agency?: string;
  level?: AgencyLevel;
  region?: string;
  /** Report year of the roll-up; default: the units' year (the latest, where they differ). */
  year?: number;
  /** Template versions of the roll-up's tables; default: see `rollUpFormats`. */
  formats?: Partial<TableFormats>;
}

export interface RollUpUnit {
  index: number;
  agency: string;
  year: number;
  formats: TableFormats;
}

export interface RollUp {
  report: Report;
  units: RollUpUnit[];
  /** Distinct report years of the units (more than one is usually a mistake). */
  years: number[];
  /** Values of units that the roll-up's templates cannot hold, by unit. */
  dropped: (UnmappableCell & { unit: number; value: number })[];
  /** Roll-up cells that some units could not contribute to (their template has no such cell), with those units. */
  incomplete: { cellId: string; units: number[]; reason: string }[];
  /** The units themselves, for the drill-down. */
  sources: readonly Pick<Report, 'meta' | 'cells'>[];
}

/**
 * The templates of a roll-up where units differ: 表三 in the 2019 shape (2021 （六）1–3 add up to 2019 （六）
 * exactly, while the 2019 row cannot be split), 表二 in the 2021 shape (the current template; 2019 units
 * contribute only the 处理决定数量 rows, which mean the same in both).
 */
export function rollUpFormats(units: readonly Pick<Report, 'meta'>[]): TableFormats {
  const pick = (table: 't2' | 't3', mixed: TemplateVersion): TemplateVersion => {
    const vs = new Set(units.map((u) => u.meta.formats[table]));
    return vs.size === 1 ? [...vs][0]! : mixed;
  };
  return { t2: pick('t2', '2021'), t3: pick('t3', '2019') };
}

type Resolved = { ids: string[]; index: number }[];

function resolve(mapping: TemplateMapping, position: Map<string, number>): Resolved {
  return mapping.cells.map((m) => ({ ids: m.from, index: position.get(m.to)! }));
}

/**
 * Roll up many units' reports into one: every cell is the sum of the units' cells (blank only where every
 * unit is blank), units on another template mapped as `rollUpFormats` documents.
 */
export function aggregate(units: readonly Pick<Report, 'meta' | 'cells'>[], options: AggregateOptions = {}): RollUp {
  const auto = rollUpFormats(units);
  const formats: TableFormats = { t2: options.formats?.t2 ?? auto.t2, t3: options.formats?.t3 ?? auto.t3 };
  const target = reportCells(formats).map((c) => c.id);
  const position = new Map(target.map((id, i) => [id, i]));
  const sums = new Float64Array(target.length);
  const stated = new Uint8Array(target.length);
  const resolved = new Map<string, Resolved>();
  const resolvedFor = (table: 't2' | 't3' | 't4', from: TemplateVersion): Resolved => {
    const key = `${table}:${from}`;
    let r = resolved.get(key);
    if (!r) {
      if (table === 't4')
        r = target.filter((id) => id.startsWith('t4.')).map((id) => ({ ids: [id], index: position.get(id)! }));
      else r = resolve(templateMapping(table, from, formats[table]), position);
      resolved.set(key, r);
    }
    return r;
  };
  const dropped: RollUp['dropped'] = [];
  const lacking = new Map<string, { units: number[]; reason: string }>();
  units.forEach((u, unit) => {
    const cells = u.cells;
    for (const table of ['t2', 't3', 't4'] as const) {
      const from = table === 't4' ? formats.t3 : u.meta.formats[table];
      for (const { ids, index } of resolvedFor(table, from)) {
        for (let k = 0; k < ids.length; k++) {
          const v = cells[ids[k]!];
          if (v !== null && v !== undefined) {
            sums[index] = sums[index]! + v;
            stated[index] = 1;
          }
        }
      }
      if (table === 't4' || from === formats[table]) continue;
      const m = templateMapping(table, from, formats[table]);
      for (const d of m.dropped) {
        const v = cells[d.cellId];
        if (v !== null && v !== undefined && v !== 0) dropped.push({ ...d, unit, value: v });
      }
      for (const k of m.unknown) {
        const entry = lacking.get(k.cellId) ?? { units: [], reason: k.reason };
        entry.units.push(unit);
        lacking.set(k.cellId, entry);
      }
    }
  });
  const cells: Cells = {};
  target.forEach((id, i) => {
    cells[id] = stated[i] ? round6(sums[i]!) : null;
  });
  const years = [...new Set(units.map((u) => u.meta.year))].sort((a, b) => a - b);
  const year = options.year ?? years[years.length - 1] ?? new Date().getFullYear();
  const report = normalizeReport({
    schemaVersion: 1,
    meta: {
      agency: options.agency ?? analysisMessage('rollup.name', { units: units.length }),
      level: options.level ?? 'other',
      ...(options.region ? { region: options.region } : {}),
      year,
      formats,
    },
    preamble: [],
    sections: SECTIONS.map((s) => ({ key: s.key, heading: s.heading, blocks: [] })),
    cells,
  });
  return {
    report,
    units: units.map((u, index) => ({ index, agency: u.meta.agency, year: u.meta.year, formats: u.meta.formats })),
    years,
    dropped,
    incomplete: [...lacking].map(([cellId, e]) => ({ cellId, ...e })),
    sources: units,
  };
}

/** One unit's part in a roll-up cell. */
export interface Contribution {
  unit: number;
  agency: string;
  /** The unit's value (the sum of `from` where its template splits the cell). */
  value: number;
  from: string[];
}

/** Drill-down: which units contributed to a cell of the roll-up, and with what (units that left it blank are not listed). */
export function contributions(rollup: RollUp, cellId: string): Contribution[] {
  const formats = rollup.report.meta.formats;
  const out: Contribution[] = [];
  rollup.sources.forEach((u, unit) => {
    let from: string[] | undefined;
    if (cellId.startsWith('t4.')) from = [cellId];
    else {
      const table = cellId.startsWith('t2.') ? 't2' : 't3';
      from = templateMapping(table, u.meta.formats[table], formats[table]).cells.find((m) => m.to === cellId)?.from;
    }
    if (!from) return;
    const values = from.map((id) => u.cells[id]).filter((v): v is number => v !== null && v !== undefined);
    if (!values.length) return;
    out.push({ unit, agency: u.meta.agency, value: round6(values.reduce((a, b) => a + b, 0)), from });
  });
  return out;
}

/** A unit whose own tables break an identity, with the identity findings. */
export interface UnitBreak {
  unit: number;
  agency: string;
  year: number;
  findings: Finding[];
}

/** Drill-down: the units that break an identity of their own tables (an identity error of the roll-up comes from them). */
export function unitBreaks(rollup: RollUp): UnitBreak[] {
  const out: UnitBreak[] = [];
  rollup.sources.forEach((u, unit) => {
    const findings = validate(u, { kinds: ['sum', 'equation'] }).findings.filter((f) => f.severity === 'error');
    if (findings.length) out.push({ unit, agency: u.meta.agency, year: u.meta.year, findings });
  });
  return out;
}

export interface RollUpCheckOptions {
  severity?: Partial<Record<RollUpRuleId, 'error' | 'warning' | 'info' | 'off'>>;
}

/**
 * Check a submitted roll-up against its units: every cell must equal the units' sum (in the submitted
 * report's templates). Findings have rule id `rollup.sum`, with the largest contributions named.
 */
export function checkRollUp(
  submitted: Pick<Report, 'meta' | 'cells'>,
  units: readonly Pick<Report, 'meta' | 'cells'>[],
  options: RollUpCheckOptions = {},
) {
  const rollup = aggregate(units, { formats: submitted.meta.formats, year: submitted.meta.year });
  const mine = cellsView(submitted);
  const findings: AnalysisFinding[] = [];
  for (const [id, sum] of Object.entries(rollup.report.cells)) {
    const stated = mine[id] ?? null;
    if (stated === sum || (sum === null && stated === 0)) continue;
    const expected = sum ?? 0;
    const actual = stated ?? 0;
    if (stated !== null && actual === expected) continue;
    const parts = contributions(rollup, id)
      .filter((c) => c.value !== 0)
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    findings.push(
      analysisFinding({
        ruleId: 'rollup.sum',
        kind: 'rollup',
        severity: 'error',
        key: id,
        year: submitted.meta.year,
        agency: submitted.meta.agency,
        left: [id],
        expected,
        actual,
        difference: round6(actual - expected),
        missing: stated === null ? [id] : [],
        message: analysisMessage('rollup.sum', {
          cellId: id,
          units: units.length,
          actual: stated,
          expected,
          difference: round6(actual - expected),
          largest: parts.slice(0, 3).map((c) => ({ agency: c.agency, value: c.value })),
          more: parts.length > 3,
        }),
      }),
    );
  }
  const out = applySeverity(findings, options.severity);
  return { findings: out, rollup, ...countSeverities(out) };
}
