import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/index.js';
import { findInOrder, fixture, layoutsOf, pdfText, rowSequence, squash, tempFile } from './helpers.js';

describe('renderDocx: opened in LibreOffice Writer', () => {
  it('keeps the three tables whole: every label and number in row order, the draft mark outside the text', async () => {
    const report = fixture('huaian-2024');
    const docx = tempFile(await renderDocx(report, { draft: true }), 'docx');
    const out = mkdtempSync(join(tmpdir(), 'nianbao-lo-'));
    // A profile of its own, so a LibreOffice already running elsewhere is not disturbed.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${out}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        docx,
      ],
      { stdio: 'ignore', timeout: 240_000 },
    );
    const pdf = join(
      out,
      docx
        .split('/')
        .at(-1)!
        .replace(/\.docx$/, '.pdf'),
    );
    expect(existsSync(pdf)).toBe(true);
    const text = squash(pdfText(pdf).replace(/— \d+ —/g, ''));
    for (const layout of layoutsOf(report)) {
      for (const c of layout.headerRows.flat()) if (c.type === 'label') expect(text).toContain(squash(c.text));
      expect(findInOrder(text, rowSequence(layout, report.cells)).missing, layout.name).toBeNull();
    }
    expect(text).not.toContain('草稿');
  }, 300_000);
});
