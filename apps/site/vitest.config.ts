import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit.test.ts'] } },
      // Builds the site once (test/build-site.ts), then reads its files and drives it in Chromium.
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/output.test.ts', 'test/browser.test.ts'],
          globalSetup: ['test/build-site.ts'],
        },
      },
    ],
  },
});
