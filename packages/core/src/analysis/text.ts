import { cellsView } from '../model/parse.js';
import type { Report } from '../model/report.js';
import type { Severity } from '../rules/catalogue.js';
import {
  type SectionKey,
  sectionHeading,
  type T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T3_ORG_GROUP,
  type T3CategoryId,
  type TableFormats,
  t3CategoryRows,
} from '../templates/index.js';
import { type AnalysisFinding, analysisFinding, applySeverity, countSeverities, round6 } from './finding.js';
import { analysisMessage, TEXT_SCOPE_NOTES, type TextMeasureId, type TextRuleId, type TextScope } from './messages.js';

export type { TextMeasureId, TextRuleId, TextScope };

type Topic = 'apply' | 'review' | 'litigation';

/** A quantity the narrative may state about the tables, and the cells that hold it. */
export interface TextMeasure {
  id: TextMeasureId;
  /** What the number is, in Simplified Chinese. */
  title: string;
  /** Words that name the quantity right before the number. */
  keyword: RegExp;
  /** A verb (受理, 办结…) may be followed by its object (…申请) before the number. */
  verb?: boolean;
  /** The topic (applications, 复议, 诉讼) the measure needs or sets. */
  topic: Topic | 'breakdown';
  /** Readings of the statement: lists of cells whose sum it may state (the first is the main one). */
  readings: (formats: TableFormats, topic: Topic, parent?: string) => string[][] | null;
}

const t3 = (row: string, col = 'total') => `t3.${row}.${col}`;
const rowsOf = (formats: TableFormats, category: T3CategoryId) =>
  t3CategoryRows(category, formats.t3).map((r) => t3(r));
const ORG_COLUMNS = T3_COLUMNS.filter((c) => c.group === T3_ORG_GROUP).map((c) => c.id);
const T4_PART = {
  upheld: '结果维持|维持',
  corrected: '结果纠正|纠错|纠正',
  other: '其他结果',
  pending: '尚未审结|未审结|正在审理',
} as const;

/** What the narrative's numbers are compared with (format spec §5.4). Ids become rule ids `text.<id>`. */
export const TEXT_MEASURES: readonly TextMeasure[] = [
  {
    id: 'received',
    title: '收到的申请数',
    verb: true,
    topic: 'apply',
    keyword: /(?:共|累计|合计)?(?:新收到|收到|受理|接收|接到|新收)/g,
    readings: () => [[t3('new')], [t3('new'), t3('carriedOver')]],
  },
  {
    id: 'concluded',
    title: '办结的申请数',
    verb: true,
    topic: 'apply',
    keyword: /(?:办结|答复|办理完毕|办理|作出答复)/g,
    readings: () => [[t3('total')]],
  },
  { id: 'granted', title: '予以公开数', topic: 'apply', keyword: /予以公开/g, readings: () => [[t3('granted')]] },
  { id: 'partial', title: '部分公开数', topic: 'apply', keyword: /部分公开/g, readings: () => [[t3('partial')]] },
  {
    id: 'grantedOrPartial',
    title: '予以公开及部分公开数',
    topic: 'apply',
    keyword: /(?:予以公开|全部公开)(?:及|和|与|、|或)部分公开/g,
    readings: () => [[t3('granted'), t3('partial')]],
  },
  { id: 'denied', title: '不予公开数', topic: 'apply', keyword: /不予公开/g, readings: (f) => [rowsOf(f, 'denied')] },
  {
    id: 'unavailable',
    title: '无法提供数',
    topic: 'apply',
    keyword: /无法提供/g,
    readings: (f) => [rowsOf(f, 'unavailable')],
  },
  {
    id: 'notProcessed',
    title: '不予处理数',
    topic: 'apply',
    keyword: /不予处理/g,
    readings: (f) => [rowsOf(f, 'notProcessed')],
  },
  {
    id: 'otherHandling',
    title: '其他处理数',
    topic: 'apply',
    keyword: /其他处理/g,
    readings: (f) => [rowsOf(f, 'otherHandling')],
  },
  {
    id: 'carriedOver',
    title: '上年结转申请数',
    topic: 'apply',
    keyword: /上一?年度?结转(?:的|下来的)?/g,
    readings: () => [[t3('carriedOver')]],
  },
  {
    id: 'carriedForward',
    title: '结转下年度继续办理数',
    topic: 'apply',
    keyword:
      /(?:结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?|转入下一?年度?(?:办理)?|顺延(?:至|到)下一?年度?(?:办理|答复)?)/g,
    readings: () => [[t3('carriedForward')]],
  },
  {
    id: 'applicant',
    title: '按申请人统计的申请数',
    topic: 'breakdown',
    keyword: new RegExp(
      `(?:${T3_COLUMNS.filter((c) => c.group === null && c.id !== 'total')
        .map((c) => c.label)
        .join('|')}|${T3_ORG_GROUP}|${ORG_COLUMNS.filter((c) => c !== 'otherOrg')
        .map((id) => T3_COLUMNS.find((c) => c.id === id)!.label)
        .join('|')})`,
      'g',
    ),
    readings: (_f, topic, parent) => (topic === 'apply' && parent === 'received' ? [] : null),
  },
  {
    id: 'review',
    title: '行政复议案件数',
    topic: 'review',
    keyword: /(?:行政复议|复议)(?:案件|申请)?/g,
    readings: () => [['t4.review.total']],
  },
  {
    id: 'litigation',
    title: '行政诉讼案件数',
    topic: 'litigation',
    keyword: /(?:行政诉讼|诉讼)(?:案件)?/g,
    readings: () => [['t4.litigationDirect.total', 't4.litigationAfterReview.total']],
  },
  {
    id: 'litigationDirect',
    title: '未经复议直接起诉案件数',
    topic: 'litigation',
    keyword: /(?:未经复议)?直接(?:提起)?(?:起诉|诉讼)/g,
    readings: () => [['t4.litigationDirect.total']],
  },
  {
    id: 'litigationAfterReview',
    title: '复议后起诉案件数',
    topic: 'litigation',
    keyword: /复议后(?:提起)?(?:起诉|诉讼)/g,
    readings: () => [['t4.litigationAfterReview.total']],
  },
  {
    id: 'caseResult',
    title: '复议、诉讼结果数',
    topic: 'breakdown',
    keyword: new RegExp(`(?:${Object.values(T4_PART).join('|')})`, 'g'),
    readings: () => null,
  },
];

/** A number the narrative states about the tables. */
export interface TextStatement {
  section: SectionKey | 'preamble';
  /** The sentence as written. */
  sentence: string;
  /** The words naming the quantity and the number, as read. */
  text: string;
  measure: TextMeasureId;
  value: number;
  scope: TextScope;
  /** Why the statement is out of scope, in Chinese. */
  scopeNote?: string;
  /** The readings compared (each a list of cells summed), with the table's sums; empty when out of scope. */
  readings: { cells: string[]; value: number | null }[];
  /** Whether one reading equals the stated value (undefined when not compared). */
  agrees?: boolean;
}

// ── number reading ────────────────────────────────────────────────────────────────────────────────
const HAN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const HAN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 「十七」「一百零五」「两」「1,234」→ number; null when it is not a plain number. */
export function readNumber(text: string): number | null {
  if (/^\d+(?:,\d{3})*(?:\.\d+)?$/.test(text)) return Number(text.replaceAll(',', ''));
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if ((ch === '零' || ch === '〇') && digit < 0) continue; // 「一百零五」: 零 only holds a place
    if (ch in HAN_DIGIT) {
      if (digit >= 0) return null; // 「一二」 is not a number
      digit = HAN_DIGIT[ch]!;
    } else if (ch in HAN_UNIT) {
      section += (digit < 0 ? 1 : digit) * HAN_UNIT[ch]!;
      digit = -1;
    } else if (ch === '万') {
      total += (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    } else return null;
  }
  return total + section + Math.max(digit, 0);
}

// ── scope ─────────────────────────────────────────────────────────────────────────────────────────
const OTHER_PERIOD =
  /(?:去年|前年|上年(?!度?结转)|上一年(?!度?结转)|同期|以来|历年|截至目前|截止目前|近[一二三四五六七八九十两\d]+年|[上下]半年|第[一二三四1-4]季度|\d{1,2}月份?(?![\d日号])|[一二三四五六七八九十]+月份?(?![\d日号一二三四五六七八九十]))/;
/** A whole year named as a period (1月至12月, 今年以来, 2023年以来) is the report's own year, not another period. */
function otherPeriod(text: string, year: number): boolean {
  const rest = text
    .replace(/(?:\d{4}年)?1月(?:1日)?起?(?:至|到|—|-|~)(?:\d{4}年)?12月(?:31日)?止?/g, '')
    .replaceAll(`${year}年以来`, '')
    .replace(/(?:今年|本年度?|年初)以来/g, '');
  return OTHER_PERIOD.test(rest);
}
const CHANGE = /(?:同比|环比|较上年|比上年|较去年|比去年|增加|减少|增长|下降|上升|降低|多出)/;
const APPROX_BEFORE = /(?:约|近|超过|逾|将近|大约|不足|不到)$/;
const SELF = /(?:我|本|全)(?:省|市|州|盟|区|县|旗|镇|乡|街道|局|委|办|厅|院|府|机关|单位|部门|系统|中心)/g;
const UNIT_WORD = /[\u4e00-\u9fff]{0,10}?(?:政府办|办公室|办事处|委员会|管委会|分局|局|委|街道|乡|镇|部门|单位|中心)/g;

function unitScope(subject: string, agency: string): string | null {
  if (/代表/.test(subject)) return subject;
  const rest = subject.replace(SELF, '');
  for (const m of rest.matchAll(UNIT_WORD)) {
    const word = m[0].replace(/^(?:其中|以及|及|和|由|经|各|全|共)/, '');
    if (!word) continue;
    if (agency.includes(word)) continue;
    return word;
  }
  return null;
}

// ── statements ────────────────────────────────────────────────────────────────────────────────────
// Arabic numbers with 件/起/宗; numbers in characters only with 件 (「一起」 is a word).
const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)(余|多)?(?:件次|件|起|宗)|([零〇一二两三四五六七八九十百千万]+)(余|多)?件/g;
const SEPARATOR = /[,;:()。!?]/;
const TOPIC = /(行政复议申请|行政复议|复议|行政诉讼|诉讼|起诉|申请)/g;
// A change (同比增加12件) is read so that it can be set aside as one.
const CHANGE_TAIL = '(?:(?:同比|环比|较上年|比上年|较去年|比去年)?(?:增加|减少|增长|下降|上升|降低|多出)(?:了)?)?';
const NOUN_GAP = new RegExp(`^(?:案件|案|申请|件数|数量|的|共计|共|合计|总计|累计|为|达|了|计|有|是)*${CHANGE_TAIL}$`);
const VERB_GAP = new RegExp(
  `^(?:[^\\d]{0,30}?(?:申请|信息公开|依申请公开))?(?:件数|数量|共计|共|合计|总计|累计|为|达|了|计|的)*${CHANGE_TAIL}$`,
);
const ZERO_APPLY = /(?:未|没有|无)(?:收到|受理|接到|发生)[^,;。]{0,12}?(?:政府信息公开申请|依申请公开|公开申请)/;
const ZERO_CASES = /(?<!尚)(?:未|没有)(?!经|审|结|予)(?:发生|出现|收到|被)?[^,;。\d]{0,20}?(行政复议|行政诉讼)/;
/** 「未发生…被行政复议纠错」「…行政诉讼败诉」: no case went against the agency, not no case at all. */
const CORRECTED = /纠错|纠正|撤销|败诉|确认违法/;
/** An answer of one kind (同意公开答复9件) is that kind's count, never the number concluded. */
const ANSWER_KIND: [RegExp, 'granted' | 'partial' | 'denied' | 'unavailable' | 'notProcessed'][] = [
  [/(?:同意|予以|全部|依法)公开(?:并|的)?$/, 'granted'],
  [/部分公开(?:并|的)?$/, 'partial'],
  [/不予公开(?:并|的)?$/, 'denied'],
  [/无法提供(?:并|的)?$/, 'unavailable'],
  [/不予处理(?:并|的)?$/, 'notProcessed'],
];
/** Other kinds and ways of answering, and channels of receiving: a part of the total, not the total. */
const PART_BEFORE_VERB =
  /(?:公开|提供|处理|告知|延期|延长|逾期|超期|转办|补正|书面|当场|当面|现场|网上|网络|在线|线上|线下|平台|信函|邮寄|传真|电子邮件|邮件|电话|来信|来电|窗口)(?:并|的|方式|形式|渠道)?$/;

function topicAt(text: string): Topic | null {
  let topic: Topic | null = null;
  for (const m of text.matchAll(TOPIC))
    topic = m[1]!.includes('复议') ? 'review' : m[1] === '申请' ? 'apply' : 'litigation';
  return topic;
}

function lastYear(text: string): number | null {
  let y: number | null = null;
  for (const m of text.matchAll(/(\d{4})年/g)) y = Number(m[1]);
  return y;
}

interface KeywordHit {
  measure: TextMeasure;
  start: number;
  end: number;
}

function pickMeasure(lead: string): KeywordHit | null {
  let best: KeywordHit | null = null;
  for (const measure of TEXT_MEASURES) {
    for (const m of lead.matchAll(measure.keyword)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!best || end > best.end || (end === best.end && start < best.start)) best = { measure, start, end };
    }
  }
  return best;
}

function sumReading(cells: Record<string, number | null>, ids: string[]): number | null {
  let any = false;
  let s = 0;
  for (const id of ids) {
    const v = cells[id];
    if (v !== null && v !== undefined) {
      any = true;
      s += v;
    }
  }
  return any ? round6(s) : null;
}

function caseCells(topic: Topic, part: keyof typeof T4_PART): string[] {
  return topic === 'review'
    ? [`t4.review.${part}`]
    : [`t4.litigationDirect.${part}`, `t4.litigationAfterReview.${part}`];
}

function applicantCells(word: string): { now: string[]; carried: string[] } {
  const cols =
    word === T3_ORG_GROUP
      ? ORG_COLUMNS
      : [T3_COLUMNS.find((c) => c.label === word)?.id].filter((c): c is (typeof T3_APPLICANT_COLUMNS)[number] =>
          Boolean(c),
        );
  return { now: cols.map((c) => t3('new', c)), carried: cols.map((c) => t3('carriedOver', c)) };
}

/** Split text into sentences (。！？ and line breaks), keeping the original wording. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。！？!?])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Read the numbers a report's narrative states about its tables, each with its scope and comparison. */
export function textStatements(report: Pick<Report, 'meta' | 'cells' | 'sections' | 'preamble'>): TextStatement[] {
  const cells = cellsView(report);
  const formats = report.meta.formats;
  const year = report.meta.year;
  const agency = report.meta.agency.replace(/\s+/g, '');
  const out: TextStatement[] = [];
  const parts: { section: TextStatement['section']; text: string }[] = [
    ...report.preamble.map((b) => ({ section: 'preamble' as const, text: b.text })),
    ...report.sections.flatMap((s) => s.blocks.map((b) => ({ section: s.key, text: b.text }))),
  ];
  for (const part of parts) {
    for (const sentence of sentencesOf(part.text)) {
      const norm = sentence.normalize('NFKC').replace(/\s+/g, '');
      readSentence(norm, sentence, part.section);
    }
  }
  return out;

  function push(st: Omit<TextStatement, 'readings' | 'agrees'>, readings: string[][]) {
    if (st.scope !== 'report') {
      out.push({ ...st, readings: [] });
      return;
    }
    const rs = readings.map((ids) => ({ cells: ids, value: sumReading(cells, ids) }));
    const compared = rs.filter((r) => r.value !== null);
    out.push({
      ...st,
      readings: rs,
      ...(compared.length ? { agrees: compared.some((r) => r.value === st.value) } : {}),
    });
  }

  function readSentence(norm: string, sentence: string, section: TextStatement['section']) {
    let prevEnd = 0;
    let parent: string | undefined;
    const zero = (m: RegExpExecArray | null, measure: TextMeasureId, readings: string[][]) => {
      if (!m) return;
      const clauseStart = Math.max(norm.lastIndexOf(',', m.index), norm.lastIndexOf(';', m.index)) + 1;
      const before = norm.slice(clauseStart, m.index);
      const y = lastYear(norm.slice(0, m.index));
      const scope: TextScope =
        y !== null && y !== year
          ? 'year'
          : otherPeriod(norm.slice(0, m.index), year)
            ? 'period'
            : unitScope(before, agency)
              ? 'unit'
              : 'report';
      push(
        {
          section,
          sentence,
          text: m[0],
          measure,
          value: 0,
          scope,
          ...(scope !== 'report' ? { scopeNote: TEXT_SCOPE_NOTES[scope] } : {}),
        },
        readings,
      );
    };
    zero(ZERO_APPLY.exec(norm), 'received', [[t3('new')]]);
    const cases = ZERO_CASES.exec(norm);
    if (cases) {
      const clause = norm.slice(cases.index).split(/[,;。]/)[0]!;
      const review = /复议/.test(clause.replace(/复议后/g, ''));
      const litigation = /诉讼|起诉/.test(clause);
      if (CORRECTED.test(clause)) {
        // 「未发生被行政复议纠错、行政诉讼败诉」: 结果纠正 is 0; how many cases there were is not said.
        if (review) zero(cases, 'caseResult', [caseCells('review', 'corrected')]);
        if (litigation) zero(cases, 'caseResult', [caseCells('litigation', 'corrected')]);
      } else {
        if (review) zero(cases, 'review', [['t4.review.total']]);
        if (litigation) zero(cases, 'litigation', [['t4.litigationDirect.total', 't4.litigationAfterReview.total']]);
      }
    }
    for (const m of norm.matchAll(NUMBER)) {
      const numStart = m.index!;
      const numEnd = numStart + m[0].length;
      let clauseStart = prevEnd;
      for (let i = numStart - 1; i >= prevEnd; i--) {
        if (SEPARATOR.test(norm[i]!)) {
          clauseStart = i + 1;
          break;
        }
      }
      const lead = norm.slice(clauseStart, numStart);
      prevEnd = numEnd;
      const value = readNumber(m[1] ?? m[3]!);
      if (value === null) continue;
      const pick = pickMeasure(lead);
      if (!pick) continue;
      const gap = lead.slice(pick.end);
      let measure = pick.measure;
      let from = pick.start;
      if (measure.id === 'concluded' || measure.id === 'received') {
        const before = lead.slice(0, pick.start);
        const kind = ANSWER_KIND.map(([re, id]) => ({ m: re.exec(before), id })).find((k) => k.m);
        if (kind && measure.id === 'concluded') {
          measure = TEXT_MEASURES.find((x) => x.id === kind.id)!;
          from = kind.m!.index;
        } else if (kind || PART_BEFORE_VERB.test(before)) continue;
      }
      if (!(measure.verb ? VERB_GAP : NOUN_GAP).test(gap)) continue;
      const topic = topicAt(norm.slice(0, numStart));
      // Statements about applications must be about applications: a verb needs 申请 in the sentence so far.
      if (measure.topic === 'apply' && topic !== 'apply') continue;
      if ((measure.topic === 'review' || measure.topic === 'litigation') && topic !== measure.topic) continue;
      let readings: string[][] | null;
      const measureId = measure.id;
      const word = lead.slice(pick.start, pick.end);
      if (measure.id === 'applicant') {
        if (topic !== 'apply' || parent !== 'received') continue;
        const c = applicantCells(word);
        if (!c.now.length) continue;
        readings = [c.now, [...c.now, ...c.carried]];
      } else if (measure.id === 'caseResult') {
        if (topic !== 'review' && topic !== 'litigation') continue;
        const part = (Object.keys(T4_PART) as (keyof typeof T4_PART)[]).find((k) =>
          new RegExp(`^(?:${T4_PART[k]})$`).test(word),
        );
        if (!part) continue;
        readings = [caseCells(topic, part)];
      } else {
        readings = measure.readings(formats, topic ?? 'apply', parent);
        if (measure.topic === 'apply') parent = measure.id;
      }
      if (!readings) continue;
      const subject = lead.slice(0, pick.start);
      const y = lastYear(norm.slice(0, numStart));
      let scope: TextScope = 'report';
      if (m[2] || m[4] || APPROX_BEFORE.test(lead)) scope = 'approximate';
      else if (CHANGE.test(lead)) scope = 'change';
      else if (y !== null && y !== year) scope = 'year';
      // A period may be named anywhere before the number in the sentence (「上半年，共受理…」).
      else if (otherPeriod(norm.slice(0, numStart - gap.length), year)) scope = 'period';
      else if (unitScope(subject, agency)) scope = 'unit';
      push(
        {
          section,
          sentence,
          text: `${lead.slice(from)}${m[0]}`,
          measure: measureId,
          value,
          scope,
          ...(scope !== 'report' ? { scopeNote: TEXT_SCOPE_NOTES[scope] } : {}),
        },
        readings,
      );
    }
  }
}

export interface TextCheckOptions {
  severity?: Partial<Record<TextRuleId, Severity | 'off'>>;
}

/**
 * Text ↔ table: every number the narrative states about this report's tables (same year, same agency,
 * a count rather than a change) must equal the cells. Findings have rule ids `text.<measure>`.
 */
export function checkText(
  report: Pick<Report, 'meta' | 'cells' | 'sections' | 'preamble'>,
  options: TextCheckOptions = {},
) {
  const statements = textStatements(report);
  const findings: AnalysisFinding[] = [];
  for (const st of statements) {
    if (st.agrees !== false) continue;
    const main = st.readings.find((r) => r.value !== null)!;
    const expected = main.value!;
    const difference = round6(st.value - expected);
    const measure = TEXT_MEASURES.find((m) => m.id === st.measure)!;
    const others = st.readings.filter((r) => r !== main && r.value !== null);
    findings.push(
      analysisFinding({
        ruleId: `text.${st.measure}` as const,
        kind: 'text',
        severity: 'warning',
        key: `${st.section}|${st.measure}|${st.text.replace(/\d+/g, '#')}`,
        section: st.section === 'preamble' ? undefined : st.section,
        sentence: st.sentence,
        right: main.cells,
        expected,
        actual: st.value,
        difference,
        message: analysisMessage('text.mismatch', {
          section: st.section === 'preamble' ? null : sectionHeading(st.section),
          text: st.text,
          title: measure.title,
          cells: main.cells,
          expected,
          difference,
          others: others.map((r) => r.value!),
        }),
      }),
    );
  }
  const out = applySeverity(findings, options.severity);
  return { findings: out, statements, ...countSeverities(out) };
}
