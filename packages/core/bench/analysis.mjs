// Analysis across reports beside the floor: (1) rolling up 10,000 reports against a plain loop that sums the
// same cells; (2) checking 10-year series of 10,000 agencies against a plain loop that makes the same
// comparisons. Prints `bench … | baseline … | ratio …` lines (ratio = value / baseline).
import { aggregate, checkSeries, computeCellTotals, reportCells, T3_COLUMNS } from '../dist/index.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 10000);
const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 10000);
const YEARS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const formats = { t2: '2021', t3: '2021' };
const defs = reportCells(formats);
const ids = defs.map((d) => d.id);

let seed = 7;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

function cellsFor() {
  const cells = {};
  for (const d of defs) cells[d.id] = d.kind === 'money' ? rand(1000) / 10 : rand(1000) < 20 ? null : rand(30);
  return computeCellTotals(cells, formats);
}

// ── 1. roll-up ────────────────────────────────────────────────────────────────────────────────────
const units = Array.from({ length: UNITS }, (_, i) => ({
  meta: { agency: `单位${i}`, year: 2024, formats },
  cells: cellsFor(),
}));

function floorSum(reports) {
  const sums = new Float64Array(ids.length);
  const stated = new Uint8Array(ids.length);
  for (const r of reports) {
    const c = r.cells;
    for (let k = 0; k < ids.length; k++) {
      const v = c[ids[k]];
      if (v != null) {
        sums[k] += v;
        stated[k] = 1;
      }
    }
  }
  const out = {};
  for (let k = 0; k < ids.length; k++) out[ids[k]] = stated[k] ? Math.round(sums[k] * 1e6) / 1e6 : null;
  return out;
}

const timed = (fn) => {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
};

let engine = { ms: Infinity };
let base = { ms: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  const e = timed(() => aggregate(units).report.cells);
  const b = timed(() => floorSum(units));
  if (e.ms < engine.ms) engine = e;
  if (b.ms < base.ms) base = b;
}
for (const id of ids) {
  if (engine.value[id] !== base.value[id]) {
    console.error(`bench: roll-up ${id} = ${engine.value[id]}, floor ${base.value[id]}`);
    process.exitCode = 1;
    break;
  }
}
const perSec = (n, x) => Math.round((n / x.ms) * 1000);
console.log(
  `bench aggregate ${UNITS} reports: ${perSec(UNITS, engine)} reports/s | baseline plain summing loop: ${perSec(UNITS, base)} reports/s | ratio ${(base.ms / engine.ms).toFixed(2)}`,
);

// ── 2. 10-year series ─────────────────────────────────────────────────────────────────────────────
const template = cellsFor();
const cols = T3_COLUMNS.map((c) => c.id);
const T2_ROWS = ['rules', 'normativeDocs'];

/** One agency's ten reports: carry-over and 现行有效 roll forward, except about one pair in twenty. */
function seriesFor(a) {
  const out = [];
  let carried = cols.map(() => rand(5));
  const inForce = T2_ROWS.map(() => rand(50));
  for (let y = 0; y < YEARS; y++) {
    const cells = { ...template };
    cols.forEach((c, k) => {
      cells[`t3.carriedOver.${c}`] = carried[k] + (rand(20) === 0 ? 1 : 0);
    });
    const next = cols.map(() => rand(5));
    cols.forEach((c, k) => {
      cells[`t3.carriedForward.${c}`] = next[k];
    });
    T2_ROWS.forEach((r, k) => {
      const issued = rand(5);
      const repealed = Math.min(rand(3), inForce[k]);
      inForce[k] = inForce[k] + issued - repealed + (rand(40) === 0 ? 1 : 0);
      cells[`t2.${r}.issued`] = issued;
      cells[`t2.${r}.repealed`] = repealed;
      cells[`t2.${r}.inForce`] = inForce[k];
    });
    carried = next;
    out.push({ meta: { agency: `机关${a}`, year: 2015 + y, formats }, cells });
  }
  return out;
}

function floorSeries(reports) {
  let problems = 0;
  for (let i = 1; i < reports.length; i++) {
    const p = reports[i - 1].cells;
    const c = reports[i].cells;
    for (const col of cols) if ((c[`t3.carriedOver.${col}`] ?? 0) !== (p[`t3.carriedForward.${col}`] ?? 0)) problems++;
    for (const r of T2_ROWS) {
      if (
        (c[`t2.${r}.inForce`] ?? 0) !==
        (p[`t2.${r}.inForce`] ?? 0) + (c[`t2.${r}.issued`] ?? 0) - (c[`t2.${r}.repealed`] ?? 0)
      )
        problems++;
    }
  }
  return problems;
}

// Series are made in batches outside the timed part, so the figures are the checks alone.
const BATCH = 1000;
let engineSeries = 0;
let baseSeries = 0;
let engineFound = 0;
let baseFound = 0;
for (let start = 0; start < AGENCIES; start += BATCH) {
  const batch = [];
  for (let a = start; a < Math.min(AGENCIES, start + BATCH); a++) batch.push(seriesFor(a));
  let e = Infinity;
  let b = Infinity;
  for (let round = 0; round < Math.max(1, ROUNDS - 2); round++) {
    const te = timed(() => batch.reduce((n, s) => n + checkSeries(s).findings.length, 0));
    const tb = timed(() => batch.reduce((n, s) => n + floorSeries(s), 0));
    e = Math.min(e, te.ms);
    b = Math.min(b, tb.ms);
    engineFound = round === 0 ? engineFound + te.value : engineFound;
    baseFound = round === 0 ? baseFound + tb.value : baseFound;
  }
  engineSeries += e;
  baseSeries += b;
}
if (engineFound !== baseFound) {
  console.error(`bench: series checks found ${engineFound} problems, the floor ${baseFound}`);
  process.exitCode = 1;
}
console.log(
  `bench series ${AGENCIES} agencies × ${YEARS} years: ${Math.round((AGENCIES / engineSeries) * 1000)} agencies/s | baseline plain comparison loop: ${Math.round((AGENCIES / baseSeries) * 1000)} agencies/s | ratio ${(baseSeries / engineSeries).toFixed(2)}`,
);
