import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('of 20 simultaneous saves on the same revision exactly one is accepted; the others get 409 with it', async () => {
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
      expect(r.json().error.code).toBe('E_STALE_REVISION');
      expect(r.json().revision).toBe(winner.revision);
      expect(r.json().report.preamble[0].text).toBe(winnerText);
    }
    expect(await revisionCount()).toBe(base.revision + 1);
  });

  it('12 editors saving at once, each merging after a 409 and retrying: every change kept, every acceptance a revision', async () => {
    const start = await get();
    const cells = Object.keys(start.report.cells)
      .filter((c) => c.startsWith('t2.') || c.startsWith('t4.'))
      .slice(0, 12);
    expect(cells).toHaveLength(12);
    let accepted = 0;
    let conflicts = 0;
    const revisionsSeen: number[] = [];
    await Promise.all(
      cells.map(async (cell, i) => {
        let base = start;
        for (let attempt = 0; attempt < 100; attempt++) {
          const r = structuredClone(base.report);
          r.cells[cell] = 1000 + i;
          const res = await editor.req(
            'PUT',
            `/api/reports/${id}`,
            { report: r },
            { 'if-match': String(base.revision) },
          );
          if (res.statusCode === 200) {
            accepted++;
            revisionsSeen.push(res.json().revision);
            return;
          }
          expect(res.statusCode).toBe(409);
          conflicts++;
          // Merge: take the newer report the server sent and apply this editor's change again.
          base = { report: res.json().report, revision: res.json().revision };
        }
        throw new Error(`editor ${i} never saved`);
      }),
    );
    expect(accepted).toBe(12);
    expect(new Set(revisionsSeen).size).toBe(12);
    expect(revisionsSeen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, k) => start.revision + 1 + k));
    const end = await get();
    expect(end.revision).toBe(start.revision + 12);
    expect(await revisionCount()).toBe(end.revision);
    cells.forEach((cell, i) => {
      expect(end.report.cells[cell]).toBe(1000 + i);
    });
    // The audit log has one save per accepted request, none for the refused ones.
    const saves = (await editor.req('GET', `/api/reports/${id}/history`))
      .json()
      .filter((e: { action: string }) => e.action === 'report.save');
    expect(saves).toHaveLength(end.revision - 1);
    // All twelve started from the same revision: at least eleven were refused at first.
    expect(conflicts).toBeGreaterThanOrEqual(11);
  });
});
