// Every text that comes from a report goes through `esc` before it reaches a page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and attribute values; `{` and `}` too, so Vue never sees an interpolation. */
export function esc(text: string): string {
  return text.replace(/[&<>"'{}]/g, (ch) => ENTITIES[ch] ?? `&#${ch.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}

/** A heading with an anchor link, as VitePress draws them. */
export function heading(level: 1 | 2 | 3, id: string, text: string): string {
  return `<h${level} id="${esc(id)}" tabindex="-1">${esc(text)} <a class="header-anchor" href="#${esc(id)}" aria-label="链接到“${esc(text)}”">&#8203;</a></h${level}>`;
}

export function link(href: string, text: string, attrs = ''): string {
  return `<a href="${esc(href)}"${attrs ? ` ${attrs}` : ''}>${esc(text)}</a>`;
}

/** A simple data table with column headers (lists of reports, cell ids, rules); cells are HTML. */
export function listTable(caption: string, head: string[], rows: string[][], id?: string): string {
  const idAttr = id ? ` id="${esc(id)}"` : '';
  return [
    `<div class="nb-scroll" role="region" tabindex="0" aria-label="${esc(caption)}"><table class="nb-list"${idAttr}>`,
    `<caption>${esc(caption)}</caption>`,
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** A list of links in one line. */
export function inlineLinks(items: [string, string][], label?: string): string {
  const list = `<ul class="nb-inline">${items.map(([h, t]) => `<li>${link(h, t)}</li>`).join('')}</ul>`;
  return label ? `<nav aria-label="${esc(label)}">${list}</nav>` : list;
}
