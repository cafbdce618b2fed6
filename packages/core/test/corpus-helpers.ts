import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared corpus of real published reports (each folder: source.* and expected.json). */
export const CORPUS = new URL('../../../../shared/corpus/', import.meta.url).pathname;

export interface CorpusSource {
  name: string;
  dir: string;
  file: string;
  ext: string;
  expected: { cells: Record<string, number | null>; formats: { t2: string; t3: string } };
}

/** Every source file of the corpus with its expected cells (all formats, PDFs included). */
export function corpusSources(): CorpusSource[] {
  if (!existsSync(CORPUS)) return [];
  const out: CorpusSource[] = [];
  for (const d of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, d);
    if (!existsSync(join(dir, 'expected.json'))) continue;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    for (const f of readdirSync(dir)
      .filter((f) => f.startsWith('source.'))
      .sort()) {
      out.push({ name: `${d}/${f}`, dir, file: join(dir, f), ext: f.split('.').pop()!, expected });
    }
  }
  return out;
}

/** Cells compared with expected: right, wrong (a number where another was expected) and unread (null). */
export function compareCells(expected: Record<string, number | null>, actual: Record<string, number | null>) {
  const right: string[] = [];
  const wrong: { id: string; want: number | null; got: number | null | undefined }[] = [];
  const unread: string[] = [];
  for (const [id, want] of Object.entries(expected)) {
    const got = actual[id];
    if (got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-6))
      right.push(id);
    else if ((got === null || got === undefined) && want !== null) unread.push(id);
    else wrong.push({ id, want, got });
  }
  return { right, wrong, unread, total: Object.keys(expected).length };
}
