// The developer section, generated from core's schema, templates and rule catalogue.
import { RULES, reportJsonSchema, SEVERITY_LABELS, TABLE_NAMES, TEMPLATE_VERSIONS, tableLayout } from '@nianbao/core';
import { esc, heading, link, listTable, page } from './html.js';

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

export function devPages(): Record<string, string> {
  const schema = reportJsonSchema() as JsonSchema;
  const index = page({ title: '开发者' }, [
    heading(1, 'top', '开发者：数据格式与开放数据'),
    '<p>本站每份年报都以 JSON 文件发布，格式由 JSON Schema 定义；表格中的每个数字都有固定的单元格编号。以下各页均由程序根据同一份定义生成。</p>',
    `<ul>${[
      ['/dev/format.html', 'JSON 格式'],
      ['/dev/cells.html', '单元格编号'],
      ['/dev/rules.html', '核对规则'],
      ['/data/report.schema.json', 'JSON Schema 文件（report.schema.json）'],
      ['/data/reports.json', '全部年报索引（reports.json）'],
      ['/data/cells.csv', '全部单元格数据（cells.csv）'],
    ]
      .map(([h, t]) => `<li>${link(h!, t!)}</li>`)
      .join('')}</ul>`,
    heading(2, 'open-data', '开放数据文件'),
    listTable(
      '开放数据文件',
      ['文件', '内容'],
      [
        [
          '<code>/data/reports.json</code>',
          '全部年报的索引：机关、层级、行政区划、年度、表格格式、核对结果，以及页面和下载文件的链接。',
        ],
        [
          '<code>/data/cells.csv</code>',
          '全部年报的全部单元格，每行一格，列为 agency（机关）、year（年度）、cell_id（单元格编号）、value（数值）；报告未填写的单元格数值为空，不写 0。文件为 UTF-8 编码，带 BOM。',
        ],
        ['<code>/data/reports/编号.json</code>', '单份年报的完整数据，符合 JSON Schema。'],
        ['<code>/data/reports/编号.csv</code>', '单份年报的单元格，列为 cell_id、name（单元格名称）、value。'],
      ],
    ),
  ]);
  const format = page({ title: 'JSON 格式' }, [
    heading(1, 'top', 'JSON 格式'),
    `<p>${esc(String((schema as { title?: string }).title ?? ''))}的 JSON 文件。完整定义见 ${link('/data/report.schema.json', 'report.schema.json')}（JSON Schema 2020-12）。</p>`,
    listTable('字段', ['字段', '类型', '是否必填', '说明'], fieldRows(schema)),
  ]);
  const cellSections: string[] = [
    heading(1, 'top', '单元格编号'),
    '<p>编号形如 <code>表.行.列</code>，一经发布不再改变；年报页面上每个数字都以编号为锚点，例如 <code>#t3.new.total</code>。</p>',
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
  const cells = page({ title: '单元格编号' }, cellSections);
  const rules = page({ title: '核对规则' }, [
    heading(1, 'top', '核对规则'),
    '<p>每份年报发布前按下列规则核对，结果显示在年报页面上。</p>',
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
  ]);
  return { 'dev/index.md': index, 'dev/format.md': format, 'dev/cells.md': cells, 'dev/rules.md': rules };
}
