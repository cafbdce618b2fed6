// Start the built server (dist/server/main.js) on a temporary data directory and a free port, and a real Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const adminDir = fileURLToPath(new URL('..', import.meta.url));

export { CHROMIUM, CHROMIUM_ARGS } from '@nianbao/corpus';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  base: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** The server as `npm start` runs it, with the demo loaded into a fresh embedded database. */
export async function startServer(): Promise<RunningServer> {
  const main = join(adminDir, 'dist/server/main.js');
  const web = join(adminDir, 'dist/web/index.html');
  if (!existsSync(main) || !existsSync(web))
    throw new Error(`build the admin app first (npm run build -w @nianbao/admin): ${main}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: adminDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NIANBAO_DATA_DIR: dataDir,
      NIANBAO_DEMO: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${base}/api/session`);
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
