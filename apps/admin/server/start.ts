import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { type Database, openDatabase } from './db/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './demo.js';
import { findUser, userCount } from './users.js';

export interface Started {
  app: FastifyInstance;
  database: Database;
  /** What the server prints when it is up: the address, the database, the demo accounts or what to do next. */
  banner: string;
  close(): Promise<void>;
}

/** Open the database (migrations run), load the demo if asked and the database is empty, and listen. */
export async function startServer(config: ServerConfig, database?: Database): Promise<Started> {
  const db = database ?? (await openDatabase(config.database));
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL（DATABASE_URL）'
      : `内嵌数据库 ${config.database.dataDir ?? '（内存）'}`;
  const demoLoaded = config.demo ? await loadDemo(db.db) : false;
  const app = await buildApp({
    database: db,
    publishDir: config.publishDir,
    webDir: config.webDir,
    secureCookies: config.secureCookies,
    logger: false,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
  const lines = [`年报编辑系统已启动：http://${shown}:${port}/`, `数据：${where}；发布目录：${config.publishDir}`];
  const demoPresent = demoLoaded || (config.demo && (await findUser(db.db, DEMO_ACCOUNTS[3].username)) !== null);
  if (demoPresent) {
    if (demoLoaded) lines.push('已载入演示数据。');
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(9)} ${a.role}`);
  } else if (config.demo) {
    lines.push('数据库中已有数据，未载入演示数据。');
  }
  if (!(await userCount(db.db))) {
    lines.push('尚无任何账号：请运行 npm run create-admin -w @nianbao/admin -- --username <用户名> 创建第一个管理员。');
  }
  return {
    app,
    database: db,
    banner: lines.join('\n'),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
