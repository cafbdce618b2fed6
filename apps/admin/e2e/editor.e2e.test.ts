// The editor as a person uses it, in a real Chromium against the built server on the embedded database.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellName, computeCellTotals, validate } from '@nianbao/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, base, cell, connectBrowser, login, saved, serverReport } from './fixtures';

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openSeedReport(page: Page): Promise<string> {
  await page.getByRole('link', { name: '宝山区跃进街道办事处' }).click();
  await page.locator('input[data-cell="t3.new.natural"]').waitFor();
  return /\/reports\/(\d+)/.exec(page.url())![1]!;
}

const note = (page: Page, id: string) => page.locator(`#note-${id.replace(/\./g, '-')}`);
const findingsPanel = (page: Page) => page.locator('section.findings');

async function confirmDialog(page: Page, button: string): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name: button }).click();
}

describe('editor, review and publication in a real browser', () => {
  it('two people on one report: changes to different cells merge by themselves, the same cell is chosen per cell, nothing is lost', async () => {
    const ctxA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ctxB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const a = await login(ctxA, 'editor');
    const b = await login(ctxB, 'admin');
    const id = await openSeedReport(a);
    await openSeedReport(b);
    const start = await serverReport(a, id);
    const value = (c: string) => (start.cells[c] ?? 0) + 1;
    const type = async (page: Page, c: string, v: number) => {
      await cell(page, c).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(String(v));
      await page.keyboard.press('Enter');
    };

    // Different cells: B saves first, A's save on the older revision is merged without asking.
    await type(b, 't4.litigationDirect.upheld', value('t4.litigationDirect.upheld'));
    await saved(b);
    await type(a, 't4.litigationDirect.corrected', value('t4.litigationDirect.corrected'));
    await saved(a);
    expect(await a.getByRole('dialog', { name: '他人同时修改了相同的内容' }).isVisible()).toBe(false);
    let now = await serverReport(a, id);
    expect(now.cells['t4.litigationDirect.upheld']).toBe(value('t4.litigationDirect.upheld'));
    expect(now.cells['t4.litigationDirect.corrected']).toBe(value('t4.litigationDirect.corrected'));
    // A's grid shows B's change.
    await expect
      .poll(() => cell(a, 't4.litigationDirect.upheld').inputValue())
      .toBe(String(value('t4.litigationDirect.upheld')));

    // The same cell on both sides: A is shown both values and who changed theirs, and keeps their own.
    await type(b, 't4.litigationDirect.other', 55);
    await type(b, 't4.litigationDirect.pending', value('t4.litigationDirect.pending') + 100);
    await saved(b);
    await type(a, 't4.litigationDirect.other', 77);
    const dialog = a.getByRole('dialog', { name: '他人同时修改了相同的内容' });
    await dialog.waitFor({ timeout: 15_000 });
    await a.waitForTimeout(350);
    expect(await axeViolations(a), 'conflict dialog').toEqual([]);
    const text = await dialog.textContent();
    expect(text).toContain(cellName('t4.litigationDirect.other'));
    expect(text).toContain('77');
    expect(text).toContain('55');
    expect(text).toContain('系统管理员');
    await dialog.getByRole('button', { name: '全部保留我的' }).click();
    await dialog.getByRole('button', { name: '按所选合并并保存' }).click();
    await saved(a);
    now = await serverReport(a, id);
    expect(now.cells['t4.litigationDirect.other']).toBe(77);
    // Keeping mine did not revert what only B changed.
    expect(now.cells['t4.litigationDirect.pending']).toBe(value('t4.litigationDirect.pending') + 100);
    // The row's total, computed on both sides, is the sum of the merged parts.
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((k) => now.cells[`t4.litigationDirect.${k}`] ?? 0);
    expect(now.cells['t4.litigationDirect.total']).toBe(parts.reduce((x, y) => x + y, 0));
    expect(now.cells['t4.litigationDirect.upheld']).toBe(value('t4.litigationDirect.upheld'));
    expect(now.cells['t4.litigationDirect.corrected']).toBe(value('t4.litigationDirect.corrected'));

    // B goes on editing on its older revision: merged again, A's choice kept and shown to B.
    await type(b, 't4.review.upheld', value('t4.review.upheld'));
    await saved(b);
    now = await serverReport(b, id);
    expect(now.cells['t4.litigationDirect.other']).toBe(77);
    expect(now.cells['t4.review.upheld']).toBe(value('t4.review.upheld'));
    await expect.poll(() => cell(b, 't4.litigationDirect.other').inputValue()).toBe('77');
    await ctxA.close();
    await ctxB.close();
  });

  it('finds a broken identity on the cell and in the panel, saves, and goes through review to a PDF', async () => {
    const editorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    let page = await login(editorCtx, 'editor');
    const row = page.locator('.report-row').filter({ hasText: '宝山区跃进街道办事处' });
    await expect(row.textContent()).resolves.toContain('草稿');
    const id = await openSeedReport(page);
    const before = await serverReport(page, id);

    // What core says about the wrong number this test types (totals computed, as the editor does by default).
    const wrongValue = (before.cells['t3.new.natural'] ?? 0) + 7;
    const wrong = computeCellTotals({ ...before.cells, 't3.new.natural': wrongValue }, before.meta.formats);
    const broken = validate({ ...before, cells: wrong }).findings.filter(
      (f) => f.severity === 'error' && f.cells.includes('t3.new.natural'),
    );
    expect(broken.length).toBeGreaterThan(0);

    await cell(page, 't3.new.natural').click();
    await page.keyboard.type(String(wrongValue));
    for (const f of broken) {
      await expect.poll(() => note(page, 't3.new.natural').textContent()).toContain(f.message);
      await expect.poll(() => findingsPanel(page).textContent()).toContain(f.message);
    }
    expect(await page.locator('[data-cell-note]').textContent()).toContain(broken[0]!.message);
    // The row total is computed by core from the typed part.
    expect(await cell(page, 't3.new.total').inputValue()).toBe(String(wrong['t3.new.total']));

    // Tab moves along the row like a spreadsheet.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('t3.new.commercial');

    // Clicking the finding in the panel focuses a cell it names.
    await findingsPanel(page).getByRole('button', { name: broken[0]!.message }).click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    expect(broken[0]!.cells).toContain(focused);

    // Fix it: the request was carried over to next year, so 结转下年度继续办理 gets the same 7.
    const carried = (before.cells['t3.carriedForward.natural'] ?? 0) + 7;
    const fixed = computeCellTotals({ ...wrong, 't3.carriedForward.natural': carried }, before.meta.formats);
    expect(
      validate({ ...before, cells: fixed }).findings.filter(
        (f) => f.cells.includes('t3.new.natural') && f.severity === 'error',
      ),
    ).toEqual([]);
    await cell(page, 't3.carriedForward.natural').click();
    await page.keyboard.type(String(carried));
    await expect.poll(() => note(page, 't3.new.natural').count()).toBe(0);
    for (const f of broken) expect(await findingsPanel(page).textContent()).not.toContain(f.message);

    // A block copied from a spreadsheet fills the cells it covers; the total follows.
    await cell(page, 't4.review.upheld').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '1\t2\t3\t4\r\n');
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => cell(page, 't4.review.total').inputValue()).toBe('10');
    expect(await cell(page, 't4.review.pending').inputValue()).toBe('4');

    await saved(page);
    await page.reload();
    await cell(page, 't3.new.natural').waitFor();
    expect(await cell(page, 't3.new.natural').inputValue()).toBe(String(wrongValue));
    expect(await cell(page, 't3.carriedForward.natural').inputValue()).toBe(String(carried));
    expect(await cell(page, 't4.review.total').inputValue()).toBe('10');

    // A change still unsaved when the tab closes is offered back when the report is opened again.
    await cell(page, 't2.rules.newlyMade').click();
    await page.keyboard.type('55');
    await page.close({ runBeforeUnload: false });
    page = await editorCtx.newPage();
    await page.goto(`${base()}/reports/${id}`);
    await page.getByText('发现本机上未保存的草稿').waitFor();
    await page.getByRole('button', { name: '恢复草稿' }).click();
    expect(await cell(page, 't2.rules.newlyMade').inputValue()).toBe('55');
    await saved(page);
    expect((await serverReport(page, id)).cells['t2.rules.newlyMade']).toBe(55);

    await page.getByRole('button', { name: '提交审核' }).click();
    await confirmDialog(page, '提交审核');
    await page.locator('[data-status]').filter({ hasText: '已提交' }).waitFor();
    // Submitted: the editor can no longer type into the tables.
    expect(await cell(page, 't3.new.natural').getAttribute('readonly')).not.toBeNull();
    await editorCtx.close();

    const reviewerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await login(reviewerCtx, 'reviewer');
    await openSeedReport(page);
    await page.getByRole('button', { name: '审核通过' }).click();
    await confirmDialog(page, '审核通过');
    await page.locator('[data-status]').filter({ hasText: '已审核' }).waitFor();
    await page.getByRole('button', { name: '发布' }).click();
    await confirmDialog(page, '发布');
    await page.locator('[data-status]').filter({ hasText: '已发布' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载PDF' }).click();
    const file = join(mkdtempSync(join(tmpdir(), 'nianbao-dl-')), 'report.pdf');
    await (await download).saveAs(file);
    const bytes = readFileSync(file);
    rmSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    // The list shows the new status.
    await page.getByRole('link', { name: '报告列表' }).click();
    await expect
      .poll(() => page.locator('.report-row').filter({ hasText: '宝山区跃进街道办事处' }).textContent())
      .toContain('已发布');
    await reviewerCtx.close();
  });
});
