// Runs in a worker thread of the pool (heavy.ts): rendering a report and reading an uploaded file, so the
// server's event loop never waits on them. Answers plain data (errors as code and message), never throws a
// report's own problem.
import { importReport, type Report } from '@nianbao/core';
import { readReportFile } from '@nianbao/readers';
import { checkZip } from './zip-check.js';

export type HeavyTask =
  | { kind: 'render'; format: 'pdf' | 'docx'; report: Report; options?: { draft?: boolean } }
  | { kind: 'read-file'; bytes: Uint8Array; filename: string; agency?: string }
  | { kind: 'read-text'; text: string; filename?: string; agency?: string };

export type HeavyResult =
  | { ok: true; kind: 'render'; bytes: Uint8Array }
  | { ok: true; kind: 'read-file'; result: unknown }
  | { ok: true; kind: 'read-text'; result: unknown }
  | { ok: false; code: string; message: string; expected: boolean; extra?: Record<string, unknown> };

interface PdfModule {
  renderPdf(report: Report, options?: unknown): Uint8Array | Promise<Uint8Array>;
  renderDocx(report: Report, options?: unknown): Uint8Array | Promise<Uint8Array>;
  RenderError?: abstract new (...args: never[]) => Error & { code: string };
}
let pdf: Promise<PdfModule> | undefined;
// Loaded on a worker's first render: the engine and fonts are large and most workers only read files.
const pdfModule = () => (pdf ??= import('@nianbao/pdf') as unknown as Promise<PdfModule>);

async function render(task: Extract<HeavyTask, { kind: 'render' }>): Promise<HeavyResult> {
  let mod: PdfModule;
  try {
    mod = await pdfModule();
  } catch {
    pdf = undefined;
    return { ok: false, code: 'E_RENDER_UNAVAILABLE', message: '文件生成组件不可用，请联系管理员', expected: false };
  }
  try {
    const bytes =
      task.format === 'pdf'
        ? await mod.renderPdf(task.report, task.options)
        : await mod.renderDocx(task.report, task.options);
    return { ok: true, kind: 'render', bytes };
  } catch (err) {
    if (mod.RenderError && err instanceof mod.RenderError)
      return { ok: false, code: err.code, message: err.message, expected: true };
    return {
      ok: false,
      code: 'E_RENDER_FAILED',
      message: err instanceof Error ? err.message : String(err),
      expected: false,
    };
  }
}

/** Plain data of a reader's answer (its error is a class instance, which does not cross threads). */
function plain(result: Awaited<ReturnType<typeof readReportFile>>): unknown {
  if (result.ok) return result;
  const e = result.error;
  return {
    ok: false,
    kind: result.kind,
    error: { code: e.code, message: e.message, issues: e.issues, diagnostics: e.diagnostics },
  };
}

export default async function run(task: HeavyTask): Promise<HeavyResult> {
  if (task.kind === 'render') return render(task);
  if (task.kind === 'read-text') {
    const options = task.filename === undefined ? {} : { fileName: task.filename };
    let r = importReport(task.text, options);
    // The organisation chosen names a report that does not name its own: what the report prints comes first.
    if (task.agency && r.diagnostics.some((d) => d.code === 'E_NO_AGENCY'))
      r = importReport(task.text, { ...options, agency: task.agency });
    return { ok: true, kind: 'read-text', result: r };
  }
  const bytes = task.bytes;
  // A Word file is a zip: its unpacked size is checked before any reader inflates it in memory.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const problem = await checkZip(bytes);
    if (problem) return { ok: false, code: problem.code, message: problem.message, expected: true };
  }
  let r = await readReportFile(bytes, task.filename);
  if (!r.ok && r.error.code === 'E_NO_AGENCY' && task.agency)
    r = await readReportFile(bytes, task.filename, { agency: task.agency });
  return { ok: true, kind: 'read-file', result: plain(r) };
}
