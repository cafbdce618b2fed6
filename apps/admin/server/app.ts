import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import type { Database } from './db/index.js';
import { ApiError } from './errors.js';
import { type HeavyOptions, HeavyPool } from './heavy.js';
import type { LoginLimit } from './login-limit.js';
import { adminRoutes } from './routes/admin.js';
import { importRoutes } from './routes/import.js';
import { overviewRoutes } from './routes/overview.js';
import { reportRoutes } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { actorFromRequest, checkCsrf } from './session.js';

export interface AppOptions {
  database: Database;
  /** Folder the public site reads published reports from. */
  publishDir: string;
  /** The built web app (index.html and assets); omitted or missing = API only. */
  webDir?: string;
  /** Largest JSON body, bytes (default 2 MiB: a full report is about 30 KB). */
  bodyLimit?: number;
  /** Largest uploaded file for import, bytes (default 20 MiB). */
  uploadLimit?: number;
  /** Failed logins per account and address in the window (default 10 per 15 minutes; see LoginLimit). */
  loginLimit?: LoginLimit;
  sessionHours?: number;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies?: boolean;
  now?: () => Date;
  logger?: boolean;
  /** The worker pool for rendering and reading uploads (default: a pool of this app, closed with it). */
  heavy?: HeavyPool | HeavyOptions;
}

const MiB = 1024 * 1024;
/** Room for a multipart body's boundaries and headers beside the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route (method and URL pattern), for tests that must cover each one. */
    apiRoutes: { method: string; url: string }[];
    /** The worker pool of the heavy jobs (rendering, reading uploads). */
    heavy: HeavyPool;
  }
}

const sizeText = (bytes: number) => (bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / 1024)} KB`);

/** Fastify's own errors, as a person should read them. */
function frameworkError(err: FastifyError, limits: { body: number; upload: number }): ApiError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'E_TOO_LARGE', `请求内容过大（上限 ${sizeText(limits.body)}）`);
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiError(413, 'E_TOO_LARGE', `上传的文件过大（上限 ${sizeText(limits.upload)}）`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'E_BAD_JSON', '请求内容不是有效的 JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'E_BAD_JSON', '请求内容为空，应为 JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        415,
        'E_MEDIA_TYPE',
        '不支持的内容类型，请以 JSON（application/json）或文件上传（multipart/form-data）提交',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'E_BAD_REQUEST', '请求长度与内容不符');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(415, 'E_MEDIA_TYPE', '请以文件上传（multipart/form-data）或 JSON 提交');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new ApiError(err.statusCode, 'E_BAD_REQUEST', '请求格式有误');
  return null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? 2 * MiB;
  const uploadLimit = options.uploadLimit ?? 20 * MiB;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit, trustProxy: false });
  const ownPool = !(options.heavy instanceof HeavyPool);
  const heavy = options.heavy instanceof HeavyPool ? options.heavy : new HeavyPool(options.heavy);
  app.decorate('heavy', heavy);
  if (ownPool) app.addHook('onClose', () => heavy.close());
  const ctx: Context = {
    heavy,
    uploadLimit,
    db: options.database.db,
    database: options.database,
    publishDir: options.publishDir,
    sessionHours: options.sessionHours ?? 12,
    secureCookies: options.secureCookies ?? false,
    now: options.now ?? (() => new Date()),
  };

  // JSON or multipart only: a text/plain body is refused with 415 rather than read as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: uploadLimit, files: 1, fields: 10, parts: 12 } });

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (r.url.startsWith('/api/') && method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('apiRoutes', routes);

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    // An upload over the limit is refused from its declared length, before any of its body is read.
    const length = Number(request.headers['content-length']);
    if (request.isMultipart() && Number.isFinite(length) && length > uploadLimit + MULTIPART_OVERHEAD) {
      reply.header('connection', 'close');
      throw new ApiError(413, 'E_TOO_LARGE', `上传的文件过大（上限 ${sizeText(uploadLimit)}）`);
    }
    if (!request.url.startsWith('/api/')) return;
    request.actor = await actorFromRequest(ctx.db, request);
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (request.method === 'POST' && request.routeOptions.url === '/api/session') return;
    checkCsrf(request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // The built app loads only its own scripts; Element Plus sets inline styles.
    reply.header('content-security-policy', CSP);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    const known =
      err instanceof ApiError ? err : frameworkError(err as FastifyError, { body: bodyLimit, upload: uploadLimit });
    if (!known) {
      request.log.error(err);
      return reply
        .status(500)
        .send({ error: { code: 'E_INTERNAL', message: '服务器内部错误，请稍后重试；如多次出现请联系管理员' } });
    }
    return reply.status(known.statusCode).send({ ...known.extra, error: { code: known.code, message: known.message } });
  });

  await app.register(async (api) => {
    await sessionRoutes(api, ctx, options.loginLimit ?? { max: 10, timeWindowMs: 15 * 60_000 });
    await reportRoutes(api, ctx);
    await overviewRoutes(api, ctx);
    await adminRoutes(api, ctx);
    await importRoutes(api, ctx);
  });

  const webDir = options.webDir;
  const hasWeb = !!webDir && existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send({
        error: { code: 'E_NO_ROUTE', message: `没有这个接口：${request.method} ${request.url.split('?')[0]}` },
      });
    }
    if (hasWeb) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>年报</title><p>前端尚未构建：请先运行 <code>npm run build -w @nianbao/admin</code>。接口位于 /api/。</p>',
      );
  });
  return app;
}
