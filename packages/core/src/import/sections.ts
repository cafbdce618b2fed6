import type { Block, Meta, Section } from '../model/report.js';
import { SECTIONS, type SectionKey } from '../templates/sections.js';
import { labelKey, similarity, toHalfWidth, trimAll } from './normalize.js';
import type { SourceLine, Token } from './tokens.js';

const HEADING_KEYS = SECTIONS.map((s) => [s.heading, ...s.variants].map(labelKey));
const HEADING_TEXTS = SECTIONS.map((s) => [s.heading, ...s.variants].map(toHalfWidth));
/** Above this length a token or line is run-together text, where a heading may sit inside. */
const RUN_TOGETHER = 80;

const SENTENCE_STOP = '。！？；!?;';

/** Where a heading's words start inside run-on text: at a sentence's end, or anywhere in very long text. */
export function headingAt(text: string, s: number, long: boolean): number {
  const half = toHalfWidth(text);
  for (const h of HEADING_TEXTS[s]!) {
    for (let at = half.indexOf(h); at >= 0; at = half.indexOf(h, at + 1)) {
      if (long || at === 0 || SENTENCE_STOP.includes(half[at - 1]!) || half[at - 1] === ' ') return at;
    }
  }
  return -1;
}

/** The section a heading opens (index into SECTIONS), or -1. `text` (as written) finds headings after a sentence. */
export function headingIndex(key: string, from = 0, text?: string): number {
  // Text opening with （二） is a sub-heading, never one of the six sections (one may follow inside it).
  const sub = text !== undefined && toHalfWidth(trimAll(text).slice(0, 1)) === '(';
  for (let s = from; s < SECTIONS.length; s++) {
    for (const hk of HEADING_KEYS[s]!) {
      if ((!sub && key.startsWith(hk)) || (key.length > RUN_TOGETHER && key.includes(hk))) return s;
    }
    if (text && text.length > 8 && headingAt(text, s, false) > 0) return s;
    if (
      !sub &&
      key.length <= 40 &&
      HEADING_KEYS[s]!.some(
        (hk) => key[0] === hk[0] && key.length >= hk.length * 0.8 && similarity(key.slice(0, hk.length + 2), hk) >= 0.6,
      )
    )
      return s;
  }
  return -1;
}

/** Token index where each section starts (undefined where the report has no such heading). */
export function sectionStarts(tokens: readonly Token[]): (number | undefined)[] {
  const starts: (number | undefined)[] = SECTIONS.map(() => undefined);
  let from = 0;
  for (let i = 0; i < tokens.length && from < SECTIONS.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'text' || t.key.length < 3) continue;
    const s = headingIndex(t.key, from, t.text);
    if (s >= 0) {
      starts[s] = i;
      from = s + 1;
    }
  }
  return starts;
}

const CJK_NUM = '一二三四五六七八九十';
const SENTENCE_END = '。！？；：!?;:';

function isSubheading(text: string): boolean {
  const t = toHalfWidth(text.slice(0, 8));
  if (t[0] !== '(') return false;
  const close = t.indexOf(')');
  return close > 1 && close <= 4 && [...t.slice(1, close)].every((c) => CJK_NUM.includes(c));
}

/** Split a line where a heading starts inside it; returns [before, heading line] pieces in order. */
function splitAtHeadings(line: SourceLine, from: number): { text: string; line: number; section?: number }[] {
  const key = labelKey(line.text);
  const s = headingIndex(key, from, line.text);
  if (s < 0) return [{ text: line.text, line: line.line }];
  // Positions are found in the half-width form (same length) and cut from the text as written.
  const text = toHalfWidth(line.text);
  const orig = line.text;
  const inside = headingAt(line.text, s, key.length > RUN_TOGETHER);
  if (inside > 0 && !HEADING_KEYS[s]!.some((hk) => key.startsWith(hk))) {
    const rest = splitAtHeadings({ text: orig.slice(inside), line: line.line }, from);
    return [{ text: trimAll(orig.slice(0, inside)), line: line.line }, ...rest];
  }
  // The heading is the start of the line: cut it after as many characters as its key has.
  const hk = HEADING_KEYS[s]!.find((k) => key.startsWith(k)) ?? '';
  let n = 0;
  let cut = text.length;
  if (hk) {
    for (let i = 0; i < text.length; i++) {
      if (labelKey(text[i]!)) n++;
      if (n === hk.length) {
        cut = i + 1;
        while (cut < text.length && (text[cut] === ')' || text[cut] === ' ')) cut++;
        break;
      }
    }
  }
  const head = trimAll(orig.slice(0, cut));
  const rest = trimAll(orig.slice(cut));
  const out: { text: string; line: number; section?: number }[] = [{ text: head, line: line.line, section: s }];
  if (rest) out.push(...splitAtHeadings({ text: rest, line: line.line }, s + 1));
  return out;
}

function toBlocks(lines: { text: string; heading?: boolean }[], joinWrapped: boolean): Block[] {
  const blocks: Block[] = [];
  let prev: Block | undefined;
  for (const l of lines) {
    const text = trimAll(l.text);
    if (!text) continue;
    const sub = l.heading || isSubheading(text);
    if (
      joinWrapped &&
      prev &&
      prev.kind === 'paragraph' &&
      !sub &&
      prev.text.length >= 15 &&
      !SENTENCE_END.includes(prev.text[prev.text.length - 1]!)
    ) {
      prev.text += text;
      continue;
    }
    if (sub && text.length > 40) {
      const stop = text.indexOf('。');
      if (stop > 0 && stop < 40 && stop < text.length - 1) {
        blocks.push({ kind: 'heading', text: text.slice(0, stop + 1) });
        prev = { kind: 'paragraph', text: trimAll(text.slice(stop + 1)) };
        blocks.push(prev);
        continue;
      }
    }
    prev = { kind: sub && text.length <= 60 ? 'heading' : 'paragraph', text };
    blocks.push(prev);
  }
  return blocks;
}

const FOOTER_MARKS = [
  '版权所有',
  'ICP备',
  '网站标识码',
  '公网安备',
  '主办单位',
  '技术支持',
  '网站地图',
  '关于我们',
  'Copyright',
  '©',
  '扫一扫',
  '附件下载',
  '相关链接',
  '打印本页',
  '关闭窗口',
  '分享到',
];

const PAGE_SCRAPS = [
  '来源:',
  '当前位置',
  '发布时间',
  '发布日期',
  '时间:',
  '字号',
  '浏览次数',
  '点击数',
  '【字体',
  '索引号',
  '标题:',
  '单位:',
  '采集时间',
];

const TABLE_SECTIONS = new Set<SectionKey>(['proactive', 'requests', 'reviewLitigation']);

/** The preamble and the six sections as structured blocks. Table sections keep only their sentences. */
export function readSections(
  lines: readonly SourceLine[],
  joinWrapped: boolean,
  titleLines: ReadonlySet<number>,
): { preamble: Block[]; sections: Section[] } {
  const pre: { text: string; heading?: boolean }[] = [];
  const bySection = new Map<number, { heading: string; lines: { text: string; heading?: boolean }[] }>();
  let current = -1;
  let ended = false;
  for (const line of lines) {
    // A portal's page footer after the report (版权所有, ICP备案…) is not part of it.
    if (current >= 0 && line.text.length <= 200 && FOOTER_MARKS.some((m) => line.text.includes(m))) ended = true;
    if (ended) break;
    for (const piece of splitAtHeadings(line, current + 1)) {
      if (piece.section !== undefined) {
        current = piece.section;
        bySection.set(current, { heading: piece.text, lines: [] });
        continue;
      }
      if (current < 0) {
        if (!titleLines.has(line.line))
          pre.push(line.heading ? { text: piece.text, heading: true } : { text: piece.text });
      } else
        bySection.get(current)!.lines.push(line.heading ? { text: piece.text, heading: true } : { text: piece.text });
    }
  }
  // A page's navigation before the title: the preamble starts after the last title line before 一、.
  const lastTitle = pre.findLastIndex(
    (p) => p.text.length <= 80 && (p.text.includes('年度报告') || p.text.includes('年报')),
  );
  if (lastTitle >= 0) pre.splice(0, lastTitle + 1);
  // Short scraps before the report (来源, 文字版, 微信) are the page's, not the preamble's.
  const preamble = pre.filter((p) => {
    const t = toHalfWidth(p.text);
    if (PAGE_SCRAPS.some((m) => t.startsWith(m)) || t.endsWith(':')) return false;
    return p.heading || t.length >= 16 || '。！？!?'.includes(t[t.length - 1]!);
  });
  const sections: Section[] = [];
  for (const [i, s] of [...bySection.entries()].sort((a, b) => a[0] - b[0])) {
    const key = SECTIONS[i]!.key;
    let blocks = toBlocks(s.lines, joinWrapped);
    if (TABLE_SECTIONS.has(key))
      blocks = blocks.filter((b) => b.kind === 'paragraph' && b.text.length >= 20 && b.text.endsWith('。'));
    sections.push({ key, heading: s.heading, blocks });
  }
  return { preamble: toBlocks(preamble, joinWrapped), sections };
}

const pad = (n: string) => n.padStart(2, '0');
function isoDate(y: string, m: string, d: string): string | undefined {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export interface MetaRead {
  meta: Partial<Meta>;
  titleLines: Set<number>;
}

function levelOf(agency: string): Meta['level'] {
  if (agency.includes('街道') || agency.endsWith('镇人民政府') || agency.endsWith('乡人民政府')) return 'township';
  if (
    agency.endsWith('人民政府') ||
    agency.endsWith('管委会') ||
    agency.endsWith('管理委员会') ||
    agency.endsWith('实验区')
  )
    return 'government';
  if (
    agency.endsWith('局') ||
    agency.endsWith('委员会') ||
    agency.endsWith('办公室') ||
    agency.endsWith('厅') ||
    agency.endsWith('委') ||
    agency.endsWith('办')
  )
    return 'department';
  return 'other';
}

/** Agency, year, statistics period, contact and publication date, where the report states them. */
export function readMeta(lines: readonly SourceLine[], title: string | undefined): MetaRead {
  const meta: Partial<Meta> = {};
  const titleLines = new Set<number>();
  const head = lines.slice(0, 40);
  const candidates = [
    ...head.map((l) => ({ text: l.text, line: l.line })),
    ...(title ? [{ text: title, line: -1 }] : []),
  ];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const t = toHalfWidth(c.text);
    const at = t.indexOf('年度报告') >= 0 ? t.indexOf('年度报告') : t.indexOf('年报');
    if (at < 0 || t.length > 120) continue;
    const m = /(\d{4})\s*年/.exec(t.slice(0, at + 1));
    if (!m) continue;
    meta.year = Number(m[1]);
    let agency = trimAll(c.text.slice(0, m.index));
    const colon = Math.max(agency.lastIndexOf(':'), agency.lastIndexOf('：'), agency.lastIndexOf('#'));
    if (colon >= 0) agency = trimAll(agency.slice(colon + 1));
    titleLines.add(c.line);
    if (!agency && i > 0) {
      const p = trimAll(candidates[i - 1]!.text);
      if (p.length <= 30 && !/\d/.test(p)) {
        agency = p;
        titleLines.add(candidates[i - 1]!.line);
      }
    }
    if (agency) meta.agency = agency.replace(/\s+/g, '');
    break;
  }
  const text = toHalfWidth(
    lines
      .slice(0, 400)
      .map((l) => l.text)
      .join('\n'),
  ).slice(0, 20000);
  const period = /(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日[^0-9\n]{0,8}?(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日/.exec(text);
  if (period) {
    const y = period[1]!;
    meta.statisticsPeriod = { from: `${y}-01-01`, to: `${period[2] ?? y}-12-31` };
    if (meta.year === undefined) meta.year = Number(y);
  }
  const contact: NonNullable<Meta['contact']> = {};
  const phone = /电话(?:号码)?[:为]?\s*([0-9(][0-9\-—–() ]{5,24}[0-9])/.exec(text);
  if (phone) contact.phone = phone[1]!.trim();
  const postcode = /(?:邮编|邮政编码)[:为]?\s*(\d{6})/.exec(text);
  if (postcode) contact.postcode = postcode[1]!;
  const email = /([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,10})/.exec(text);
  if (email) contact.email = email[1]!;
  const address = /(?:通讯地址|联系地址|办公地址|地址)[:为]\s*([^,，;；。)\n]{2,60})/.exec(text);
  if (address) contact.address = trimAll(address[1]!);
  if (Object.keys(contact).length) meta.contact = contact;
  const pub = /(?:发布时间|发布日期|公开日期|成文日期)[:]?\s*(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})/.exec(text);
  let published = pub ? isoDate(pub[1]!, pub[2]!, pub[3]!) : undefined;
  if (!published) {
    for (const l of lines.slice(-6).reverse()) {
      const m = /^\(?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\)?$/.exec(toHalfWidth(l.text).replace(/\s+/g, ''));
      if (m) {
        published = isoDate(m[1]!, m[2]!, m[3]!);
        break;
      }
    }
  }
  if (published) meta.publishedAt = published;
  if (meta.agency) meta.level = levelOf(meta.agency);
  return { meta, titleLines };
}
