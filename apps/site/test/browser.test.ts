// The built site in a real headless Chromium: search, tables, agency page, downloads, accessibility.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { INDICATORS } from '@nianbao/core';
import { CHROMIUM, CHROMIUM_ARGS } from '@nianbao/corpus';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from '../src/serve.js';

const site = inject('site');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  server = await serve(site.dist);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
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

/** Search through the search box of the navigation bar, as a reader would; returns the result links. */
async function search(page: Page, query: string) {
  const box = page.getByRole('search').first().getByRole('searchbox', { name: '搜索年报' });
  await box.fill(query);
  await box.press('Enter');
  await page.waitForURL(/\/search\.html\?q=/);
  const results = page.locator('.nb-result-title');
  await results.first().waitFor({ timeout: 30_000 });
  return results;
}

type IndexEntry = { agency: string; region: string | null; year: number; links: Record<string, string> };
const siteIndex = () => JSON.parse(readFileSync(`${site.dist}/data/reports.json`, 'utf8')) as { reports: IndexEntry[] };

describe('public site in Chromium', () => {
  it('finds the seed report by searching 跃进街道, shows its three tables, agency page, downloads', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    const results = await search(page, '跃进街道');
    await expect.poll(() => results.first().textContent()).toContain('宝山区跃进街道办事处');
    await expect.poll(() => page.locator('.nb-result-meta').first().textContent()).toContain('2024年');
    await results.first().click();
    await page.waitForURL(/\/reports\/.+\.html/);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('宝山区跃进街道办事处2024年政府信息公开工作年度报告');
    expect(await page.title()).toContain('宝山区跃进街道办事处2024年政府信息公开工作年度报告');
    const tables = page.locator('table.nb-table');
    expect(await tables.count()).toBe(3);
    expect(await tables.nth(1).locator('caption').textContent()).toContain('收到和处理政府信息公开申请情况');
    expect(await page.locator('[id="t3.new.total"]').textContent()).toBe('0');
    expect(await page.locator('[id="t3.unavailable.notHeld.otherOrg"]').textContent()).toBe('未填');
    expect(await page.locator('.nb-check').textContent()).toContain('全部');
    // Nothing meant for developers on a citizen's page.
    expect(await page.locator('.nb-slot').textContent()).not.toMatch(/\.json|#t3/);
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
    expect(csvText).toMatch(/t3\.unavailable\.notHeld\.otherOrg,[^,\r\n]+,,blank\r\n/);
    const word = await page.request.get(
      server.url + (await page.getByRole('link', { name: /Word 版$/ }).getAttribute('href'))!,
    );
    expect(word.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    await page.locator('.nb-meta a').first().click();
    await page.waitForURL(/\/agencies\/.+\.html/);
    await expect.poll(() => page.locator('svg.nb-chart').count()).toBe(2);
    expect(await page.locator('h1').evaluate((h) => h.firstChild?.textContent?.trim())).toBe('宝山区跃进街道办事处');
    expect(await page.locator('table').filter({ hasText: '计算公式' }).textContent()).toContain(INDICATORS[0]!.formula);
    await context.close();
  });

  it('search for 行政复议 finds reports, grouped by report with agency, year and the matched sentence', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const results = await search(page, '行政复议');
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(1);
    expect(hrefs.every((h) => h?.startsWith('/reports/'))).toBe(true);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(await page.locator('.nb-result-excerpt mark').first().textContent()).toMatch(/行政|复议/);
    // A filter narrows the results to one year.
    await page.getByLabel('年度').selectOption('2023年');
    await expect.poll(() => page.url()).toContain(encodeURIComponent('2023年'));
    await expect
      .poll(async () => (await page.locator('.nb-result-meta').allTextContents()).every((t) => t.includes('2023年')))
      .toBe(true);
    await page.close();
  });

  it('counts each report once across the index parts, even when a search starts before the index has loaded', async () => {
    const page = await browser.newPage();
    // A reader who types before the index has loaded: the parts' list arrives late.
    await page.route('**/pagefind/parts.json', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(`${server.url}/search.html`);
    await page.locator('#nb-search-q').fill('政府信息公开');
    await page.locator('#nb-search-q').press('Enter');
    const status = page.locator('.nb-search-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/找到\d+份年报/);
    const count = Number(/找到(\d+)份年报/.exec((await status.textContent())!)![1]);
    const more = page.locator('.nb-more');
    while (await more.count()) await more.click();
    const hrefs = await page.locator('.nb-result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(hrefs.length).toBe(count);
    expect(count).toBeLessThanOrEqual(siteIndex().reports.length);
    await page.close();
  });

  it('compares two agencies cell by cell, marks the differences, and the URL reopens the same comparison', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/compare.html`);
    for (const name of ['淮安市洪泽区人民政府', '沭阳县人民政府']) {
      await page.getByLabel('机关').fill(name);
      await page.getByRole('button', { name: '加入比较' }).click();
    }
    const table = page.locator('table.nb-compare-table').filter({ hasText: '表三' });
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual([
      '项目',
      '淮安市洪泽区人民政府 2024年',
      '沭阳县人民政府 2025年',
    ]);
    const row = table.locator('tbody tr').filter({ hasText: '一、本年新收政府信息公开申请数量 › 申请人情况 › 总计' });
    expect(await row.getAttribute('class')).toContain('nb-diff');
    expect(await row.locator('.visually-hidden').textContent()).toContain('数值不同');
    const shared = page.url();
    expect(shared).toMatch(/compare\.html\?r=a\w+-2024,a\w+-2025$/);
    const again = await browser.newPage();
    await again.goto(shared);
    await again.locator('table.nb-compare-table').first().waitFor();
    expect(await again.locator('.nb-compare-chosen a').allTextContents()).toEqual([
      '淮安市洪泽区人民政府 2024年',
      '沭阳县人民政府 2025年',
    ]);
    await again.close();
    await page.close();
  });

  it("opens a region's totals and follows a number to the reports it sums", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: '地区', exact: true }).first().click();
    await page.waitForURL(/\/regions\/(index\.html)?$/);
    await page.getByRole('link', { name: '江苏省淮安市洪泽区' }).click();
    await page.waitForURL(/\/regions\/r\w+\.html/);
    const total = page.getByRole('link', { name: /^本年新收申请.*查看所汇总的年报$/ }).first();
    const shown = Number((await total.textContent())!.replace(/,/g, ''));
    await total.click();
    await page.waitForURL(/\/browse\.html\?/);
    const rows = page.locator('.nb-browse-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('淮安市洪泽区人民政府');
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells).toContain(shown.toLocaleString('zh-CN'));
    await rows.first().getByRole('link', { name: /年$/ }).click();
    await page.waitForURL(/\/reports\/.+\.html/);
    expect(await page.locator('h1').textContent()).toContain('淮安市洪泽区人民政府2024年');
    expect(Number((await page.locator('[id="t3.new.total"]').textContent())!.replace(/,/g, ''))).toBe(shown);
    await page.close();
  });

  it("downloads a year's CSV from the open data page", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/data/index.html`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^下载2024年度全部单元格 CSV/ }).click(),
    ]);
    const text = readFileSync(await file.path(), 'utf8');
    const years = new Set(
      text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[3]),
    );
    expect(years).toEqual(new Set(['2024']));
    expect(text).toMatch(/\r\n宝山区跃进街道办事处,宝山区,township,2024,t3,20(19|21),t3\.new\.total,0,read\r\n/);
    await context.close();
  });

  it("highlights a cell when a finding's link is followed inside the page, and says failed cells to screen readers", async () => {
    const page = await browser.newPage();
    const hongze = siteIndex().reports.find((r) => r.agency === '淮安市洪泽区人民政府' && r.year === 2023)!;
    await page.goto(server.url + hongze.links.page!);
    const flagged = page.locator('td.nb-flag').first();
    expect(await flagged.locator('.visually-hidden').textContent()).toBe('（核对未通过）');
    const cellLink = page.locator('.nb-findings a').first();
    const id = (await cellLink.getAttribute('href'))!.slice(1);
    await cellLink.click();
    await expect.poll(() => page.locator(`[id="${id}"]`).getAttribute('class')).toContain('nb-target');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    // And when a number on another page of the site links to the cell.
    const slug = (p: string | undefined) => p!.split('/').pop()!.replace('.html', '');
    const y2024 = siteIndex().reports.find((r) => r.agency === '淮安市洪泽区人民政府' && r.year === 2024)!;
    await page.goto(`${server.url}/compare.html?r=${slug(hongze.links.page)},${slug(y2024.links.page)}`);
    const value = page.locator('table.nb-compare-table tbody tr td a').first();
    const href = (await value.getAttribute('href'))!;
    await value.click();
    await page.waitForURL(`**${href}`);
    const id2 = decodeURIComponent(href.split('#')[1]!);
    await expect.poll(() => page.locator(`[id="${id2}"]`).getAttribute('class')).toContain('nb-target');
    await page.close();
  });

  const AXE_PAGES = () => {
    const index = siteIndex();
    const seed = index.reports.find((r) => r.agency === '宝山区跃进街道办事处')!;
    const hongze = index.reports.find((r) => r.agency === '淮安市洪泽区人民政府' && r.year === 2023)!;
    return [
      '/',
      seed.links.page!,
      hongze.links.page!,
      seed.links.agency!,
      hongze.links.agency!,
      '/regions/index.html',
      '/levels/index.html',
      '/levels/government.html',
      '/missing.html',
      '/browse.html',
      `/compare.html?agency=${hongze.links.agency!.split('/').pop()!.replace('.html', '')}`,
      `/search.html?q=${encodeURIComponent('行政复议')}`,
      '/data/index.html',
      '/dev/cells.html',
      '/dev/rules.html',
    ];
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations (WCAG 2.1 A and AA) in ${scheme} mode`, async () => {
      const context: BrowserContext = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      for (const path of AXE_PAGES()) {
        await page.goto(server.url + path);
        await page.waitForLoadState('networkidle');
        if (path.startsWith('/search')) await page.locator('.nb-result').first().waitFor();
        if (path.startsWith('/compare')) await page.locator('table.nb-compare-table').first().waitFor();
        if (path.startsWith('/browse')) await page.locator('.nb-browse-table').waitFor();
        expect(await page.evaluate(() => document.documentElement.classList.contains('dark')), path).toBe(
          scheme === 'dark',
        );
        expect(await axeViolations(page), `${scheme} ${path}`).toEqual([]);
        // Everything a screen reader says is Chinese (file formats' names aside).
        const english = await page.evaluate(() =>
          [...document.querySelectorAll('[aria-label], [title], .visually-hidden')]
            .map(
              (e) =>
                `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.classList.contains('visually-hidden') ? e.textContent : ''}`,
            )
            .filter((t) => /[A-Za-z]{3,}/.test(t.replace(/PDF|Word|JSON|CSV|Schema/g, ''))),
        );
        expect(english, path).toEqual([]);
      }
      await context.close();
      // Fifteen pages with axe each: minutes on a busy two-core machine.
    }, 400_000);
  }

  it('fits a 390 px phone: tables scroll inside their box, charts show whole, the page does not overflow', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const index = siteIndex();
    for (const r of index.reports.slice(0, 3)) {
      for (const path of [r.links.page!, r.links.agency!, '/']) {
        await page.goto(server.url + path);
        const { scroll, inner, charts } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
          charts: [...document.querySelectorAll('svg.nb-chart')].map((c) => c.getBoundingClientRect().right),
        }));
        expect(scroll, path).toBeLessThanOrEqual(inner);
        for (const right of charts) expect(right, path).toBeLessThanOrEqual(inner);
      }
    }
    await page.close();
  });

  it('runs nothing from a hostile report, on its pages and in search results', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const hostile = siteIndex().reports.find((r) => r.agency.includes('<script>'))!;
    for (const path of [hostile.links.page!, hostile.links.agency!, '/regions/index.html', '/browse.html']) {
      await page.goto(server.url + path);
      await page.mouse.move(200, 300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
    }
    await page.goto(server.url + hostile.links.page!);
    expect(await page.locator('.nb-preamble').textContent()).toContain(
      '{{ window.__pwned = 3 }} </div><script>window.__pwned=4</script>',
    );
    expect(await page.locator('.nb-check').textContent()).toContain('不成立');
    await search(page, '敌意文本标记');
    await page.mouse.move(200, 300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.nb-results img, .nb-results script, .nb-results iframe').count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });
});
