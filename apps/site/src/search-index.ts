// The search index: Pagefind indexes the report pages into a chunked index the browser loads piece by piece.
// Pagefind keeps about 1 MB per page in memory until it writes, so the pages are indexed in parts, each by a
// fresh Pagefind process, and the search page merges the parts (`mergeIndex`): memory stays flat however many
// reports there are.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';

/** Report pages per index part (NIANBAO_SEARCH_PART). */
export const SEARCH_PART_SIZE = Number(process.env.NIANBAO_SEARCH_PART ?? 500);

/** Where the search page finds the parts: `/pagefind/parts.json` lists each part's folder. */
export const SEARCH_MANIFEST = 'pagefind/parts.json';

/** The marked body of a generated page: all Pagefind reads of it (the shell around it is the same everywhere). */
function indexedHtml(html: string): string {
  const start = html.indexOf('<article data-pagefind-body');
  const end = html.indexOf('</article>', start);
  if (start < 0 || end < 0) throw new Error('report page without its search body');
  return `<html lang="zh-CN"><body>${html.slice(start, end + '</article>'.length)}</body></html>`;
}

/** Index `pages` (paths inside `dist`) into `dist/pagefind/<n>/`, `partSize` pages per part. */
export async function buildSearchIndex(
  dist: string,
  pages: string[],
  partSize = SEARCH_PART_SIZE,
): Promise<{ pages: number; parts: number }> {
  rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
  const parts: string[] = [];
  let indexed = 0;
  for (let from = 0; from < pages.length || parts.length === 0; from += partSize) {
    // Table values (td) are left out: row and column labels (th) are indexed, numbers would only swell results.
    const { index, errors } = await createIndex({
      forceLanguage: 'zh-cn',
      excludeSelectors: ['td', '.header-anchor', '.nb-downloads'],
    });
    try {
      if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
      for (const path of pages.slice(from, from + partSize)) {
        const added = await index.addHTMLFile({
          url: `/${path}`,
          content: indexedHtml(readFileSync(join(dist, path), 'utf8')),
        });
        if (added.errors.length) throw new Error(`pagefind: ${path}: ${added.errors.join('; ')}`);
        indexed++;
      }
      const folder = `pagefind/${parts.length}`;
      const written = await index.writeFiles({ outputPath: join(dist, folder) });
      if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
      parts.push(`/${folder}/`);
    } finally {
      await close();
    }
  }
  mkdirSync(join(dist, 'pagefind'), { recursive: true });
  writeFileSync(join(dist, SEARCH_MANIFEST), `${JSON.stringify({ parts })}\n`);
  return { pages: indexed, parts: parts.length };
}
