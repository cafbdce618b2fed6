// Pages written by the generator after `vitepress build` (reports, agencies, regions…) all share one
// VitePress page, `nb-page.md`: its component keeps the HTML the generator put in `.nb-slot`.
import type { Router } from 'vitepress';

/** The VitePress page every generated page is built on (its key in VitePress's page hash map). */
export const TEMPLATE_KEY = 'nb-page.md';

declare global {
  interface Window {
    __VP_HASH_MAP__: Record<string, string>;
  }
}

interface PageData {
  relativePath: string;
  title: string;
  description: string;
}

/** Content of the generated page this document was loaded with, kept for when its route is shown again. */
let initial: { path: string; html: string } | undefined;

/** The HTML to show in `.nb-slot` for a route path, if this document was loaded on that page. */
export function slotHtml(path: string): string {
  return initial && initial.path === path ? initial.html : '';
}

/** VitePress's page hash map key of a URL path (as its `pathToFile` computes it). */
function pageKey(pathname: string): string {
  const path = decodeURIComponent(pathname.replace(/\.html$/, '')).replace(/\/$/, '/index');
  return `${path.slice(1).replace(/\//g, '_') || 'index'}.md`.toLowerCase();
}

/**
 * Before the router's first navigation: when the document is a generated page, point its route at the
 * shared page module and give that module this page's title and path (so the URL is kept); links to
 * other generated pages load them from the server.
 */
export function setUpGeneratedPages(router: Router) {
  const slot = document.querySelector<HTMLElement>('.nb-slot[data-nb-title]');
  const map = window.__VP_HASH_MAP__;
  const hash = map?.[TEMPLATE_KEY];
  if (!hash) return;
  if (slot) {
    const path = location.pathname;
    initial = { path, html: slot.innerHTML };
    // The router fetches `/assets/<key>.<hash>.js`: the dot segment leads it to the shared module.
    map[pageKey(path)] = `nb/../${TEMPLATE_KEY}.${hash}`;
    const title = slot.dataset.nbTitle ?? '';
    const description = slot.dataset.nbDescription ?? '';
    const relativePath = `${decodeURIComponent(path)
      .replace(/\.html$/, '')
      .replace(/\/$/, '/index')
      .slice(1)}.md`;
    let first = true;
    router.onAfterPageLoad = async (href) => {
      if (new URL(href, location.href).pathname !== path) return;
      // The router loaded the lean module on the first load, the full one when the page is shown again.
      const file = `/assets/${TEMPLATE_KEY}.${hash}${first ? '.lean.js' : '.js'}`;
      first = false;
      const mod = (await import(/* @vite-ignore */ file)) as { __pageData: PageData };
      Object.assign(mod.__pageData, { relativePath, title, description });
    };
  }
  router.onBeforeRouteChange = (href) => {
    const url = new URL(href, location.href);
    if (url.pathname === location.pathname) return true;
    if (map[pageKey(url.pathname)] !== undefined) return true;
    // A generated page: the server has it, the client has no module of its own for it.
    location.assign(url.href);
    return false;
  };
}
