// `npm run preview`: serve the built site on http://127.0.0.1:4173/ (PORT to change it).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.js';

const dist = process.env.NIANBAO_SITE_OUT ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '.vitepress/dist');
const { url } = await serve(dist, Number(process.env.PORT ?? 4173));
console.log(`本站已在 ${url}/ 提供（按 Ctrl+C 停止）`);
