import type { z } from 'zod';
import { checkInput, issuesText } from './contract.js';

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

/** Validate input with a contract schema; a failure is a 400 naming each field by its Chinese label. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = '请求内容'): z.infer<T> {
  const r = checkInput(schema, value);
  if (r.ok) return r.value;
  throw new ApiError(400, 'E_INVALID_INPUT', issuesText(what, r.issues), { issues: r.issues });
}
