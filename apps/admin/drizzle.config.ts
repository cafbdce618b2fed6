import { defineConfig } from 'drizzle-kit';

// One migration set for PGlite and PostgreSQL: `npx drizzle-kit generate` after changing the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './drizzle',
});
