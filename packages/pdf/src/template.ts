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
  // PDF/A needs a date: without a publication date, the time of writing.
  date: if data.date != none { datetime(year: data.date.at(0), month: data.date.at(1), day: data.date.at(2)) } else if data.archival { auto } else { none },
)
#set page(
  paper: "a4",
  margin: margin,
  // The draft mark is outlines, not text: text extraction never finds it among the report's words.
  background: if data.watermark == none { none } else {
    place(center + horizon, rotate(-35deg, image(bytes(data.watermark), format: "svg", width: 120mm)))
  },
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

// 二级标题 in the 楷体-style face (GB/T 9704 practice: 一级 黑体, 二级 楷体).
#let subheading(t) = block(sticky: true, above: pitch - body-size, below: pitch - body-size, width: 100%,
  pad(left: 2em, text(font: F.subheading.family, weight: F.subheading.weight, t)))

#let blocks(items) = for b in items {
  if b.kind == "heading" { subheading(b.text) } else { par(b.text) }
}

#let cell(c, size, y, rowspan: none) = {
  let body = if c.style == "vertical" {
    stack(dir: ttb, spacing: 0.15em, ..c.text.clusters().map(ch => [#ch]))
  } else { c.text }
  let left-aligned = c.style == "label" or c.style == "note"
  table.cell(
    x: c.x,
    y: y,
    colspan: c.colSpan,
    rowspan: if rowspan == none { c.rowSpan } else { rowspan },
    stroke: 0.5pt,
    align: (if left-aligned { left } else { center }) + horizon,
    // The 未读取 mark without side inset: it fits on one line in the narrowest column (表四).
    inset: (x: if c.style == "unread" { 0pt } else if size < 10pt or c.style == "value" { 2pt } else { 4pt }, y: 4pt),
    body,
  )
}

// Body rows a to b (excluded) under the header rows. An extra column of no width holds one empty,
// unbreakable cell per unit of rows that must stay on one page, so the table breaks only between units.
#let table-of(t, a, b, units: ()) = {
  let size = t.size * 1pt
  let H = t.headerRows.len()
  let cells = ()
  for (r, row) in t.bodyRows.enumerate() {
    for c in row {
      let end = calc.min(r + c.rowSpan, b)
      if r >= a and r < b { cells.push(cell(c, size, H + r - a, rowspan: end - r)) }
    }
  }
  let total = t.widths.sum()
  set text(size: size)
  set par(first-line-indent: 0pt, justify: false, leading: 0.4em, spacing: 0pt)
  table(
    columns: (..t.widths.map(w => w / total * 100%), 0pt),
    stroke: none,
    ..if H > 0 {
      (table.header(repeat: true,
        table.cell(x: t.columns, y: 0, rowspan: H, inset: 0pt, []),
        ..t.headerRows.enumerate().map(((y, row)) => row.map(c => cell(c, size, y))).flatten()),)
    },
    ..cells,
    ..units.map(((u, v)) => table.cell(x: t.columns, y: H + u - a, rowspan: v - u, breakable: false, inset: 0pt, [])),
  )
}

#let height-of(body) = measure(block(width: body-width, body)).height

// Units of rows kept on one page: between the break points of t.breaks (three rows at least on each side of
// a break, merged groups and captions kept with their rows). A unit taller than a page (with the header rows)
// is cut at t.softBreaks, inside a vertical group, as late as each page allows.
#let units-of(t) = {
  let n = t.bodyRows.len()
  let cuts = (0, ..t.breaks, n)
  let units = ()
  for i in range(cuts.len() - 1) {
    let (a, b) = (cuts.at(i), cuts.at(i + 1))
    if height-of(table-of(t, a, b)) <= body-height {
      units.push((a, b))
      continue
    }
    let soft = t.softBreaks.filter(k => k > a and k < b)
    let start = a
    while start < b {
      let fits = soft.filter(k => k > start and height-of(table-of(t, start, k)) <= body-height)
      let end = if fits.len() > 0 { fits.last() } else { b }
      units.push((start, end))
      start = end
    }
  }
  units
}

#let grid-table(t) = block(above: pitch - body-size, below: pitch - body-size, width: 100%,
  context table-of(t, 0, t.bodyRows.len(), units: units-of(t)))

// The note under a table with cells marked not read, in the table's size.
#let table-note(t) = block(above: 0pt, below: pitch - body-size, width: 100%, {
  set text(size: t.size * 1pt)
  set par(first-line-indent: 0pt, justify: false, leading: 0.4em)
  t.note
})

// 发文机关署名 and 成文日期 (GB/T 9704 7.3.5.2, without a seal): the agency right-spaced two characters, the date
// on the next line starting two characters right of it; a longer date is right-spaced two characters and the
// agency moves left with it. 附注 under the date, indented two characters.
#let signature(s) = context {
  let em = body-size
  let names = s.agencies
  let wa = calc.max(..names.map(n => measure(n).width))
  let wd = if s.date == none { 0pt } else { measure(text(cjk-latin-spacing: none, s.date)).width }
  let start = body-width - 2 * em - calc.max(wa, wd + 2 * em)
  set par(first-line-indent: 0pt, justify: false)
  block(above: pitch, below: 0pt, breakable: false, {
    for n in names { par(h(start) + n) }
    // 2025年1月20日 set solid, as typed in official documents (no added space between figures and 年月日).
    if s.date != none {
      set text(cjk-latin-spacing: none)
      par(h(start + 2 * em) + s.date)
    }
  })
  if s.note != none { block(above: pitch - body-size, par(h(2 * em) + s.note)) }
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

#for (i, s) in data.sections.enumerate() {
  heading(level: 1, numbering: none, outlined: true, bookmarked: true, s.heading)
  if i == data.sections.len() - 1 and s.blocks.len() > 0 {
    // The signature never stands alone on a page: the last paragraph goes with it.
    blocks(s.blocks.slice(0, -1))
    block(sticky: true, blocks(s.blocks.slice(-1)))
  } else { blocks(s.blocks) }
  let t = s.at("table", default: none)
  if t != none {
    grid-table(t)
    if t.note != none { table-note(t) }
  }
}

#signature(data.signature)
`;
