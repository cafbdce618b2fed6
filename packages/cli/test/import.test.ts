import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, madeFile } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/load.js';

const bin = fileURLToPath(new URL('../bin/nianbao.mjs', import.meta.url));
const corpus = corpusDir;
const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
const expectedOf = (d: string) =>
  JSON.parse(readFileSync(join(corpus, d, 'expected.json'), 'utf8')) as { cells: Record<string, number | null> };

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

async function load(path: string) {
  return importFile(readFileSync(path), path);
}

const accuracy: string[] = [];
afterAll(() => {
  if (accuracy.length) console.log(`PDF import accuracy:\n  ${accuracy.join('\n  ')}`);
});

describe('PDF reports of the corpus', () => {
  const pdfs = readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(corpus, d.name)).includes('source.pdf'))
    .map((d) => d.name);

  it.each(pdfs)(
    '%s/source.pdf: every cell as printed',
    async (d) => {
      const { report, imported } = await load(join(corpus, d, 'source.pdf'));
      const exp = expectedOf(d).cells;
      const right = Object.keys(exp).filter((k) => report.cells[k] === exp[k]);
      accuracy.push(`${d}/source.pdf: ${right.length}/${Object.keys(exp).length} cells right`);
      expect(Object.fromEntries(Object.keys(exp).map((k) => [k, report.cells[k]]))).toEqual(exp);
      // Table 2 in the 2021 template, Table 3 in the 2019 shape: decided per table.
      expect(report.meta.formats).toEqual({ t2: '2021', t3: '2019' });
      expect(
        imported?.diagnostics.some(
          (x) => x.code === 'W_LABEL_APPROXIMATE' && x.location.row === 'denied.lawProhibited',
        ),
      ).toBe(true);
    },
    60_000,
  );
});

describe('a .pdf and a .docx made from a corpus report', () => {
  it.each(['00-baoshan-yuejin-2024/source.txt', '20-hongze-district-2023/source.pdf'])(
    '%s → PDF and Word → the same cells',
    async (src) => {
      const original = (await load(join(corpus, src))).report;
      const pdfPath = join(dir, 'made.pdf');
      const docxPath = join(dir, 'made.docx');
      writeFileSync(pdfPath, await renderPdf(original));
      writeFileSync(docxPath, await renderDocx(original));
      const text = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('收到和处理政府信息公开申请情况');
      for (const p of [pdfPath, docxPath]) {
        const back = await load(p);
        expect(back.report.cells).toEqual(original.cells);
        expect(back.report.meta.formats).toEqual(original.meta.formats);
        expect(back.report.meta.year).toBe(original.meta.year);
      }
    },
    120_000,
  );
});

/** A real PDF with one page and a drawn square, but no text. */
const pdfWithoutText = () => readFileSync(madeFile('no-text.pdf'));

describe('nianbao import and the commands that load files', () => {
  it('cells and validate take a published report directly (PDF, text through stdin)', () => {
    const v = run(['validate', join(corpus, '20-hongze-district-2023/source.pdf')]);
    expect(v.code).toBe(1);
    expect(v.out).toContain('表四');
    const c = run(['cells', '-'], readFileSync(join(corpus, '00-baoshan-yuejin-2024/source.txt'), 'utf8'));
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out).cells).toEqual(expectedOf('00-baoshan-yuejin-2024').cells);
  }, 60_000);

  it('cells names the cells it could not read; validate never calls them 未填写', () => {
    const file = join(corpus, '10-pingtan-zone-2023/source.txt');
    const unread = ['t2.normativeDocs.issued', 't2.normativeDocs.repealed', 't2.normativeDocs.inForce'];
    const c = run(['cells', file]);
    expect(c.code).toBe(0);
    const body = JSON.parse(c.out);
    expect(Object.keys(body)).toEqual(['formats', 'cells', 'unread']);
    expect(body.unread).toEqual(unread);
    for (const id of unread) expect(body.cells[id]).toBeNull();
    const v = run(['validate', '--json', file]);
    expect(v.code).toBe(0);
    const findings = JSON.parse(v.out).findings as { ruleId: string; cells: string[]; message: string }[];
    expect(findings.filter((f) => f.message.includes('未填写') && unread.includes(f.cells[0]!))).toEqual([]);
  }, 60_000);

  it('imports one file to report JSON, with what was unusual on stderr', () => {
    const out = join(dir, 'one.json');
    const r = run(['import', join(corpus, '00-baoshan-yuejin-2024/source.txt'), '-o', out]);
    expect(r.code).toBe(0);
    // One cell printed blank: every cell is accounted for, so the report is read completely.
    expect(r.err).toContain('完整读取');
    expect(r.err).toContain('表三（2019版，161格）按原文读取 160、原文空白 1');
    expect(r.err).toContain('W_VALUE_PERCENT');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.meta.agency).toBe('宝山区跃进街道办事处');
    expect(report.cellText['t2.licensing.change']).toBe('0%');
  }, 60_000);

  it('--json lists found, missing and inferred cells, and says which run-together row could not be split', () => {
    const r = run(['import', join(corpus, '10-pingtan-zone-2023/source.txt'), '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.status).toBe('partial');
    expect(body.missing).toEqual(['t2.normativeDocs.issued', 't2.normativeDocs.repealed', 't2.normativeDocs.inForce']);
    expect(body.unread).toEqual(body.missing);
    expect(body.report.provenance['t2.normativeDocs.issued']).toMatchObject({
      status: 'unread',
      reason: 'E_SPLIT_AMBIGUOUS',
    });
    expect(body.diagnostics.find((d: { code: string }) => d.code === 'E_SPLIT_AMBIGUOUS').location).toMatchObject({
      table: 't2',
      row: 'normativeDocs',
    });
    expect(body.inferred.find((i: { cellId: string }) => i.cellId === 't3.partial.commercial')).toMatchObject({
      value: 1,
      how: 'split',
    });
    expect(body.report.cells['t3.partial.total']).toBe(20);
  }, 60_000);

  it('bulk: one report per input, and a summary of complete, partial and unread files', () => {
    const src = join(dir, 'bulk');
    mkdirSync(join(src, 'sub'), { recursive: true });
    copyFileSync(join(corpus, '02-huaian-city-2024/source.txt'), join(src, 'huaian.txt'));
    copyFileSync(join(corpus, '13-shuyang-fgj-2023/source.html'), join(src, 'sub', 'shuyang.html'));
    copyFileSync(join(corpus, '10-pingtan-zone-2023/source.txt'), join(src, 'sub', 'pingtan.txt'));
    writeFileSync(join(src, 'notes.txt'), '会议纪要\n今天天气很好。\n');
    const out = join(dir, 'bulk-out');
    const r = run(['import', src, '-o', out]);
    expect(r.code).toBe(1);
    // shuyang.html prints 125 cells blank: read completely; pingtan.txt has one row of digits not read.
    expect(r.err).toContain('共 4 个文件：完整读取 2 个，部分读取 1 个，未能读取 1 个');
    expect(r.err).toMatch(/部分读取 .*pingtan\.txt：3 个单元格未能读取（t2\.normativeDocs\.issued/);
    expect(r.err).toMatch(/未能读取：.*notes\.txt.*E_NOTHING_READ/);
    expect(r.err).not.toContain('\r');
    expect(readdirSync(out).sort()).toEqual(['huaian.json', 'pingtan.json', 'shuyang.json']);
    const none = run(['import', join(src, 'notes.txt'), join(src, 'notes.txt'), '-o', join(dir, 'none')]);
    expect(none.code).toBe(2);
  }, 60_000);

  it.each([
    [
      'random bytes',
      'r.bin',
      () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)),
      /不是文本文件|控制字符/,
      'E_NOT_TEXT',
    ],
    ['a PDF with no text layer', 'scan.pdf', pdfWithoutText, /没有文字层/, 'E_PDF_NO_TEXT'],
    ['a broken PDF', 'broken.pdf', () => Buffer.from('%PDF-1.7\n garbage'), /不是可以读取的 PDF/, 'E_PDF_UNREADABLE'],
    [
      'a broken Word file',
      'broken.docx',
      () => Buffer.from('PK\u0003\u0004 not a zip'),
      /不是可以读取的 Word/,
      'E_DOCX_UNREADABLE',
    ],
    [
      'an old .doc Word file',
      'old.doc',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      /旧版 Word/,
      'E_DOC_OLD_FORMAT',
    ],
    [
      'an HTML page that is not a report',
      'home.html',
      () => Buffer.from('<html><body><h1>首页</h1><table><tr><td>1</td></tr></table></body></html>'),
      /不是政府信息公开工作年度报告/,
      'E_NOTHING_READ',
    ],
  ])(
    'refuses %s with a message and exit 2',
    (_n, name, make, text, code) => {
      const p = join(dir, name);
      writeFileSync(p, make());
      const r = run(['import', p]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(text);
      expect(r.err).toContain(code);
      expect(r.out).toBe('');
      noStack(r.err);
    },
    60_000,
  );

  it('a report that names no agency: import says to pass --agency and writes nothing; pdf prints no made-up name', () => {
    // The corpus report with its agency taken out of the title (its preamble and signature do not name it).
    const text = readFileSync(join(corpus, '00-baoshan-yuejin-2024/source.txt'), 'utf8').replace(
      '宝山区跃进街道办事处\n',
      '为\n',
    );
    const src = join(dir, 'no-agency.txt');
    writeFileSync(src, text);
    const out = join(dir, 'no-agency.json');
    const r = run(['import', src, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E_NO_AGENCY');
    expect(r.err).toContain(`nianbao import ${src} --agency 机关名称`);
    expect(readdirSync(dir)).not.toContain('no-agency.json');
    noStack(r.err);
    const pdf = join(dir, 'no-agency.pdf');
    const p = run(['pdf', src, '-o', pdf]);
    expect([p.code, p.err.includes('E_NO_AGENCY')]).toEqual([2, true]);
    expect(readdirSync(dir)).not.toContain('no-agency.pdf');

    const named = run(['import', src, '--agency', '宝山区跃进街道办事处', '-o', out]);
    expect(named.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect([report.meta.agency, report.meta.level]).toEqual(['宝山区跃进街道办事处', 'township']);
    expect(run(['import', src, '--agency', ' ']).code).toBe(2);
  }, 60_000);

  it('refuses a 50 MB file before reading it', () => {
    const p = join(dir, 'big.txt');
    writeFileSync(p, '');
    truncateSync(p, 50 * 1024 * 1024);
    const r = run(['cells', p]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E_TOO_LARGE');
  }, 60_000);
});
