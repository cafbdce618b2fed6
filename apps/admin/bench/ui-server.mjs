// The built server as main.js runs it, serving the bench build of the editor (its keystroke timing hooks)
// from the folder given as the first argument. Prints one JSON line {port} when listening.
import { readConfig } from '../dist/server/config.js';
import { startServer } from '../dist/server/start.js';

const server = await startServer(readConfig(process.env, process.argv[2]));
console.log(JSON.stringify({ port: server.app.server.address().port }));
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
