// The corpus web pages published the way other portals publish the same report (test/variants.ts), read as HTML,
// and a few of them converted to Word by LibreOffice and printed to PDF by Chromium. Over every variant: no cell
// holds a number other than the printed one, a cell not read is named unread (never shown blank), the agency is
// recognised or the import says E_NO_AGENCY, never a placeholder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellStatus, unreadCells } from '@nianbao/core';
import { CHROMIUM, CHROMIUM_ARGS, corpusReports } from '@nianbao/corpus';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFile } from '../src/index.js';
import { makeVariant, VARIANTS, type VariantExpected } from './variants.js';

const same = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6);

const pages = corpusReports().flatMap((r) =>
  r.sources.filter((s) => s.ext === 'html').map((s) => ({ r, html: readFileSync(s.path, 'utf8') })),
);

const summary: string[] = [];
const totals = { variants: 0, cells: 0, read: 0, unread: 0, wrong: 0, agencyMissed: 0 };
const work = mkdtempSync(join(tmpdir(), 'nianbao-variants-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(
    `variants read back:\n  ${summary.join('\n  ')}\n  total: ${totals.variants} variants, ${totals.read}/${totals.cells} read, ${totals.unread} not read, ${totals.wrong} wrong, agency not recognised in ${totals.agencyMissed}`,
  );
});

/** Read a variant file and check it against what it prints; counts go to the summary. */
async function check(name: string, bytes: Uint8Array, fileName: string, exp: VariantExpected) {
  let r = await readReportFile(bytes, fileName);
  let agency = 'agency ok';
  if (!r.ok && r.error.code === 'E_NO_AGENCY') {
    agency = 'E_NO_AGENCY';
    totals.agencyMissed++;
    r = await readReportFile(bytes, fileName, { agency: exp.agency });
  }
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  if (r.kind === 'json') throw new Error(`${name} read as report JSON`);
  const back = r.report;
  const ids = Object.keys(exp.cells);
  const unread = new Set(unreadCells(back));
  const wrong = ids.filter((id) => typeof back.cells[id] === 'number' && !same(back.cells[id], exp.cells[id]));
  const hidden = ids.filter((id) => !same(back.cells[id], exp.cells[id]) && !wrong.includes(id) && !unread.has(id));
  const right = ids.filter((id) => same(back.cells[id], exp.cells[id]) && !unread.has(id));
  const missed = ids.filter((id) => unread.has(id));
  totals.variants++;
  totals.cells += ids.length;
  totals.read += right.length;
  totals.unread += missed.length;
  totals.wrong += wrong.length;
  summary.push(
    `${name}: read ${right.length}/${ids.length}, not read ${missed.length}, wrong ${wrong.length}, ${agency === 'agency ok' ? `agency ${back.meta.agency}` : agency}, 表三 ${back.meta.formats?.t3}`,
  );
  expect(
    wrong.map((id) => `${id}: ${back.cells[id]} ≠ ${exp.cells[id]}`),
    'cells holding another number',
  ).toEqual([]);
  expect(hidden, 'cells not read and not named unread').toEqual([]);
  for (const id of right) if (exp.cells[id] === null) expect(cellStatus(back, id), id).toBe('blank');
  if (agency === 'agency ok') expect(back.meta.agency).toBe(exp.agency);
  expect(back.meta.year).toBe(exp.year);
  return back;
}

describe('variants of the corpus web pages read back as printed', () => {
  const cases = pages.flatMap(({ r, html }) => VARIANTS.map((v) => [`${r.name}/${v.name}`, r, html, v] as const));
  it.each(cases)('%s (HTML)', async (name, r, html, v) => {
    const made = makeVariant(r, html, v);
    const back = await check(name, new TextEncoder().encode(made.html), 'report.html', made.expected);
    if (made.expected.t3 === '2019') expect(back.meta.formats?.t3).toBe('2019');
  });
});

/** Few and slow: variants opened in LibreOffice and saved as Word, and printed to PDF by Chromium. */
const CONVERTED: [string, string, 'docx' | 'pdf'][] = [
  ['13-shuyang-fgj-2023', 'blank-marks', 'docx'],
  ['10-pingtan-zone-2023', 'spans-flattened', 'docx'],
  ['13-shuyang-fgj-2023', 'combined', 'pdf'],
  ['10-pingtan-zone-2023', 'zeros-as-marks', 'pdf'],
  ['13-shuyang-fgj-2023', 'serial-column', 'pdf'],
  ['10-pingtan-zone-2023', 'split-t3-header-repeated', 'pdf'],
];

describe('variants converted by other software read back as printed', () => {
  it.each(CONVERTED)('%s/%s (%s)', { timeout: 180_000 }, async (report, variant, to) => {
    const page = pages.find((p) => p.r.name === report)!;
    const made = makeVariant(page.r, page.html, VARIANTS.find((v) => v.name === variant)!);
    const stem = `${report}.${variant}`;
    const htmlPath = join(work, `${stem}.html`);
    writeFileSync(htmlPath, made.html);
    let out: string;
    if (to === 'docx') {
      execFileSync(
        'soffice',
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${work}/lo-profile`,
          '--infilter=HTML (StarWriter)',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          work,
          htmlPath,
        ],
        { stdio: 'ignore', timeout: 170_000 },
      );
      out = join(work, `${stem}.docx`);
    } else {
      out = join(work, `${stem}.pdf`);
      execFileSync(
        CHROMIUM,
        [...CHROMIUM_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${htmlPath}`],
        { stdio: 'ignore', timeout: 170_000 },
      );
    }
    await check(`${stem} (${to})`, new Uint8Array(readFileSync(out)), `${stem}.${to}`, made.expected);
  });
});
