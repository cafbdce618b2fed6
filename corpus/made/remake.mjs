#!/usr/bin/env node
// Remakes the files of corpus/made/ from the corpus reports (see README.md beside this file): Chromium prints of
// the corpus HTML pages, LibreOffice conversions (HTML → Word → PDF, our Word → PDF), and Markdown made from PDFs
// by @opendocsg/pdf2md. Needs `npm run build`, Debian `chromium` and `libreoffice-writer-nogui`.
// Usage: node corpus/made/remake.mjs [--only NAME-PREFIX]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeReport, reportCells } from '@nianbao/core';
import { CHROMIUM_ARGS, corpusReports } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { readReportFile } from '@nianbao/readers';

const madeDir = fileURLToPath(new URL('./', import.meta.url));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
const work = mkdtempSync(join(tmpdir(), 'nianbao-made-'));
const CHROMIUM_FLAGS = [...CHROMIUM_ARGS, '--no-pdf-header-footer'];
const LO = ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo-profile`];

/** Blank cells the way agencies leave them (the variant's name → the cell ids left blank). */
export const VARIANTS = {
  '': () => [],
  blank3: (ids) => ids.filter((_, i) => i % 3 === 1),
};

const manifest = JSON.parse(readFileSync(join(madeDir, 'made.json'), 'utf8'));
const entries = new Map(manifest.files.map((f) => [f.file, f]));
// What was checked by eye (`notPrinted`, `note`) stays with the file.
const put = (entry) => entries.set(entry.file, { ...entries.get(entry.file), ...entry });

/** The corpus report as a report: metadata read from its source, every cell as expected.json gives it. */
async function reportOf(r, blank) {
  const src = r.sources.find((s) => s.ext !== 'pdf') ?? r.sources[0];
  const read = await readReportFile(readFileSync(src.path), src.path);
  if (!read.ok) throw new Error(`${src.name}: ${read.error.message}`);
  const { provenance: _p, cellText: _t, ...rest } = read.report;
  const cells = { ...r.expected.cells };
  for (const id of blank) cells[id] = null;
  return normalizeReport({ ...rest, meta: { ...rest.meta, agency: r.expected.agency.split(' ')[0] }, cells });
}

const soffice = (args) => execFileSync('soffice', [...LO, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

function pdf2md(pdfPath, mdName) {
  // pdf.js in Node never loads font faces, so its font objects never arrive: a placeholder name for each font.
  const require = createRequire(import.meta.url);
  const script = `
    const pdf2md = require(${JSON.stringify(require.resolve('@opendocsg/pdf2md'))});
    const fs = require('node:fs');
    const documentParsed = (doc) => {
      const objs = (doc.transport || doc._transport).commonObjs;
      const get = objs.get.bind(objs);
      objs.get = (id, cb) => (cb ? cb(objs.has(id) ? get(id) : { name: id }) : get(id));
    };
    pdf2md(new Uint8Array(fs.readFileSync(process.argv[1])), { documentParsed })
      .then((md) => fs.writeFileSync(process.argv[2], md));`;
  execFileSync(process.execPath, ['-e', script, pdfPath, join(madeDir, mdName)], { stdio: 'inherit' });
}

const reports = corpusReports().filter((r) => r.name.startsWith(only));
for (const r of reports) {
  const ids = Object.keys(r.expected.cells);
  // Our own Word file, as printed and with blank cells, converted to PDF by LibreOffice.
  for (const [variant, pick] of Object.entries(VARIANTS)) {
    const blank = pick(ids);
    const stem = `${r.name}${variant ? `.${variant}` : ''}`;
    const report = await reportOf(r, blank);
    // Cells of the template that expected.json leaves out are printed blank in our files.
    const unlisted = reportCells(report.meta.formats)
      .map((c) => c.id)
      .filter((id) => !(id in r.expected.cells));
    blank.push(...unlisted);
    writeFileSync(join(work, `${stem}.docx`), await renderDocx(report));
    soffice(['--convert-to', 'pdf', '--outdir', work, join(work, `${stem}.docx`)]);
    copyFileSync(join(work, `${stem}.pdf`), join(madeDir, `${stem}.docx-lo.pdf`));
    put({
      file: `${stem}.docx-lo.pdf`,
      report: r.name,
      blank,
      made: `nianbao docx of the corpus report${variant ? ' with every third cell blank' : ''}, converted to PDF by LibreOffice`,
    });
    if (!variant) {
      // Markdown of our own PDF and of LibreOffice's.
      writeFileSync(join(work, `${stem}.nianbao.pdf`), await renderPdf(report));
      pdf2md(join(work, `${stem}.nianbao.pdf`), `${stem}.nianbao.pdf2md.md`);
      put({ file: `${stem}.nianbao.pdf2md.md`, report: r.name, blank, made: 'nianbao pdf, then @opendocsg/pdf2md' });
      pdf2md(join(madeDir, `${stem}.docx-lo.pdf`), `${stem}.docx-lo.pdf2md.md`);
      put({
        file: `${stem}.docx-lo.pdf2md.md`,
        report: r.name,
        blank,
        made: 'nianbao docx, LibreOffice to PDF, then @opendocsg/pdf2md',
      });
    }
  }
  for (const s of r.sources) {
    if (s.ext === 'pdf') {
      // The published PDF itself, as Markdown.
      pdf2md(s.path, `${r.name}.source.pdf2md.md`);
      put({ file: `${r.name}.source.pdf2md.md`, report: r.name, blank: [], made: `${s.file}, then @opendocsg/pdf2md` });
    }
    if (s.ext !== 'html') continue;
    // The web page printed by Chromium.
    execFileSync(
      'chromium',
      [...CHROMIUM_FLAGS, `--print-to-pdf=${join(madeDir, `${r.name}.chromium.pdf`)}`, `file://${s.path}`],
      {
        stdio: 'ignore',
      },
    );
    put({ file: `${r.name}.chromium.pdf`, report: r.name, blank: [], made: `${s.file} printed to PDF by Chromium` });
    pdf2md(join(madeDir, `${r.name}.chromium.pdf`), `${r.name}.chromium.pdf2md.md`);
    put({
      file: `${r.name}.chromium.pdf2md.md`,
      report: r.name,
      blank: [],
      made: `${s.file} printed to PDF by Chromium, then @opendocsg/pdf2md`,
    });
    // The web page opened in LibreOffice Writer, saved as Word, and that Word file converted to PDF.
    copyFileSync(s.path, join(work, `${r.name}.html`));
    soffice([
      '--infilter=HTML (StarWriter)',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      work,
      join(work, `${r.name}.html`),
    ]);
    copyFileSync(join(work, `${r.name}.docx`), join(madeDir, `${r.name}.html-lo.docx`));
    put({
      file: `${r.name}.html-lo.docx`,
      report: r.name,
      blank: [],
      made: `${s.file} opened in LibreOffice Writer, saved as Word`,
    });
    mkdirSync(join(work, 'html-lo'), { recursive: true });
    soffice(['--convert-to', 'pdf', '--outdir', join(work, 'html-lo'), join(madeDir, `${r.name}.html-lo.docx`)]);
    copyFileSync(join(work, 'html-lo', `${r.name}.html-lo.pdf`), join(madeDir, `${r.name}.html-lo.pdf`));
    put({
      file: `${r.name}.html-lo.pdf`,
      report: r.name,
      blank: [],
      made: `${s.file} opened in LibreOffice Writer, saved as Word, converted to PDF by LibreOffice`,
    });
  }
  console.log(`made: ${r.name}`);
}

const files = [...entries.values()].sort((a, b) => a.file.localeCompare(b.file));
writeFileSync(join(madeDir, 'made.json'), `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
