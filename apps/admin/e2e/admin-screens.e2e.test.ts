// What a person sees on the screens around the editor: changing one's own password, the administrator
// editing an organisation, and the import preview grouped by kind with each item leading to its cell.
import { readFileSync } from 'node:fs';
import { corpusReport } from '@nianbao/corpus';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, cell, connectBrowser, focusedCell, login, newAgency, PASSWORD, saved, serverReport } from './fixtures';

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('changing one’s own password', () => {
  it('names each problem in words, refuses a wrong current password, and then works with the new one only', async () => {
    const agency = await newAgency('改密', null);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await login(context, agency.editor);
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    const submit = () => page.getByRole('button', { name: '修改密码' }).click();
    const problems = page.locator('.problems[role="alert"]');

    await submit();
    await expect.poll(() => problems.textContent()).toContain('请输入当前密码');
    expect(await problems.textContent()).toContain('请输入新密码');

    await page.getByLabel('当前密码').fill(PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入新密码').fill('different');
    await submit();
    await expect.poll(() => problems.textContent()).toContain('新密码至少 10 位');
    expect(await problems.textContent()).toContain('两次输入的新密码不一致');

    const next = 'a-new-password-2025';
    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill(next);
    await page.getByLabel('再次输入新密码').fill(next);
    await submit();
    await expect.poll(() => problems.textContent()).toContain('当前密码不正确');

    await page.getByLabel('当前密码').fill(PASSWORD);
    await submit();
    await page.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();
    await context.close();

    const later = await browser.newContext();
    const again = await later.newPage();
    await again.goto(`${base()}/`);
    await again.getByLabel('用户名').fill(agency.editor);
    await again.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await again.getByRole('button', { name: '登录' }).click();
    await again.getByRole('alert').waitFor();
    await again.close();
    await (await login(later, agency.editor, next)).close();
    await later.close();
  });
});

describe('organisations, by the administrator', () => {
  it('renames one, moves it, sets its region and deadline, and says which field is wrong in words', async () => {
    const agency = await newAgency('改名', null);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(context, 'admin');
    await page.getByRole('link', { name: '机构与账号' }).click();
    await page.getByRole('button', { name: `编辑机构 ${agency.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `编辑机构 ${agency.name}` });
    await dialog.waitFor();

    await dialog.getByLabel('报送期限').fill('2-30');
    await dialog.getByLabel('名称', { exact: true }).fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.textContent()).toContain('报送期限请写作“月-日”');
    // The deadline's message can come from leaving its field, before 保存 checks the rest.
    await expect.poll(() => dialog.textContent()).toContain('请填写机构名称');

    // An organisation cannot be put below itself.
    await dialog.getByLabel('上级机构').click({ force: true });
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    expect(await options.allTextContents()).not.toContain(agency.name);
    await options.filter({ hasText: '宝山区教育局' }).click();

    const renamed = `${agency.name.replace('街道办事处', '')}镇人民政府`;
    await dialog.getByLabel('名称', { exact: true }).fill(renamed);
    await dialog.getByLabel('行政区划').fill('上海市宝山区');
    await dialog.getByLabel('报送期限').fill('02-20');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const node = page.locator(`.org-node[data-org="${renamed}"]`);
    await node.waitFor();
    expect(await node.textContent()).toContain('上海市宝山区');
    expect(await node.textContent()).toContain('报送期限 02-20');
    // Now below 宝山区教育局 in the tree.
    const parentOf = await node.evaluate((el) =>
      el
        .closest('.el-tree-node')
        ?.parentElement?.closest('.el-tree-node')
        ?.querySelector('.org-node')
        ?.getAttribute('data-org'),
    );
    expect(parentOf).toBe('宝山区教育局');
    await context.close();
  });
});

describe('the import preview', () => {
  it('groups what the reader found by kind with a count, shows cells it could not read, and leads to each cell', async () => {
    // The seed's published text with one 表三 row cut short (not readable) and two cells printed blank.
    const lines = readFileSync(corpusReport('00-baoshan-yuejin-2024').sources[0]!.path, 'utf8').split('\n');
    const row = lines.findIndex((l) => l.includes('二、上年结转政府信息公开申请数量'));
    lines.splice(row + 1, 3);
    const granted = lines.findIndex((l) => l.includes('（一）予以公开'));
    lines[granted + 2] = '\t';
    lines[granted + 3] = '\t';

    const agency = await newAgency('导入', null);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(context, agency.editor);
    await page.getByRole('button', { name: '新建报告' }).click();
    await page.getByText('导入已发布的报告').click();
    await page.getByLabel('粘贴已发布报告的全文').fill(lines.join('\n'));
    await page.getByRole('button', { name: '读取并预览' }).click();
    const preview = page.locator('.preview');
    await preview.waitFor({ timeout: 30_000 });

    // Not read ≠ blank: the seven cells of the broken row are listed and drawn as not read.
    const unread = preview.locator('[data-unread]');
    expect(await unread.getByRole('heading').textContent()).toContain('未能读取的单元格 7 个');
    expect(await preview.textContent()).toContain('7 个单元格未能读取');
    expect(await preview.locator('td[data-cell-status="unread"]').count()).toBe(7);
    expect(await preview.locator('td[data-cell-td="t3.carriedOver.natural"]').getAttribute('data-cell-status')).toBe(
      'unread',
    );
    expect(await preview.locator('input[data-cell="t3.carriedOver.natural"]').getAttribute('placeholder')).toBe(
      '未读取',
    );
    expect(await preview.locator('td[data-cell-td="t3.granted.commercial"]').getAttribute('data-cell-status')).toBe(
      'blank',
    );

    // Grouped by kind with a count; one line per item, each leading to its cell.
    const blanks = preview.locator('[data-kind="W_CELL_BLANK"]');
    expect(await blanks.locator('summary').textContent()).toMatch(/原文为空白的单元格.*\d+ 项/);
    const blankCount = Number(/(\d+) 项/.exec((await blanks.locator('summary').textContent())!)![1]);
    expect(await blanks.locator('li').count()).toBe(blankCount);
    await blanks.locator('summary').click();
    await blanks.getByRole('button', { name: /（一）予以公开.*商业企业/ }).click();
    expect(await focusedCell(page)).toBe('t3.granted.commercial');
    // The row cut short (4 of its 7 values, which fit the identities 35 ways) is an error, open from the start, saying where.
    const broken = preview.locator('[data-kind="E_ROW_INCOMPLETE"]');
    expect(await broken.getAttribute('open')).not.toBeNull();
    expect(await broken.textContent()).toMatch(/第\d+行/);
    await unread.getByRole('button', { name: /二、上年结转政府信息公开申请数量.*自然人/ }).click();
    expect(await focusedCell(page)).toBe('t3.carriedOver.natural');

    // Created, the report keeps the cell as not read until the agency types its number.
    await page.getByRole('button', { name: '以此创建报告' }).click();
    await cell(page, 't3.new.natural').waitFor();
    const td = page.locator('td[data-cell-td="t3.carriedOver.natural"]');
    expect(await td.getAttribute('data-cell-status')).toBe('unread');
    await cell(page, 't3.carriedOver.natural').click();
    expect(await page.locator('[data-cell-note]').textContent()).toContain('未能读取');
    await page.keyboard.type('0');
    await expect.poll(() => td.getAttribute('data-cell-status')).toBe('read');
    await saved(page);
    const id = /\/reports\/(\d+)/.exec(page.url())![1]!;
    const stored = await serverReport(page, id);
    expect(stored.cells['t3.carriedOver.natural']).toBe(0);
    expect(stored.provenance?.['t3.carriedOver.natural']).toBeUndefined();
    expect(stored.provenance?.['t3.carriedOver.commercial']).toMatchObject({ status: 'unread' });
    await context.close();
  });
});

describe('the audit log, by the administrator', () => {
  it('finds what one account did, and what concerned one organisation by a word of its name', async () => {
    const agency = await newAgency('审计', null);
    const editorCtx = await browser.newContext();
    await (await login(editorCtx, agency.editor)).close();
    await editorCtx.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(context, 'admin');
    await page.getByRole('link', { name: '机构与账号' }).click();
    const audit = page.locator('section[aria-labelledby="audit-title"]');
    await audit.locator('[data-audit] .el-table__row').first().waitFor();

    // With many accounts, the administrator types a part of the name to find one.
    const account = audit.getByLabel('账号', { exact: true });
    await audit.locator('.el-select__wrapper', { has: page.getByLabel('账号', { exact: true }) }).click();
    await expect.poll(() => account.getAttribute('aria-expanded')).toBe('true');
    await account.pressSequentially(agency.editor);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: agency.editor }).click();
    await audit.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(async () => (await audit.locator('[data-audit] .el-table__row').allTextContents()).join('\n'))
      .toContain('登录');
    const rows = await audit.locator('[data-audit] .el-table__row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain(agency.editor);

    await audit.getByRole('button', { name: '清除条件' }).click();
    await audit.getByLabel('关键词').fill('审计街道');
    await audit.getByRole('button', { name: '查询' }).click();
    // The answer to 清除条件 may arrive after 查询's: what shows at last is the keyword's rows only.
    const keywordRows = async () => {
      const rows = await audit.locator('[data-audit] .el-table__row').allTextContents();
      return rows.some((r) => r.includes('新建机关')) && rows.every((r) => r.includes('审计'));
    };
    await expect.poll(keywordRows).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(await keywordRows()).toBe(true);
    await context.close();
  });
});
