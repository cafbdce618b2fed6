import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedReportUrl } from '../fixtures/index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@nianbao/core as a dependency of another program', () => {
  it('exports built ESM files with type declarations', () => {
    const entry = pkg.exports['.'];
    for (const f of [entry.import, entry.types])
      expect(existsSync(fileURLToPath(new URL(`../${f}`, import.meta.url))), f).toBe(true);
  });

  it('is imported by name from a plain .mjs file and checks the seed report', () => {
    const out = execFileSync(process.execPath, [
      fileURLToPath(new URL('./consumer/use-core.mjs', import.meta.url)),
      fileURLToPath(seedReportUrl),
    ]).toString();
    expect(JSON.parse(out)).toEqual({ ok: true, errors: 0, warnings: 1, cells: 198 });
  });
});
