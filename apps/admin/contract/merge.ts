import {
  type Block,
  cellName,
  cellsView,
  computeCellTotals,
  derivedCells,
  normalizeReport,
  type Report,
  SECTIONS,
} from '@nianbao/core';
import { diff3Merge } from 'node-diff3';

/**
 * Three-way merge of reports: what each side changed from their common base is kept; a unit changed on both
 * sides to different values is a conflict that a person settles. Units: each cell, each field of the basic
 * information, each section heading, and regions of paragraphs within the preamble or a section.
 */

export type MergeKind = 'cell' | 'meta' | 'text';

/** A unit changed on both sides to different values. */
export interface MergeConflict {
  /** Stable for the same three reports: `cells.<id>`, `meta.<field>`, `heading.<section>`, `text.<section>.<n>`. */
  key: string;
  kind: MergeKind;
  /** Where, as people read it (`表三“……”行“自然人”列`, `联系电话`, `三、…… 第2段`). */
  label: string;
  /** What the person changes by attribution (`cells.<id>`, `meta.<field>`, `section.<key>`): who changed it and when. */
  scope: string;
  /** Values as shown: a number or null for cells, text for fields and paragraphs (null = empty). */
  base: number | string | null;
  mine: number | string | null;
  theirs: number | string | null;
}

export type MergeChoice = 'mine' | 'theirs';

export interface MergeOutcome {
  /** The merged report; each unsettled conflict holds the value of `theirs`. */
  report: Report;
  conflicts: MergeConflict[];
}

const META_LABELS: Record<string, string> = {
  agency: '机关名称',
  level: '机关层级',
  region: '行政区划',
  parentAgency: '上级机关',
  year: '报告年度',
  formats: '表格格式',
  publishedAt: '发布日期',
  statisticsPeriod: '统计期限',
  url: '原文地址',
  'contact.address': '联系地址',
  'contact.postcode': '邮政编码',
  'contact.phone': '联系电话',
  'contact.email': '电子邮箱',
};
const CONTACT_KEYS = ['address', 'postcode', 'phone', 'email'] as const;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Take mine where only I changed, theirs where only they did; on a real conflict, the choice (default theirs). */
function pick<T>(base: T, mine: T, theirs: T, onConflict: () => MergeChoice): T {
  if (same(mine, theirs)) return theirs;
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  return onConflict() === 'mine' ? mine : theirs;
}

const sectionName = (key: string) =>
  key === 'preamble' ? '引言' : (SECTIONS.find((s) => s.key === key)?.heading ?? key);
const blockKey = (b: Block) => `${b.kind}\u0001${b.text}`;
const fromKey = (k: string): Block => {
  const i = k.indexOf('\u0001');
  return { kind: k.slice(0, i) as Block['kind'], text: k.slice(i + 1) };
};
const joinText = (keys: string[]) => (keys.length ? keys.map((k) => fromKey(k).text).join('\n') : null);

function mergeBlocks(
  scope: string,
  base: Block[],
  mine: Block[],
  theirs: Block[],
  choices: Record<string, MergeChoice>,
  conflicts: MergeConflict[],
): Block[] {
  const b = base.map(blockKey);
  const m = mine.map(blockKey);
  const t = theirs.map(blockKey);
  if (same(m, t) || same(m, b)) return theirs;
  if (same(t, b)) return mine;
  const out: string[] = [];
  let n = 0;
  for (const region of diff3Merge(m, b, t, { excludeFalseConflicts: true })) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    const c = region.conflict!;
    const key = `text.${scope}.${n++}`;
    conflicts.push({
      key,
      kind: 'text',
      label: `${sectionName(scope)}第${c.oIndex + 1}段${c.o.length > 1 ? `起 ${c.o.length} 段` : ''}`,
      scope: scope === 'preamble' ? 'preamble' : `section.${scope}`,
      base: joinText(c.o),
      mine: joinText(c.a),
      theirs: joinText(c.b),
    });
    out.push(...((choices[key] ?? 'theirs') === 'mine' ? c.a : c.b));
  }
  return out.map(fromKey);
}

/**
 * Merge `mine` and `theirs`, both made from `base`. `choices` settles conflicts by key (as a previous call listed
 * them); a conflict without a choice takes `theirs` and is listed.
 */
export function mergeReports(
  base: Report,
  mine: Report,
  theirs: Report,
  choices: Record<string, MergeChoice> = {},
): MergeOutcome {
  const conflicts: MergeConflict[] = [];
  const conflict = (c: Omit<MergeConflict, 'scope'> & { scope?: string }) => () => {
    conflicts.push({ scope: c.key, ...c });
    return choices[c.key] ?? 'theirs';
  };

  // Basic information, field by field (contact by its parts).
  const meta: Record<string, unknown> = {};
  const bm = base.meta as Record<string, unknown>;
  const mm = mine.meta as Record<string, unknown>;
  const tm = theirs.meta as Record<string, unknown>;
  const metaKeys = new Set([...Object.keys(bm), ...Object.keys(mm), ...Object.keys(tm)]);
  metaKeys.delete('contact');
  for (const k of metaKeys) {
    const label = META_LABELS[k] ?? k;
    const show = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
    const v = pick(
      bm[k],
      mm[k],
      tm[k],
      conflict({ key: `meta.${k}`, kind: 'meta', label, base: show(bm[k]), mine: show(mm[k]), theirs: show(tm[k]) }),
    );
    if (v !== undefined) meta[k] = v;
  }
  const contact: Record<string, string> = {};
  for (const k of CONTACT_KEYS) {
    const [b, m, t] = [base, mine, theirs].map((r) => r.meta.contact?.[k]);
    const key = `meta.contact.${k}`;
    const v = pick(
      b,
      m,
      t,
      conflict({
        key,
        kind: 'meta',
        label: META_LABELS[`contact.${k}`]!,
        base: b ?? null,
        mine: m ?? null,
        theirs: t ?? null,
      }),
    );
    if (v !== undefined) contact[k] = v;
  }
  if (Object.keys(contact).length || mine.meta.contact || theirs.meta.contact) meta.contact = contact;
  const mergedMeta = meta as Report['meta'];

  // Cells, one by one, over every cell of any side's templates; the merged templates keep theirs.
  const [bc, mc, tc] = [base, mine, theirs].map((r) => cellsView(r));
  const cells: Record<string, number | null> = {};
  for (const id of new Set([...Object.keys(bc!), ...Object.keys(mc!), ...Object.keys(tc!)])) {
    const [b, m, t] = [bc![id] ?? null, mc![id] ?? null, tc![id] ?? null];
    cells[id] = pick(
      b,
      m,
      t,
      conflict({ key: `cells.${id}`, kind: 'cell', label: cellName(id), base: b, mine: m, theirs: t }),
    );
  }
  // A total that both sides computed from its parts is computed from the merged parts: never a conflict, never stale.
  const computedBy = (r: Report, c: Record<string, number | null>) => computeCellTotals(c, r.meta.formats);
  const [mt0, tt0] = [computedBy(mine, mc!), computedBy(theirs, tc!)];
  const merged = computeCellTotals(cells, mergedMeta.formats);
  for (const id of derivedCells(mergedMeta.formats)) {
    if ((mt0[id] ?? null) !== (mc![id] ?? null) || (tt0[id] ?? null) !== (tc![id] ?? null)) continue;
    cells[id] = merged[id] ?? null;
    const i = conflicts.findIndex((c) => c.key === `cells.${id}`);
    if (i >= 0) conflicts.splice(i, 1);
  }
  // The text each cell was read from follows the cell.
  const cellText: Record<string, string> = {};
  const [bt, mt, tt] = [base, mine, theirs].map((r) => r.cellText ?? {});
  for (const id of new Set([...Object.keys(bt!), ...Object.keys(mt!), ...Object.keys(tt!)])) {
    const v = pick(bt![id], mt![id], tt![id], () => choices[`cells.${id}`] ?? 'theirs');
    if (v !== undefined) cellText[id] = v;
  }

  // Text: the preamble and each section, paragraph regions merged as diff3 does with lines.
  const preamble = mergeBlocks('preamble', base.preamble, mine.preamble, theirs.preamble, choices, conflicts);
  const sectionOf = (r: Report, key: string) => r.sections.find((s) => s.key === key);
  const sections: Report['sections'] = [];
  for (const s of SECTIONS) {
    const [b, m, t] = [base, mine, theirs].map((r) => sectionOf(r, s.key));
    if (!m && !t) continue;
    const heading = pick(
      b?.heading ?? s.heading,
      m?.heading ?? s.heading,
      t?.heading ?? s.heading,
      conflict({
        key: `heading.${s.key}`,
        kind: 'text',
        label: `${s.heading}的标题`,
        scope: `section.${s.key}`,
        base: b?.heading ?? s.heading,
        mine: m?.heading ?? s.heading,
        theirs: t?.heading ?? s.heading,
      }),
    );
    const blocks = mergeBlocks(s.key, b?.blocks ?? [], m?.blocks ?? [], t?.blocks ?? [], choices, conflicts);
    sections.push({ key: s.key, heading, blocks });
  }

  // How an imported cell was obtained follows the cell too.
  const provenance: NonNullable<Report['provenance']> = {};
  const [bp, mp, tp] = [base, mine, theirs].map((r) => r.provenance ?? {});
  for (const id of new Set([...Object.keys(bp!), ...Object.keys(mp!), ...Object.keys(tp!)])) {
    const v = pick(bp![id], mp![id], tp![id], () => choices[`cells.${id}`] ?? 'theirs');
    if (v !== undefined) provenance[id] = v;
  }

  const report: Report = {
    schemaVersion: theirs.schemaVersion,
    meta: mergedMeta,
    preamble,
    sections,
    cells,
    ...(Object.keys(cellText).length ? { cellText } : {}),
    ...(Object.keys(provenance).length ? { provenance } : {}),
  };
  return { report: normalizeReport(report), conflicts };
}

/**
 * The units (as `MergeConflict.scope` names them) that differ between two reports: each cell, each field of the
 * basic information, the preamble and each section. For saying who changed what.
 */
export function changedScopes(before: Report, after: Report): string[] {
  const out: string[] = [];
  const a = cellsView(before);
  const b = cellsView(after);
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)]))
    if ((a[id] ?? null) !== (b[id] ?? null)) out.push(`cells.${id}`);
  const am = before.meta as Record<string, unknown>;
  const bm = after.meta as Record<string, unknown>;
  for (const k of new Set([...Object.keys(am), ...Object.keys(bm)])) {
    if (k === 'contact') continue;
    if (!same(am[k], bm[k])) out.push(`meta.${k}`);
  }
  for (const k of CONTACT_KEYS)
    if (!same(before.meta.contact?.[k], after.meta.contact?.[k])) out.push(`meta.contact.${k}`);
  if (!same(before.preamble, after.preamble)) out.push('preamble');
  for (const s of SECTIONS) {
    const x = before.sections.find((y) => y.key === s.key);
    const y = after.sections.find((z) => z.key === s.key);
    if (!same(x?.blocks ?? [], y?.blocks ?? []) || !same(x?.heading, y?.heading)) out.push(`section.${s.key}`);
  }
  return out;
}

/** Cells whose value differs between two reports, in table order. */
export function changedCellIds(before: Report | null, after: Report): string[] {
  const a = before ? cellsView(before) : {};
  const b = cellsView(after);
  return Object.keys({ ...a, ...b }).filter((k) => (a[k] ?? null) !== (b[k] ?? null));
}
