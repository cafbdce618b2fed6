import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importReport, validate } from '../src/index.js';
import { compareCells, corpusSources } from './corpus-helpers.js';

const sources = corpusSources().filter((s) => s.ext !== 'pdf');
const accuracy: string[] = [];

describe('corpus: every published report read cell by cell', () => {
  it('finds the corpus', () => {
    expect(sources.length).toBeGreaterThanOrEqual(7);
  });

  it.each(sources.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const result = importReport(readFileSync(s.file, 'utf8'), { fileName: s.file });
    const { right, wrong, unread, total } = compareCells(s.expected.cells, result.report.cells);
    accuracy.push(`${s.name}: ${right.length}/${total} cells right`);
    // Never a wrong number: a cell is right, or left unread only where digits ran together and more
    // than one cut fits the table's identities — and the diagnostics say so for its row.
    expect(wrong).toEqual([]);
    for (const id of unread) {
      const row = id.split('.').slice(1, -1).join('.');
      const explained = result.diagnostics.some((d) => d.code === 'E_SPLIT_AMBIGUOUS' && d.location.row === row);
      expect(explained, `${id} unread without an ambiguity diagnostic`).toBe(true);
      expect(result.missing).toContain(id);
    }
    expect(result.report.meta.formats).toEqual(s.expected.formats);
    expect(result.report.sections.map((x) => x.key)).toEqual([
      'overview',
      'proactive',
      'requests',
      'reviewLitigation',
      'problems',
      'other',
    ]);
    // The reader keeps what is printed: a report that breaks its own identities still does.
    const errors = validate(result.report).findings.filter((f) => f.severity === 'error' && f.kind !== 'required');
    if (errors.length) expect(readFileSync(`${s.dir}/expected.json`, 'utf8')).toContain('"reconciles": false');
  });

  afterAll(() => {
    if (accuracy.length) console.log(`import accuracy per report:\n  ${accuracy.join('\n  ')}`);
  });
});
