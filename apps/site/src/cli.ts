// `npm run build` after `vitepress build`: read the reports folder, write the pages and data, index them for search.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';
import { buildSearchIndex } from './search-index.js';

const siteRoot = fileURLToPath(new URL('..', import.meta.url));
// Relative paths are read from where the command was typed (npm runs workspace scripts in the package folder).
const cwd = process.env.INIT_CWD || process.cwd();
const reportsDir = process.env.NIANBAO_REPORTS_DIR
  ? resolve(cwd, process.env.NIANBAO_REPORTS_DIR)
  : resolve(siteRoot, 'reports');
const dist = process.env.NIANBAO_SITE_OUT
  ? resolve(cwd, process.env.NIANBAO_SITE_OUT)
  : resolve(siteRoot, '.vitepress/dist');
const strict = process.env.NIANBAO_SITE_STRICT === '1';

if (!existsSync(reportsDir) || !statSync(reportsDir).isDirectory()) {
  console.error(`错误（E_SITE_NO_FOLDER）：年报文件夹不存在：${reportsDir}。请设置 NIANBAO_REPORTS_DIR。`);
  process.exit(1);
}
if (!existsSync(resolve(dist, 'nb-page.html'))) {
  console.error(`错误（E_SITE_NO_SHELL）：${dist} 中没有 VitePress 生成的页面框架，请先运行 vitepress build。`);
  process.exit(1);
}
const result = await generate({ reportsDir, dist, office: process.env.NIANBAO_SITE_OFFICE !== '0' });
console.log(
  `已读取 ${reportsDir}：生成 ${result.reports.length} 份年报的页面（共 ${result.pages} 个页面），跳过 ${result.skipped.length} 个文件。`,
);
if (strict && result.skipped.length) {
  console.error(`错误（E_SITE_SKIPPED）：严格模式下不允许跳过文件，共 ${result.skipped.length} 个文件有问题。`);
  process.exit(1);
}
if (process.env.NIANBAO_SITE_SEARCH === '0') process.exit(0);
const search = await buildSearchIndex(
  dist,
  result.reports.map((r) => `reports/${r.slug}.html`),
);
console.log(`搜索索引：${search.pages} 份年报，分 ${search.parts} 部分。`);
