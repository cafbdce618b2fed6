import { emptyReport, type Report } from '@nianbao/core';
import { ApiError } from './errors.js';
import { HEAVY_TIMEOUTS, type HeavyPool } from './heavy.js';

/** How a file is made: a plain object, so it can travel to a worker as it is. */
export interface RenderFileOptions {
  /** A light 草稿 watermark on every page (a report that is not published). */
  draft?: boolean;
}

/**
 * Start a worker and load the PDF engine and its fonts in it after start-up, so the first download does not
 * wait for them. A failure here is only logged: the download answers it properly when it comes.
 */
export function warmUpRenderer(
  heavy: HeavyPool,
  log: (message: string) => void = (m) => console.error(m),
): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(async () => {
      try {
        await heavy.run(
          { kind: 'render', format: 'pdf', report: emptyReport({ agency: '预热', year: 2024 }) },
          HEAVY_TIMEOUTS.render,
        );
      } catch (err) {
        log(`PDF 组件预热失败：${err instanceof Error ? err.message : String(err)}`);
      }
      resolve();
    });
  });
}

/**
 * The report as a PDF or Word file, made in a worker thread within the time limit. A report the engine cannot
 * typeset is a 422 with the engine's code and full message.
 */
export async function renderReportFile(
  heavy: HeavyPool,
  kind: 'pdf' | 'docx',
  report: Report,
  options: RenderFileOptions = {},
): Promise<Uint8Array> {
  const what = kind === 'pdf' ? ' PDF' : ' Word';
  const r = await heavy.run(
    { kind: 'render', format: kind, report, ...(options ? { options } : {}) },
    HEAVY_TIMEOUTS.render,
  );
  if (r.ok && r.kind === 'render') return r.bytes;
  if (!r.ok && r.expected) throw new ApiError(422, r.code, r.message);
  if (!r.ok && r.code === 'E_RENDER_UNAVAILABLE') throw new ApiError(503, r.code, r.message);
  console.error(`生成${what} 文件时发生意外错误：`, r.ok ? r : r.message);
  throw new ApiError(500, 'E_RENDER_FAILED', `生成${what} 文件失败，请稍后重试；如多次出现请联系管理员`);
}
