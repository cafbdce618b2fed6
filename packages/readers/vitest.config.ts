import { defineConfig } from 'vitest/config';

// PDF and Word files are parsed for real; leave room for a loaded machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
