// What a person sees of the editor's fixes: the cell's explanation beside the grid (never over it), the
// findings panel and the table headers kept in view, paragraphs added and deleted safely, word-level and
// cell-level differences between versions, and the report's history.
import { computeCellTotals, validate } from '@nianbao/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, cell, connectBrowser, focusedCell, login, newAgency, openReport, saved, seedReport } from './fixtures';

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const box = async (l: Locator) => (await l.boundingBox())!;
const inViewport = async (page: Page, l: Locator) => {
  const b = await box(l);
  const v = page.viewportSize()!;
  return b.y >= 0 && b.y + Math.min(b.height, 40) <= v.height && b.x >= 0 && b.x < v.width;
};

describe('editing the tables', () => {
  it('explains the cell beside the grid, announces it, and keeps cells, headers and findings in view', async () => {
    const agency = await newAgency('说明');
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await login(context, agency.editor);
    await openReport(page, agency.reportId);
    const before = seedReport();
    const wrong = (before.cells['t3.new.natural'] ?? 0) + 9;
    const expected = validate({
      ...before,
      cells: computeCellTotals({ ...before.cells, 't3.new.natural': wrong }, before.meta.formats),
    }).findings.filter((f) => f.severity === 'error' && f.cells.includes('t3.new.natural'));
    expect(expected.length).toBeGreaterThan(0);

    await cell(page, 't3.new.natural').click();
    await page.keyboard.type(String(wrong));
    const sideNote = page.locator('[data-cell-note]');
    for (const f of expected) await expect.poll(() => sideNote.textContent()).toContain(f.message);
    expect(await sideNote.textContent()).toContain('表三 · 一、本年新收政府信息公开申请数量 · 自然人');
    // Said to a screen reader once, politely, while the person stays on the cell.
    const announce = page.locator('[data-announce-cell]');
    expect(await announce.getAttribute('aria-live')).toBe('polite');
    expect(await announce.textContent()).toContain(expected[0]!.message);
    // The input itself is described by the same explanation.
    expect(await cell(page, 't3.new.natural').getAttribute('aria-describedby')).toBeTruthy();

    // The explanation covers none of the grid's cells, so the cells next to it take clicks.
    const noteBox = await box(sideNote);
    for (const id of ['t3.carriedOver.natural', 't3.new.commercial', 't3.carriedOver.commercial'])
      expect(overlap(noteBox, await box(cell(page, id)))).toBe(false);
    await cell(page, 't3.carriedOver.natural').click();
    expect(await focusedCell(page)).toBe('t3.carriedOver.natural');

    // At the foot of 表三 the findings panel and the table's header rows are still on screen.
    await cell(page, 't3.carriedForward.natural').click();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCell(page)).toBe('t3.carriedForward.natural');
    const panel = page.locator('section.findings');
    expect(await inViewport(page, panel)).toBe(true);
    for (const f of expected) expect(await panel.textContent()).toContain(f.message);
    const t3Head = page.locator('section[aria-labelledby="t-t3"] thead');
    expect(await inViewport(page, t3Head)).toBe(true);
    expect(await inViewport(page, cell(page, 't3.carriedForward.natural'))).toBe(true);
    expect(overlap(await box(t3Head), await box(cell(page, 't3.carriedForward.natural')))).toBe(false);
    // The table scrolls inside its own region; the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The save state is announced when it settles.
    await saved(page);
    await expect.poll(() => page.locator('[data-announce-save]').textContent()).toContain('已保存');
  });
});

describe('editing the text', () => {
  it('puts the cursor into a new paragraph and asks before deleting one', async () => {
    const page = context.pages()[0]!;
    await page.getByRole('tab', { name: '正文' }).click();
    const preamble = page.locator('section[aria-labelledby="sec-preamble"]');
    const count = await preamble.locator('textarea, input').count();
    await preamble.getByRole('button', { name: '添加段落' }).click();
    await page.keyboard.type('新添加的一段说明。');
    const added = preamble.locator('textarea, input').nth(count);
    expect(await added.inputValue()).toBe('新添加的一段说明。');
    expect(await added.evaluate((el) => el === document.activeElement)).toBe(true);

    // 删除 asks first: cancelling keeps the paragraph, confirming removes it.
    await preamble.getByRole('button', { name: `删除前言第${count + 1}段` }).click();
    const box = page.getByRole('dialog', { name: '删除段落' });
    await box.waitFor();
    expect(await box.textContent()).toContain('新添加的一段说明。');
    await box.getByRole('button', { name: '取消' }).click();
    await box.waitFor({ state: 'hidden' });
    expect(await preamble.locator('textarea, input').count()).toBe(count + 1);
    await preamble.getByRole('button', { name: `删除前言第${count + 1}段` }).click();
    await page.getByRole('dialog', { name: '删除段落' }).getByRole('button', { name: '删除' }).click();
    await expect.poll(() => preamble.locator('textarea, input').count()).toBe(count);
    // The cursor stays in the text (on the paragraph now in its place), not lost at the top of the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby')))
      .toBe('sec-preamble');
  });

  it('shows which words and which cells changed since a version, and the way to each cell', async () => {
    const page = context.pages()[0]!;
    const first = page.locator('section[aria-labelledby="sec-preamble"] textarea').first();
    const original = await first.inputValue();
    const m = /\d+/.exec(original);
    expect(m).not.toBeNull();
    const changed = original.replace(m![0], String(Number(m![0]) + 1));
    await first.fill(changed);
    await saved(page);

    await page.getByRole('button', { name: '历史记录' }).click();
    const drawer = page.getByRole('dialog', { name: '历史记录' });
    await drawer.getByRole('tab', { name: '修改版本' }).click();
    await drawer.getByRole('button', { name: /^第 1 版/ }).click();
    const text = drawer.locator('[data-diff-text="前言"]');
    await text.waitFor();
    expect((await text.locator('del').allTextContents()).join('')).toBe(`删除：${m![0]}`);
    expect((await text.locator('ins').allTextContents()).join('')).toBe(`新增：${Number(m![0]) + 1}`);
    // Only the words changed are marked; the unchanged text reads as it is.
    expect((await text.textContent())!.length).toBeLessThan(original.length + 40);

    // The numbers typed earlier, cell by cell, under their table with row and column.
    const row = drawer.locator('[data-diff-cell="t3.new.natural"]');
    expect(await row.textContent()).toContain('一、本年新收政府信息公开申请数量');
    expect(await row.textContent()).toContain('自然人');
    await drawer.locator('[data-diff-table="表三"]').waitFor();
    await row.getByRole('button', { name: /在表中查看/ }).click();
    await expect.poll(() => focusedCell(page)).toBe('t3.new.natural');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('tells who submitted, returned with what comment, and when', async () => {
    const page = context.pages()[0]!;
    const id = /\/reports\/(\d+)/.exec(page.url())![1]!;
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '提交审核' }).click();
    await page.locator('[data-status]').filter({ hasText: '已提交' }).waitFor();
    const reviewer = await apiAs('reviewer');
    await reviewer('POST', `/api/reports/${id}/return`, { comment: '表三第一行与合计不符，请核对。' });
    await page.reload();
    await page.locator('[data-status]').filter({ hasText: '草稿' }).waitFor();
    await page.getByRole('button', { name: '历史记录' }).click();
    const steps = page.locator('[data-timeline] li');
    await expect.poll(() => steps.count()).toBeGreaterThanOrEqual(4);
    const lines = await steps.allTextContents();
    expect(lines[0]).toContain('退回修改');
    expect(lines[0]).toContain('表三第一行与合计不符，请核对。');
    expect(lines[0]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(lines[1]).toContain('提交审核');
    expect(lines[1]).toContain('说明填报人');
    expect(lines.some((l) => /修改并保存( \d+ 次)?/.test(l))).toBe(true);
    expect(lines.at(-1)).toContain('新建报告');
    await context.close();
  });
});
