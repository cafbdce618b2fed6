import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './demo.js';
import { userCount } from './users.js';

const webDir = fileURLToPath(new URL('../web', import.meta.url));

async function main(): Promise<void> {
  const config = readConfig(process.env, webDir);
  const database = await openDatabase(config.database);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `内嵌数据库 ${config.database.dataDir}`;
  let demoLoaded = false;
  if (config.demo) demoLoaded = await loadDemo(database.db);
  const app = await buildApp({ database, publishDir: config.publishDir, webDir: config.webDir, secureCookies: config.secureCookies, logger: false });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host === '127.0.0.1' ? 'localhost' : config.host;
  const lines = [`年报编辑系统已启动：http://${shown}:${config.port}/`, `数据：${where}；发布目录：${config.publishDir}`];
  if (config.demo) {
    if (demoLoaded) lines.push('已载入演示数据。');
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(9)} ${a.role}`);
  } else if (!(await userCount(database.db))) {
    lines.push('尚无任何账号：请运行 npm run create-admin -w @nianbao/admin 创建第一个管理员。');
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
