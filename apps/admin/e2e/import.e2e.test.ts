// The import dialog as a person uses it: a Word file and a PDF picked from disk, in a real Chromium.

import { readFileSync } from 'node:fs';
import { importReport } from '@nianbao/core';
import { corpusReport } from '@nianbao/corpus';
import { renderDocx, renderPdf } from '@nianbao/pdf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, login } from './fixtures';

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const source = readFileSync(corpusReport('00-baoshan-yuejin-2024').sources[0]!.path, 'utf8');
const original = importReport(source).report;
const stated = Object.values(original.cells).filter((v) => v !== null).length;

async function openImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.getByText('导入已发布的报告').click();
}

describe('the import dialog in a real browser', () => {
  it('offers PDF and Word files, reads each into a preview with every number, and shows why a broken PDF is refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(context, 'editor');
    await openImport(page);
    const input = page.getByLabel(/选择报告文件/);
    const accept = (await input.getAttribute('accept'))!.split(',');
    expect(accept).toEqual(expect.arrayContaining(['.pdf', '.docx', '.html', '.txt', '.md', '.json']));

    for (const [name, mimeType, bytes] of [
      [
        'report.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        await renderDocx(original),
      ],
      ['report.pdf', 'application/pdf', await renderPdf(original)],
    ] as const) {
      await input.setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
      const [answer] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/import'),
        page.getByRole('button', { name: '读取并预览' }).click(),
      ]);
      expect(answer.status()).toBe(200);
      expect((await answer.json()).format).toBe(name.split('.')[1]);
      const heading = page.getByRole('heading', { name: `读取结果：${original.meta.agency} ${original.meta.year}年` });
      await heading.waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('.preview').textContent()).toContain(`读到 ${stated} 个单元格的数值`);
    }

    await input.setInputFiles({
      name: 'broken.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n garbage'),
    });
    await page.getByRole('button', { name: '读取并预览' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'broken.pdf 不是可以读取的 PDF 文件' })
      .waitFor({ timeout: 30_000 });
    await context.close();
  });
});
