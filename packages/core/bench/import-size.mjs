// Import time of flat text at 1, 5 and 20 MB beside the floor of one pass over the same text (split into
// lines, one regular expression per line), then of Markdown as PDF converters give it (each line a heading) whose
// rows lost their blank cells (two values for seven columns). The ratio must not grow with the size.
import { readFileSync } from 'node:fs';
import { corpusSources, madeFiles } from '@nianbao/corpus';
import { importReport } from '../dist/index.js';

const SIZES_MB = (process.env.BENCH_SIZES ?? '1,5,20').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_SIZE_ROUNDS ?? 3);

const texts = corpusSources()
  .filter((s) => s.ext === 'txt')
  .map((s) => readFileSync(s.path, 'utf8'));
const markdowns = madeFiles()
  .filter((f) => f.file.endsWith('.md'))
  .map((f) => readFileSync(f.path, 'utf8'));

const FLAT = {
  name: 'text',
  format: 'text',
  reports: texts,
  lines: (i) => [
    `（${'一二三四五六七'[i % 7]}）予以公开的部分事项${i} ${i % 50} ${i % 7} 0 ${i % 3} 1 0 ${i % 50}`,
    `本机关第${i}项工作按照条例要求推进公开并做好解读回应`,
  ],
};
const SPARSE_MD = {
  name: 'md-sparse',
  format: 'markdown',
  reports: markdowns,
  lines: (i) => [
    `#### （${'一二三四五六七'[i % 7]}）予以公开的部分事项${i} ${i % 50} ${i % 50}\n`,
    `#### 本机关第${i}项工作按照条例要求推进公开并做好解读回应\n`,
  ],
};

/** Table-like input of about `mb` MB: the shape's corpus reports, then rows like 表三's and wrapped lines. */
function makeText(mb, shape) {
  const target = mb * 1024 * 1024;
  const parts = [];
  let bytes = 0;
  const add = (s) => {
    parts.push(s);
    bytes += Buffer.byteLength(s) + 1;
  };
  for (const t of shape.reports) add(t);
  for (let i = 0; bytes < target; i++) for (const line of shape.lines(i)) add(line);
  return parts.join('\n');
}

let sink = 0;
const floor = (text) => {
  let n = 0;
  for (const line of text.split('\n')) if (/\d+\s+\d+/.test(line)) n++;
  sink += n;
};
const runAs = (format) => (text) => {
  sink += importReport(text, { format }).diagnostics.length;
};
const seconds = (f, text) => {
  const t = process.hrtime.bigint();
  f(text);
  return Number(process.hrtime.bigint() - t) / 1e9;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const shape of [FLAT, SPARSE_MD])
  for (const mb of SIZES_MB) {
    const run = runAs(shape.format);
    const text = makeText(mb, shape);
    const size = Buffer.byteLength(text) / 1024 / 1024;
    // Warm both sides at this size until steady, then interleave the measured rounds.
    for (let i = 0; i < 3; i++) floor(text);
    run(text);
    const a = [];
    const b = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(seconds(run, text));
      b.push(seconds(floor, text));
    }
    const ta = median(a);
    const tb = median(b);
    console.log(
      `bench import-${shape.name}-${mb}mb: ${(size / ta).toFixed(2)} MB/s (${ta.toFixed(2)} s) | baseline split-lines-and-regex: ${(size / tb).toFixed(2)} MB/s (${tb.toFixed(3)} s) | ratio ${(tb / ta).toFixed(4)}`,
    );
  }
if (sink < 0) console.log(sink);
