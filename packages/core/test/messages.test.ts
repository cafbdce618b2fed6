// The message tables of the rules and analysis areas against the codes the code gives: none without the other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_MESSAGES,
  READY_TITLES,
  RULE_MESSAGES,
  RULES,
  readiness,
  SERIES_RULES,
  TEXT_MEASURES,
} from '../src/index.js';
import { seed } from './helpers.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** The code of every call `fn(code, …)` in an area's source (both branches of a conditional code counted). */
function codesCalled(area: string, fn: string, shape: RegExp): Set<string> {
  const codes = new Set<string>();
  const dir = join(SRC, area);
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f === 'messages.ts') continue;
    const src = readFileSync(join(dir, f), 'utf8');
    for (const call of src.matchAll(new RegExp(`\\b${fn}\\(\\s*([^,]+),`, 'g')))
      for (const lit of call[1]!.matchAll(/'([^']+)'/g)) if (shape.test(lit[1]!)) codes.add(lit[1]!);
  }
  return codes;
}

describe('rule messages', () => {
  it('has a message for every code the rules give, and no message that no code gives', () => {
    const called = codesCalled('rules', 'ruleMessage', /^[a-zA-Z]+$/);
    expect([...called].sort()).toEqual(Object.keys(RULE_MESSAGES).sort());
  });

  it('has a message for the kind of every rule of the catalogue', () => {
    for (const r of RULES) expect(Object.keys(RULE_MESSAGES), r.id).toContain(r.kind);
  });
});

describe('analysis messages', () => {
  it('has a message for every code the analyses give, and no message that no code gives', () => {
    const called = codesCalled('analysis', 'analysisMessage', /^[a-z]+\.[a-zA-Z0-9]+$/);
    expect(called.size).toBeGreaterThan(20);
    expect([...called].sort()).toEqual(Object.keys(ANALYSIS_MESSAGES).sort());
  });

  it('has a message of its own for every cross-year rule', () => {
    for (const r of SERIES_RULES) expect(Object.keys(ANALYSIS_MESSAGES)).toContain(r.id);
  });

  it('titles every item of the publication checklist, and has no title without an item', () => {
    const items = readiness(seed()).items;
    expect(items.map((i) => i.id).sort()).toEqual(Object.keys(READY_TITLES).sort());
    for (const i of items) expect(i.title).toBe(READY_TITLES[i.id]);
  });

  it('gives each measure of the narrative its own rule id', () => {
    const ids = TEXT_MEASURES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
