import { readFileSync } from 'node:fs';
import {
  computeTotals,
  emptyReport,
  type Report,
  reportFrom,
  SECTIONS,
  type SectionKey,
  validate,
} from '@nianbao/core';
import { seedReportUrl } from '@nianbao/core/fixtures';
import { OrgTree } from './access.js';
import { audit } from './audit.js';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';
import { hashPassword } from './passwords.js';
import { insertUser, userCount } from './users.js';

export const DEMO_PASSWORD = 'nianbao-demo';

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: '系统管理员' },
  { username: 'reviewer', displayName: '区政务公开办审核人', role: '宝山区人民政府及其下级机关的审核人' },
  { username: 'editor', displayName: '跃进街道填报人', role: '宝山区跃进街道办事处的填报人' },
  { username: 'editor2', displayName: '区教育局填报人', role: '宝山区教育局的填报人' },
] as const;

/** The seed report of core's fixtures (宝山区跃进街道办事处, 2024). */
function seedReport(): Report {
  return reportFrom(JSON.parse(readFileSync(seedReportUrl, 'utf8')));
}

/** The second demo organisation's own report: small, consistent, totals computed by core. */
function educationReport(): Report {
  const r = emptyReport({
    agency: '宝山区教育局',
    level: 'department',
    region: '宝山区',
    parentAgency: '宝山区人民政府',
    year: 2024,
    formats: { t2: '2021', t3: '2021' },
    statisticsPeriod: { from: '2024-01-01', to: '2024-12-31' },
  });
  const texts: Record<SectionKey, string> = {
    overview: '2024年，宝山区教育局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕教育重点工作做好政府信息公开。',
    proactive: '本年度通过区政府门户网站主动公开教育政策、招生入学、财政预决算等信息。',
    requests: '本年度共收到政府信息公开申请13件，均在法定期限内答复。',
    reviewLitigation: '本年度未发生因政府信息公开引起的行政复议、行政诉讼。',
    problems: '主动公开的及时性和解读质量仍需提高。下一步将加强培训，完善发布审核流程。',
    other: '本年度未收取信息处理费。',
  };
  r.sections = SECTIONS.map((s) => ({
    key: s.key,
    heading: s.heading,
    blocks: [{ kind: 'paragraph' as const, text: texts[s.key] }],
  }));
  const set = (values: Record<string, number>) => Object.assign(r.cells, values);
  for (const id of Object.keys(r.cells)) if (!id.endsWith('.total') && id.startsWith('t3.')) r.cells[id] = 0;
  for (const id of Object.keys(r.cells)) if (id.startsWith('t4.') || id.startsWith('t2.')) r.cells[id] = 0;
  set({
    't3.new.natural': 12,
    't3.new.commercial': 1,
    't3.carriedOver.natural': 1,
    't3.granted.natural': 6,
    't3.granted.commercial': 1,
    't3.partial.natural': 2,
    't3.unavailable.notHeld.natural': 3,
    't3.notProcessed.repeated.natural': 1,
    't3.carriedForward.natural': 1,
    't2.normativeDocs.issued': 3,
    't2.normativeDocs.inForce': 21,
    't2.licensing.decisions': 158,
  });
  return computeTotals(r);
}

/**
 * On an empty database: a district government, its subdistrict with the seed report, a department with its
 * own report, a department that has not started, and the four demo accounts. Returns false if not empty.
 */
export async function loadDemo(db: Db): Promise<boolean> {
  if (await userCount(db)) return false;
  const seed = seedReport();
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const org = async (name: string, slug: string, level: string, parentId: number | null) => {
      const [row] = await tx
        .insert(schema.organisations)
        .values({ name, slug, level, parentId, region: '宝山区' })
        .returning();
      return row!.id;
    };
    const district = await org('宝山区人民政府', 'baoshan', 'government', null);
    const yuejin = await org('宝山区跃进街道办事处', 'baoshan-yuejin', 'township', district);
    const education = await org('宝山区教育局', 'baoshan-jiaoyu', 'department', district);
    await org('宝山区司法局', 'baoshan-sifa', 'department', district);
    const [admin, , editor, editor2] = [
      await insertUser(tx, { username: 'admin', displayName: '系统管理员', password: '', isAdmin: true }, hash),
      await insertUser(
        tx,
        {
          username: 'reviewer',
          displayName: '区政务公开办审核人',
          password: '',
          roles: [{ organisationId: district, role: 'reviewer' }],
        },
        hash,
      ),
      await insertUser(
        tx,
        {
          username: 'editor',
          displayName: '跃进街道填报人',
          password: '',
          roles: [{ organisationId: yuejin, role: 'editor' }],
        },
        hash,
      ),
      await insertUser(
        tx,
        {
          username: 'editor2',
          displayName: '区教育局填报人',
          password: '',
          roles: [{ organisationId: education, role: 'editor' }],
        },
        hash,
      ),
    ];
    const addReport = async (organisationId: number, report: Report, authorId: number) => {
      const v = validate(report);
      const [row] = await tx
        .insert(schema.reports)
        .values({
          organisationId,
          year: report.meta.year,
          formatT2: report.meta.formats.t2,
          formatT3: report.meta.formats.t3,
          status: 'draft',
          revision: 1,
          errors: v.errors,
          warnings: v.warnings,
        })
        .returning();
      await tx
        .insert(schema.revisions)
        .values({ reportId: row!.id, number: 1, content: report, errors: v.errors, warnings: v.warnings, authorId });
      await audit(tx, {
        userId: admin!.id,
        action: 'report.create',
        reportId: row!.id,
        organisationId,
        detail: { year: report.meta.year, source: 'demo' },
      });
    };
    await addReport(yuejin, seed, editor!.id);
    await addReport(education, educationReport(), editor2!.id);
  });
  OrgTree.invalidate(db);
  return true;
}
