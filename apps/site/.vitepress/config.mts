import { resolve } from 'node:path';
import { defineConfig } from 'vitepress';
import { tokenize } from '../src/search.js';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  lang: 'zh-CN',
  title: '政府信息公开工作年度报告',
  description: '各级行政机关政府信息公开工作年度报告全文、统计表和开放数据',
  srcDir: process.env.NIANBAO_SITE_SRC || resolve(root, 'gen'),
  outDir: process.env.NIANBAO_SITE_OUT || resolve(root, '.vitepress/dist'),
  cacheDir: process.env.NIANBAO_SITE_CACHE || resolve(root, '.vitepress/cache'),
  cleanUrls: false,
  lastUpdated: false,
  // Every generated page links real files; a missing one is a bug, not something to ignore.
  ignoreDeadLinks: false,
  themeConfig: {
    nav: [
      { text: '按年度', link: '/browse/years' },
      { text: '按地区', link: '/browse/regions' },
      { text: '按层级', link: '/browse/levels' },
      { text: '机关', link: '/agencies/' },
      { text: '未发布', link: '/missing' },
      { text: '开发者', link: '/dev/' },
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
    notFound: { title: '页面不存在', quote: '请检查地址，或使用搜索。', linkLabel: '返回首页', linkText: '返回首页' },
    search: {
      provider: 'local',
      options: {
        translations: {
          button: { buttonText: '搜索', buttonAriaLabel: '搜索' },
          modal: {
            displayDetails: '显示详细列表',
            resetButtonTitle: '清除查询',
            backButtonTitle: '关闭搜索',
            noResultsText: '没有找到',
            footer: { selectText: '选择', navigateText: '切换', closeText: '关闭' },
          },
        },
        miniSearch: {
          options: { tokenize },
          searchOptions: { tokenize, combineWith: 'AND', fuzzy: false, prefix: true },
        },
        // Index the narrative and headings, not the tables' numbers: the index stays small.
        _render(src, env, md) {
          const html = md.render(src, env);
          if (env.frontmatter?.search === false) return '';
          return html.replace(/<table[\s\S]*?<\/table>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
        },
      },
    },
  },
});
