import type { Cells } from '../model/report.js';
import type { TableFormats } from '../templates/index.js';
import type { RuleId, RuleKind, Severity } from './catalogue.js';
import { type RuleInstance, ruleInstances } from './instances.js';
import { ruleMessage } from './messages.js';

/** One problem found in a report. Data first; `message` is built from the data. */
export interface Finding {
  ruleId: RuleId;
  kind: RuleKind;
  severity: Severity;
  /** The instance of the rule: the column, row, group or cell it was checked for. */
  key: string;
  /** Every cell involved: the left side, then the right side. */
  cells: string[];
  /** sum: [target]; equation: left side; per-cell rules: [cell]. */
  left: string[];
  /** sum: the parts; equation: the right side. */
  right: string[];
  /** sum: Σ parts; equation: Σ left. */
  expected?: number;
  /** sum: the target as stated; equation: Σ right; per-cell rules: the value. */
  actual?: number;
  /** actual − expected. */
  difference?: number;
  /** Cells of the check that are not stated (counted as 0). */
  missing: string[];
  /** Stable across runs and edits of the values: rule id and instance. */
  fingerprint: string;
  /** The single cell that would explain this finding together with others that share it. */
  likelyCell?: string;
  /**
   * Cells of the check that the import could not read: the identity is not checked (无法核对), whatever the
   * other cells say. Only on such findings, whose severity is `UNREAD_CHECK_SEVERITY` (never an error).
   */
  unread?: string[];
  message: string;
}

/** A single cell that would make several failing identities hold if it were changed. */
export interface LikelyCell {
  cellId: string;
  current: number | null;
  suggested: number;
  /** Fingerprints of the findings it explains. */
  explains: string[];
  message: string;
}

export interface ValidateOptions {
  /** Change the severity of a rule, or turn it off (`unread` for the 无法核对 findings). */
  severity?: Partial<Record<RuleId | 'unread', Severity | 'off'>>;
  /** Cells the import could not read (`unreadCells(report)`): not 未填写, and identities through them are not checked. */
  unread?: Iterable<string>;
  /** Only run these rule kinds (default: all). */
  kinds?: readonly RuleKind[];
}

export interface ValidationResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  infos: number;
  likely: LikelyCell[];
}

/** FNV-1a, 32 bits, as 8 hex digits: short stable ids for findings. */
export function fingerprintOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const sumOf = (cells: Cells, ids: string[]) => {
  let s = 0;
  for (const id of ids) s += cells[id] ?? 0;
  return s;
};
const countStated = (cells: Cells, ids: string[]) => {
  let n = 0;
  for (const id of ids) if (cells[id] != null) n++;
  return n;
};
/** Round away float noise from sums of decimals (money in 万元 has at most a few decimals). */
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const round = round6;

type Check = (
  inst: RuleInstance,
  cells: Cells,
  arith: Cells,
) => Omit<Finding, 'ruleId' | 'kind' | 'severity' | 'key' | 'cells' | 'left' | 'right' | 'fingerprint'> | null;

/** One evaluator per rule kind: adding a kind without one fails to compile. */
const evaluators: { [K in RuleKind]: Check } = {
  sum: (inst, cells, arith) => {
    const target = inst.left[0]!;
    const stated = cells[target];
    if (stated === null || stated === undefined) return null; // a blank total is reported by `required`, not as a wrong sum
    if (countStated(cells, inst.right) === 0) return null;
    const expected = round(sumOf(arith, inst.right));
    if (stated === expected) return null;
    const missing = inst.right.filter((id) => cells[id] == null);
    const difference = round(stated - expected);
    return {
      expected,
      actual: stated,
      difference,
      missing,
      message: ruleMessage('sum', { inst, stated, expected, difference, missing }),
    };
  },
  equation: (inst, cells, arith) => {
    if (countStated(cells, inst.left) + countStated(cells, inst.right) === 0) return null;
    const expected = round(sumOf(arith, inst.left));
    const actual = round(sumOf(arith, inst.right));
    if (expected === actual) return null;
    const missing = [...inst.left, ...inst.right].filter((id) => cells[id] == null);
    const difference = round(actual - expected);
    return {
      expected,
      actual,
      difference,
      missing,
      message: ruleMessage('equation', { inst, left: expected, right: actual, difference, missing }),
    };
  },
  type: (inst, cells) => {
    const id = inst.left[0]!;
    const v = cells[id];
    if (v === null || v === undefined) return null;
    const kind = inst.rule.kind === 'type' ? inst.rule.cellKind : 'count';
    const ok =
      kind === 'count'
        ? Number.isInteger(v) && v >= 0
        : kind === 'signedCount'
          ? Number.isInteger(v)
          : Number.isFinite(v) && v >= 0;
    if (ok) return null;
    return { actual: v, missing: [], message: ruleMessage('type', { cellId: id, kind, value: v }) };
  },
  required: (inst, cells) => {
    const id = inst.left[0]!;
    if (cells[id] !== null && cells[id] !== undefined) return null;
    return { missing: [id], message: ruleMessage('required', { cellId: id }) };
  },
  range: (inst, cells) => {
    const id = inst.left[0]!;
    const v = cells[id];
    if (inst.rule.kind !== 'range' || v == null || v <= inst.rule.max) return null;
    return { actual: v, missing: [], message: ruleMessage('range', { cellId: id, value: v, hint: inst.rule.hint }) };
  },
};

function runInstance(inst: RuleInstance, cells: Cells, severity: Severity, arith: Cells = cells): Finding | null {
  const out = evaluators[inst.rule.kind](inst, cells, arith);
  return out ? toFinding(inst, severity, out) : null;
}

function toFinding(inst: RuleInstance, severity: Severity, out: NonNullable<ReturnType<Check>>): Finding {
  return {
    ruleId: inst.rule.id,
    kind: inst.rule.kind,
    severity,
    key: inst.key,
    cells: [...inst.left, ...inst.right],
    left: inst.left,
    right: inst.right,
    fingerprint: fingerprintOf(`${inst.rule.id}|${inst.key}`),
    ...out,
  };
}

/** Severity of a 无法核对 finding (an identity through a cell the import could not read): never an error. */
export const UNREAD_CHECK_SEVERITY: Severity = 'warning';

/** The cells of an identity that were not read, directly or through a blank total computed from them. */
function unreadIn(inst: RuleInstance, unread: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set<string>();
  for (const id of [...inst.left, ...inst.right]) for (const u of unread.get(id) ?? []) out.add(u);
  return [...out];
}

function unverifiable(inst: RuleInstance, cells: Cells, unread: string[], severity: Severity): Finding {
  const missing = [...inst.left, ...inst.right].filter((id) => cells[id] == null && !unread.includes(id));
  return toFinding(inst, severity, {
    missing,
    unread,
    message: ruleMessage('unverifiable', { inst, unread }),
  });
}

/** Check a flat cells view against every rule that applies to the given table formats. */
export function validateCells(cells: Cells, formats: TableFormats, options: ValidateOptions = {}): ValidationResult {
  const findings: Finding[] = [];
  const unread = new Map<string, readonly string[]>();
  for (const id of options.unread ?? []) if (cells[id] == null) unread.set(id, [id]);
  const arith = arithmeticCells(cells, formats, unread);
  const overrides = options.severity;
  const unreadSeverity = overrides?.unread ?? UNREAD_CHECK_SEVERITY;
  for (const inst of ruleInstances(formats)) {
    const kind = inst.rule.kind;
    if (unread.size && (kind === 'sum' || kind === 'equation')) {
      const ids = unreadIn(inst, unread);
      // A blank total is reported by `required`; its sum is not checked, read or not.
      const blankTotal = kind === 'sum' && cells[inst.left[0]!] == null && !unread.has(inst.left[0]!);
      if (ids.length) {
        const wanted = !options.kinds || options.kinds.includes(kind);
        if (wanted && !blankTotal && unreadSeverity !== 'off' && overrides?.[inst.rule.id] !== 'off')
          findings.push(unverifiable(inst, cells, ids, unreadSeverity));
        continue;
      }
    }
    if (kind === 'required' && unread.has(inst.left[0]!)) continue;
    const out = evaluators[kind](inst, cells, arith);
    if (!out) continue;
    const sev = overrides?.[inst.rule.id] || inst.rule.severity;
    if (sev === 'off' || (options.kinds && !options.kinds.includes(inst.rule.kind))) continue;
    findings.push(toFinding(inst, sev, out));
  }
  const likely = findLikelyCells(findings, cells, formats);
  return { findings, ...countSeverities(findings), likely };
}

/** Count findings by severity. */
export function countSeverities(findings: readonly { severity: Severity }[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

const sumsByFormats = new Map<string, RuleInstance[]>();
function sumInstances(formats: TableFormats): RuleInstance[] {
  const key = `${formats.t2}:${formats.t3}`;
  let list = sumsByFormats.get(key);
  if (!list) {
    list = ruleInstances(formats).filter((i) => i.rule.kind === 'sum');
    sumsByFormats.set(key, list);
  }
  return list;
}

/**
 * The cells the identities are computed on: a blank total whose parts are stated is recomputed from them
 * (it is still reported as not stated), so one blank 总计 does not make every identity through it fail.
 */
function arithmeticCells(
  cells: Cells,
  formats: TableFormats,
  unread: Map<string, readonly string[]> = new Map(),
): Cells {
  let out: Cells | null = null;
  for (const inst of sumInstances(formats)) {
    const target = inst.left[0]!;
    if ((out ?? cells)[target] != null || unread.has(target)) continue;
    const src: Cells = out ?? cells;
    if (inst.right.every((id) => src[id] == null)) continue;
    // A blank total whose parts were not all read cannot be computed: it is as unknown as they are.
    const through = inst.right.flatMap((id) => unread.get(id) ?? []);
    if (through.length) {
      unread.set(target, [...new Set(through)]);
      continue;
    }
    out ??= { ...cells };
    out[target] = round(sumOf(out, inst.right));
  }
  return out ?? cells;
}

/** The change to `cellId` that would make an identity finding hold. */
function neededDelta(f: Finding, cellId: string): number {
  const d = f.difference ?? 0;
  if (f.kind === 'sum') return f.left.includes(cellId) ? -d : d;
  return f.left.includes(cellId) ? d : -d;
}

/**
 * Where several failing identities share one cell and one change to that cell would make them all hold
 * without breaking an identity that holds now, that cell is the likely wrong one.
 */
function findLikelyCells(findings: Finding[], cells: Cells, formats: TableFormats): LikelyCell[] {
  const failing = findings.filter((f) => (f.kind === 'sum' || f.kind === 'equation') && f.difference !== undefined);
  if (failing.length < 2) return [];
  const byCell = new Map<string, Finding[]>();
  for (const f of failing) for (const id of f.cells) byCell.set(id, [...(byCell.get(id) ?? []), f]);
  const identities = ruleInstances(formats).filter((i) => i.rule.kind === 'sum' || i.rule.kind === 'equation');
  const failingKeys = new Set(failing.map((f) => f.fingerprint));

  const candidates: LikelyCell[] = [];
  for (const [cellId, fs] of byCell) {
    if (fs.length < 2) continue;
    const delta = neededDelta(fs[0]!, cellId);
    if (!fs.every((f) => neededDelta(f, cellId) === delta)) continue;
    const current = cells[cellId] ?? null;
    const suggested = round((current ?? 0) + delta);
    if (suggested < 0) continue;
    const trial: Cells = arithmeticCells({ ...cells, [cellId]: suggested }, formats);
    let breaks = false;
    for (const inst of identities) {
      if (!inst.left.includes(cellId) && !inst.right.includes(cellId)) continue;
      const fp = fingerprintOf(`${inst.rule.id}|${inst.key}`);
      if (!failingKeys.has(fp) && runInstance(inst, { ...cells, [cellId]: suggested }, 'error', trial)) {
        breaks = true;
        break;
      }
    }
    if (breaks) continue;
    candidates.push({
      cellId,
      current,
      suggested,
      explains: fs.map((f) => f.fingerprint),
      message: ruleMessage('likelyCell', { cellId, suggested, explains: fs.length }),
    });
  }
  // Most explained first; keep only cells that explain findings no better candidate already explains.
  candidates.sort((a, b) => b.explains.length - a.explains.length);
  const explained = new Set<string>();
  const chosen: LikelyCell[] = [];
  for (const c of candidates) {
    if (c.explains.some((fp) => explained.has(fp))) continue;
    chosen.push(c);
    for (const fp of c.explains) explained.add(fp);
  }
  for (const f of findings) {
    const c = chosen.find((x) => x.explains.includes(f.fingerprint));
    if (c) f.likelyCell = c.cellId;
  }
  return chosen;
}
