import * as fontkit from 'fontkit';
import { RenderError } from './errors.js';

/** The word a draft carries on every page. */
export const DRAFT_MARK = '草稿';

const svgs = new Map<string, string>();

/**
 * The watermark as an SVG of glyph outlines: drawn as shapes, it is no text, so text extraction, search and
 * screen readers never meet it inside the report's own words or tables.
 */
export function watermarkSvg(text: string, fontFile: string, grey = 0.9): string {
  const key = `${text}|${fontFile}|${grey}`;
  const known = svgs.get(key);
  if (known) return known;
  let font: fontkit.Font;
  try {
    const opened = fontkit.openSync(fontFile);
    font = 'fonts' in opened ? opened.fonts[0]! : opened;
  } catch (e) {
    throw new RenderError('E_FONT', `无法读取字体文件 ${fontFile}：${(e as Error).message}`);
  }
  const run = font.layout(text);
  const upm = font.unitsPerEm;
  let x = 0;
  const paths: string[] = [];
  run.glyphs.forEach((g, i) => {
    // Font units run upwards; SVG's run downwards.
    paths.push(`<path transform="translate(${x} ${font.ascent}) scale(1 -1)" d="${g.path.toSVG()}"/>`);
    x += run.positions[i]!.xAdvance;
  });
  const height = font.ascent - font.descent;
  const level = Math.round(grey * 255);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${x} ${height}" width="${x / upm}em" height="${height / upm}em"><g fill="rgb(${level},${level},${level})">${paths.join('')}</g></svg>`;
  svgs.set(key, svg);
  return svg;
}
