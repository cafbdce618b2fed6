// Reports printed as flat text in the shapes copies of published reports take: cells spaced, tabbed, one per line,
// run together, half spaced, blanks vanished, labels wrapped round their values, ASCII brackets, full-width digits.
import { SECTIONS, tableLayout } from '../src/index.js';

export interface TextShape {
  /** Between cells of a row. */
  sep?: string;
  /** Between rows. */
  rowSep?: string;
  /** How a blank cell is printed ('' vanishes). */
  blank?: string;
  /** Drop the separator before the i-th value of a row. */
  drop?: (i: number) => boolean;
  label?: (text: string) => string;
  row?: (text: string) => string;
}

/** Where a row label has a comma or 、 past its 12th character: the rest of the label goes after the values. */
const WRAP = /^(.{12,}?)(，|、)(.+?)((?: [0-9—]+)+)$/;

export const SHAPES = {
  spaced: {},
  tabs: { sep: '\t' },
  cellPerLine: { sep: '\n' },
  asciiBrackets: { label: (t) => t.replaceAll('（', '(').replaceAll('）', ')') },
  noteLeftOut: { label: (t) => t.replace(/（区分处理的[^）]*）/, '') },
  labelWrappedAfterValues: { row: (r) => r.replace(WRAP, '$1$2$4\n$3') },
  labelWrappedBeforeValues: { row: (r) => r.replace(WRAP, '$1$2\n$3$4') },
  fullWidthDigits: { row: (r) => r.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) },
  runTogether: { sep: '', rowSep: '' },
  runTogetherByLine: { sep: '' },
  halfSpaced: { drop: (i) => i % 3 === 1 },
  blanksVanished: { blank: '' },
  halfSpacedBlanksVanished: { drop: (i) => i % 3 === 1, blank: '' },
} satisfies Record<string, TextShape>;

export type ShapeName = keyof typeof SHAPES;

/** The shapes in which every cell can be read as printed (values stand apart, blanks are marked). */
export const PLAIN_SHAPES: ShapeName[] = [
  'spaced',
  'tabs',
  'cellPerLine',
  'asciiBrackets',
  'noteLeftOut',
  'labelWrappedAfterValues',
  'labelWrappedBeforeValues',
  'fullWidthDigits',
];

interface Printed {
  agency: string;
  year: number;
  formats: { t2: '2019' | '2021'; t3: '2019' | '2021' };
  cells: Record<string, number | null>;
}

/** A report printed as flat text: title, the six headings, the three tables row by row in the given shape. */
export function printText(r: Printed, shape: TextShape): string {
  const sep = shape.sep ?? ' ';
  const blank = shape.blank ?? '—';
  const table = (t: 't2' | 't3' | 't4', v: '2019' | '2021') => {
    const l = tableLayout(t, v);
    const rows: string[] = [];
    for (const row of [...l.headerRows, ...l.bodyRows]) {
      let s = '';
      let vi = 0;
      for (const c of row) {
        let piece: string;
        if (c.type === 'label') piece = shape.label ? shape.label(c.text) : c.text;
        else {
          const x = r.cells[c.cellId];
          piece = x === null || x === undefined ? blank : String(x);
        }
        if (s === '') s = piece;
        else if (piece !== '') s += (c.type === 'value' && shape.drop?.(vi++) ? '' : sep) + piece;
      }
      rows.push(shape.row ? shape.row(s) : s);
    }
    return rows.join(shape.rowSep ?? '\n');
  };
  return reportText(r, table);
}

/**
 * A report around its three tables: the title, the six headings with a short text, each table as `table` prints
 * it. Markdown marks the title and the headings and puts a blank line between blocks.
 */
export function reportText(
  r: Pick<Printed, 'agency' | 'year' | 'formats'>,
  table: (t: 't2' | 't3' | 't4', v: '2019' | '2021') => string,
  markdown = false,
): string {
  const h = SECTIONS.map((s) => (markdown ? `## ${s.heading}` : s.heading));
  return [
    `${markdown ? '# ' : ''}${r.agency}${r.year}年政府信息公开工作年度报告`,
    h[0],
    '略。',
    h[1],
    table('t2', r.formats.t2),
    h[2],
    table('t3', r.formats.t3),
    h[3],
    table('t4', r.formats.t3),
    h[4],
    '略。',
    h[5],
    '无。',
  ].join(markdown ? '\n\n' : '\n');
}
