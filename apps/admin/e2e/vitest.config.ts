import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests of the app (one server and one Chromium for all files) and the app's own unit tests.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: { alias: { '@contract': fileURLToPath(new URL('../contract/index.ts', import.meta.url)) } },
  test: {
    include: ['e2e/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
