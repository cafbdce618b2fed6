import { type Io, nodeIo } from './command.js';
import { COMMANDS } from './commands/index.js';

function help(io: Io): void {
  io.out('nianbao — 政府信息公开工作年度报告工具\n\n用法：nianbao <命令> [参数]\n\n命令：\n');
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(44)} ${c.summary}\n`);
  io.out('\n退出码：0 无错误；1 报告有错误；2 文件无法读取或不是年度报告。\n');
}

/** Run the command line; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out('0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`未知命令：${name}。运行 nianbao --help 查看可用命令。\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      io.err(`参数有误：${(e as Error).message}\n用法：${cmd.usage}\n`);
      return 2;
    }
    io.err(`内部错误：${e instanceof Error ? e.message : String(e)}（E_INTERNAL）\n`);
    return 2;
  }
}
