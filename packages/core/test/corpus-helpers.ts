import { corpusSources as allSources } from '@nianbao/corpus';

export interface CorpusSource {
  name: string;
  dir: string;
  file: string;
  ext: string;
  expected: { cells: Record<string, number | null>; formats: { t2: string; t3: string } };
}

/** Every source file of the corpus with its expected cells (all formats, PDFs included). */
export function corpusSources(): CorpusSource[] {
  return allSources().map((s) => ({
    name: s.name,
    dir: s.report.dir,
    file: s.path,
    ext: s.ext,
    expected: s.report.expected,
  }));
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
