import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { fixture, pdfFonts, pdfGreyPages, pdfInfo, pdfText, run, tempFile } from './helpers.js';

/** Light grey pixels (the watermark's shade, not text's black nor paper's white) on a page. */
const lightGrey = (page: Uint8Array) => page.filter((v) => v >= 200 && v <= 245).length;

describe('renderPdf: the draft watermark', () => {
  const report = fixture('huaian-2024');

  it('marks every page with a light 草稿 and leaves the text layer exactly as without it', async () => {
    const plain = tempFile(await renderPdf(report), 'pdf');
    const draft = tempFile(await renderPdf(report, { draft: true }), 'pdf');
    // Text extraction (search, readers, the importer) never meets the mark: it is drawn as outlines.
    expect(pdfText(draft)).toBe(pdfText(plain));
    expect(run('pdftotext', ['-bbox', draft, '-'])).toBe(run('pdftotext', ['-bbox', plain, '-']));
    const [withMark, without] = [pdfGreyPages(draft), pdfGreyPages(plain)];
    expect(withMark.length).toBe(without.length);
    withMark.forEach((page, i) => {
      expect(lightGrey(page), `page ${i + 1}`).toBeGreaterThan(lightGrey(without[i]!) + 150);
      // Light: no page gets darker on average by more than a little.
      const mean = (p: Uint8Array) => p.reduce((a, b) => a + b, 0) / p.length;
      expect(mean(without[i]!) - mean(page), `page ${i + 1}`).toBeLessThan(12);
    });
  });
});

describe('renderPdf: the archival option', () => {
  it('writes PDF/A-2b: XMP identification, an output intent, every font embedded, a date', async () => {
    const report = fixture('huaian-2024');
    delete report.meta.publishedAt;
    const path = tempFile(await renderPdf(report, { archival: true, draft: true }), 'pdf');
    const xmp = run('pdfinfo', ['-meta', path]);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const info = pdfInfo(path);
    expect(info.Encrypted).toBe('no');
    expect(info['Metadata Stream']).toBe('yes');
    expect(info.CreationDate).toMatch(/\d{4}/);
    const bytes = readFileSync(path, 'latin1');
    expect(bytes).toContain('/OutputIntents');
    expect(bytes).toContain('/S /GTS_PDFA1');
    for (const f of pdfFonts(path)) expect(f, f.name).toMatchObject({ emb: 'yes', uni: 'yes' });
  });

  it('is not archival by default', async () => {
    const path = tempFile(await renderPdf(fixture('seed')), 'pdf');
    expect(run('pdfinfo', ['-meta', path])).not.toContain('pdfaid');
  });
});
