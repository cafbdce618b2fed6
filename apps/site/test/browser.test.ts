// The built site in a real headless Chromium: search, tables, agency page, downloads, accessibility.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { INDICATORS } from '@nianbao/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from './serve.js';

const site = inject('site');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  server = await serve(site.dist);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  });
}

async function search(page: Page, query: string) {
  await page.getByRole('button', { name: '搜索' }).first().click();
  const input = page.locator('#localsearch-input');
  await input.fill(query);
  const results = page.locator('.VPLocalSearchBox .results a.result');
  await results.first().waitFor();
  return results;
}

describe('public site in Chromium', () => {
  it('finds the seed report by searching 跃进街道, shows its three tables, agency page, downloads', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    const results = await search(page, '跃进街道');
    await expect.poll(() => results.first().textContent()).toContain('宝山区跃进街道办事处');
    await results.first().click();
    await page.waitForURL(/\/reports\/.+\.html/);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('宝山区跃进街道办事处2024年政府信息公开工作年度报告');
    const tables = page.locator('table.nb-table');
    expect(await tables.count()).toBe(3);
    expect(await tables.nth(1).locator('caption').textContent()).toContain('收到和处理政府信息公开申请情况');
    expect(await page.locator('[id="t3.new.total"]').textContent()).toBe('0');
    expect(await page.locator('[id="t3.unavailable.notHeld.otherOrg"]').textContent()).toBe('未填');
    expect(await page.locator('.nb-check').textContent()).toContain('全部');
    // Header association: the cell names its row and column headers, which exist in the same table.
    const headers = (await page.locator('[id="t3.denied.thirdParty.natural"]').getAttribute('headers'))!.split(' ');
    const names = await Promise.all(headers.map((h) => page.locator(`[id="${h}"]`).textContent()));
    expect(names).toEqual(expect.arrayContaining(['自然人', '4.保护第三方合法权益', '（三）不予公开']));

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /PDF 版$/ }).click(),
    ]);
    const pdfPath = await pdf.path();
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s/g, '')).toContain(
      '宝山区跃进街道办事处',
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /CSV 表格数据$/ }).click(),
    ]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText).toContain('t3.new.total,');
    expect(csvText).toMatch(/t3\.unavailable\.notHeld\.otherOrg,[^,\r\n]+,\r\n/);

    await page.locator('.nb-meta a').first().click();
    await page.waitForURL(/\/agencies\/.+\.html/);
    await expect.poll(() => page.locator('svg.nb-chart').count()).toBe(2);
    expect(await page.locator('h1').evaluate((h) => h.firstChild?.textContent?.trim())).toBe('宝山区跃进街道办事处');
    expect(await page.locator('table').filter({ hasText: '计算公式' }).textContent()).toContain(INDICATORS[0]!.formula);
    await context.close();
  });

  it('search for 行政复议 finds report pages', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const results = await search(page, '行政复议');
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.includes('/reports/'))).toBe(true);
    await page.close();
  });

  it('has no axe violations (WCAG 2.1 AA) on the main kinds of page', async () => {
    const page = await browser.newPage();
    const index = JSON.parse(readFileSync(`${site.dist}/data/reports.json`, 'utf8')) as {
      reports: { agency: string; links: { page: string; agency: string } }[];
    };
    const seed = index.reports.find((r) => r.agency === '宝山区跃进街道办事处')!;
    for (const path of [
      '/',
      seed.links.page,
      seed.links.agency,
      '/browse/years.html',
      '/missing.html',
      '/dev/cells.html',
      '/dev/rules.html',
    ]) {
      await page.goto(server.url + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.close();
  });

  it('fits a phone screen: tables scroll inside their box, the page does not overflow', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const index = JSON.parse(readFileSync(`${site.dist}/data/reports.json`, 'utf8')) as {
      reports: { agency: string; links: { page: string; agency: string } }[];
    };
    for (const r of index.reports.slice(0, 3)) {
      for (const path of [r.links.page, r.links.agency]) {
        await page.goto(server.url + path);
        const { scroll, inner } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        expect(scroll, path).toBeLessThanOrEqual(inner);
      }
    }
    await page.close();
  });

  it('runs nothing from a hostile report', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const index = JSON.parse(readFileSync(`${site.dist}/data/reports.json`, 'utf8')) as {
      reports: { agency: string; links: { page: string; agency: string } }[];
    };
    const hostile = index.reports.find((r) => r.agency.includes('<script>'))!;
    for (const path of [hostile.links.page, hostile.links.agency, '/browse/regions.html']) {
      await page.goto(server.url + path);
      await page.mouse.move(200, 300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
    }
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    await page.goto(server.url + hostile.links.page);
    expect(await page.locator('.nb-preamble').textContent()).toContain(
      '{{ window.__pwned = 3 }} </div><script>window.__pwned=4</script>',
    );
    expect(await page.locator('.nb-check').textContent()).toContain('不成立');
    expect(dialogs).toBe(0);
    await page.close();
  });
});
