import { z } from 'zod';
import { ReportSchema } from './report.js';

/** The JSON Schema (draft 2020-12) of a report file as other systems should read it. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://nianbao.org/schema/report.schema.json',
    title: '政府信息公开工作年度报告',
    ...z.toJSONSchema(ReportSchema, { io: 'input' }),
  };
}
