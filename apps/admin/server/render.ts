import type { Report } from '@nianbao/core';
import { ApiError } from './errors.js';

interface PdfModule {
  renderPdf(report: Report, options?: unknown): Uint8Array | Promise<Uint8Array>;
  renderDocx(report: Report): Uint8Array | Promise<Uint8Array>;
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

/** The report as a PDF or Word file. */
export async function renderReportFile(kind: 'pdf' | 'docx', report: Report): Promise<Uint8Array> {
  const mod = await pdfModule();
  const fn = kind === 'pdf' ? mod.renderPdf : mod.renderDocx;
  if (typeof fn !== 'function') throw new ApiError(503, 'E_RENDER_UNAVAILABLE', `文件生成组件缺少${kind === 'pdf' ? ' PDF' : ' Word'} 输出`);
  try {
    return await fn(report);
  } catch (err) {
    throw new ApiError(500, 'E_RENDER_FAILED', `生成${kind === 'pdf' ? ' PDF' : ' Word'} 文件失败：${err instanceof Error ? err.message.slice(0, 200) : '未知错误'}`);
  }
}
