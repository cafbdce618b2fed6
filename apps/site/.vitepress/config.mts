import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

const root = resolve(import.meta.dirname, '..');

// VitePress builds the site's shell (theme, navigation, the search, compare and browse pages, and `nb-page`,
// the page every generated page is written into); `src/cli.ts` then writes the report pages into `outDir`.
export default defineConfig({
  lang: 'zh-CN',
  title: '政府信息公开工作年度报告',
  description: '各级行政机关政府信息公开工作年度报告全文、统计表和开放数据',
  srcDir: resolve(root, 'pages'),
  outDir: process.env.NIANBAO_SITE_OUT || resolve(root, '.vitepress/dist'),
  cacheDir: process.env.NIANBAO_SITE_CACHE || resolve(root, '.vitepress/cache'),
  cleanUrls: false,
  lastUpdated: false,
  ignoreDeadLinks: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  vite: {
    resolve: {
      alias: [
        // The theme's components that hard-code English labels, with Chinese ones.
        ...['VPNavBarMenu', 'VPNavBarExtra', 'VPNavBarHamburger'].map((name) => ({
          find: new RegExp(`^.*/${name}\\.vue$`),
          replacement: fileURLToPath(new URL(`./theme/components/${name}.vue`, import.meta.url)),
        })),
      ],
    },
  },
  themeConfig: {
    nav: [
      { text: '全部年报', link: '/browse.html' },
      { text: '地区', link: '/regions/index.html' },
      { text: '层级', link: '/levels/index.html' },
      { text: '比较', link: '/compare.html' },
      { text: '未发布', link: '/missing.html' },
      { text: '开放数据', link: '/data/index.html' },
    ],
    outline: false,
    docFooter: { prev: false, next: false },
    darkModeSwitchLabel: '外观',
    lightModeSwitchTitle: '切换到浅色模式',
    darkModeSwitchTitle: '切换到深色模式',
    skipToContentLabel: '跳到正文',
    sidebarMenuLabel: '菜单',
    returnToTopLabel: '回到顶部',
    langMenuLabel: '语言',
    externalLinkIcon: false,
    notFound: { title: '页面不存在', quote: '请检查地址，或使用搜索。', linkLabel: '返回首页', linkText: '返回首页' },
  },
});
