import type { Meta } from '../model/report.js';
import { toHalfWidth, trimAll } from './normalize.js';
import type { SourceLine } from './tokens.js';

// ── agency names ──────────────────────────────────────────────────────────────────────────────────
/** How the name of an agency that publishes a report ends (longest first where one ends another). */
const AGENCY_ENDS = [
  '人民政府',
  '政府',
  '办公厅',
  '办公室',
  '办事处',
  '管理委员会',
  '管委会',
  '委员会',
  '实验区',
  '开发区',
  '示范区',
  '合作区',
  '新区',
  '园区',
  '街道',
  '中心',
  '公署',
  '局',
  '厅',
  '委',
  '办',
  '署',
  '院',
  '部',
  '处',
  '所',
  '站',
  '队',
  '镇',
  '乡',
  '区',
  '县',
  '市',
  '州',
  '盟',
  '旗',
  '省',
  '会',
];
/** Words no agency name contains: a sentence, a title or a placeholder, not a name. */
const NOT_IN_NAME =
  /报告|公开|公布|发布|印发|年度|年报|情况|根据|依据|按照|现将|编制|简称|本机关|我|未识别|未知|机关名称/;
/** Words that open a phrase, not a name (本局, 全区, 各街道…). */
const NOT_NAME_START = /^[本全我各该其此每这]/;
const NAME_CHAR = /[\u4e00-\u9fff（）()·]/;

/** Whether the text is, as a whole, the name of an agency (宝山区跃进街道办事处, 平潭综合实验区). */
export function isAgencyName(text: string): boolean {
  const t = text;
  if (t.length < 3 || t.length > 40) return false;
  for (const ch of t) if (!NAME_CHAR.test(ch)) return false;
  if (NOT_IN_NAME.test(t) || NOT_NAME_START.test(t)) return false;
  if (/^[（(]/.test(t)) return false;
  return AGENCY_ENDS.some((end) => t.endsWith(end) && t.length > end.length);
}

/** The longest run of name characters at the end of `text` (`标题:平潭综合实验区` → `平潭综合实验区`). */
function nameAtEnd(text: string): string {
  let i = text.length;
  while (i > 0 && NAME_CHAR.test(text[i - 1]!)) i--;
  return text.slice(i);
}

/** The longest run of name characters at the start of `text`. */
function nameAtStart(text: string): string {
  let i = 0;
  while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
  return text.slice(0, i);
}

/** The agency a run of name characters names (`关于` before or after and `的` after it dropped), if it is one. */
function agencyIn(run: string): string | undefined {
  const t = run.replace(/^关于/, '').replace(/(?:的|关于)$/, '');
  return isAgencyName(t) ? t : undefined;
}

// ── years ─────────────────────────────────────────────────────────────────────────────────────────
const HAN_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const YEAR = /((?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})年度?/;

function yearOf(text: string): number {
  const digits = [...text].map((c) => HAN_YEAR_DIGITS[c] ?? c).join('');
  return Number(digits);
}

// ── titles ────────────────────────────────────────────────────────────────────────────────────────
/** How report titles end, longest first: the agency and the year come before. */
const TITLE_MARKERS = [
  '政府信息公开工作情况的报告',
  '政府信息公开工作年度报告',
  '政府信息公开工作的报告',
  '政务公开工作年度报告',
  '信息公开工作年度报告',
  '政府信息公开年度报告',
  '政府信息公开工作报告',
  '信息公开年度报告',
  '工作年度报告',
  '年度报告',
  '年报',
];
const SENTENCE_MARKS = /[，。；！？,;!?]/;

export interface TitleRead {
  year: number;
  /** Agency named in the title, when it names one. */
  agency?: string;
  /** Where the title ends in the text given. */
  end: number;
}

/**
 * Read a report title: 「<agency><year>年[度]政府信息公开工作年度报告」 or 「<year>年[度]<agency>政府信息公开…」,
 * spaces and line breaks removed. Undefined when the text is not a title (no year, no marker, or a sentence).
 */
export function readTitle(raw: string): TitleRead | undefined {
  const t = toHalfWidth(raw).replace(/\s+/g, '');
  if (t.length > 120) return undefined;
  let at = -1;
  let marker = '';
  for (const m of TITLE_MARKERS) {
    const i = t.indexOf(m);
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      marker = m;
    }
  }
  if (at < 0) return undefined;
  const end = at + marker.length;
  // A title is not a sentence: a labelled line (标题: …) may precede it, no clause does.
  const label = Math.max(t.lastIndexOf(':', at), t.lastIndexOf('#', at));
  const head = t.slice(label + 1, at);
  if (SENTENCE_MARKS.test(head) || SENTENCE_MARKS.test(t.slice(end))) return undefined;
  const inTitle = YEAR.exec(head);
  const y = inTitle ?? YEAR.exec(t.slice(end, end + 12));
  if (!y) return undefined;
  const year = yearOf(y[1]!);
  const inHead = inTitle !== null;
  const before = (inHead ? head.slice(0, y.index) : head).replace(/^关于/, '');
  const after = inHead ? head.slice(y.index + y[0].length) : '';
  // 「2019年上海市政府信息公开…」 is 上海市's report, as 「上海市2019年政府信息公开…」 is: 政府 belongs to the title.
  const afterName = after && nameAtStart(after) === after ? agencyIn(after) : undefined;
  if (afterName) return { year, agency: afterName, end };
  const beforeRun = nameAtEnd(before);
  const beforeName = beforeRun ? agencyIn(beforeRun) : undefined;
  if (beforeName) return { year, agency: beforeName, end };
  // Words around the year that are not an agency: a sentence (现将…2024年度报告向社会公布), not a title.
  return before || after ? undefined : { year, end };
}

// ── the title, the signature and the preamble of a report ──────────────────────────────────────────
export type AgencySource = 'title' | 'preamble' | 'signature';

export interface MetaRead {
  meta: Partial<Meta>;
  /** Lines that hold the title (and the agency line above it): not the preamble's. */
  titleLines: Set<number>;
  /** Where the agency was read from. */
  agencySource?: AgencySource;
  /** The title's agency completed from the preamble or the signature (the city the title leaves out). */
  fullName?: { agency: string; title: string; source: Exclude<AgencySource, 'title'> };
}

const cleanLine = (text: string) => toHalfWidth(trimAll(text)).replace(/^#+/, '').replace(/\s+/g, '');
/** A line that is only an agency name, as in a title block or a signature (spaces and a date removed). */
function nameLine(text: string): string | undefined {
  const t = cleanLine(text).replace(/[(]?(?:19|20)\d\d年\d{1,2}月\d{1,2}日[)]?$/, '');
  return isAgencyName(t) ? t : undefined;
}

const DATE_LINE =
  /^[(]?(?:(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日[)]?$/;

function fromTitle(lines: readonly SourceLine[], title: string | undefined) {
  const head = lines.slice(0, 40);
  for (let e = 0; e < head.length; e++) {
    // The title comes before the text: a paragraph ends the search (a wrapped line of it may read like a title).
    if (head[e]!.text.length > 40 && head[e]!.text.includes('。')) break;
    // A title may be broken over up to three lines, the agency on the lines above the year.
    let found: { read: TitleRead; n: number } | undefined;
    for (let n = 1; n <= 3 && e - n + 1 >= 0; n++) {
      const part = head.slice(e - n + 1, e + 1);
      if (part.some((l) => l.text.length > 80)) break;
      const read = readTitle(part.map((l) => l.text).join(''));
      if (!read) continue;
      if (!found || (read.agency && !found.read.agency)) found = { read, n };
      if (read.agency) break;
    }
    if (found) {
      const titleLines = new Set(head.slice(e - found.n + 1, e + 1).map((l) => l.line));
      return { read: found.read, agency: found.read.agency, titleLines };
    }
  }
  const read = title ? readTitle(title) : undefined;
  return read ? { read, agency: read.agency, titleLines: new Set<number>() } : undefined;
}

/** 「现将沭阳县发展和改革局2023年度政府信息公开…」「现向社会公布…」: the report names its agency. */
const PREAMBLE_NAMES =
  /(?:现将|现向社会公布|特向社会公布|予以公布|公布)([^，。；：,;:]{3,60}?)(?:(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})年/;
/** 「本报告由沭阳县发展和改革局根据…编制」: the agency (or its office) that wrote it. */
const PREAMBLE_AUTHOR = /本(?:年度)?报告由([^，。；：,;:]{3,40}?)(?:根据|依据|按照|依照|编制|负责)/;

function fromPreamble(lines: readonly SourceLine[]): string | undefined {
  const text = toHalfWidth(
    lines
      .slice(0, 60)
      .map((l) => l.text)
      .join(''),
  ).replace(/\s+/g, '');
  const named = PREAMBLE_NAMES.exec(text);
  const name = named ? agencyIn(nameAtEnd(named[1]!)) : undefined;
  if (name) return name;
  const author = PREAMBLE_AUTHOR.exec(text);
  const office = author ? agencyIn(nameAtEnd(author[1]!)) : undefined;
  // A government's report is written by its office: 「淮安市人民政府办公室」 speaks for 淮安市人民政府.
  return office?.replace(/(人民政府|管委会|管理委员会)办公(?:室|厅)$/, '$1');
}

/** The agency under the text, above the date that closes the report. */
function fromSignature(lines: readonly SourceLine[]): string | undefined {
  const tail = lines.slice(-20).map((l) => cleanLine(l.text));
  for (let i = tail.length - 1; i >= 0; i--) {
    if (!DATE_LINE.test(tail[i]!)) {
      const same = nameLine(tail[i]!);
      if (same && /\d{4}年\d{1,2}月\d{1,2}日[)]?$/.test(tail[i]!)) return same;
      continue;
    }
    for (const k of [i - 1, i - 2, i + 1]) {
      const name = k >= 0 && k < tail.length ? nameLine(tail[k]!) : undefined;
      if (name) return name;
    }
  }
  return undefined;
}

const pad = (n: string) => n.padStart(2, '0');
function isoDate(y: string, m: string, d: string): string | undefined {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The level of an agency from its name (街道 and 镇 → township, 人民政府 → government, 局 → department). */
export function levelOf(agency: string): Meta['level'] {
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

/** 统计期限: 「自2024年1月1日起至2024年12月31日止」「为2019年5月15日到12月31日」 (spaces and line breaks removed). */
const PERIOD =
  /((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|—|-|~|－)(?:((?:19|20)\d\d)年)?(\d{1,2})月(\d{1,2})日/;
const PERIOD_WORDS = ['统计期限', '统计时限', '统计时间', '统计区间', '统计周期', '数据统计', '所列数据'];

function readPeriod(flat: string): Meta['statisticsPeriod'] | undefined {
  const spots = PERIOD_WORDS.map((w) => flat.indexOf(w)).filter((i) => i >= 0);
  const tries = [...spots.map((i) => flat.slice(i, i + 60)), flat];
  for (const text of tries) {
    const m = PERIOD.exec(text);
    if (!m) continue;
    // Without the words, only a whole year counts (a date range elsewhere in the text is not the period).
    if (text === flat && !(Number(m[2]) === 1 && Number(m[3]) === 1 && m[5] === '12' && m[6] === '31'))
      return undefined;
    const from = isoDate(m[1]!, m[2]!, m[3]!);
    const to = isoDate(m[4] ?? m[1]!, m[5]!, m[6]!);
    if (from && to && from <= to) return { from, to };
  }
  return undefined;
}

/** Agency, year, statistics period, contact and publication date, where the report states them. */
export function readMeta(lines: readonly SourceLine[], title: string | undefined): MetaRead {
  const meta: Partial<Meta> = {};
  let titleLines = new Set<number>();
  let agencySource: AgencySource | undefined;
  let fullName: MetaRead['fullName'];
  const t = fromTitle(lines, title);
  if (t) {
    meta.year = t.read.year;
    titleLines = t.titleLines;
    if (t.agency) {
      meta.agency = t.agency;
      agencySource = 'title';
    }
  }
  if (meta.agency) {
    // A title may leave out the city (洪泽区人民政府) that the report's own preamble or signature names
    // (淮安市洪泽区人民政府): the full name is the agency, so that its reports of other years match.
    const title = meta.agency;
    for (const [name, source] of [
      [fromPreamble(lines), 'preamble'],
      [fromSignature(lines), 'signature'],
    ] as const)
      if (name && name.length > title.length && name.endsWith(title)) {
        meta.agency = name;
        fullName = { agency: name, title, source };
        break;
      }
  }
  if (!meta.agency) {
    const fromText = fromPreamble(lines);
    const signed = fromText ? undefined : fromSignature(lines);
    const agency = fromText ?? signed;
    if (agency) {
      meta.agency = agency;
      agencySource = fromText ? 'preamble' : 'signature';
    }
  }
  const text = toHalfWidth(
    lines
      .slice(0, 400)
      .map((l) => l.text)
      .join('\n'),
  ).slice(0, 20000);
  const period = readPeriod(text.replace(/\s+/g, ''));
  if (period) {
    meta.statisticsPeriod = period;
    if (meta.year === undefined) meta.year = Number(period.from.slice(0, 4));
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
  return { meta, titleLines, ...(agencySource ? { agencySource } : {}), ...(fullName ? { fullName } : {}) };
}
