// Text normalisation for matching labels: width, punctuation, spaces, Traditional characters.

const TRAD =
  '條項內製數開對總規範減處決許務罰強業費採購額發廢現單萬據關係為於請況組織計機構會結轉辦區這屬國穩護權類過執詢無沒補後確訪舉報訴複復當認獲繼續繳納議訟維糾審經體動臺設監問題進實級點協創統郵編電話聯責與門網險幣';
const SIMP =
  '条项内制数开对总规范减处决许务罚强业费采购额发废现单万据关系为于请况组织计机构会结转办区这属国稳护权类过执询无没补后确访举报诉复复当认获继续缴纳议讼维纠审经体动台设监问题进实级点协创统邮编电话联责与门网险币';
const T2S = new Map<string, string>();
for (let i = 0; i < TRAD.length; i++) T2S.set(TRAD[i]!, SIMP[i]!);

const TRAD_CLASS = new RegExp(`[${TRAD}]`, 'g');

/** Map Traditional characters to their Simplified forms where the labels need it. */
export function toSimplified(text: string): string {
  return text.replace(TRAD_CLASS, (ch) => T2S.get(ch) ?? ch);
}

const WIDE_SPACES = new Set([0x3000, 0xa0, 0x2002, 0x2003, 0x2009, 0x200b, 0xfeff]);

/** Full-width ASCII forms (Ａ０（：，) become ASCII; wide and no-break spaces become a space. Same length. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]/g;
const halfChar = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ' ';
};

export function toHalfWidth(text: string): string {
  // Short text (nearly all calls): one replace over a character class. Long text: one pass into a buffer.
  if (text.length < 4096) return text.replace(FULL_WIDTH, halfChar);
  let codes: Uint16Array | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const to = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : WIDE_SPACES.has(c) ? 0x20 : -1;
    if (to < 0) continue;
    if (!codes) {
      codes = new Uint16Array(text.length);
      for (let j = 0; j < i; j++) codes[j] = text.charCodeAt(j);
    }
    codes[i] = to;
  }
  if (!codes) return text;
  for (let i = 0; i < text.length; i++) if (codes[i] === 0) codes[i] = text.charCodeAt(i);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}

const RADICALS = /[\u2e80-\u2ef3\u2f00-\u2fd5]/g;

/**
 * Kangxi radicals (⼀ ⼈ ⾃ …) that some PDF fonts map their CJK glyphs to, and that text copied or converted from
 * such PDFs keeps: the ideographs they stand for. Same length.
 */
export function unifyRadicals(text: string): string {
  return text.replace(RADICALS, (ch) => ch.normalize('NFKC'));
}

const SPACE_CODES = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0x3000, 0xa0, 0x2002, 0x2003, 0x2009, 0x200b, 0xfeff]);

/** Trim every kind of space (ASCII, no-break, ideographic, zero-width) from both ends; the rest is kept as written. */
export function trimAll(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && SPACE_CODES.has(text.charCodeAt(a))) a++;
  while (b > a && SPACE_CODES.has(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

const CJK_NUM = '一二三四五六七八九十';

const NOT_KEY = /[^0-9A-Za-z\u4e00-\u9fff\u3400-\u4dbf]+/g;

/**
 * The matching key of a label: half-width, Simplified, without spaces, line breaks or punctuation.
 * `（二）部分公开（区分处理的…）` and `(二) 部分公開(區分處理的…)` give the same key.
 */
export function labelKey(text: string): string {
  return toSimplified(toHalfWidth(text)).replace(NOT_KEY, '');
}

/** Remove parenthesised parts (local annotations), both bracket widths, nesting allowed. */
export function stripParens(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of toHalfWidth(text)) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Strip a leading row number: `1.` `1、` `（三）` `三、` (returns the text unchanged if none). */
export function stripNumber(text: string): string {
  const t = trimAll(toHalfWidth(text));
  let i = 0;
  if (t[0] === '(') {
    const close = t.indexOf(')');
    if (close > 1 && close <= 4 && [...t.slice(1, close)].every((c) => CJK_NUM.includes(c)))
      return trimAll(t.slice(close + 1));
    return t;
  }
  while (i < t.length && ((t[i]! >= '0' && t[i]! <= '9') || CJK_NUM.includes(t[i]!))) i++;
  if (i > 0 && i <= 3 && (t[i] === '.' || t[i] === '、' || t[i] === '．')) return trimAll(t.slice(i + 1));
  return t;
}

/** Dice coefficient of the character bigrams of two keys (0–1). */
export function similarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}
