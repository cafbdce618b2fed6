import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'contract/**/*.test.ts'],
    // One PostgreSQL test database is shared by the files: run them one after another.
    fileParallelism: false,
    // …in one worker, so that the embedded database is started once for all files (see test/helpers.ts).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
