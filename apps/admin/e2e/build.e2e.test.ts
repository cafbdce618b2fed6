// The production build of the editor, as served by npm start.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const assets = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));

describe('the production editor', () => {
  it('carries no benchmark hooks (they live only in the bench build of bench/ui.mjs)', () => {
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const editor = scripts.filter((f) => f.startsWith('EditorView'));
    expect(editor).toHaveLength(1);
    for (const f of scripts) expect(readFileSync(assets + f, 'utf8')).not.toMatch(/__nianbao(Frames|Phases)/);
  });
});
