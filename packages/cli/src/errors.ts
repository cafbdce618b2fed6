import type { Io } from './command.js';
import { InputError } from './load.js';

/** A problem with an input file as data: its code for programs and its message for people. */
export function inputErrorOf(e: unknown, file: string): { code: string; message: string } {
  return e instanceof InputError
    ? { code: e.code, message: e.message }
    : { code: 'E_INTERNAL', message: `处理 ${file} 时发生内部错误：${e instanceof Error ? e.message : String(e)}` };
}

/** Print a problem with an input file for a person; return it as data for JSON output. */
export function reportInputError(e: unknown, file: string, io: Io): { code: string; message: string } {
  const err = inputErrorOf(e, file);
  io.err(`错误：${err.message}（${err.code}）\n`);
  return err;
}
