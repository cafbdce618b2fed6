// Test helper: report JSON built from the shared corpus (expected.json cells + the narrative read from the
// published source), so the analysis tests do not depend on the importer.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '@nianbao/corpus';
import { DomUtils, parseDocument } from 'htmlparser2';
import { type Report, type ReportInput, reportFrom, SECTIONS, type SectionKey } from '../src/index.js';

export const CORPUS = corpusDir;

interface Expected {
  agency: string;
  year: number;
  level?: string;
  formats: { t2: '2019' | '2021'; t3: '2019' | '2021' };
  cells: Record<string, number | null>;
}

export const expectedOf = (dir: string): Expected =>
  JSON.parse(readFileSync(join(CORPUS, dir, 'expected.json'), 'utf8'));

/** The source as plain text, lines kept. */
function sourceText(dir: string): string {
  const base = join(CORPUS, dir);
  if (existsSync(join(base, 'source.pdf'))) {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(base, 'source.pdf'), '-'], { encoding: 'utf8' });
  }
  for (const name of ['source.txt', 'source.md'])
    if (existsSync(join(base, name))) return readFileSync(join(base, name), 'utf8');
  const doc = parseDocument(readFileSync(join(base, 'source.html'), 'utf8'));
  const drop = DomUtils.findAll((e) => e.name === 'script' || e.name === 'style', doc.children);
  for (const e of drop) DomUtils.removeElement(e);
  return DomUtils.textContent(doc);
}

/** Join the lines of a published text: page numbers dropped, line breaks inside Chinese sentences removed. */
function joined(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^[-—–]\s*\d+\s*[-—–]$/.test(l))
    .join('');
}

/** Split a report's text at the six official headings (or a variant: the number and the first two characters). */
function splitSections(text: string): { preamble: string; sections: Partial<Record<SectionKey, string>> } {
  const found: { key: SectionKey; at: number; heading: string }[] = [];
  let from = 0;
  for (const s of SECTIONS) {
    const starts = [s.heading, ...s.variants].map((h) => h.slice(0, h.indexOf('、') + 3));
    let at = -1;
    let heading = '';
    for (const start of starts) {
      const i = text.indexOf(start, from);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        heading = start;
      }
    }
    if (at < 0) continue;
    found.push({ key: s.key, at, heading });
    from = at + heading.length;
  }
  const sections: Partial<Record<SectionKey, string>> = {};
  found.forEach((f, i) => {
    const end = found[i + 1]?.at ?? text.length;
    const official = SECTIONS.find((s) => s.key === f.key)!;
    const body = text.slice(f.at, end);
    const headingEnd =
      [official.heading, ...official.variants].find((h) => body.startsWith(h))?.length ?? f.heading.length;
    sections[f.key] = body.slice(headingEnd).trim();
  });
  return { preamble: found.length ? text.slice(0, found[0]!.at).trim() : '', sections };
}

const LEVELS: [RegExp, Report['meta']['level']][] = [
  [/department/i, 'department'],
  [/subdistrict|township/i, 'township'],
  [/government/i, 'government'],
];

/** A corpus report as report JSON: meta and cells from expected.json, narrative sections from the source. */
export function corpusReport(dir: string, options: { narrative?: boolean } = {}): Report {
  const key = `${dir}:${options.narrative !== false}`;
  const cached = built.get(key);
  if (cached) return structuredClone(cached);
  const report = buildReport(dir, options);
  built.set(key, report);
  return structuredClone(report);
}

const built = new Map<string, Report>();

function buildReport(dir: string, options: { narrative?: boolean }): Report {
  const e = expectedOf(dir);
  const input: ReportInput = {
    meta: {
      agency: e.agency.split(' (')[0]!.trim(),
      year: e.year,
      level: LEVELS.find(([re]) => re.test(e.level ?? ''))?.[1] ?? (/街道|乡|镇/.test(e.agency) ? 'township' : 'other'),
      formats: e.formats,
    },
    cells: e.cells,
    sections: SECTIONS.map((s) => ({ key: s.key, heading: s.heading, blocks: [] })),
  };
  if (options.narrative !== false) {
    const { preamble, sections } = splitSections(joined(sourceText(dir)));
    input.preamble = preamble ? [{ kind: 'paragraph', text: preamble }] : [];
    input.sections = SECTIONS.map((s) => {
      const text = s.key in { overview: 1, problems: 1, other: 1 } ? sections[s.key] : undefined;
      return { key: s.key, heading: s.heading, blocks: text ? [{ kind: 'paragraph' as const, text }] : [] };
    });
  }
  return reportFrom(input);
}

/** Every corpus folder, in name order. */
export const CORPUS_DIRS = [
  '00-baoshan-yuejin-2024',
  '02-huaian-city-2024',
  '03-shuyang-county-2025',
  '06-pingtan-zone-2019',
  '10-pingtan-zone-2023',
  '13-shuyang-fgj-2023',
  '20-hongze-district-2023',
  '21-hongze-district-2024',
] as const;

/** A copy of a report with one section's text replaced. */
export function withSection(report: Report, key: SectionKey, text: string): Report {
  return {
    ...report,
    sections: report.sections.map((s) => (s.key === key ? { ...s, blocks: [{ kind: 'paragraph', text }] } : s)),
  };
}
