// Writes report.schema.json from the zod schema. Run after changing the model: npm run schema -w @nianbao/core
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../report.schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
