import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryAnswerSchema, SaveAnswerSchema } from '../contract/index.js';
import { BACKENDS, type Client, type Harness, login, reportIdOf, startHarness } from './helpers.js';

describe.each(BACKENDS)('concurrent saves on %s', (kind) => {
  let h: Harness;
  let editor: Client;
  let id: number;
  beforeAll(async () => {
    h = await startHarness(kind);
    editor = await login(h.app, 'editor2');
    id = await reportIdOf(await login(h.app, 'admin'), '宝山区教育局');
  });
  afterAll(() => h.close());

  const get = async () => (await editor.req('GET', `/api/reports/${id}`)).json();
  const revisionCount = async () => (await editor.req('GET', `/api/reports/${id}/revisions`)).json().length as number;

  it('of 20 simultaneous saves of the same paragraph on one revision exactly one is accepted; the others get the conflict with it', async () => {
    const base = await get();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const r = structuredClone(base.report);
        r.preamble = [{ kind: 'paragraph', text: `第${i}位编辑的引言` }];
        return editor.req('PUT', `/api/reports/${id}`, { report: r }, { 'if-match': String(base.revision) });
      }),
    );
    const accepted = responses.filter((r) => r.statusCode === 200);
    const rejected = responses.filter((r) => r.statusCode === 409);
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    const winner = accepted[0]!.json();
    expect(winner.revision).toBe(base.revision + 1);
    const winnerText = (await get()).report.preamble[0].text;
    for (const r of rejected) {
      expect(r.json().error.code).toBe('E_CONFLICT');
      expect(r.json().revision).toBe(winner.revision);
      expect(r.json().report.preamble[0].text).toBe(winnerText);
      expect(r.json().conflicts).toEqual([expect.objectContaining({ kind: 'text', theirs: winnerText })]);
    }
    expect(await revisionCount()).toBe(base.revision + 1);
  });

  it('12 editors saving different cells at once on one revision: all merged, every change kept, every acceptance a revision', async () => {
    const start = await get();
    const cells = Object.keys(start.report.cells)
      .filter((c) => c.startsWith('t2.') || c.startsWith('t4.'))
      .slice(0, 12);
    expect(cells).toHaveLength(12);
    const responses = await Promise.all(
      cells.map((cell, i) => {
        const r = structuredClone(start.report);
        r.cells[cell] = 1000 + i;
        return editor.req('PUT', `/api/reports/${id}`, { report: r }, { 'if-match': String(start.revision) });
      }),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(cells.map(() => 200));
    const answers = responses.map((r) => SaveAnswerSchema.parse(r.json()));
    const revisionsSeen = answers.map((a) => a.revision).sort((a, b) => a - b);
    expect(revisionsSeen).toEqual(Array.from({ length: 12 }, (_, k) => start.revision + 1 + k));
    // All but the first found others' changes and merged them.
    expect(answers.filter((a) => a.merged).length).toBe(11);
    const end = await get();
    expect(end.revision).toBe(start.revision + 12);
    expect(await revisionCount()).toBe(end.revision);
    cells.forEach((cell, i) => {
      expect(end.report.cells[cell]).toBe(1000 + i);
    });
    // The audit log has one save per accepted request, merged ones marked.
    const saves = HistoryAnswerSchema.parse((await editor.req('GET', `/api/reports/${id}/history`)).json()).filter(
      (e) => e.action === 'report.save',
    );
    expect(saves).toHaveLength(end.revision - 1);
    expect(saves.filter((e) => e.merged)).toHaveLength(11);
  });
});
