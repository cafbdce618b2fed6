import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser test of the app and the app's own unit tests (the API tests use ../vitest.config.ts).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.test.ts', 'web/src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
