/**
 * The Typst page program. It holds no label and no text of its own: everything it prints comes from the
 * JSON document model passed as `sys.inputs.data` (strings are data there, so report text cannot inject
 * markup). Page setup follows GB/T 9704: A4, margins 37/35/28/26 mm, 3号 (16 pt) body text, 22 lines of
 * 28 characters, page numbers 4号 as 「— 1 —」 on the outer side.
 */
export const TEMPLATE = `
#let data = json(bytes(sys.inputs.data))
#let F = data.fonts
#let margin = (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm)
#let body-height = 297mm - margin.top - margin.bottom
#let body-width = 210mm - margin.left - margin.right
#let pitch = 29pt
#let body-size = 16pt

#set document(
  title: data.title,
  author: data.agency,
  date: if data.date == none { none } else { datetime(year: data.date.at(0), month: data.date.at(1), day: data.date.at(2)) },
)
#set page(
  paper: "a4",
  margin: margin,
  footer-descent: 7mm,
  footer: context {
    let n = counter(page).get().first()
    set text(font: F.body.family, size: 14pt)
    align(if calc.odd(n) { right } else { left }, pad(x: 14pt, [— #n —]))
  },
)
#set text(font: F.body.family, weight: F.body.weight, fallback: false, size: body-size, lang: "zh", region: "cn",
  top-edge: "ascender", bottom-edge: "descender")
#set par(justify: true, leading: pitch - body-size, spacing: pitch - body-size,
  first-line-indent: (amount: 2em, all: true))

#show heading: it => block(sticky: true, above: pitch - body-size, below: pitch - body-size, width: 100%,
  pad(left: 2em, text(font: F.heading.family, weight: F.heading.weight, size: body-size, it.body)))

#let subheading(t) = block(sticky: true, above: pitch - body-size, below: pitch - body-size, width: 100%,
  pad(left: 2em, text(font: F.bodyBold.family, weight: F.bodyBold.weight, t)))

#let blocks(items) = for b in items {
  if b.kind == "heading" { subheading(b.text) } else { par(b.text) }
}

#let cell(c, size) = {
  let body = if c.style == "vertical" {
    stack(dir: ttb, spacing: 0.15em, ..c.text.clusters().map(ch => [#ch]))
  } else { c.text }
  let left-aligned = c.style == "label" or c.style == "note"
  table.cell(
    colspan: c.colSpan,
    rowspan: c.rowSpan,
    // A merged label (三、本年度办理结果, （三）不予公开…) keeps its rows on one page.
    breakable: c.rowSpan == 1,
    align: (if left-aligned { left } else { center }) + horizon,
    inset: (x: if size < 10pt or c.style == "value" { 2pt } else { 4pt }, y: 3pt),
    body,
  )
}

#let grid-table(t) = {
  let size = t.size * 1pt
  set text(size: size)
  set par(first-line-indent: 0pt, justify: false, leading: 0.4em, spacing: 0pt)
  let total = t.widths.sum()
  block(above: pitch - body-size, below: pitch - body-size, table(
    columns: t.widths.map(w => w / total * 100%),
    stroke: 0.5pt,
    ..if t.headerRows.len() > 0 {
      (table.header(repeat: true, ..t.headerRows.flatten().map(c => cell(c, size))),)
    },
    ..t.bodyRows.flatten().map(c => cell(c, size)),
  ))
}

#align(center, block(below: pitch, {
  set text(font: F.title.family, weight: F.title.weight, size: 22pt)
  set par(leading: 0.5em)
  context if measure(data.title).width <= body-width { data.title } else {
    data.titleLines.at(0)
    linebreak()
    data.titleLines.at(1)
  }
}))

#blocks(data.preamble)

// A table that fits on one page starts a new page rather than break (with its heading when nothing stands
// between them); a longer table breaks and repeats its header rows.
#let keep-whole(key, body) = {
  [#metadata(none)#label(key)]
  context {
    let h = measure(block(width: body-width, body)).height
    let y = locate(label(key)).position().y
    let room = body-height - (y - margin.top)
    if h > room and h <= body-height { pagebreak(weak: true) }
  }
  body
}

#for (i, s) in data.sections.enumerate() {
  let key = "nianbao-table-" + str(i)
  let h = heading(level: 1, numbering: none, outlined: true, bookmarked: true, s.heading)
  let t = s.at("table", default: none)
  if t == none {
    h
    blocks(s.blocks)
  } else if s.blocks.len() == 0 {
    keep-whole(key, { h; grid-table(t) })
  } else {
    h
    blocks(s.blocks)
    keep-whole(key, grid-table(t))
  }
}
`;
