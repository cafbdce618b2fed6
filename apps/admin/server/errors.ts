import { z } from 'zod';

/** An error a person reads: HTTP status, a stable code for programs, a Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields of the answer (e.g. the newer revision on a 409). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = '报告') => new ApiError(404, 'E_NOT_FOUND', `${what}不存在，或您无权查看`);
export const forbidden = (message = '您没有执行此操作的权限') => new ApiError(403, 'E_FORBIDDEN', message);

const zhCN = z.locales.zhCN().localeError;

/** Validate input with a zod schema; a failure becomes a 400 with every problem named. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = '请求内容'): z.infer<T> {
  const r = schema.safeParse(value, { error: zhCN });
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const text = issues
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}：${i.message}` : i.message))
    .join('；');
  throw new ApiError(400, 'E_INVALID_INPUT', `${what}有误：${text}`, { issues });
}
