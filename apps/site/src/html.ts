// Every text that comes from a report goes through `esc` before it reaches a page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and attribute values; `{` and `}` too, so Vue never sees an interpolation. */
export function esc(text: string): string {
  return text.replace(/[&<>"'{}]/g, (ch) => ENTITIES[ch] ?? `&#${ch.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}

/** A heading in the form VitePress's local search splits pages on (one line, with a header anchor). */
export function heading(level: 1 | 2 | 3, id: string, text: string): string {
  return `<h${level} id="${esc(id)}" tabindex="-1">${esc(text)} <a class="header-anchor" href="#${esc(id)}" aria-label="链接到“${esc(text)}”">&#8203;</a></h${level}>`;
}

/**
 * Wrap generated HTML as a Markdown page: front matter, then one raw HTML block with no blank line
 * inside (so Markdown never reinterprets report text) and `v-pre` (so Vue never compiles it).
 */
export function page(frontmatter: Record<string, string | boolean>, html: string[]): string {
  // Front matter ends up inside the page's script block, where `</script>` would end it early.
  const safe = (v: string) => JSON.stringify(v.replace(/</g, '＜').replace(/>/g, '＞'));
  const fm = Object.entries(frontmatter)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? safe(v) : String(v)}`)
    .join('\n');
  const body = html.join('\n').replace(/\n\s*\n/g, '\n');
  return `---\n${fm}\n---\n\n<div class="nb-page" v-pre>\n${body}\n</div>\n`;
}

export function link(href: string, text: string, attrs = ''): string {
  return `<a href="${esc(href)}"${attrs ? ` ${attrs}` : ''}>${esc(text)}</a>`;
}

/** A simple data table with column headers (lists of reports, cell ids, rules). */
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
