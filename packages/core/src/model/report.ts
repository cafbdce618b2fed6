import { z } from 'zod';
import { SECTION_KEYS } from '../templates/sections.js';

export const SCHEMA_VERSION = 1;

export const TemplateVersionSchema = z.enum(['2019', '2021']).describe('年报格式版本：2019（试行）或 2021');

export const AgencyLevelSchema = z
  .enum(['government', 'department', 'township', 'other'])
  .describe('机关层级：government 县级以上人民政府；department 县级以上人民政府部门；township 乡镇、街道；other 其他');

/** Names of the agency levels as the Regulation speaks of them. */
export const AGENCY_LEVEL_LABELS: Record<z.infer<typeof AgencyLevelSchema>, string> = {
  government: '县级以上地方人民政府',
  department: '县级以上人民政府部门',
  township: '乡镇人民政府、街道办事处',
  other: '其他机关',
};

/** A cell: a number, or null where the report does not state it (blank is never 0). */
export const CellValueSchema = z.number().finite().nullable();

export const ContactSchema = z
  .object({
    address: z.string().optional(),
    postcode: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
  })
  .describe('联系方式');

export const MetaSchema = z.object({
  agency: z.string().trim().min(1).describe('机关名称'),
  level: AgencyLevelSchema.default('other'),
  region: z.string().optional().describe('行政区划'),
  parentAgency: z.string().optional().describe('上级机关或本级人民政府'),
  year: z.number().int().min(2008).max(2100).describe('报告年度'),
  formats: z
    .object({ t2: TemplateVersionSchema, t3: TemplateVersionSchema })
    .describe('表二、表三所用格式（表四两版相同）'),
  publishedAt: z.iso.date().optional().describe('发布日期'),
  statisticsPeriod: z.object({ from: z.iso.date(), to: z.iso.date() }).optional().describe('统计期限'),
  contact: ContactSchema.optional(),
  url: z.string().optional().describe('原文地址'),
});

/** Where in the source file something was read: a line, a page and position, or a table cell of the source. */
export const SourcePlaceSchema = z
  .object({
    line: z.number().int().positive().optional().describe('原文第几行'),
    page: z.number().int().positive().optional().describe('PDF 第几页'),
    x: z.number().optional().describe('PDF 页面上的横坐标（磅，自左）'),
    y: z.number().optional().describe('PDF 页面上的纵坐标（磅，自上）'),
    sourceTable: z.number().int().positive().optional().describe('原文（网页、Word）第几个表格'),
    sourceRow: z.number().int().positive().optional().describe('该表格第几行'),
    sourceColumn: z.number().int().positive().optional().describe('该行第几格'),
  })
  .describe('原文中的位置')
  .meta({ id: 'SourcePlace' });

/** Why a printed cell could not be read (a closed set; messages in `UNREAD_REASON_TEXT`). */
export const UNREAD_REASONS = [
  'E_TABLE_MISSING',
  'E_ROW_NOT_FOUND',
  'E_ROW_INCOMPLETE',
  'E_SPLIT_AMBIGUOUS',
  'E_SPLIT_NONE',
  'E_READINGS_DISAGREE',
  'E_COLUMN_UNKNOWN',
  'E_INPUT_TOO_LARGE',
  'E_NOT_PRINTED',
  'E_MARKED_UNREAD',
] as const;
export const UnreadReasonSchema = z.enum(UNREAD_REASONS).describe('未能读取的原因');

/** How a value not printed plainly in its cell was worked out (messages in `DERIVED_HOW_TEXT`). */
export const DERIVED_HOWS = ['split', 'label', 'column', 'constraint', 'order'] as const;
export const DerivedHowSchema = z
  .enum(DERIVED_HOWS)
  .describe(
    '推算方式：split 连在一起的数字按勾稽关系拆分；label 行名称印错，按相似度和位置对应；column 按所在栏的位置对应；constraint 按表格自身的约束唯一确定；order 缺少行名称，按格式的行序对应',
  );

/**
 * How one cell was obtained when the report was imported. A cell without an entry holds what was
 * printed (or what the agency entered); see `cellStatus`.
 */
export const CellProvenanceSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('blank'),
      printed: z.string().max(16).describe('原文的写法：空白为空字符串，或“—”“/”“无”等'),
      at: SourcePlaceSchema.optional(),
    }),
    z.object({ status: z.literal('derived'), how: DerivedHowSchema, at: SourcePlaceSchema.optional() }),
    z.object({ status: z.literal('unread'), reason: UnreadReasonSchema, at: SourcePlaceSchema.optional() }),
  ])
  .describe('单元格的来源：blank 原文为空白；derived 推算得出；unread 原文有此格但未能读取');

export const BlockSchema = z.object({
  kind: z.enum(['heading', 'paragraph']),
  text: z.string(),
});

export const SectionSchema = z.object({
  key: z.enum(SECTION_KEYS),
  /** Heading as the report prints it (may be a known variant of the official one). */
  heading: z.string(),
  blocks: z.array(BlockSchema),
});

export const ReportSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
    meta: MetaSchema,
    preamble: z.array(BlockSchema).default([]),
    sections: z.array(SectionSchema).default([]),
    /** Every table cell by canonical id (`t3.new.total`); null = not stated. */
    cells: z.record(z.string(), CellValueSchema),
    /** The text each cell was read from, where the report was imported. */
    cellText: z.record(z.string(), z.string()).optional(),
    /**
     * Where the report was imported: how each cell was obtained, for cells not read plainly as printed
     * (blank as printed, worked out, not read). A null cell with an `unread` entry is NOT the agency's blank.
     */
    provenance: z.record(z.string(), CellProvenanceSchema).optional(),
  })
  .describe('政府信息公开工作年度报告');

export type TemplateVersionValue = z.infer<typeof TemplateVersionSchema>;
export type AgencyLevel = z.infer<typeof AgencyLevelSchema>;
export type CellValue = z.infer<typeof CellValueSchema>;
export type Meta = z.infer<typeof MetaSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type ReportInput = z.input<typeof ReportSchema>;
export type Cells = Record<string, number | null>;
export type SourcePlace = z.infer<typeof SourcePlaceSchema>;
export type UnreadReason = z.infer<typeof UnreadReasonSchema>;
export type DerivedHow = z.infer<typeof DerivedHowSchema>;
export type CellProvenance = z.infer<typeof CellProvenanceSchema>;
