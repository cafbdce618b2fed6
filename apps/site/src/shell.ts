// Generated pages are written into the HTML VitePress rendered for `nb-page.md` (the shared page shell).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { esc } from './html.js';

const SLOT = '<div class="nb-slot"></div>';
const TEMPLATE_FILE = 'nb-page.html';

/** What a generated page puts into the shell. */
export interface PageParts {
  title: string;
  description?: string;
  body: string;
}

/** The shell VitePress built, split around the slot: every generated page is `before + slot + after`. */
export interface Shell {
  write(path: string, page: PageParts): void;
  /** Pages written so far (paths inside the output folder). */
  readonly pages: string[];
}

/** The page VitePress renders for `nb-page.md`: the shell, not a page of the site (removed once used). */
export const SHELL_FILE = TEMPLATE_FILE;

/** Read the shell from a VitePress output folder; pages are written into the same folder. */
export function openShell(dist: string): Shell {
  const html = readFileSync(join(dist, TEMPLATE_FILE), 'utf8');
  const at = html.indexOf(SLOT);
  if (at < 0 || html.indexOf(SLOT, at + 1) >= 0) throw new Error(`${TEMPLATE_FILE}: the page slot must appear once`);
  const head = html.slice(0, at);
  const tail = html.slice(at + SLOT.length);
  const titleTag = /<title>([^<]*)<\/title>/.exec(head);
  const descTag = /<meta name="description" content="([^"]*)">/.exec(head);
  if (!titleTag || !descTag) throw new Error(`${TEMPLATE_FILE}: title or description not found`);
  const siteTitle = titleTag[1]!;
  const siteDescription = descTag[1]!;
  const pages: string[] = [];
  return {
    pages,
    write(path, page) {
      const description = page.description ? esc(page.description) : siteDescription;
      const title = page.title === '' ? siteTitle : `${esc(page.title)} | ${siteTitle}`;
      const out = [
        head
          .replace(titleTag[0], `<title>${title}</title>`)
          .replace(descTag[0], `<meta name="description" content="${description}">`),
        `<div class="nb-slot" data-nb-title="${esc(page.title)}" data-nb-description="${description}">`,
        page.body,
        '</div>',
        tail,
      ].join('');
      const file = join(dist, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, out);
      pages.push(path);
    },
  };
}
