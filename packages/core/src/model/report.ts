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
