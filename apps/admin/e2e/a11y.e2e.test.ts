// Accessibility of every screen (axe-core, WCAG 2.0/2.1 A and AA, in Chromium), the main flow by keyboard
// alone, and the editor at 200% zoom and on a 1280 × 720 screen.
import { computeCellTotals, validate } from '@nianbao/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  base,
  cell,
  connectBrowser,
  focusedCell,
  login,
  newAgency,
  openReport,
  PASSWORD,
  seedReport,
} from './fixtures';

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** axe on what the page shows now: no violation at all. */
async function accessible(page: Page, screen: string): Promise<void> {
  // Element Plus fades things in: check once they have settled.
  await page.waitForTimeout(350);
  expect(await axeViolations(page), screen).toEqual([]);
}

describe('axe on every screen', () => {
  it('finds no violation on login, list, editor, revisions, dialogs, overview, roll-up, import, account and administration', async () => {
    const agency = await newAgency('无障碍');
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    let page = await context.newPage();
    await page.goto(`${base()}/`);
    await page.getByLabel('用户名').waitFor();
    await accessible(page, 'login');
    await page.getByLabel('用户名').fill(agency.editor);
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    await accessible(page, 'login with an error');
    await page.close();

    page = await login(context, agency.editor);
    await page.locator('.report-row').first().waitFor();
    await accessible(page, 'report list');

    await openReport(page, agency.reportId);
    await cell(page, 't3.new.natural').click();
    await page.keyboard.type('999');
    await page.locator('[data-finding]').first().waitFor();
    await accessible(page, 'editor with findings');
    await page.getByRole('tab', { name: '正文' }).click();
    await accessible(page, 'editor: text');
    await page.getByRole('button', { name: /^删除前言第1段/ }).click();
    await page.getByRole('dialog', { name: '删除段落' }).waitFor();
    await accessible(page, 'delete paragraph dialog');
    await page.getByRole('dialog', { name: '删除段落' }).getByRole('button', { name: '取消' }).click();
    await page.getByRole('tab', { name: '基本信息' }).click();
    await accessible(page, 'editor: details');
    await page.getByRole('tab', { name: '统计表' }).click();

    await page.locator('[data-save-state]').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '历史记录' }).click();
    const drawer = page.getByRole('dialog', { name: '历史记录' });
    await drawer.locator('[data-timeline] li').first().waitFor();
    await accessible(page, 'history: steps');
    await drawer.getByRole('tab', { name: '修改版本' }).click();
    await drawer.getByRole('button', { name: /^第 1 版/ }).click();
    await drawer.locator('[data-diff]').waitFor();
    await accessible(page, 'history: versions with a difference');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByRole('dialog', { name: '提交审核' }).waitFor();
    await accessible(page, 'submit dialog');
    await page.getByRole('dialog', { name: '提交审核' }).getByRole('button', { name: '提交审核' }).click();
    await page.locator('[data-status]').filter({ hasText: '已提交' }).waitFor();

    await page.getByRole('link', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('alert').first().waitFor();
    await accessible(page, 'change password with errors');

    await page.goto(`${base()}/new`);
    await page.getByText('导入已发布的报告').click();
    await page.getByLabel('粘贴已发布报告的全文').fill(JSON.stringify(seedReport()));
    await page.getByRole('button', { name: '读取并预览' }).click();
    await page.locator('.preview').waitFor();
    await accessible(page, 'import preview');
    await context.close();

    const reviewer = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await login(reviewer, 'reviewer');
    await page.getByRole('link', { name: '下级报告总览' }).click();
    await page.getByRole('heading', { name: '下级报告总览' }).waitFor();
    await page.locator('.el-table__row').first().waitFor();
    await accessible(page, 'review overview');
    // The report submitted above is one of those summed.
    await page.getByRole('button', { name: /^汇总 \d+ 份已提交的报告/ }).click();
    await page.locator('.rollup .report-grid').first().waitFor();
    await accessible(page, 'roll-up');
    await reviewer.close();

    const admin = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await login(admin, 'admin');
    await page.getByRole('link', { name: '机构与账号' }).click();
    await page.locator('.org-node').first().waitFor();
    await accessible(page, 'administration');
    await page.getByRole('button', { name: `编辑机构 ${agency.name}` }).click();
    await page.getByRole('dialog', { name: `编辑机构 ${agency.name}` }).waitFor();
    await accessible(page, 'organisation dialog');
    await admin.close();
  });
});

interface Focus {
  tag: string;
  role: string | null;
  name: string;
  cell: string | null;
  inFindings: boolean;
  inDialog: boolean;
  ring: boolean;
  onScreen: boolean;
}

/** What has the focus, and whether a person can see where it is (an outline or ring on it or its field). */
function focusInfo(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return {
        tag: 'body',
        role: null,
        name: '',
        cell: null,
        inFindings: false,
        inDialog: false,
        ring: false,
        onScreen: false,
      };
    const drawn = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    };
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).value || '').trim(),
      cell: el.getAttribute('data-cell'),
      inFindings: !!el.closest('section.findings'),
      inDialog: !!el.closest('[role="dialog"]'),
      ring: drawn(el) || drawn(el.parentElement) || drawn(el.parentElement?.parentElement ?? null),
      onScreen: r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
    };
  });
}

/** Press Tab (or Shift+Tab) until `want` holds; every stop on the way shows where the focus is. */
async function tabTo(page: Page, want: (f: Focus) => boolean, back = false, max = 400): Promise<Focus> {
  let previous = '';
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focusInfo(page);
    if (f.tag !== 'body') {
      expect(f.ring, `focus visible on ${f.tag} ${f.name}`).toBe(true);
      expect(f.onScreen, `focused ${f.tag} ${f.name} is on screen`).toBe(true);
    }
    if (want(f)) return f;
    // A keyboard trap would hold the focus on one element however often Tab is pressed.
    const here = `${f.tag}|${f.cell}|${f.name}`;
    expect(here === previous && f.tag !== 'body', `focus stuck on ${here}`).toBe(false);
    previous = here;
  }
  throw new Error(`not reached by ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

describe('the main flow by keyboard alone', () => {
  it('logs in, opens the report, moves through the grid, types, follows each finding to its cell, edits text and submits', async () => {
    const agency = await newAgency('键盘');
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${base()}/`);
    await page.getByLabel('用户名').waitFor();

    await tabTo(page, (f) => f.tag === 'input' && f.name === '');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await page.keyboard.type(agency.editor);
    await tabTo(page, (f) => f.tag === 'input');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '年度报告', exact: true }).waitFor();

    await tabTo(page, (f) => f.tag === 'a' && f.name === agency.name);
    await page.keyboard.press('Enter');
    await cell(page, 't3.new.natural').waitFor();

    // Straight to 表三 by its link, then the arrows and Tab move like a spreadsheet.
    await tabTo(page, (f) => f.tag === 'a' && f.name === '表三');
    await page.keyboard.press('Enter');
    expect(await focusedCell(page)).toBe('t3.new.natural');
    await page.keyboard.press('ArrowRight');
    expect(await focusedCell(page)).toBe('t3.new.commercial');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCell(page)).toBe('t3.carriedOver.commercial');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    expect(await focusedCell(page)).toBe('t3.new.natural');

    const seed = seedReport();
    const wrong = (seed.cells['t3.new.natural'] ?? 0) + 5;
    await page.keyboard.type(String(wrong));
    await page.keyboard.press('Tab');
    expect(await focusedCell(page)).toBe('t3.new.commercial');
    const cells = computeCellTotals({ ...seed.cells, 't3.new.natural': wrong }, seed.meta.formats);
    const findings = validate({ ...seed, cells }).findings.filter((f) => f.severity !== 'info');
    expect(findings.some((f) => f.cells.includes('t3.new.natural'))).toBe(true);
    await page.locator('[data-finding]').first().waitFor();

    // Each finding of the panel is reached by Tab and leads to its cell.
    const shown = await page.locator('section.findings [data-finding] button').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const message of shown) {
      const f = await tabTo(page, (x) => x.inFindings && x.tag === 'button' && x.name === message.trim());
      await page.keyboard.press('Enter');
      const target = await focusedCell(page);
      expect(target, `finding ${f.name} leads to a cell`).not.toBeNull();
      const finding = findings.find((x) => x.message === message.trim());
      if (finding) expect(finding.cells).toContain(target);
    }

    // Fix the number on the cell the first finding leads to: back on 表三's first row by its link.
    await tabTo(page, (f) => f.tag === 'a' && f.name === '表三', true);
    await page.keyboard.press('Enter');
    await page.keyboard.type(String(seed.cells['t3.new.natural'] ?? 0));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-finding]').count()).toBeLessThan(shown.length);

    // The text: to the tab list, arrow to 正文, into the first paragraph, type.
    await tabTo(page, (f) => f.role === 'tab', true);
    await page.keyboard.press('ArrowRight');
    expect((await focusInfo(page)).name).toBe('正文');
    await tabTo(page, (f) => f.tag === 'textarea');
    await page.keyboard.press('End');
    await page.keyboard.type('（键盘补充）');
    await page.locator('[data-save-state]').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });

    // Submit: the dialog holds the focus while open, lets it go with Escape, and confirms with the keyboard.
    await tabTo(page, (f) => f.tag === 'button' && f.name === '提交审核', true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '提交审核' }).waitFor();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const f = await focusInfo(page);
      expect(f.inDialog, `focus left the open dialog for ${f.tag} ${f.name}`).toBe(true);
      expect(f.ring).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '提交审核' }).waitFor({ state: 'hidden' });
    expect((await focusInfo(page)).name).toBe('提交审核');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '提交审核' }).waitFor();
    await tabTo(page, (f) => f.inDialog && f.tag === 'button' && f.name === '提交审核');
    await page.keyboard.press('Enter');
    await page.locator('[data-status]').filter({ hasText: '已提交' }).waitFor();
    const saved = await page.evaluate(
      async (id) =>
        (await (await fetch(`/api/reports/${id}`)).json()) as {
          status: string;
          report: { preamble: { text: string }[] };
        },
      agency.reportId,
    );
    expect(saved.status).toBe('submitted');
    expect(saved.report.preamble.map((b) => b.text).join('')).toContain('（键盘补充）');
    await context.close();
  });
});

describe('a 1280 × 720 screen and 200% zoom', () => {
  it.each([
    ['1280 × 720', 1280, 720, 1],
    ['200% zoom of 1280 × 720', 640, 360, 2],
  ])(
    '%s: nothing cut off, 表三 scrolls in its region under its header, the findings reachable',
    async (_, width, height, scale) => {
      const agency = await newAgency(`缩放${scale}`);
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
      const page = await login(context, agency.editor);
      await openReport(page, agency.reportId);
      await cell(page, 't3.new.natural').click();
      await page.keyboard.type('77');
      await page.locator('[data-finding]').first().waitFor();

      // No sideways scrolling of the page; every control of the header and the top bar inside the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('.topbar a, .topbar button, .editor .head button, .editor h1, .el-tabs__item')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < -0.5 || r.right > window.innerWidth + 0.5;
          })
          .map((el) => el.textContent?.trim()),
      );
      expect(outside).toEqual([]);

      // Down to the last row of 表三 by keyboard: the table scrolls inside its region, its header rows in view.
      const region = page.locator('section[aria-labelledby="t-t3"] .grid-wrap');
      for (let i = 0; i < 40 && (await focusedCell(page)) !== 't3.carriedForward.natural'; i++)
        await page.keyboard.press('ArrowDown');
      expect(await focusedCell(page)).toBe('t3.carriedForward.natural');
      const scroller = await region.evaluate((el) => ({ scrollTop: el.scrollTop, clientHeight: el.clientHeight }));
      expect(scroller.scrollTop).toBeGreaterThan(0);
      expect(scroller.clientHeight).toBeLessThanOrEqual(height);
      const head = (await page.locator('section[aria-labelledby="t-t3"] thead').boundingBox())!;
      const target = (await cell(page, 't3.carriedForward.natural').boundingBox())!;
      expect(head.y).toBeGreaterThanOrEqual(-0.5);
      expect(target.y).toBeGreaterThanOrEqual(head.y + head.height - 0.5);
      expect(target.y + target.height).toBeLessThanOrEqual(height + 0.5);

      // The findings: on screen beside the table, or one link away.
      const panel = page.locator('section.findings');
      const onScreen = async () => {
        const b = (await panel.boundingBox())!;
        return b.y < height && b.y + 20 > 0 && b.x < width;
      };
      if (!(await onScreen())) {
        await page.getByRole('link', { name: /^检查结果/ }).click();
        expect(await page.evaluate(() => document.activeElement?.classList.contains('findings'))).toBe(true);
      }
      expect(await onScreen()).toBe(true);
      await context.close();
    },
  );
});
