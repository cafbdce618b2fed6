// The agency and year of every corpus report, as published and with its title rewritten in the other forms
// reports use: never a placeholder, never a word that is not the agency.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { corpusSources } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { importReport, parseReport } from '../src/index.js';

interface Source {
  name: string;
  ext: string;
  text: string;
  agency: string;
  /** The agency as the file prints it, where it differs (an OCR misspelling). */
  printed: string;
  year: number;
}

const sources: Source[] = corpusSources().map((s) => {
  const expected = s.report.expected as { agency: string; year: number };
  const agency = expected.agency.split(' (')[0]!;
  const note = /\((.*)\)/.exec(expected.agency)?.[1] ?? '';
  const spelt = /spells it (\S+)/.exec(note)?.[1];
  const printed = spelt ? agency.replace(/^[^县市区]+[县市区]/, spelt) : agency;
  const text =
    s.ext === 'pdf'
      ? execFileSync('pdftotext', ['-enc', 'UTF-8', s.path, '-'], { encoding: 'utf8' })
      : readFileSync(s.path, 'utf8');
  return { name: s.name, ext: s.ext, text, agency, printed, year: expected.year };
});
const textSources = sources.filter((s) => s.ext !== 'html');

/** The source without its title block (lines of the first 40 naming the report, and the agency line above). */
function withoutTitle(s: Source): string {
  const lines = s.text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const t = line.replace(/\s+/g, '');
    const title = i < 40 && /年度报告|年报/.test(t) && !/[，。；]/.test(t) && t.length <= 80;
    // The agency line of the title block, with or without the city the title leaves out.
    const name = t.replace(/^#+/, '');
    const agencyLine = i < 40 && name.length >= 5 && s.printed.endsWith(name);
    if (title || agencyLine) return;
    // A title run into the preamble on one line loses its title.
    out.push(i < 40 ? line.replace(/^\s*\S*?\d{4}年度?政府信息公开工作年度报告\s*/, '') : line);
  });
  return out.join('\n');
}

describe('corpus: the agency and the year of every report', () => {
  it.each(sources.map((s) => [s.name, s] as const))('%s', (_n, s) => {
    const r = importReport(s.text, { fileName: `source.${s.ext === 'pdf' ? 'txt' : s.ext}` });
    expect([r.report.meta.agency, r.report.meta.year]).toEqual([s.printed, s.year]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('E_NO_AGENCY');
  });

  const FORMS: [string, (a: string, y: number) => string][] = [
    ['agency after the year', (a, y) => `${y}年${a}政府信息公开工作年度报告`],
    ['agency before the year, 年度', (a, y) => `${a}${y}年度政府信息公开工作年度报告`],
    ['agency on its own line', (a, y) => `${a}\n${y}年政府信息公开工作年度报告`],
    ['a line break inside the agency', (a, y) => `${y}年${a.slice(0, 3)}\n${a.slice(3)}政府信息公开工作年度报告`],
    ['a line break inside the title', (a, y) => `${a}${y}年政府信息公开工作\n年度报告`],
  ];
  const cases = textSources.flatMap((s) => FORMS.map(([form, title]) => [`${s.name}, ${form}`, s, title] as const));

  it.each(cases)('%s', (_n, s, title) => {
    const text = `${title(s.agency, s.year)}\n${withoutTitle(s)}`;
    const r = importReport(text, { format: s.ext === 'md' ? 'markdown' : 'text' });
    expect([r.report.meta.agency, r.report.meta.year]).toEqual([s.agency, s.year]);
  });

  it.each(textSources.map((s) => [s.name, s] as const))(
    '%s without its title: the agency from the preamble or the signature, else an error — never a placeholder',
    (_n, s) => {
      const r = importReport(withoutTitle(s), { format: s.ext === 'md' ? 'markdown' : 'text' });
      const agency = r.report.meta.agency;
      const codes = r.diagnostics.map((d) => d.code);
      if (agency === '') {
        expect(codes).toContain('E_NO_AGENCY');
        expect(parseReport(r.report).ok).toBe(false);
      } else {
        expect(codes).toContain('I_AGENCY_SOURCE');
        // A name the report itself prints (its office's name reads as the government's).
        expect(s.text.replace(/\s+/g, '')).toContain(agency);
        expect(s.printed.endsWith(agency) || agency.endsWith(s.printed) || s.agency === agency).toBe(true);
      }
    },
  );
});
