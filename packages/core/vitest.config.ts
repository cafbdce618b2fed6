import { defineConfig } from 'vitest/config';

// Corpus and property tests read whole reports; leave room for a loaded machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
