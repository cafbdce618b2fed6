import type { Report } from '@nianbao/core';
import { ApiError } from './errors.js';

/** How a file is made: a plain object, so it can travel to a worker as it is. */
export interface RenderFileOptions {
  /** A light 草稿 watermark on every page (a report that is not published). */
  draft?: boolean;
}

interface PdfModule {
  renderPdf(report: Report, options?: RenderFileOptions): Uint8Array | Promise<Uint8Array>;
  renderDocx(report: Report, options?: RenderFileOptions): Uint8Array | Promise<Uint8Array>;
  preparePdf?(): void;
  RenderError?: abstract new (...args: never[]) => Error & { code: string };
}

let loaded: Promise<PdfModule> | undefined;

// Loaded on first use: the PDF engine and fonts are large and most requests never need them.
async function pdfModule(): Promise<PdfModule> {
  const name = '@nianbao/pdf';
  loaded ??= import(name) as Promise<PdfModule>;
  try {
    return await loaded;
  } catch {
    loaded = undefined;
    throw new ApiError(503, 'E_RENDER_UNAVAILABLE', '文件生成组件不可用，请联系管理员（@nianbao/pdf 未构建）');
  }
}

/**
 * Load the PDF engine and its fonts in the background after start-up, so the first download does not wait for
 * them. A failure here is only logged: the download answers it properly when it comes.
 */
export function warmUpRenderer(log: (message: string) => void = (m) => console.error(m)): Promise<void> {
  return new Promise((resolve) => {
    // After the current turn: the server is listening before the (synchronous) font loading starts.
    setImmediate(async () => {
      try {
        const mod = await pdfModule();
        mod.preparePdf?.();
      } catch (err) {
        log(`PDF 组件预热失败：${err instanceof Error ? err.message : String(err)}`);
      }
      resolve();
    });
  });
}

/** The report as a PDF or Word file. A report the engine cannot typeset is a 422 with the engine's code and full message. */
export async function renderReportFile(
  kind: 'pdf' | 'docx',
  report: Report,
  options: RenderFileOptions = {},
): Promise<Uint8Array> {
  const mod = await pdfModule();
  const fn = kind === 'pdf' ? mod.renderPdf : mod.renderDocx;
  const what = kind === 'pdf' ? ' PDF' : ' Word';
  if (typeof fn !== 'function') throw new ApiError(503, 'E_RENDER_UNAVAILABLE', `文件生成组件缺少${what} 输出`);
  try {
    return await fn(report, options);
  } catch (err) {
    // The report's own problem (a character no font has, too much text…): the person can fix it.
    if (mod.RenderError && err instanceof mod.RenderError) throw new ApiError(422, err.code, err.message);
    console.error(`生成${what} 文件时发生意外错误：`, err);
    throw new ApiError(500, 'E_RENDER_FAILED', `生成${what} 文件失败，请稍后重试；如多次出现请联系管理员`);
  }
}
