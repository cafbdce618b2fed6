// The preamble and the sections of every corpus report as printed: a sub-heading followed by its text on one
// line is cut at the heading's end, the opening paragraph is kept whole, and re-wrapping the lines (as another
// PDF or another page width would) changes nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { corpusSources } from '@nianbao/corpus';
import { describe, expect, it } from 'vitest';
import { subheadingEnd } from '../src/import/sections.js';
import { importReport, type Report } from '../src/index.js';

const textOf = (path: string, ext: string) =>
  ext === 'pdf'
    ? execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    : readFileSync(path, 'utf8');
const sources = corpusSources()
  .filter((s) => s.ext !== 'html')
  .map((s) => ({ name: s.name, ext: s.ext, text: textOf(s.path, s.ext) }));
const read = (text: string, ext: string) => importReport(text, { format: ext === 'md' ? 'markdown' : 'text' }).report;
const flat = (s: string) => s.replace(/\s+/g, '');
const headings = (r: Report) =>
  r.sections.flatMap((s) => [s.heading, ...s.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)]);
const allText = (r: Report) =>
  flat([...r.preamble, ...r.sections.flatMap((s) => [{ text: s.heading }, ...s.blocks])].map((b) => b.text).join(''));

describe('a sub-heading followed by its text on one line', () => {
  it.each([
    ['（二）依申请公开情况。根据《条例》和上级部门关于依申', '（二）依申请公开情况。'],
    ['（四）政府信息公开平台建设情况。加强对区政府网站、政', '（四）政府信息公开平台建设情况。'],
    ['（一）主动公开情况 2024年，市政府网站主动公开政府信息5500余条', '（一）主动公开情况'],
    ['（五）监督保障方面：将政府信息公开工作纳入考核', '（五）监督保障方面'],
    ['(一) 主动公开工作情况，全年主动公开信息4511条', '(一) 主动公开工作情况'],
  ])('%s → heading %s', (line, heading) => {
    expect(line.slice(0, subheadingEnd(line))).toBe(heading);
  });

  it.each([
    '（一）主动公开方面',
    '（一）主动公开政府信息情况',
    '（一）加强组织领导，健全组织机构。',
    '（三）完善公开制度规范，加强政府信息管理',
  ])('%s is all heading', (line) => {
    expect(subheadingEnd(line)).toBe(-1);
  });

  it('洪泽区 2024 (the PDF’s text layer): “（二）依申请公开情况。” and its paragraph whole, not cut inside 依申请', () => {
    const s = sources.find((x) => x.name.startsWith('21-'))!;
    const overview = read(s.text, s.ext).sections[0]!;
    const at = overview.blocks.findIndex((b) => b.text === '（二）依申请公开情况。');
    expect(overview.blocks[at]!.kind).toBe('heading');
    expect(overview.blocks[at + 1]).toMatchObject({ kind: 'paragraph' });
    expect(overview.blocks[at + 1]!.text).toMatch(/^根据《条例》和上级部门关于依申请办理的规范要求，/);
    expect(overview.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      '（一）主动公开情况。',
      '（二）依申请公开情况。',
      '（三）政府信息管理情况。',
      '（四）政府信息公开平台建设情况。',
      '（五）政府信息公开监督保障情况。',
    ]);
  });
});

/** Break every prose line longer than `width` into lines of `width` characters, as a narrower page would. */
function rewrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const prose = /[，。]/.test(line) && !line.includes('\t') && !line.startsWith('|') && line.length <= 400;
      if (!prose || line.length <= width) return [line];
      const out: string[] = [];
      for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
      // A last piece of a few characters stays on the line before, as a typesetter would keep it.
      if (out.length > 1 && out.at(-1)!.length < 4) {
        const last = out.pop()!;
        out[out.length - 1] += last;
      }
      return out;
    })
    .join('\n');
}

describe('corpus: the preamble and the sections', () => {
  it.each(sources.map((s) => [s.name, s] as const))(
    '%s: the preamble opens with its first sentence, with no title, page header or separator',
    (_n, s) => {
      const r = read(s.text, s.ext);
      const preamble = flat(r.preamble.map((b) => b.text).join(''));
      expect(preamble).toMatch(/^(本报告|根据|依据|依照|按照)/);
      expect(preamble).not.toMatch(/年度报告根据|====|links\.tsv|标题:/);
      expect(preamble).toMatch(/统计(期限|时限)/);
    },
  );

  it.each(
    sources
      // Text whose lines are paragraphs or printed lines (not a crawler's run-together page).
      .filter((s) => s.text.split('\n').every((l) => l.length < 2000))
      .flatMap((s) => [24, 33].map((w) => [`${s.name} re-wrapped at ${w} characters`, s, w] as const)),
  )('%s: the same headings and the same text', (_n, s, width) => {
    const original = read(s.text, s.ext);
    const wrapped = read(rewrap(s.text, width), s.ext);
    expect(headings(wrapped)).toEqual(headings(original));
    expect(allText(wrapped)).toEqual(allText(original));
  });

  it('a preamble line that names the report is the preamble’s, not a title (it is never dropped)', () => {
    const s = sources.find((x) => x.name.startsWith('02-'))!;
    const text = s.text.replace(
      '本报告由淮安市人民政府办公室根据《中华人民共和国政府',
      '现将淮安市人民政府2024年政府信息公开工作年度报告\n向社会公布。本报告由淮安市人民政府办公室根据《中华人民共和国政府',
    );
    const preamble = flat(
      read(text, 'txt')
        .preamble.map((b) => b.text)
        .join(''),
    );
    expect(preamble).toMatch(/^现将淮安市人民政府2024年政府信息公开工作年度报告向社会公布。本报告由/);
  });
});
