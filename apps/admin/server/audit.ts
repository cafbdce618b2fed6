import type { Db } from './db/index.js';
import { schema } from './db/index.js';

type Writer = Pick<Db, 'insert'>;

/** Append one line to the audit log (who, what, on which report or organisation, details). */
export async function audit(
  db: Writer,
  entry: {
    userId: number | null;
    action: string;
    reportId?: number;
    organisationId?: number;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(schema.auditLog).values({
    userId: entry.userId,
    action: entry.action,
    reportId: entry.reportId ?? null,
    organisationId: entry.organisationId ?? null,
    detail: entry.detail ?? null,
  });
}

/** Chinese names of audit actions, for the history the app shows. */
export const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  'report.create': '新建报告',
  'report.save': '保存',
  'report.submit': '提交审核',
  'report.approve': '审核通过',
  'report.return': '退回修改',
  'report.publish': '发布',
  'organisation.create': '新建机关',
  'organisation.update': '修改机关',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.password': '修改密码',
};
