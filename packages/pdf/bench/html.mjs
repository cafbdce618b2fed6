// The same document model as HTML, with the PDF's page setup, for Chromium to print in the benchmark.
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function blocks(items) {
  return items.map((b) => (b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`)).join('\n');
}

function cell(c) {
  const span = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
  return `<td class="${c.style}"${span}>${esc(c.text)}</td>`;
}

function table(t) {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const rows = (rs) => rs.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  return `<table style="font-size:${t.size}pt"><colgroup>${cols}</colgroup>${t.headerRows.length ? `<thead>${rows(t.headerRows)}</thead>` : ''}<tbody>${rows(t.bodyRows)}</tbody></table>`;
}

export function reportHtml(model) {
  const sections = model.sections
    .map((s) => `<h1>${esc(s.heading)}</h1>\n${blocks(s.blocks)}\n${s.table ? table(s.table) : ''}`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(model.title)}</title><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 29pt; margin: 0; }
.title { text-align: center; font-size: 22pt; font-weight: bold; line-height: 1.4; margin: 0 0 29pt; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; break-after: avoid; }
h2 { font-size: 16pt; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; line-height: 1.3; margin: 13pt 0; table-layout: fixed; }
td { border: 0.5pt solid #000; padding: 4pt; text-align: center; vertical-align: middle; }
td.label, td.note { text-align: left; }
td.vertical { writing-mode: vertical-rl; text-orientation: upright; }
tr { break-inside: avoid; }
</style></head><body>
<div class="title">${esc(model.title)}</div>
${blocks(model.preamble)}
${sections}
</body></html>`;
}
