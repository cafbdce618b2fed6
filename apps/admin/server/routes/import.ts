import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { importReport, parseReport, validate, type Report } from '@nianbao/core';
import type { Context } from '../context.js';
import { ApiError, parseInput } from '../errors.js';
import { requireActor } from '../session.js';

const PasteSchema = z.object({
  text: z.string().min(1, '请粘贴报告全文').max(5_000_000),
  filename: z.string().max(300).optional(),
});

const BINARY_HINT = '请导入网页（.html）、文本（.txt）、Markdown（.md）或报告 JSON；Word 或 PDF 文件请打开后全选复制、粘贴到导入框，或使用命令 nianbao import';

async function readUpload(request: FastifyRequest): Promise<{ text: string; filename?: string }> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new ApiError(400, 'E_NO_FILE', '没有收到文件，请选择要导入的报告文件');
    const buf = await file.toBuffer();
    if (buf.includes(0)) throw new ApiError(415, 'E_IMPORT_FORMAT', `暂不支持直接导入此类文件（${file.filename}）：${BINARY_HINT}`);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
    if (text.includes('\uFFFD')) {
      throw new ApiError(415, 'E_IMPORT_ENCODING', `文件 ${file.filename} 不是 UTF-8 编码的文本：请另存为 UTF-8 后再导入，或复制全文粘贴`);
    }
    return { text, filename: file.filename };
  }
  const body = parseInput(PasteSchema, request.body, '导入内容');
  return body.filename === undefined ? { text: body.text } : { text: body.text, filename: body.filename };
}

function answer(report: Report, extra: Record<string, unknown>) {
  const v = validate(report);
  return { report, ...extra, findings: v.findings, counts: { errors: v.errors, warnings: v.warnings, infos: v.infos }, likely: v.likely };
}

export async function importRoutes(app: FastifyInstance, _ctx: Context): Promise<void> {
  /** A pasted or uploaded published report → the report it contains and what the reader said. Saves nothing. */
  app.post('/api/import', async (request) => {
    requireActor(request);
    const { text, filename } = await readUpload(request);
    if (/\.(docx?|pdf|xlsx?|wps)$/i.test(filename ?? '')) throw new ApiError(415, 'E_IMPORT_FORMAT', `暂不支持直接导入此类文件（${filename}）：${BINARY_HINT}`);
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) {
      let json: unknown;
      try {
        json = JSON.parse(trimmed);
      } catch {
        throw new ApiError(400, 'E_BAD_JSON', '导入的内容像是 JSON，但无法解析');
      }
      const parsed = parseReport(json);
      if (!parsed.ok) throw new ApiError(422, 'E_IMPORT_NOTHING', `导入的 JSON 不是有效的报告：${parsed.issues[0]!.message}`, { diagnostics: parsed.issues });
      return answer(parsed.report, { format: 'json', status: 'complete', diagnostics: [], found: [], missing: [], inferred: [] });
    }
    const r = importReport(text, filename === undefined ? {} : { fileName: filename });
    if (r.status === 'none') {
      throw new ApiError(422, 'E_IMPORT_NOTHING', '未能从导入内容中读出报告的统计表，请确认粘贴的是完整的年度报告', { diagnostics: r.diagnostics });
    }
    return answer(r.report, { format: r.format, status: r.status, diagnostics: r.diagnostics, found: r.found, missing: r.missing, inferred: r.inferred });
  });
}
