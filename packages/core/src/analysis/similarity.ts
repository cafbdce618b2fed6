import type { Report } from '../model/report.js';
import { SECTIONS, type SectionKey } from '../templates/index.js';

/** How much of a section repeats the same section of another report, with the repeated passages. */
export interface SectionSimilarity {
  key: SectionKey;
  heading: string;
  /** Share of this section's characters (whitespace aside) that also stand in the other report's section, 0–1. */
  similarity: number;
  /** Passages of this section found in the other report, as written here, longest first. */
  copied: string[];
  /** Characters of this section (whitespace aside). */
  length: number;
}

export interface SimilarityOptions {
  /** Shortest passage reported as copied, in characters (default 20). */
  minPassage?: number;
}

/** Characters compared: no whitespace; every digit the same (a copied passage with the year changed is still copied). */
function normalise(text: string): { norm: string; index: number[] } {
  let norm = '';
  const index: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) continue;
    norm += /[0-9０-９]/.test(ch) ? '0' : ch;
    index.push(i);
  }
  return { norm, index };
}

const SHINGLE = 10;

const sectionText = (r: Pick<Report, 'sections'>, key: SectionKey) =>
  (r.sections.find((s) => s.key === key)?.blocks ?? []).map((b) => b.text).join('\n');

/** Compare two texts: share of `text` also found in `other`, and the passages. */
export function textSimilarity(
  text: string,
  other: string,
  options: SimilarityOptions = {},
): { similarity: number; copied: string[]; length: number } {
  const minPassage = options.minPassage ?? 20;
  const a = normalise(text);
  const b = normalise(other);
  const n = a.norm.length;
  if (n === 0 || b.norm.length < SHINGLE) return { similarity: 0, copied: [], length: n };
  const seen = new Set<string>();
  for (let i = 0; i + SHINGLE <= b.norm.length; i++) seen.add(b.norm.slice(i, i + SHINGLE));
  const covered = new Uint8Array(n);
  for (let i = 0; i + SHINGLE <= n; i++) if (seen.has(a.norm.slice(i, i + SHINGLE))) covered.fill(1, i, i + SHINGLE);
  let count = 0;
  const copied: string[] = [];
  for (let i = 0; i < n; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && covered[j]) j++;
    count += j - i;
    // Line breaks (between blocks, or from a PDF) are dropped from the passage shown.
    if (j - i >= minPassage) copied.push(text.slice(a.index[i]!, a.index[j - 1]! + 1).replace(/\s*\n\s*/g, ''));
    i = j;
  }
  copied.sort((x, y) => y.length - x.length);
  return { similarity: Math.round((count / n) * 1000) / 1000, copied, length: n };
}

/** Each section of `current` compared with the same section of `previous` (the same agency's last report). */
export function sectionSimilarity(
  current: Pick<Report, 'sections'>,
  previous: Pick<Report, 'sections'>,
  options: SimilarityOptions = {},
): SectionSimilarity[] {
  return SECTIONS.map((s) => ({
    key: s.key,
    heading: s.heading,
    ...textSimilarity(sectionText(current, s.key), sectionText(previous, s.key), options),
  }));
}
