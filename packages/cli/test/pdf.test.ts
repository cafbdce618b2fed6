import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReportUrl } from '@nianbao/core/fixtures';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/nianbao.mjs', import.meta.url));
const seedPath = fileURLToPath(seedReportUrl);
const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-pdf-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('nianbao pdf / docx', { timeout: 60_000 }, () => {
  it('writes the seed as a PDF whose text holds the title, the six sections and the tables', () => {
    const out = join(dir, 'seed.pdf');
    const r = run('pdf', seedPath, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成');
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('宝山区跃进街道办事处2024年政府信息公开工作年度报告');
    for (const h of [
      '一、总体情况',
      '第二十条第（九）项',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '复议后起诉',
      '六、其他需要报告的事项',
    ]) {
      expect(text).toContain(h);
    }
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toMatch(
      /Author:\s+宝山区跃进街道办事处/,
    );
  });

  it('writes the seed as a Word file with its three tables, named after the input by default', async () => {
    const r = run('docx', seedPath);
    expect(r.code).toBe(0);
    const out = join(dir, 'seed-2024.docx');
    const { value: html } = await mammoth.convertToHtml({ path: out });
    expect(html.match(/<table>/g)).toHaveLength(3);
    expect(html).toContain('>四、政府信息公开行政复议、行政诉讼情况</p>');
  });

  it('warns on stderr that a report has errors, naming them, and still writes the file', () => {
    const report = JSON.parse(readFileSync(seedPath, 'utf8'));
    report.cells['t3.new.total'] = (report.cells['t3.new.total'] ?? 0) + 7;
    const input = join(dir, 'unbalanced.json');
    writeFileSync(input, JSON.stringify(report));
    const out = join(dir, 'unbalanced.pdf');
    const r = run('pdf', input, '-o', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/警告：报告有 \d+ 处错误/);
    expect(r.err).toContain('相差7');
    expect(existsSync(out)).toBe(true);
    const clean = run('pdf', seedPath, '-o', join(dir, 'clean.pdf'));
    expect(clean.err).not.toContain('警告');
  });

  it('writes a draft with --draft and a PDF/A-2b file with --pdfa', () => {
    const out = join(dir, 'archival.pdf');
    expect(run('pdf', seedPath, '--pdfa', '--draft', '-o', out).code).toBe(0);
    const xmp = execFileSync('pdfinfo', ['-meta', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    const docx = join(dir, 'draft.docx');
    expect(run('docx', seedPath, '--draft', '-o', docx).code).toBe(0);
    expect(execFileSync('unzip', ['-p', docx, 'word/header1.xml'], { encoding: 'utf8' })).toContain('string="草稿"');
  });

  it('names a character the fonts lack, exits 2 and writes nothing', () => {
    const report = JSON.parse(readFileSync(seedPath, 'utf8'));
    report.sections[0].blocks.push({ kind: 'paragraph', text: '生僻字\u{30000}' });
    const input = join(dir, 'rare.json');
    writeFileSync(input, JSON.stringify(report));
    const out = join(dir, 'rare.pdf');
    const r = run('pdf', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('U+30000');
    expect(r.err).toContain('E_GLYPH_MISSING');
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not a report, exits 2 and writes nothing', () => {
    const input = join(dir, 'broken.json');
    writeFileSync(input, '{"meta": ');
    const out = join(dir, 'broken.docx');
    const r = run('docx', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E_NOT_JSON');
    expect(existsSync(out)).toBe(false);
  });
});
