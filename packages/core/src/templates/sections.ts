/** The six sections of the report, in order, with their official headings and known variants. */
export const SECTIONS = [
  {
    key: 'overview',
    number: '一',
    heading: '一、总体情况',
    variants: [] as string[],
    /** Sub-headings the format expects (F2021: the five areas of 总体情况). */
    subheadings: ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'],
  },
  { key: 'proactive', number: '二', heading: '二、主动公开政府信息情况', variants: [], subheadings: [] },
  { key: 'requests', number: '三', heading: '三、收到和处理政府信息公开申请情况', variants: [], subheadings: [] },
  {
    key: 'reviewLitigation',
    number: '四',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    variants: [
      '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '四、因政府信息公开工作被申请行政复议提起行政诉讼情况',
    ],
    subheadings: [],
  },
  {
    key: 'problems',
    number: '五',
    heading: '五、存在的主要问题及改进情况',
    variants: ['五、政府信息公开工作存在的主要问题及改进情况'],
    subheadings: [],
  },
  {
    key: 'other',
    number: '六',
    heading: '六、其他需要报告的事项',
    variants: ['六、其他事项', '六、其他需要报告事项'],
    /** F2021 expected sub-topics (warnings only). */
    subheadings: [
      '信息处理费',
      '落实上级年度政务公开工作要点情况',
      '人大代表建议和政协提案办理结果公开情况',
      '年度政务公开工作创新情况',
    ],
  },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS = SECTIONS.map((s) => s.key) as unknown as readonly [SectionKey, ...SectionKey[]];

/** A section's official heading: `三、收到和处理政府信息公开申请情况`. */
export function sectionHeading(key: SectionKey): string {
  return SECTIONS.find((s) => s.key === key)!.heading;
}

/** A section's heading without its number: `收到和处理政府信息公开申请情况` (a page or chart title). */
export function sectionTitle(key: SectionKey): string {
  const heading = sectionHeading(key);
  return heading.slice(heading.indexOf('、') + 1);
}

/** The sections that hold one of the statistical tables. */
export const SECTION_TABLE: Partial<Record<SectionKey, 't2' | 't3' | 't4'>> = {
  proactive: 't2',
  requests: 't3',
  reviewLitigation: 't4',
};

/** How each table is named in messages (the template does not print these names). */
export const TABLE_NAMES = { t2: '表二', t3: '表三', t4: '表四' } as const;

/** Each table's title: the heading of the section that holds it. */
export const TABLE_TITLES = Object.fromEntries(
  Object.entries(SECTION_TABLE).map(([key, table]) => [table, SECTIONS.find((s) => s.key === key)!.heading]),
) as Record<'t2' | 't3' | 't4', string>;

export const REPORT_TITLE_SUFFIX = '政府信息公开工作年度报告';

/** Title as published: 「<agency><year>年政府信息公开工作年度报告」. */
export function reportTitle(agency: string, year: number): string {
  return `${agency}${year}年${REPORT_TITLE_SUFFIX}`;
}
