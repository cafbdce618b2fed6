import { reportLayouts, type TableFormats } from '../templates/index.js';
import type { CellDef } from '../templates/types.js';
import { RULES, type RuleDef, type RuleKind } from './catalogue.js';

/** One concrete check of a rule: a column of 表三, one cell, a group of 表四… */
export interface RuleInstance {
  rule: RuleDef;
  /** What `$` stood for, or the cell id for per-cell rules. */
  key: string;
  /** sum: [target]; equation: the left side; per-cell rules: [cell]. */
  left: string[];
  /** sum: the parts; equation: the right side; per-cell rules: []. */
  right: string[];
}

type Expander<K extends RuleKind> = (
  rule: Extract<RuleDef, { kind: K }>,
  formats: TableFormats,
  cells: CellDef[],
) => RuleInstance[];

const tableCells = (rule: RuleDef, cells: CellDef[]) => cells.filter((c) => c.table === rule.table);
const sub = (pattern: string, key: string) => pattern.replaceAll('$', key);

/** One expander per rule kind: adding a kind without one fails to compile. */
const expanders: { [K in RuleKind]: Expander<K> } = {
  sum: (rule, formats) => {
    const v = formats[rule.table === 't2' ? 't2' : 't3'];
    const parts = rule.parts[v] ?? [];
    return (rule.each[v] ?? []).map((key) => ({
      rule,
      key,
      left: [sub(rule.target, key)],
      right: parts.map((p) => sub(p, key)),
    }));
  },
  equation: (rule, formats) => {
    const v = formats[rule.table === 't2' ? 't2' : 't3'];
    return (rule.each[v] ?? []).map((key) => ({
      rule,
      key,
      left: rule.left.map((p) => sub(p, key)),
      right: rule.right.map((p) => sub(p, key)),
    }));
  },
  type: (rule, _f, cells) =>
    tableCells(rule, cells)
      .filter((c) => c.kind === rule.cellKind)
      .map((c) => ({ rule, key: c.id, left: [c.id], right: [] })),
  required: (rule, _f, cells) => tableCells(rule, cells).map((c) => ({ rule, key: c.id, left: [c.id], right: [] })),
  range: (rule) => rule.cells.map((id) => ({ rule, key: id, left: [id], right: [] })),
};

/**
 * Expand rules into their instances for these table formats. A rule naming a cell the templates do not
 * have is a bug in the catalogue: it throws, naming the rule and the cell, rather than checking nothing.
 */
export function expandRules(rules: readonly RuleDef[], formats: TableFormats): RuleInstance[] {
  const cells = reportLayouts(formats).flatMap((l) => l.cells);
  const known = new Set(cells.map((c) => c.id));
  const list: RuleInstance[] = [];
  for (const rule of rules) {
    const v = formats[rule.table === 't2' ? 't2' : 't3'];
    if (!rule.versions.includes(v)) continue;
    for (const inst of (expanders[rule.kind] as Expander<RuleKind>)(rule, formats, cells)) {
      const unknown = [...inst.left, ...inst.right].find((id) => !known.has(id));
      if (unknown !== undefined)
        throw new Error(
          `rule ${rule.id} names cell ${unknown}, which 表二 ${formats.t2} / 表三 ${formats.t3} do not have`,
        );
      list.push(inst);
    }
  }
  return list;
}

const cache = new Map<string, RuleInstance[]>();

/** Every rule instance that applies to a report with these table formats. */
export function ruleInstances(formats: TableFormats): RuleInstance[] {
  const cacheKey = `${formats.t2}:${formats.t3}`;
  let list = cache.get(cacheKey);
  if (!list) {
    list = expandRules(RULES, formats);
    cache.set(cacheKey, list);
  }
  return list;
}
