import { defineConfig } from 'vitest/config';

// The tests run the real `nianbao` command in child processes; on a loaded machine one start-up can take seconds.
export default defineConfig({ test: { testTimeout: 60_000 } });
