// Import accuracy and time per kind of file: the corpus originals, our own PDF and Word output (as printed and
// with every third cell blank), and the files other software made from the corpus (corpus/made). For each kind:
// cells read exactly, cells marked unread, cells wrong (another number, or a blank not marked unread: must be 0).
// Time per report beside the floor a user would otherwise pay for the same file: `pdftotext -layout` (a process,
// as a user runs it) and unpdf's plain text for a PDF, mammoth's raw text for Word, decoding the text otherwise.
// Prints `bench … | baseline … | ratio …`; BENCH_ROUNDS measured rounds (default 5) after 3 warm-up runs;
// BENCH_ROUNDS=0 gives the accuracy alone.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cellStatus, editCell, normalizeReport, reportCells, unreadCells } from '@nianbao/core';
import { corpusReports, madeFiles } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { readReportFile } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 3;

const same = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6);
const ext = (file) => file.slice(file.lastIndexOf('.') + 1);

/** Reads as a user would, naming the agency only where the file does not (Markdown from converters). */
async function read(f) {
  let r = await readReportFile(f.bytes.slice(), f.file);
  if (!r.ok && r.error.code === 'E_NO_AGENCY') r = await readReportFile(f.bytes.slice(), f.file, { agency: f.agency });
  return r;
}

/** The plain-text floor for the same file. */
async function floor(f, kind) {
  const e = ext(f.file);
  if (e === 'pdf') {
    if (kind === 'pdftotext') return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', f.path, '-']).length;
    const pdf = await getDocumentProxy(f.bytes.slice());
    const { text } = await extractText(pdf, { mergePages: true });
    await pdf.destroy();
    return text.length;
  }
  if (e === 'docx') return (await mammoth.extractRawText({ buffer: Buffer.from(f.bytes) })).value.length;
  return new TextDecoder().decode(f.bytes).normalize('NFKC').split('\n').length;
}

const FLOOR_NAME = {
  pdftotext: 'pdftotext-layout',
  unpdf: 'unpdf-text',
  docx: 'mammoth-raw-text',
  text: 'decode-text',
};

// --- the files ---------------------------------------------------------------------------------------------------

const files = [];
const agencyOf = (r) => r.expected.agency.split(' ')[0];

for (const r of corpusReports())
  for (const s of r.sources) {
    const kind =
      s.ext === 'html' ? 'original.html' : s.ext === 'pdf' ? 'original.pdf (published)' : `original.${s.ext}`;
    files.push({
      kind,
      name: s.name,
      file: s.file,
      path: s.path,
      bytes: new Uint8Array(readFileSync(s.path)),
      agency: agencyOf(r),
      expected: r.expected.cells,
      ids: Object.keys(r.expected.cells),
    });
  }

// Our own output: the corpus report (its expected cells) rendered by @nianbao/pdf, as printed and with blanks.
const tmp = await import('node:os').then((os) => os.tmpdir());
const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
const dir = mkdtempSync(`${tmp}/nianbao-bench-`);
for (const r of corpusReports()) {
  const src = r.sources.find((s) => s.ext !== 'pdf') ?? r.sources[0];
  const got = await readReportFile(new Uint8Array(readFileSync(src.path)), src.file, { agency: agencyOf(r) });
  if (!got.ok || got.kind === 'json') throw new Error(`${r.name}: not read`);
  const { provenance: _p, cellText: _t, ...rest } = got.report;
  const printed = normalizeReport({ ...rest, cells: { ...r.expected.cells } });
  let blank3 = printed;
  reportCells(printed.meta.formats).forEach((c, i) => {
    if (i % 3 === 1) blank3 = editCell(blank3, c.id, null);
  });
  for (const [variant, report] of [
    ['', printed],
    ['.blank3', blank3],
  ])
    for (const [e, bytes] of [
      ['pdf', await renderPdf(report)],
      ['docx', await renderDocx(report)],
    ]) {
      const file = `${r.name}${variant}.nianbao.${e}`;
      const path = `${dir}/${file}`;
      writeFileSync(path, bytes);
      files.push({
        kind: `nianbao${variant}.${e}`,
        name: file,
        file,
        path,
        bytes: new Uint8Array(bytes),
        agency: agencyOf(r),
        expected: report.cells,
        ids: reportCells(report.meta.formats).map((c) => c.id),
      });
    }
}

for (const f of madeFiles()) {
  const kind = f.file.slice(f.report.name.length + 1);
  files.push({
    kind,
    name: f.name,
    file: f.file,
    path: f.path,
    bytes: new Uint8Array(readFileSync(f.path)),
    agency: agencyOf(f.report),
    expected: f.expected,
    ids: Object.keys(f.expected).filter((id) => !f.notPrinted.includes(id)),
    notPrinted: f.notPrinted,
  });
}

const floorsOf = (f) => (ext(f.file) === 'pdf' ? ['pdftotext', 'unpdf'] : ext(f.file) === 'docx' ? ['docx'] : ['text']);

// --- accuracy ----------------------------------------------------------------------------------------------------

const kinds = new Map();
for (const f of files) {
  const r = await read(f);
  const k = kinds.get(f.kind) ?? { files: 0, cells: 0, exact: 0, unread: 0, wrong: 0, silent: 0, notPrinted: 0 };
  kinds.set(f.kind, k);
  k.files++;
  k.notPrinted += f.notPrinted?.length ?? 0;
  k.cells += f.ids.length;
  if (!r.ok || r.kind === 'json') {
    console.log(`${f.name}: not read (${r.ok ? 'json' : r.error.code})`);
    k.unread += f.ids.length;
    continue;
  }
  const back = r.report;
  const unread = new Set(unreadCells(back));
  for (const id of f.ids) {
    const got = back.cells[id];
    const want = f.expected[id];
    if (unread.has(id)) k.unread++;
    else if (typeof got === 'number' && !same(got, want)) k.wrong++;
    else if (!same(got, want)) k.silent++;
    // A blank read back must be the agency's printed blank.
    else if (want === null && cellStatus(back, id) !== 'blank') k.silent++;
    else k.exact++;
  }
}

const pct = (n, d) => (d ? (100 * n) / d : 0);
const html = kinds.get('original.html');
const htmlPct = pct(html.exact, html.cells);
console.log('kind                         files  cells  exact  unread  wrong  not printed');
for (const [kind, k] of kinds)
  console.log(
    `${kind.padEnd(28)} ${String(k.files).padStart(5)} ${String(k.cells).padStart(6)} ${String(k.exact).padStart(6)} ${String(k.unread).padStart(7)} ${String(k.wrong + k.silent).padStart(6)} ${String(k.notPrinted).padStart(12)}`,
  );
let wrongAll = 0;
for (const [kind, k] of kinds) {
  wrongAll += k.wrong + k.silent;
  const p = pct(k.exact, k.cells);
  console.log(
    `bench read-exactly ${kind}: ${p.toFixed(2)} % of ${k.cells} cells | baseline read-exactly original.html: ${htmlPct.toFixed(2)} % of ${html.cells} cells | ratio ${(p / htmlPct).toFixed(4)}`,
  );
}

// --- time --------------------------------------------------------------------------------------------------------

const ms = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const f of ROUNDS ? files : [])
  for (let i = 0; i < WARMUP; i++) {
    await read(f);
    for (const k of floorsOf(f)) await floor(f, k);
  }
const ours = new Map(files.map((f) => [f, []]));
const base = new Map(files.map((f) => [f, Object.fromEntries(floorsOf(f).map((k) => [k, []]))]));
// Interleaved: each round times every file, ours and its floors in turn, the order turning from round to round.
for (let round = 0; round < ROUNDS; round++)
  for (const f of files) {
    const steps = [
      async () => ours.get(f).push(await ms(() => read(f))),
      ...floorsOf(f).map((k) => async () => base.get(f)[k].push(await ms(() => floor(f, k)))),
    ];
    for (let i = 0; i < steps.length; i++) await steps[(i + round) % steps.length]();
  }

const groups = new Map();
for (const f of ROUNDS ? files : [])
  for (const k of floorsOf(f)) {
    const key = `${f.kind}\u0000${k}`;
    const g = groups.get(key) ?? { kind: f.kind, floor: k, ours: [], base: [] };
    groups.set(key, g);
    g.ours.push(median(ours.get(f)));
    g.base.push(median(base.get(f)[k]));
  }
for (const g of groups.values()) {
  const a = median(g.ours);
  const b = median(g.base);
  console.log(
    `bench import-time ${g.kind} vs ${FLOOR_NAME[g.floor]}: ${a.toFixed(1)} ms/report | baseline ${FLOOR_NAME[g.floor]}: ${b.toFixed(1)} ms/report | ratio ${(a / b).toFixed(2)}`,
  );
}

rmSync(dir, { recursive: true, force: true });
if (wrongAll) {
  console.error(`${wrongAll} cells hold a number other than the printed one, or a blank not marked unread`);
  process.exitCode = 1;
}
