import { type ImportResult, parseReport, type Report, sameAgency, validate } from '@nianbao/core';
import type { ReadError, ReadErrorCode, ReadResult } from '@nianbao/readers';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canEdit, OrgTree } from '../access.js';
import type { Context } from '../context.js';
import { ImportPasteRequestSchema, ImportQuerySchema } from '../contract.js';
import { ApiError, forbidden, notFound, parseInput } from '../errors.js';
import { HEAVY_TIMEOUTS } from '../heavy.js';
import { requireActor } from '../session.js';

const PasteSchema = ImportPasteRequestSchema;

const AGENCY_HINT = '。请先选择报告所属的机关，再读取';

const FORMATS_HINT = '请导入 PDF（带文字层）、Word（.docx）、网页（.html）、文本（.txt）、Markdown（.md）或报告 JSON';

/** Reader refusals whose file is not in a form that can be read at all: 415 like any unknown format. */
const NOT_READABLE = new Set<ReadErrorCode>([
  'E_NOT_TEXT',
  'E_DOC_OLD_FORMAT',
  'E_DOCX_UNREADABLE',
  'E_PDF_UNREADABLE',
]);

type Upload =
  | { kind: 'file'; bytes: Uint8Array; filename: string }
  | { kind: 'paste'; text: string; filename?: string };

async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new ApiError(400, 'E_NO_FILE', '没有收到文件，请选择要导入的报告文件');
    // Over the upload limit toBuffer throws the framework's 413, answered by the app's error handler.
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw new ApiError(413, 'E_TOO_LARGE', '上传的文件过大，已拒绝导入');
    return { kind: 'file', bytes, filename: file.filename };
  }
  const body = parseInput(PasteSchema, request.body, '导入内容');
  return body.filename === undefined
    ? { kind: 'paste', text: body.text }
    : { kind: 'paste', text: body.text, filename: body.filename };
}

/** A reader's refusal as the API's answer: a code a program can act on and the reader's full message. */
function refusal(error: Pick<ReadError, 'code' | 'message' | 'issues' | 'diagnostics'>): ApiError {
  const reason = { reason: error.code };
  if (NOT_READABLE.has(error.code)) {
    const hint = error.code === 'E_NOT_TEXT' ? `；${FORMATS_HINT}` : '';
    return new ApiError(415, 'E_IMPORT_FORMAT', `${error.message}${hint}`, reason);
  }
  if (error.code === 'E_NOT_JSON') return new ApiError(400, 'E_BAD_JSON', error.message, reason);
  if (error.code === 'E_TOO_LARGE') return new ApiError(413, 'E_TOO_LARGE', error.message, reason);
  if (error.code === 'E_PDF_NO_TEXT') return new ApiError(422, 'E_PDF_NO_TEXT', error.message, reason);
  if (error.code === 'E_NO_AGENCY') return new ApiError(422, 'E_NO_AGENCY', `${error.message}${AGENCY_HINT}`, reason);
  return new ApiError(422, 'E_IMPORT_NOTHING', error.message, {
    ...reason,
    diagnostics: error.code === 'E_NOT_REPORT' ? error.issues : error.diagnostics,
  });
}

function answer(report: Report, extra: Record<string, unknown>) {
  const v = validate(report);
  return {
    report,
    ...extra,
    findings: v.findings,
    counts: { errors: v.errors, warnings: v.warnings, infos: v.infos },
    likely: v.likely,
  };
}

export async function importRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  /** The name of the organisation chosen for the report (one the actor may write reports for), if any. */
  async function chosenAgency(request: FastifyRequest): Promise<string | undefined> {
    const actor = requireActor(request);
    const { organisationId } = parseInput(ImportQuerySchema, request.query, '查询条件');
    if (organisationId === undefined) return undefined;
    const org = (await OrgTree.load(ctx.db)).byId.get(organisationId);
    if (!org) throw notFound('机关');
    if (!canEdit(actor, organisationId)) throw forbidden('您不能为该机关新建报告');
    return org.name;
  }

  /**
   * An uploaded file (PDF, Word .docx, HTML, Markdown, text, report JSON) or pasted text → the report it
   * contains and what the reader said. Saves nothing.
   */
  app.post('/api/import', async (request) => {
    requireActor(request);
    const agency = await chosenAgency(request);
    const found = await read(request, agency);
    // Against the organisation chosen: contact details are taken only from a file of the same agency.
    if (!agency) return { ...found, agency: null };
    const imported = found.report.meta.agency;
    const same = sameAgency(imported, agency);
    const contact = found.report.meta.contact && Object.values(found.report.meta.contact).some(Boolean);
    return {
      ...found,
      agency: {
        imported,
        organisation: agency,
        sameAgency: same,
        contact: !contact ? 'none' : same ? 'kept' : 'dropped',
      },
    };
  });

  /** Read the upload in a worker of the pool (the reading, and unzipping a Word file, never stall the others). */
  async function read(request: FastifyRequest, agency: string | undefined) {
    const upload = await readUpload(request);
    if (upload.kind === 'file') {
      const done = await ctx.heavy.run(
        { kind: 'read-file', bytes: upload.bytes, filename: upload.filename, ...(agency ? { agency } : {}) },
        HEAVY_TIMEOUTS.read,
      );
      if (!done.ok) {
        // A Word file that unpacks beyond the limit (a zip bomb) is too large; a broken one cannot be read.
        if (done.code === 'E_UNZIPPED_TOO_LARGE')
          throw new ApiError(413, 'E_TOO_LARGE', done.message, { reason: done.code });
        throw new ApiError(415, 'E_IMPORT_FORMAT', done.message, { reason: done.code });
      }
      const r = (done as { result: ReadResult }).result;
      if (!r.ok) throw refusal(r.error);
      if (r.kind === 'json')
        return answer(r.report, {
          format: 'json',
          status: 'complete',
          diagnostics: [],
          found: [],
          missing: [],
          inferred: [],
        });
      const i = r.imported;
      return answer(r.report, {
        format: r.kind,
        status: i.status,
        diagnostics: i.diagnostics,
        found: i.found,
        missing: i.missing,
        inferred: i.inferred,
      });
    }
    const { text, filename } = upload;
    if (/\.(docx?|pdf|xlsx?|wps)$/i.test(filename ?? '')) {
      throw new ApiError(
        415,
        'E_IMPORT_FORMAT',
        `粘贴的文字不是 Word 或 PDF 文件（${filename}）：请以文件上传方式导入该文件，或粘贴报告全文`,
      );
    }
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) {
      let json: unknown;
      try {
        json = JSON.parse(trimmed);
      } catch {
        throw new ApiError(400, 'E_BAD_JSON', '导入的内容像是 JSON，但无法解析');
      }
      const parsed = parseReport(json);
      if (!parsed.ok)
        throw new ApiError(422, 'E_IMPORT_NOTHING', `导入的 JSON 不是有效的报告：${parsed.issues[0]!.message}`, {
          diagnostics: parsed.issues,
        });
      return answer(parsed.report, {
        format: 'json',
        status: 'complete',
        diagnostics: [],
        found: [],
        missing: [],
        inferred: [],
      });
    }
    const done = await ctx.heavy.run(
      {
        kind: 'read-text',
        text,
        ...(filename === undefined ? {} : { filename }),
        ...(agency ? { agency } : {}),
      },
      HEAVY_TIMEOUTS.read,
    );
    if (!done.ok) throw new ApiError(422, 'E_IMPORT_NOTHING', done.message, { reason: done.code });
    const r = (done as { result: ImportResult }).result;
    if (r.status === 'none') {
      throw new ApiError(422, 'E_IMPORT_NOTHING', '未能从导入内容中读出报告的统计表，请确认粘贴的是完整的年度报告', {
        diagnostics: r.diagnostics,
      });
    }
    const noAgency = r.diagnostics.find((d) => d.code === 'E_NO_AGENCY');
    if (noAgency)
      throw new ApiError(422, 'E_NO_AGENCY', `${noAgency.message}${AGENCY_HINT}`, { diagnostics: r.diagnostics });
    return answer(r.report, {
      format: r.format,
      status: r.status,
      diagnostics: r.diagnostics,
      found: r.found,
      missing: r.missing,
      inferred: r.inferred,
    });
  }
}
