import { defineConfig } from 'vitest/config';

// Typesetting and poppler run as real processes; a machine shared with other jobs can be slow.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
