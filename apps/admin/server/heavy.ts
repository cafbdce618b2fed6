import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ApiError } from './errors.js';
import type { HeavyResult, HeavyTask } from './heavy-worker.js';

/** The compiled worker: beside this file when built, else (running from the sources, as tests do) in dist/. */
function workerFile(): string {
  for (const candidate of ['./heavy-worker.js', '../dist/server/heavy-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return fileURLToPath(url);
  }
  throw new Error('heavy-worker.js is not built: run npm run build -w @nianbao/admin');
}

export interface HeavyOptions {
  /** Worker threads (default: one per core beyond the first, at least one, at most two). */
  threads?: number;
  /** Heap of each worker, MB: a job that needs more ends its worker, not the server. */
  heapMb?: number;
  /** Jobs waiting beyond the running ones before new ones are refused (503). */
  queue?: number;
}

/** Time limits per job, ms. */
export const HEAVY_TIMEOUTS = { render: 60_000, read: 60_000 } as const;

/**
 * A small pool of worker threads for the heavy jobs (rendering PDF and Word files, reading uploads), with a
 * time limit per job: the event loop that answers everyone else never waits on them.
 */
export class HeavyPool {
  private pool: Piscina | undefined;
  constructor(private readonly options: HeavyOptions = {}) {}

  private get piscina(): Piscina {
    this.pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 0,
      // Two, so that reading an upload never waits behind a long render (and the other way round).
      maxThreads: this.options.threads ?? Math.max(2, Math.min(4, availableParallelism() - 1)),
      idleTimeout: 10 * 60_000,
      maxQueue: this.options.queue ?? 32,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? 768 },
    });
    return this.pool;
  }

  /** Run a job; a job over its time is stopped (its worker ends) and answered 503. */
  async run(task: HeavyTask, timeoutMs: number): Promise<HeavyResult> {
    const signal = AbortSignal.timeout(timeoutMs);
    const what = task.kind === 'render' ? `生成${task.format === 'pdf' ? ' PDF' : ' Word'} 文件` : '读取文件';
    try {
      return (await this.piscina.run(task, { signal })) as HeavyResult;
    } catch (err) {
      if (signal.aborted)
        throw new ApiError(
          503,
          'E_TIMEOUT',
          `${what}超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止；请稍后重试`,
        );
      const message = err instanceof Error ? err.message : String(err);
      if (/queue is at limit/i.test(message))
        throw new ApiError(503, 'E_BUSY', `服务器正忙（排队${what}的请求过多），请稍后重试`);
      if (/ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(err as { code?: string }).code ?? ''} ${message}`))
        throw new ApiError(422, 'E_TOO_LARGE', `${what}所需内存超过上限，已停止；请检查文件或报告内容是否过大`);
      throw err;
    }
  }

  /** Start a worker and load the PDF engine in it, so the first download does not wait. */
  async warmUp(report: HeavyTask & { kind: 'render' }): Promise<void> {
    await this.run(report, HEAVY_TIMEOUTS.render);
  }

  stats() {
    const p = this.pool;
    return { threads: p?.threads.length ?? 0, queued: p?.queueSize ?? 0, completed: p?.completed ?? 0 };
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await p?.destroy();
  }
}
