// One server (the built app on a fresh embedded database) and one Chromium shared by every browser test file.
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    base: string;
    wsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  const browser = await chromium.launchServer({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  project.provide('base', server.base);
  project.provide('wsEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await server.stop();
  };
}
