import { z } from 'zod';

/** Names of request fields as people read them, for messages that name the field rather than its path. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  isAdmin: '管理员',
  disabled: '停用',
  roles: '角色',
  role: '角色',
  organisationId: '机关',
  name: '名称',
  slug: '英文简称',
  level: '机关层级',
  parentId: '上级机关',
  region: '行政区划',
  deadline: '报送期限',
  year: '年度',
  formats: '表格格式',
  t2: '表二格式',
  t3: '表三格式',
  prefill: '预填方式',
  report: '报告内容',
  comment: '意见',
  text: '报告全文',
  filename: '文件名',
  id: '编号',
  rev: '版本号',
  reportId: '报告编号',
  userId: '账号编号',
  action: '操作类型',
  q: '关键词',
  from: '起始日期',
  to: '截止日期',
  before: '翻页位置',
  limit: '条数',
  include: '汇总范围',
  kind: '类别',
};

/** A path inside a request as a person reads it: `roles.0.organisationId` → `角色第1项的机关`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `第${p + 1}项`;
    else {
      const label = FIELD_LABELS[String(p)] ?? String(p);
      out += out ? `的${label}` : label;
    }
  }
  return out;
}

const zhCN = z.locales.zhCN().localeError;

export interface FieldIssue {
  /** Path in the request (`roles.0.organisationId`), for programs. */
  path: string;
  /** The field as people name it (`角色第1项的机关`). */
  field: string;
  message: string;
}

/** Check a value with a schema; problems come back with the field named by its Chinese label. */
export function checkInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
): { ok: true; value: z.infer<T> } | { ok: false; issues: FieldIssue[] } {
  const r = schema.safeParse(value, { error: zhCN });
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      field: fieldName(i.path),
      message: i.message,
    })),
  };
}

/** One line for people: `账号信息有误：用户名：…；密码：…`. */
export function issuesText(what: string, issues: readonly FieldIssue[]): string {
  const text = issues
    .slice(0, 5)
    .map((i) => (i.field ? `${i.field}：${i.message}` : i.message))
    .join('；');
  return `${what}有误：${text}${issues.length > 5 ? `（等 ${issues.length} 处）` : ''}`;
}
