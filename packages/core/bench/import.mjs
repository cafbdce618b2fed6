// Import accuracy on the shared corpus (cells right / cells expected, per report), and import
// throughput beside merely parsing the same HTML with htmlparser2. Prints `bench … | baseline … | ratio …`.
import { readFileSync } from 'node:fs';
import { corpusSources } from '@nianbao/corpus';
import { Parser } from 'htmlparser2';
import { importReport } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

// Every text source of the corpus (the PDFs are read by @nianbao/readers, not by core).
const sources = corpusSources()
  .filter((s) => s.ext !== 'pdf')
  .map((s) => ({ name: s.name, file: s.file, text: readFileSync(s.path, 'utf8'), expected: s.report.expected.cells }));

let right = 0;
let total = 0;
for (const s of sources) {
  const { report } = importReport(s.text, { fileName: s.file });
  const ids = Object.keys(s.expected);
  const ok = ids.filter((id) => {
    const want = s.expected[id];
    const got = report.cells[id];
    return got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-6);
  }).length;
  right += ok;
  total += ids.length;
  console.log(`accuracy ${s.name}: ${ok}/${ids.length} cells right (${((100 * ok) / ids.length).toFixed(1)}%)`);
}
console.log(
  `bench import-accuracy: ${((100 * right) / total).toFixed(2)} % | baseline expected.json: 100 % | ratio ${(right / total).toFixed(4)}`,
);

const mb = (n) => n / 1024 / 1024;
const time = (f) => {
  for (let i = 0; i < 3; i++) f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) f();
  return Number(process.hrtime.bigint() - t) / 1e9;
};

// All formats: reports per second and MB per second.
const bytes = sources.reduce((a, s) => a + Buffer.byteLength(s.text), 0);
const all = time(() =>
  sources.forEach((s) => {
    importReport(s.text, { fileName: s.file });
  }),
);
const reportsPerSec = (ROUNDS * sources.length) / all;
// The floor any reader pays: touch every character once (width-normalise it and split it into lines).
let sink = 0;
const floor = time(() =>
  sources.forEach((s) => {
    sink += s.text.normalize('NFKC').split('\n').length;
  }),
);
if (sink < 0) console.log(sink);
const floorPerSec = (ROUNDS * sources.length) / floor;
console.log(
  `bench import-all-formats: ${reportsPerSec.toFixed(1)} reports/s | baseline normalise-and-split-lines: ${floorPerSec.toFixed(1)} reports/s | ratio ${(reportsPerSec / floorPerSec).toFixed(3)}`,
);
console.log(
  `bench import-all-formats-bytes: ${((ROUNDS * mb(bytes)) / all).toFixed(2)} MB/s | baseline normalise-and-split-lines: ${((ROUNDS * mb(bytes)) / floor).toFixed(2)} MB/s | ratio ${(reportsPerSec / floorPerSec).toFixed(3)}`,
);

// HTML: the whole import beside htmlparser2 alone walking the same pages.
const html = sources.filter((s) => s.file.endsWith('.html'));
const htmlBytes = html.reduce((a, s) => a + Buffer.byteLength(s.text), 0);
const parseOnly = time(() => {
  for (const s of html) {
    let n = 0;
    const p = new Parser(
      {
        onopentag() {
          n++;
        },
        ontext() {
          n++;
        },
        onclosetag() {
          n++;
        },
      },
      { decodeEntities: true },
    );
    p.write(s.text);
    p.end();
    sink += n;
  }
});
const full = time(() =>
  html.forEach((s) => {
    importReport(s.text, { format: 'html' });
  }),
);
const a = (ROUNDS * mb(htmlBytes)) / full;
const b = (ROUNDS * mb(htmlBytes)) / parseOnly;
console.log(
  `bench import-html: ${a.toFixed(2)} MB/s | baseline htmlparser2-parse: ${b.toFixed(2)} MB/s | ratio ${(a / b).toFixed(3)}`,
);
const ra = (ROUNDS * html.length) / full;
const rb = (ROUNDS * html.length) / parseOnly;
console.log(
  `bench import-html-reports: ${ra.toFixed(1)} reports/s | baseline htmlparser2-parse: ${rb.toFixed(1)} reports/s | ratio ${(ra / rb).toFixed(3)}`,
);
