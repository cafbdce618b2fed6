import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { createAdmin } from './users.js';

const HELP = `用法：npm run create-admin -w @nianbao/admin -- --username <用户名> [--name <显示名>]
创建系统管理员账号。密码从环境变量 NIANBAO_ADMIN_PASSWORD 读取；未设置时在终端中输入（不回显），
或从标准输入读取第一行。数据库与服务器相同：DATABASE_URL，或 NIANBAO_DATA_DIR 下的内嵌数据库。`;

async function askPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
  if (process.stdin.isTTY) {
    process.stdout.write(prompt);
    muted._writeToOutput = () => {};
  }
  const line = await new Promise<string>((res) => rl.once('line', res).once('close', () => res('')));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.username) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(values.username)) {
    console.error('用户名须为 2–64 位字母、数字或 _ . @ -');
    return 2;
  }
  let password = process.env.NIANBAO_ADMIN_PASSWORD ?? (await askPassword('新管理员的密码：'));
  if (
    process.stdin.isTTY &&
    !process.env.NIANBAO_ADMIN_PASSWORD &&
    password !== (await askPassword('再次输入密码：'))
  ) {
    console.error('两次输入的密码不一致');
    return 2;
  }
  password = password.trim();
  if (password.length < PASSWORD_MIN_LENGTH) {
    console.error(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
    return 2;
  }
  const config = readConfig(process.env, '');
  const database = await openDatabase(config.database);
  try {
    const r = await createAdmin(database.db, {
      username: values.username,
      displayName: values.name ?? values.username,
      password,
    });
    if (!r.ok) {
      console.error(r.message);
      return 1;
    }
    console.log(`已创建管理员 ${values.username}。`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`创建失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
