/** A subcommand of `nianbao`. `run` returns the exit code: 0 fine, 1 findings with errors, 2 unusable input. */
export interface Command {
  name: string;
  /** One line of Chinese help. */
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether standard error is a terminal (progress lines are only drawn there). */
  isTTY: boolean;
}

export const nodeIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};
