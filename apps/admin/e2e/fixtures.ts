// What the browser tests share: the server and Chromium of global-setup.ts, logging in, fresh agencies of
// their own (so a test never depends on what another test did to the demo), and axe's accessibility check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Report, reportFrom } from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const PASSWORD = 'nianbao-demo';
export const base = (): string => inject('base');
export const connectBrowser = (): Promise<Browser> => chromium.connect(inject('wsEndpoint'));
export const seedReport = (): Report => reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));

/** A signed-in API client (cookie and CSRF token), for setting up what a test needs. */
export async function apiAs(username: string, password = PASSWORD) {
  const res = await fetch(`${base()}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base()}${path}`, {
      method,
      headers: {
        cookie,
        'X-CSRF-Token': csrfToken,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

let agencies = 0;
export interface Agency {
  organisationId: number;
  name: string;
  editor: string;
  /** Empty when the agency was made without a report. */
  reportId: string;
}

/** A township below 宝山区人民政府 with its own editor and its own 2024 report (the seed's numbers, or none). */
export async function newAgency(label: string, report: Report | null = seedReport()): Promise<Agency> {
  const admin = await apiAs('admin');
  const orgs = await admin<{ id: number; name: string }[]>('GET', '/api/organisations');
  const parent = orgs.find((o) => o.name === '宝山区人民政府')!;
  const n = ++agencies;
  const slug = `e2e-${process.pid}-${n}-${Date.now().toString(36)}`;
  const name = `宝山区${label}街道办事处`;
  const org = await admin<{ id: number }>('POST', '/api/organisations', {
    name,
    slug,
    level: 'township',
    parentId: parent.id,
  });
  const editor = `ed-${slug}`;
  await admin('POST', '/api/users', {
    username: editor,
    displayName: `${label}填报人`,
    password: PASSWORD,
    roles: [{ organisationId: org.id, role: 'editor' }],
  });
  if (!report) return { organisationId: org.id, name, editor, reportId: '' };
  const created = await admin<{ id: number }>('POST', '/api/reports', {
    organisationId: org.id,
    year: report.meta.year,
    report: { ...report, meta: { ...report.meta, agency: name } },
  });
  return { organisationId: org.id, name, editor, reportId: String(created.id) };
}

export async function login(context: BrowserContext, username: string, password = PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base()}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '年度报告', exact: true }).waitFor();
  return page;
}

export async function openReport(page: Page, id: string): Promise<void> {
  await page.goto(`${base()}/reports/${id}`);
  await page.locator('input[data-cell="t3.new.natural"]').waitFor();
}

export const cell = (page: Page, id: string) => page.locator(`input[data-cell="${id}"]`);
export const focusedCell = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null);

export async function serverReport(page: Page, id: string): Promise<Report> {
  return page.evaluate(async (rid) => (await (await fetch(`/api/reports/${rid}`)).json()).report, id);
}

export async function saved(page: Page): Promise<void> {
  await page.locator('[data-save-state]').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on what the page shows now; each violation as
 * "rule (impact): selector — summary". Evaluated through the debugging protocol, so the app's CSP stays on.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  });
}
