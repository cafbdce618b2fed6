import { UNREAD_CELL_NOTE } from '../model/provenance.js';
import type { Block, Section } from '../model/report.js';
import { SECTIONS, type SectionKey } from '../templates/sections.js';
import { readTitle } from './meta.js';
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
  if (!hk) {
    // A heading in other words (五、存在的主要问题及整改措施): it ends at its first stop, not inside the text after it.
    const longest = Math.max(...HEADING_TEXTS[s]!.map((h) => h.length));
    for (let i = 2; i < Math.min(text.length, longest + 8); i++)
      if ('。：: '.includes(text[i]!)) {
        cut = text[i] === ' ' ? i : i + 1;
        break;
      }
  } else {
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

/** Official words of the five sub-headings of 一、总体情况, as reports print them (主动公开情况, 监督保障方面). */
const SUBHEADING_WORDS = SECTIONS[0].subheadings.map((w) => toHalfWidth(w));
const SUBHEADING_TAIL = ['工作情况', '情况', '方面', '工作'];

/**
 * A sub-heading followed by its text on one line (（二）依申请公开情况。根据《条例》…): where the heading ends —
 * at its 。, or after its official wording — or -1 when the line is all heading.
 */
export function subheadingEnd(text: string): number {
  const t = toHalfWidth(text);
  const close = t.indexOf(')');
  const stop = t.indexOf('。');
  if (stop > close && stop <= 40 && trimAll(t.slice(stop + 1))) return stop + 1;
  if (stop > close && stop <= 40) return -1;
  const body = t.slice(close + 1).trimStart();
  const at = t.length - body.length;
  for (const word of SUBHEADING_WORDS) {
    if (!body.startsWith(word)) continue;
    let end = at + word.length;
    const tail = SUBHEADING_TAIL.find((x) => t.startsWith(x, end));
    if (tail) end += tail.length;
    // The wording ends the heading only where the text after it is not more of the heading's words.
    if (end < t.length && /[\s,:;、0-9]/.test(t[end]!)) return end;
  }
  return -1;
}

function toBlocks(lines: { text: string; heading?: boolean }[], joinWrapped: boolean): Block[] {
  const blocks: Block[] = [];
  let prev: Block | undefined;
  // A paragraph's wrapped lines are gathered and joined once: appending and then reading the end re-copies it.
  let parts: string[] = [];
  let length = 0;
  let last = '';
  const close = () => {
    if (prev && parts.length > 1) prev.text = parts.join('');
    parts = [];
  };
  const start = (b: Block) => {
    close();
    blocks.push(b);
    prev = b;
    parts = [b.text];
    length = b.text.length;
    last = b.text[b.text.length - 1] ?? '';
  };
  // The text after a heading cut from its line goes on over the next lines however short it is.
  let open = false;
  for (const l of lines) {
    const text = trimAll(l.text);
    if (!text) continue;
    const sub = l.heading || isSubheading(text);
    if (
      joinWrapped &&
      prev &&
      prev.kind === 'paragraph' &&
      !sub &&
      (open || length >= 15) &&
      !(last && SENTENCE_END.includes(last))
    ) {
      parts.push(text);
      length += text.length;
      last = text[text.length - 1]!;
      continue;
    }
    open = false;
    const end = sub ? subheadingEnd(text) : -1;
    if (end > 0) {
      close();
      blocks.push({ kind: 'heading', text: trimAll(text.slice(0, end)) });
      start({ kind: 'paragraph', text: trimAll(text.slice(end).replace(/^[\s,，:：;；、]+/, '')) });
      open = true;
      continue;
    }
    start({ kind: sub && text.length <= 60 ? 'heading' : 'paragraph', text });
  }
  close();
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

/** `==== 正文 ====`, `------`: a line that separates a page's header from the text. */
function isSeparator(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^([=\-*_~—#])\1{2,}/.test(t) || /([=\-*_~—#])\1{2,}$/.test(t);
}

/** A line that is only a report title (the agency, the year and 政府信息公开…年度报告, nothing after). */
function isTitle(text: string): boolean {
  const read = readTitle(text);
  if (!read) return false;
  const rest = toHalfWidth(text).replace(/\s+/g, '').slice(read.end);
  return rest === '' || /^\(?\d{4}年?\)?$/.test(rest);
}

/** Where a title at the start of a line ends, when text follows it on the line (0 when there is none). */
function titleAtStart(text: string): number {
  const t = toHalfWidth(text);
  for (const marker of ['年度报告', '年报']) {
    const at = t.indexOf(marker);
    if (at < 0 || at > 80) continue;
    const end = at + marker.length;
    if (trimAll(t.slice(end)) && isTitle(text.slice(0, end))) return end;
  }
  return 0;
}

const TABLE_SECTIONS = new Set<SectionKey>(['proactive', 'requests', 'reviewLitigation']);

const NOTE_KEY = labelKey(UNREAD_CELL_NOTE);

/**
 * Lines that are the note a printed report puts under a table with cells marked 未读取 (`UNREAD_CELL_NOTE`),
 * whole or wrapped over two lines: the printing's, not the report's text.
 */
function unreadNoteLines(lines: readonly SourceLine[]): Set<number> {
  const out = new Set<number>();
  lines.forEach((l, i) => {
    const key = labelKey(l.text);
    if (key === NOTE_KEY) out.add(i);
    else if (key.length >= 4 && NOTE_KEY.startsWith(key) && lines[i + 1]) {
      if (key + labelKey(lines[i + 1]!.text) === NOTE_KEY) out.add(i).add(i + 1);
    }
  });
  return out;
}

/** The preamble and the six sections as structured blocks. Table sections keep only their sentences. */
export function readSections(
  lines: readonly SourceLine[],
  joinWrapped: boolean,
  titleLines: ReadonlySet<number>,
): { preamble: Block[]; sections: Section[] } {
  const pre: { text: string; heading?: boolean; line: number }[] = [];
  const bySection = new Map<number, { heading: string; lines: { text: string; heading?: boolean }[] }>();
  let current = -1;
  let ended = false;
  const notes = unreadNoteLines(lines);
  for (const [i, line] of lines.entries()) {
    if (notes.has(i)) continue;
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
          pre.push(
            line.heading ? { text: piece.text, heading: true, line: line.line } : { text: piece.text, line: line.line },
          );
      } else
        bySection.get(current)!.lines.push(line.heading ? { text: piece.text, heading: true } : { text: piece.text });
    }
  }
  // The preamble starts after the title (and after a page's navigation and separators before it).
  const lastTitleLine = Math.max(-1, ...[...titleLines].filter((l) => pre.some((p) => p.line > l)));
  let start = 0;
  // Once sentences have begun, a line that reads like a title is a wrapped line of the preamble.
  let prose = false;
  pre.forEach((p, i) => {
    if (p.line <= lastTitleLine || (!prose && (isSeparator(p.text) || isTitle(p.text)))) start = i + 1;
    else if (!prose) {
      // A title run into the preamble on one line: the preamble is what follows it.
      const cut = titleAtStart(p.text);
      if (cut > 0) {
        start = i;
        p.text = trimAll(p.text.slice(cut));
      }
    }
    if (i >= start && /[，。]/.test(p.text)) prose = true;
  });
  pre.splice(0, start);
  // Short scraps before the report (来源, 文字版, 微信) are the page's, not the preamble's; a line that goes on
  // with a sentence the line before began is the preamble's, however short (a PDF's wrapped lines).
  const preamble: typeof pre = [];
  for (const p of pre) {
    const t = toHalfWidth(p.text);
    const last = preamble.at(-1)?.text;
    const continues = joinWrapped && last !== undefined && !'。！？!?'.includes(last[last.length - 1]!);
    if (continues) {
      preamble.push(p);
      continue;
    }
    if (PAGE_SCRAPS.some((m) => t.startsWith(m)) || (t.endsWith(':') && t.length <= 12)) continue;
    if (p.heading || t.length >= 16 || '。！？!?'.includes(t[t.length - 1]!)) preamble.push(p);
  }
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
