// The developer section, generated from core's schema, templates and rule catalogue.
import { RULES, reportJsonSchema, SEVERITY_LABELS, TABLE_NAMES, TEMPLATE_VERSIONS, tableLayout } from '@nianbao/core';
import { esc, heading, link, listTable } from './html.js';
import type { PageParts } from './shell.js';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
};

function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array' && s.items) return `${typeOf(s.items)}[]`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return `{ 编号: ${typeOf(s.additionalProperties)} }`;
  return Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? '');
}

/** Every field of the JSON Schema with its type, whether required, and its description. */
function fieldRows(s: JsonSchema, prefix = ''): string[][] {
  const rows: string[][] = [];
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push([
      `<code>${esc(path)}</code>`,
      `<code>${esc(typeOf(sub))}</code>`,
      s.required?.includes(name) ? '必填' : '可选',
      esc(sub.description ?? ''),
    ]);
    const inner = sub.type === 'array' ? sub.items : sub;
    if (inner?.properties) rows.push(...fieldRows(inner, `${path}${sub.type === 'array' ? '[]' : ''}.`));
  }
  return rows;
}

/** The developer pages: the JSON format, the cell ids and the rule catalogue, from core's definitions. */
export function devPages(): Record<string, PageParts> {
  const schema = reportJsonSchema() as JsonSchema;
  const index: PageParts = {
    title: '开发者',
    body: [
      heading(1, 'top', '开发者：数据格式'),
      '<p>本站每份年报都以 JSON 文件发布，格式由 JSON Schema 定义；表格中的每个数字都有固定的单元格编号。以下各页均由程序根据同一份定义生成。开放数据文件见“开放数据”页。</p>',
      `<ul>${[
        ['/dev/format.html', 'JSON 格式'],
        ['/dev/cells.html', '单元格编号'],
        ['/dev/rules.html', '核对规则'],
        ['/data/index.html', '开放数据'],
      ]
        .map(([h, t]) => `<li>${link(h!, t!)}</li>`)
        .join('')}</ul>`,
    ].join('\n'),
  };
  const format: PageParts = {
    title: 'JSON 格式',
    body: [
      heading(1, 'top', 'JSON 格式'),
      `<p>${esc(String((schema as { title?: string }).title ?? ''))}的 JSON 文件。完整定义见 ${link('/data/report.schema.json', 'report.schema.json')}（JSON Schema 2020-12）。本站下载的每份年报 JSON 另有 <code>checks</code> 字段，为本站的核对结果。</p>`,
      listTable('字段', ['字段', '类型', '是否必填', '说明'], fieldRows(schema)),
    ].join('\n'),
  };
  const cellSections: string[] = [
    heading(1, 'top', '单元格编号'),
    '<p>编号形如 <code>表.行.列</code>，一经发布不再改变；年报页面上每个数字都以编号为锚点，例如 <code>#t3.new.total</code>。同样的内容可下载为 <a href="/data/cell-ids.csv">cell-ids.csv</a>。</p>',
  ];
  for (const t of ['t2', 't3', 't4'] as const) {
    for (const v of TEMPLATE_VERSIONS) {
      const l = tableLayout(t, v);
      if (t === 't4' && v === '2019') continue;
      const name = `${l.name}（${t === 't4' ? '两版相同' : v === '2019' ? '2019年格式' : '2021年格式'}）`;
      cellSections.push(
        heading(2, `${t}-${v}`, name),
        listTable(
          `${name}单元格`,
          ['编号', '行', '列', '单位'],
          l.cells.map((c) => [
            `<code>${esc(c.id)}</code>`,
            esc(c.rowPath.join(' › ')),
            esc(c.columnPath.join(' › ')),
            esc(c.unit ?? ''),
          ]),
        ),
      );
    }
  }
  const cells: PageParts = { title: '单元格编号', body: cellSections.join('\n') };
  const rules: PageParts = {
    title: '核对规则',
    body: [
      heading(1, 'top', '核对规则'),
      '<p>每份年报按下列规则核对，结果显示在年报页面上。</p>',
      listTable(
        '核对规则',
        ['编号', '名称', '适用', '级别', '规则', '依据'],
        RULES.map((r) => [
          `<code>${esc(r.id)}</code>`,
          esc(r.title),
          esc(`${TABLE_NAMES[r.table]}（${r.versions.join('、')}）`),
          SEVERITY_LABELS[r.severity],
          esc(r.formula),
          esc(r.basis),
        ]),
      ),
    ].join('\n'),
  };
  return { 'dev/index.html': index, 'dev/format.html': format, 'dev/cells.html': cells, 'dev/rules.html': rules };
}
