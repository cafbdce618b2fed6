import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import BrowsePage from './components/BrowsePage.vue';
import ComparePage from './components/ComparePage.vue';
import NavSearch from './components/NavSearch.vue';
import NbSlot from './components/nb-slot';
import SearchPage from './components/SearchPage.vue';
import { setUpGeneratedPages } from './stamped';
import { markTarget } from './target';
import './style.css';

export default {
  extends: DefaultTheme,
  Layout: () =>
    h(DefaultTheme.Layout, null, {
      'nav-bar-content-before': () => h(NavSearch),
      'nav-screen-content-before': () => h(NavSearch, { idSuffix: 'screen' }),
    }),
  enhanceApp({ app, router }) {
    app.component('NbSlot', NbSlot);
    app.component('SearchPage', SearchPage);
    app.component('ComparePage', ComparePage);
    app.component('BrowsePage', BrowsePage);
    if (typeof window === 'undefined') return;
    setUpGeneratedPages(router);
    const after = router.onAfterRouteChange;
    router.onAfterRouteChange = async (href) => {
      await after?.(href);
      requestAnimationFrame(markTarget);
    };
    window.addEventListener('hashchange', () => requestAnimationFrame(markTarget));
  },
} satisfies Theme;
