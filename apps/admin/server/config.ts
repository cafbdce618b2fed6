import { isAbsolute, join, resolve } from 'node:path';
import type { DatabaseConfig } from './db/index.js';

/** Relative paths are read from where the command was typed (npm sets INIT_CWD for workspace scripts). */
function fromInvocation(env: NodeJS.ProcessEnv, path: string): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD || process.cwd(), path);
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  publishDir: string;
  database: DatabaseConfig;
  demo: boolean;
  secureCookies: boolean;
  webDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv, webDir: string): ServerConfig {
  const dataDir = fromInvocation(env, env.NIANBAO_DATA_DIR || './data');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    publishDir: env.NIANBAO_PUBLISH_DIR ? fromInvocation(env, env.NIANBAO_PUBLISH_DIR) : join(dataDir, 'published'),
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: join(dataDir, 'db') },
    demo: !['0', 'false', 'no'].includes((env.NIANBAO_DEMO ?? '1').toLowerCase()),
    secureCookies: env.NIANBAO_SECURE_COOKIES === '1',
    webDir,
  };
}
