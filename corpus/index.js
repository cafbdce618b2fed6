// The one way tests and benchmarks reach the corpus of real reports and the format spec in this repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the corpus folder (one folder per report). */
export const corpusDir = fileURLToPath(new URL('./', import.meta.url));
const specDir = fileURLToPath(new URL('../docs/spec/', import.meta.url));

/** Every report of the corpus, in folder order; throws when the corpus is missing, so no test passes without it. */
export function corpusReports() {
  const names = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${corpusDir}${d.name}/expected.json`))
    .map((d) => d.name)
    .sort();
  if (names.length === 0) throw new Error(`corpus: no report folders in ${corpusDir}`);
  return names.map(corpusReport);
}

/** One report of the corpus by folder name (`00-baoshan-yuejin-2024`); throws when it does not exist. */
export function corpusReport(name) {
  const dir = `${corpusDir}${name}/`;
  if (!existsSync(`${dir}expected.json`)) throw new Error(`corpus: no report ${name} in ${corpusDir}`);
  const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
  const sources = readdirSync(dir)
    .filter((f) => f.startsWith('source.'))
    .sort()
    .map((file) => ({ name: `${name}/${file}`, file, path: `${dir}${file}`, ext: file.slice('source.'.length) }));
  return { name, dir, expected, sources };
}

/** Every source file of the corpus with its report (all formats, PDFs included). */
export function corpusSources() {
  return corpusReports().flatMap((report) => report.sources.map((source) => ({ ...source, report })));
}

/** Path of a file of the format spec (`format.md`, `cell-ids.md`); throws when it is missing. */
export function specPath(name) {
  const path = `${specDir}${name}`;
  if (!existsSync(path)) throw new Error(`spec: no ${name} in ${specDir}`);
  return path;
}

/** Text of a file of the format spec. */
export function readSpec(name) {
  return readFileSync(specPath(name), 'utf8');
}

/** Path of a file made for the tests (not a real report): `no-text.pdf`, a scanned-like PDF without a text layer. */
export function madeFile(name) {
  const path = `${corpusDir}made/${name}`;
  if (!existsSync(path)) throw new Error(`corpus: no made file ${name}`);
  return path;
}
