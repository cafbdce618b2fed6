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

const FORMATS = { pdf: 'pdf', docx: 'docx', md: 'markdown' };

/**
 * Every file made from a corpus report (`made/made.json`, remade by `made/remake.mjs`): a Chromium print of its
 * web page, LibreOffice conversions, Markdown made from PDFs. Each comes with the cells it must read back to:
 * its report's expected.json, with the cells the maker left blank (`blank`) as null. `notPrinted` names cells the
 * file does not print at all (a table running off the page): they cannot be read from it.
 */
export function madeFiles() {
  const { files } = JSON.parse(readFileSync(`${corpusDir}made/made.json`, 'utf8'));
  if (!files.length) throw new Error(`corpus: no made files listed in ${corpusDir}made/made.json`);
  return files.map((f) => {
    const report = corpusReport(f.report);
    const ext = f.file.slice(f.file.lastIndexOf('.') + 1);
    const expected = { ...report.expected.cells };
    for (const id of f.notPrinted ?? [])
      if (!(id in expected)) throw new Error(`corpus: made file ${f.file} names ${id}, not a cell of ${f.report}`);
    // Blank where the maker left the cell blank, or where expected.json leaves the cell out and the file prints it.
    for (const id of f.blank) expected[id] = null;
    return {
      name: `made/${f.file}`,
      file: f.file,
      path: madeFile(f.file),
      format: FORMATS[ext],
      made: f.made,
      blank: f.blank,
      notPrinted: f.notPrinted ?? [],
      report,
      expected,
    };
  });
}

/** Debian's Chromium, as every browser test and bench launches it: headless, nothing fetched or updated. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
