// The search index: Pagefind reads the built report pages and writes a chunked index the browser loads piece by piece.
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';

/** Index the pages in `dist` (only those marked `data-pagefind-body`: the reports) into `dist/pagefind`. */
export async function buildSearchIndex(dist: string): Promise<{ pages: number }> {
  // Table values (td) are left out: row and column labels (th) are indexed, numbers would only swell each result.
  const { index, errors } = await createIndex({
    forceLanguage: 'zh-cn',
    excludeSelectors: ['td', '.header-anchor', '.nb-downloads'],
  });
  try {
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await close();
  }
}
