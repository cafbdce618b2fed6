import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUpRenderer } from '../server/render.js';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

/** The page headers of a Word file (where its watermark lives). */
function wordHeaders(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nianbao-admin-docx-')), 'r.docx');
  writeFileSync(path, bytes);
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n');
  return names
    .filter((n) => /^word\/header\d+\.xml$/.test(n))
    .map((n) => execFileSync('unzip', ['-p', path, n], { encoding: 'utf8' }))
    .join('');
}

describe.each(BACKENDS)('the 草稿 watermark of downloaded files on %s', (kind) => {
  let h: Harness;
  let editor: Client, reviewer: Client, admin: Client;
  let id: number;
  beforeAll(async () => {
    h = await startHarness(kind);
    [editor, reviewer, admin] = await Promise.all([
      login(h.app, 'editor'),
      login(h.app, 'reviewer'),
      login(h.app, 'admin'),
    ]);
    id = await reportIdOf(admin, '宝山区跃进街道办事处');
  });
  afterAll(() => h.close());

  it('marks a report that is not published, unless asked not to, and never a published one', async () => {
    const url = `/api/reports/${id}`;
    const docx = async (query = '') => {
      const res = await editor.req('GET', `${url}/docx${query}`);
      expect(res.statusCode).toBe(200);
      return wordHeaders(res.rawPayload);
    };
    expect(await docx()).toContain('string="草稿"');
    expect(await docx('?watermark=0')).not.toContain('草稿');
    expect((await editor.req('GET', `${url}/pdf?watermark=maybe`)).statusCode).toBe(400);
    const draftPdf = await editor.req('GET', `${url}/pdf`);
    const plainPdf = await editor.req('GET', `${url}/pdf?watermark=0`);
    expect(draftPdf.statusCode).toBe(200);
    expect(draftPdf.rawPayload.length).toBeGreaterThan(plainPdf.rawPayload.length);
    expect((await editor.req('POST', `${url}/submit`)).statusCode).toBe(200);
    expect((await reviewer.req('POST', `${url}/approve`)).statusCode).toBe(200);
    expect((await reviewer.req('POST', `${url}/publish`)).statusCode).toBe(200);
    expect(await docx()).not.toContain('草稿');
  });
});

describe.each(BACKENDS)('downloading a report the PDF engine cannot typeset on %s', (kind) => {
  let h: Harness;
  let editor: Client, admin: Client;
  let id: number;
  beforeAll(async () => {
    h = await startHarness(kind);
    [editor, admin] = await Promise.all([login(h.app, 'editor'), login(h.app, 'admin')]);
    id = await reportIdOf(admin, '宝山区跃进街道办事处');
  });
  afterAll(() => h.close());

  it('warms the PDF engine up in the background without a failure', async () => {
    const logged: string[] = [];
    await warmUpRenderer(h.app.heavy, (m) => logged.push(m));
    expect(logged).toEqual([]);
  });

  it('answers a character no font has with 422, its code and the whole message naming where it is', async () => {
    const current = (await editor.req('GET', `/api/reports/${id}`)).json();
    const report = structuredClone(current.report);
    // U+30000… (CJK Extension G): in no font the engine carries. Eight paragraphs each with one: a long message, not cut.
    const rare = Array.from({ length: 8 }, (_, i) => String.fromCodePoint(0x30000 + i));
    report.sections[4].blocks = [
      { kind: 'paragraph', text: '第一段。' },
      ...rare.map((c) => ({ kind: 'paragraph', text: `张${c}同志` })),
    ];
    const saved = await editor.req('PUT', `/api/reports/${id}`, { report }, { 'if-match': String(current.revision) });
    expect(saved.statusCode).toBe(200);
    const pdf = await editor.req('GET', `/api/reports/${id}/pdf`);
    expect(pdf.statusCode).toBe(422);
    const error = pdf.json().error;
    expect(error.code).toBe('E_GLYPH_MISSING');
    expect(error.message).toContain('“\u{30000}”（U+30000）');
    expect(error.message).toContain('“五、存在的主要问题及改进情况”第2段');
    expect(error.message.length).toBeGreaterThan(200);
    expect(error.message).toContain('“\u{30007}”（U+30007）');
    expect(error.message).toContain('“五、存在的主要问题及改进情况”第9段');
    expect(error.message).not.toMatch(/at .+\.(?:js|ts|mjs):\d+|node_modules/);
  });
});
