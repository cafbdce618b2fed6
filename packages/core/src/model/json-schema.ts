import { z } from 'zod';
import { allCellIds } from '../templates/index.js';
import { ReportSchema } from './report.js';

/** The JSON Schema (draft 2020-12) of a report file as other systems should read it. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportSchema, { io: 'input' }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  // Cell ids are the public contract: name them in the schema so other systems can check them too.
  schema.properties.cells = { ...schema.properties.cells, propertyNames: { enum: allCellIds() } };
  for (const key of ['cellText', 'provenance'])
    if (schema.properties[key])
      schema.properties[key] = { ...schema.properties[key], propertyNames: { enum: allCellIds() } };
  return {
    $schema: schema.$schema,
    $id: 'https://nianbao.org/schema/report.schema.json',
    title: '政府信息公开工作年度报告',
    ...schema,
  };
}
