import { fileURLToPath } from 'node:url';
import { readConfig } from './config.js';
import { warmUpRenderer } from './render.js';
import { startServer } from './start.js';

const webDir = fileURLToPath(new URL('../web', import.meta.url));

try {
  const server = await startServer(readConfig(process.env, webDir));
  console.log(server.banner);
  void warmUpRenderer(server.app.heavy);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
