// Builds the site once for all tests: the demo reports plus hostile and broken files.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_DIR = join(siteRoot, 'reports');
export const BAD_FILES = ['broken-syntax.json', 'not-a-report.json'];

declare module 'vitest' {
  export interface ProvidedContext {
    site: { dist: string; reportsDir: string; log: string };
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, {
    cwd: siteRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out}`);
  return out;
}

export default function setup(project: TestProject) {
  // Inside the package: the generated pages must resolve `vue` from its node_modules.
  mkdirSync(join(siteRoot, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(siteRoot, '.tmp', 'site-test-'));
  const reportsDir = join(work, 'reports');
  mkdirSync(reportsDir);
  cpSync(DEMO_DIR, join(reportsDir, 'demo'), { recursive: true });
  for (const f of readdirSync(join(siteRoot, 'test/fixtures')))
    cpSync(join(siteRoot, 'test/fixtures', f), join(reportsDir, f));
  const env = {
    NIANBAO_REPORTS_DIR: reportsDir,
    NIANBAO_SITE_OUT: join(work, 'dist'),
    NIANBAO_SITE_CACHE: join(work, 'cache'),
    // Small parts, so the search page's merging of parts is what the tests use.
    NIANBAO_SEARCH_PART: '4',
  };
  const require = createRequire(import.meta.url);
  // The same two steps as `npm run build`, with Node's default heap.
  const vitepressBin = join(dirname(require.resolve('vitepress/package.json')), 'bin/vitepress.js');
  let log = run(process.execPath, [vitepressBin, 'build'], env);
  log += run(process.execPath, [require.resolve('tsx/cli'), 'src/cli.ts'], env);
  project.provide('site', { dist: env.NIANBAO_SITE_OUT, reportsDir, log });
  return () => rmSync(work, { recursive: true, force: true });
}
