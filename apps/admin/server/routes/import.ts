import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import * as core from '@nianbao/core';
import { parseReport, validate, type Report } from '@nianbao/core';
import type { Context } from '../context.js';
import { ApiError, parseInput } from '../errors.js';
import { requireActor } from '../session.js';

const PasteSchema = z.object({
  text: z.string().min(1, '请粘贴报告全文').max(5_000_000),
  filename: z.string().max(300).optional(),
});

interface Diagnostic {
  code?: string;
  message: string;
}

/** core's reader, where it exists: text / HTML / Markdown → report + diagnostics. */
type Reader = (input: string, options?: { filename?: string }) => unknown;
const reader = (core as unknown as Record<string, unknown>).importReport as Reader | undefined;

async function readUpload(request: FastifyRequest): Promise<{ text: string; filename?: string }> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new ApiError(400, 'E_NO_FILE', '没有收到文件，请选择要导入的报告文件');
    const buf = await file.toBuffer();
    if (buf.includes(0)) {
      throw new ApiError(415, 'E_IMPORT_FORMAT', `暂不支持直接导入此类文件（${file.filename}）：请导入网页（.html）、文本（.txt）、Markdown（.md）或报告 JSON，或将全文复制粘贴`);
    }
    return { text: new TextDecoder('utf-8').decode(buf), filename: file.filename };
  }
  const body = parseInput(PasteSchema, request.body, '导入内容');
  return body.filename === undefined ? { text: body.text } : { text: body.text, filename: body.filename };
}

function asResult(out: unknown): { report: Report | null; diagnostics: Diagnostic[] } {
  const o = (out ?? {}) as { report?: unknown; diagnostics?: unknown; ok?: boolean; issues?: unknown };
  const diagnostics = Array.isArray(o.diagnostics) ? (o.diagnostics as Diagnostic[]) : Array.isArray(o.issues) ? (o.issues as Diagnostic[]) : [];
  if (!o.report) return { report: null, diagnostics };
  const parsed = parseReport(o.report);
  return parsed.ok ? { report: parsed.report, diagnostics } : { report: null, diagnostics: [...diagnostics, ...parsed.issues] };
}

export async function importRoutes(app: FastifyInstance, _ctx: Context): Promise<void> {
  /** A pasted or uploaded published report → the report it contains and what the reader said. Saves nothing. */
  app.post('/api/import', async (request) => {
    requireActor(request);
    const { text, filename } = await readUpload(request);
    const trimmed = text.trimStart();
    let result: { report: Report | null; diagnostics: Diagnostic[] };
    if (trimmed.startsWith('{')) {
      let json: unknown;
      try {
        json = JSON.parse(trimmed);
      } catch {
        throw new ApiError(400, 'E_BAD_JSON', '导入的内容像是 JSON，但无法解析');
      }
      const parsed = parseReport(json);
      result = parsed.ok ? { report: parsed.report, diagnostics: [] } : { report: null, diagnostics: parsed.issues };
    } else if (reader) {
      try {
        result = asResult(await reader(text, filename === undefined ? {} : { filename }));
      } catch (err) {
        const e = err as { code?: string; message?: string };
        throw new ApiError(422, e.code && /^E_/.test(e.code) ? e.code : 'E_IMPORT_FAILED', `无法读取报告：${(e.message ?? '').slice(0, 300)}`);
      }
    } else {
      throw new ApiError(503, 'E_IMPORT_UNAVAILABLE', '文本与网页导入组件尚不可用；目前只能导入报告 JSON');
    }
    if (!result.report) {
      throw new ApiError(422, 'E_IMPORT_NOTHING', '未能从导入内容中读出报告', { diagnostics: result.diagnostics });
    }
    const v = validate(result.report);
    return {
      report: result.report,
      diagnostics: result.diagnostics,
      findings: v.findings,
      counts: { errors: v.errors, warnings: v.warnings, infos: v.infos },
    };
  });
}
