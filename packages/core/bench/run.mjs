// Validation throughput beside the floor: a hand-written loop that reads the same cells and checks the
// same identities and types once. Prints `bench … | baseline … | ratio …` lines (ratio = value / baseline;
// the target is the engine within 3× of the floor, a ratio of at least 0.33).
import {
  computeCellTotals,
  reportCells,
  T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T4_GROUPS,
  t3Rows,
  validate,
} from '../dist/index.js';

const N = Number(process.env.BENCH_REPORTS ?? 5000);
const formats = { t2: '2021', t3: '2021' };
const defs = reportCells(formats);

// Deterministic pseudo-random reports; every tenth has one wrong cell.
let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const reports = [];
for (let i = 0; i < N; i++) {
  const cells = {};
  for (const d of defs) cells[d.id] = d.kind === 'money' ? rand(1000) / 10 : rand(30);
  for (const c of T3_COLUMNS) cells[`t3.carriedOver.${c.id}`] = 0;
  let filled = computeCellTotals(cells, formats);
  // Make 一＋二＝三＋四 hold: 本年新收 = （七）总计 + 结转 − 上年结转.
  for (const c of T3_COLUMNS)
    filled[`t3.new.${c.id}`] = filled[`t3.total.${c.id}`] + filled[`t3.carriedForward.${c.id}`];
  if (i % 10 === 0) filled = { ...filled, 't3.granted.natural': filled['t3.granted.natural'] + 1 };
  reports.push({ meta: { agency: `机关${i}`, year: 2024, formats }, cells: filled });
}

// The floor: the identities written out by hand for the 2021 template, with every id string made once.
const rows = t3Rows('2021');
const resultRows = rows.filter((r) => r.result).map((r) => r.id);
const cols = T3_COLUMNS.map((c) => c.id);
const balance = cols.map((c) => [`t3.new.${c}`, `t3.carriedOver.${c}`, `t3.total.${c}`, `t3.carriedForward.${c}`]);
const columnSums = cols.map((c) => [`t3.total.${c}`, resultRows.map((r) => `t3.${r}.${c}`)]);
const rowSums = rows.map((r) => [`t3.${r.id}.total`, T3_APPLICANT_COLUMNS.map((c) => `t3.${r.id}.${c}`)]);
const groupSums = T4_GROUPS.map((g) => [
  `t4.${g.id}.total`,
  ['upheld', 'corrected', 'other', 'pending'].map((c) => `t4.${g.id}.${c}`),
]);
const sums = [...columnSums, ...rowSums, ...groupSums];
const ids = defs.map((d) => d.id);
const kinds = defs.map((d) => d.kind);
function floor(cells) {
  let problems = 0;
  for (const [a, b, c, d] of balance)
    if ((cells[a] ?? 0) + (cells[b] ?? 0) !== (cells[c] ?? 0) + (cells[d] ?? 0)) problems++;
  for (const [target, parts] of sums) {
    let s = 0;
    for (const p of parts) s += cells[p] ?? 0;
    if (s !== (cells[target] ?? 0)) problems++;
  }
  for (let i = 0; i < ids.length; i++) {
    const x = cells[ids[i]];
    if (x == null) problems++;
    else if (kinds[i] === 'count' ? !(Number.isInteger(x) && x >= 0) : !(x >= 0)) problems++;
  }
  return problems;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  let total = 0;
  for (const r of reports) total += fn(r);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, total };
}
// Alternate the two for several rounds and keep each one's best, so load from elsewhere on the machine
// affects both alike.
let engine = { ms: Infinity };
let base = { ms: Infinity };
for (let round = 0; round < 7; round++) {
  const e = time((r) => validate(r).findings.length);
  const b = time((r) => floor(r.cells));
  if (e.ms < engine.ms) engine = e;
  if (b.ms < base.ms) base = b;
}
if (engine.total !== base.total) {
  console.error(`bench: the engine found ${engine.total} problems, the floor ${base.total}`);
  process.exitCode = 1;
}
const perSec = (x) => Math.round((N / x.ms) * 1000);
console.log(
  `bench validate: ${perSec(engine)} reports/s | baseline hand-written loop: ${perSec(base)} reports/s | ratio ${(base.ms / engine.ms).toFixed(2)}`,
);
