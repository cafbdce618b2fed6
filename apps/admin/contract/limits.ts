import { cellName, type Report, SECTIONS } from '@nianbao/core';

/** Sizes the server accepts; the editor checks them too, before it sends. */
export const LIMITS = {
  /** One paragraph or heading of the text. Real reports stay far below; a PDF typesets this in well under a second. */
  blockChars: 10_000,
  /** All the text of a report together (preamble and six sections). */
  reportChars: 100_000,
  /** Paragraphs and headings in the whole report. */
  blocks: 1_000,
  /** Names: agency, organisation, person. */
  nameChars: 100,
  /** Other short text fields (region, contact, heading). */
  shortChars: 200,
  /** Largest absolute value of a cell: no report states 10^12 of anything. */
  cellMax: 1e12,
  /** JSON request body, bytes. */
  bodyBytes: 2 * 1024 * 1024,
  /** Uploaded file for import, bytes. */
  uploadBytes: 20 * 1024 * 1024,
} as const;

export type LimitCode =
  | 'E_BLOCK_TOO_LONG'
  | 'E_REPORT_TOO_LONG'
  | 'E_TOO_MANY_BLOCKS'
  | 'E_FIELD_TOO_LONG'
  | 'E_CELL_TOO_LARGE';

export interface LimitIssue {
  code: LimitCode;
  /** Path inside the report (`sections.2.blocks.0.text`, `cells.t3.new.natural`). */
  path: string;
  message: string;
}

const n = (x: number) => x.toLocaleString('zh-CN');

/** What in a report is over the limits, each with a message that says where and by how much. */
export function reportLimitIssues(report: Report): LimitIssue[] {
  const out: LimitIssue[] = [];
  let total = 0;
  let blocks = 0;
  const place = (key: string | null) => (key === null ? '引言' : (SECTIONS.find((s) => s.key === key)?.heading ?? key));
  const eachBlock = (list: Report['preamble'], key: string | null, path: string) => {
    list.forEach((b, i) => {
      blocks++;
      total += b.text.length;
      if (b.text.length > LIMITS.blockChars)
        out.push({
          code: 'E_BLOCK_TOO_LONG',
          path: `${path}.${i}.text`,
          message: `${place(key)}第${i + 1}段有 ${n(b.text.length)} 字，超过每段 ${n(LIMITS.blockChars)} 字的上限，请分段`,
        });
    });
  };
  eachBlock(report.preamble, null, 'preamble');
  report.sections.forEach((s, i) => {
    if (s.heading.length > LIMITS.shortChars)
      out.push({
        code: 'E_FIELD_TOO_LONG',
        path: `sections.${i}.heading`,
        message: `${place(s.key)}的标题超过 ${LIMITS.shortChars} 字`,
      });
    eachBlock(s.blocks, s.key, `sections.${i}.blocks`);
  });
  if (total > LIMITS.reportChars)
    out.push({
      code: 'E_REPORT_TOO_LONG',
      path: 'sections',
      message: `正文共 ${n(total)} 字，超过全文 ${n(LIMITS.reportChars)} 字的上限`,
    });
  if (blocks > LIMITS.blocks)
    out.push({
      code: 'E_TOO_MANY_BLOCKS',
      path: 'sections',
      message: `正文共 ${n(blocks)} 段，超过 ${n(LIMITS.blocks)} 段的上限`,
    });
  const m = report.meta;
  const fields: [string, string | undefined, number, string][] = [
    ['meta.agency', m.agency, LIMITS.nameChars, '机关名称'],
    ['meta.parentAgency', m.parentAgency, LIMITS.nameChars, '上级机关'],
    ['meta.region', m.region, LIMITS.shortChars, '行政区划'],
    ['meta.url', m.url, LIMITS.shortChars * 5, '原文地址'],
    ['meta.contact.address', m.contact?.address, LIMITS.shortChars, '联系地址'],
    ['meta.contact.postcode', m.contact?.postcode, LIMITS.shortChars, '邮政编码'],
    ['meta.contact.phone', m.contact?.phone, LIMITS.shortChars, '联系电话'],
    ['meta.contact.email', m.contact?.email, LIMITS.shortChars, '电子邮箱'],
  ];
  for (const [path, value, max, label] of fields)
    if (value && value.length > max)
      out.push({ code: 'E_FIELD_TOO_LONG', path, message: `${label}有 ${n(value.length)} 字，超过 ${max} 字的上限` });
  for (const [id, v] of Object.entries(report.cells))
    if (v !== null && v !== undefined && Math.abs(v) > LIMITS.cellMax)
      out.push({
        code: 'E_CELL_TOO_LARGE',
        path: `cells.${id}`,
        message: `${cellName(id)}的数值 ${v} 超出上限（绝对值不超过 10^12）`,
      });
  for (const [id, t] of Object.entries(report.cellText ?? {}))
    if (t.length > LIMITS.shortChars)
      out.push({
        code: 'E_FIELD_TOO_LONG',
        path: `cellText.${id}`,
        message: `${cellName(id)}的原文超过 ${LIMITS.shortChars} 字`,
      });
  return out;
}
