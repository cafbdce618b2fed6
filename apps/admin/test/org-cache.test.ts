import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { type Database, schema } from '../server/db/index.js';
import { BACKENDS, type Client, type Harness, login, reopenDatabase, reportIdOf, startHarness } from './helpers.js';

// Each server keeps the organisation tree in memory: a change made through another server on the same database
// (or straight in the database) must be seen by the next request, not after some time.
describe.each(BACKENDS)('organisation tree kept in memory, two servers on one database (%s)', (kind) => {
  let h: Harness;
  let second: Database;
  let other: FastifyInstance;
  let editorA: Client;
  let reviewerA: Client;
  let adminB: Client;
  let reportId: number;
  let orgId: number;
  let districtId: number;

  beforeAll(async () => {
    h = await startHarness(kind);
    second = await reopenDatabase(kind);
    other = await buildApp({ database: second, publishDir: mkdtempSync(join(tmpdir(), 'nianbao-publish-')) });
    await other.ready();
    editorA = await login(h.app, 'editor');
    reviewerA = await login(h.app, 'reviewer');
    adminB = await login(other, 'admin');
    reportId = await reportIdOf(await login(h.app, 'admin'), '宝山区跃进街道办事处');
    const orgs = (await adminB.req('GET', '/api/organisations')).json() as { id: number; name: string }[];
    orgId = orgs.find((o) => o.name === '宝山区跃进街道办事处')!.id;
    districtId = orgs.find((o) => o.name === '宝山区人民政府')!.id;
  }, 120_000);

  afterAll(async () => {
    await other?.close();
    if (kind === 'postgres') await second?.close();
    await h?.close();
  });

  const agencyOnA = async () => {
    const res = await editorA.req('GET', `/api/reports/${reportId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { title: string; report: { meta: { agency: string } } };
    return { title: body.title, agency: body.report.meta.agency };
  };

  it('a rename through the other server shows in this server’s next answer', async () => {
    expect((await agencyOnA()).agency).toBe('宝山区跃进街道办事处');
    const res = await adminB.req('PATCH', `/api/organisations/${orgId}`, { name: '宝山区跃进新街道办事处' });
    expect(res.statusCode).toBe(200);
    const seen = await agencyOnA();
    expect(seen.agency).toBe('宝山区跃进新街道办事处');
    expect(seen.title).toContain('宝山区跃进新街道办事处');
  });

  it('a change written straight into the database is seen too', async () => {
    await second.db
      .update(schema.organisations)
      .set({ name: '宝山区跃进街道办事处' })
      .where(eq(schema.organisations.id, orgId));
    expect((await agencyOnA()).agency).toBe('宝山区跃进街道办事处');
  });

  it('moving an organisation out from under a reviewer takes their access away at once, and back', async () => {
    expect((await reviewerA.req('GET', `/api/reports/${reportId}`)).statusCode).toBe(200);
    const [elsewhere] = await second.db
      .insert(schema.organisations)
      .values({ name: '另一区人民政府', slug: 'another-district', level: 'government' })
      .returning();
    const moved = await adminB.req('PATCH', `/api/organisations/${orgId}`, { parentId: elsewhere!.id });
    expect(moved.statusCode).toBe(200);
    expect((await reviewerA.req('GET', `/api/reports/${reportId}`)).statusCode).toBe(404);
    const back = await adminB.req('PATCH', `/api/organisations/${orgId}`, { parentId: districtId });
    expect(back.statusCode).toBe(200);
    expect((await reviewerA.req('GET', `/api/reports/${reportId}`)).statusCode).toBe(200);
  });
});
