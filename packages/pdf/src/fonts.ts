import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import type { DocModel, TextPlace } from './document.js';
import { textPlaces } from './document.js';
import { RenderError } from './errors.js';

/** Font choices of a rendering. */
export interface FontOptions {
  /**
   * Serif (宋体-style) body font file: .otf, .ttf or .ttc (the SC face of a collection is used). `false` keeps
   * the sans font that ships with npm. Default: the file named by the NIANBAO_SERIF_FONT environment
   * variable, else Debian's Noto Serif CJK SC (package fonts-noto-cjk) when installed.
   */
  serifFont?: string | false;
  /**
   * 楷体-style font file for 二级标题 (sub-headings). `false` sets them in bold serif. Default: the file named by
   * NIANBAO_KAI_FONT, else Debian's LXGW WenKai (package fonts-lxgw-wenkai) when installed.
   */
  kaiFont?: string | false;
}

/** One face as Typst names it and as its file holds it. */
export interface Face {
  family: string;
  weight: 'regular' | 'bold';
  file: string;
  /** Face inside a collection (.ttc). */
  postscriptName?: string;
}

/** The faces of a document: body text and tables, sub-headings, section headings, title. */
export interface FontSet {
  key: string;
  body: Face;
  bodyBold: Face;
  heading: Face;
  title: Face;
  /** 楷体-style face of sub-headings (characters it lacks come from the body face); null: bold serif. */
  kai: Face | null;
  /** Font files and folders Typst loads fonts from. */
  dirs: string[];
}

export const DEBIAN_SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
export const DEBIAN_KAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
const NPM_FAMILY = 'Noto Sans S Chinese';

function npmFontDir(): string {
  // The package's `exports` hides fonts/; it sits next to the resolved entry's dist/ folder.
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts');
}

const fontFiles = new Map<string, fontkit.Font>();

/** The parsed face (cmap and names), read once per process. */
function openFace(file: string, postscriptName?: string): fontkit.Font {
  const key = `${file}#${postscriptName ?? ''}`;
  let font = fontFiles.get(key);
  if (!font) {
    let opened: fontkit.Font | fontkit.FontCollection;
    try {
      opened = fontkit.openSync(file);
    } catch (e) {
      throw new RenderError('E_FONT', `无法读取字体文件 ${file}：${(e as Error).message}`);
    }
    if ('fonts' in opened) {
      const faces = opened.fonts;
      const face = (postscriptName && faces.find((f) => f.postscriptName === postscriptName)) || faces[0];
      if (!face) throw new RenderError('E_FONT', `字体文件 ${file} 中没有字体`);
      font = face;
    } else {
      font = opened;
    }
    fontFiles.set(key, font);
  }
  return font;
}

function fontFace(file: string, what: string): { regular: Face; bold: Face | null } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new RenderError('E_FONT', `找不到${what}字体文件 ${file}`);
  let ps: string | undefined;
  let opened: fontkit.Font | fontkit.FontCollection;
  try {
    opened = fontkit.openSync(file);
  } catch (e) {
    throw new RenderError('E_FONT', `无法读取字体文件 ${file}：${(e as Error).message}`);
  }
  let font: fontkit.Font | undefined;
  if ('fonts' in opened) {
    font = opened.fonts.find((f) => /sc\b|SC\b|CJKsc/.test(f.postscriptName)) ?? opened.fonts[0];
    ps = font?.postscriptName;
  } else {
    font = opened;
  }
  if (!font) throw new RenderError('E_FONT', `字体文件 ${file} 中没有字体`);
  fontFiles.set(`${file}#${ps ?? ''}`, font);
  const family = font.getName('preferredFamily', 'en') ?? font.familyName;
  const regular: Face = { family, weight: 'regular', file, ...(ps ? { postscriptName: ps } : {}) };
  const boldFile = file.replace(/Regular/, 'Bold');
  const bold: Face | null =
    boldFile !== file && existsSync(boldFile)
      ? { family, weight: 'bold', file: boldFile, ...(ps ? { postscriptName: ps.replace(/Regular/, 'Bold') } : {}) }
      : null;
  return { regular, bold };
}

const fontSets = new Map<string, FontSet>();

/** The faces a rendering uses, found once per choice of serif font. */
export function resolveFonts(options: FontOptions = {}): FontSet {
  let serifFile: string | null;
  if (options.serifFont === false) serifFile = null;
  else if (options.serifFont) serifFile = resolve(options.serifFont);
  else if (process.env.NIANBAO_SERIF_FONT) serifFile = resolve(process.env.NIANBAO_SERIF_FONT);
  else serifFile = existsSync(DEBIAN_SERIF) ? DEBIAN_SERIF : null;

  let kaiFile: string | null;
  if (options.kaiFont === false) kaiFile = null;
  else if (options.kaiFont) kaiFile = resolve(options.kaiFont);
  else if (process.env.NIANBAO_KAI_FONT) kaiFile = resolve(process.env.NIANBAO_KAI_FONT);
  else kaiFile = existsSync(DEBIAN_KAI) ? DEBIAN_KAI : null;

  const key = `${serifFile ?? 'npm'}|${kaiFile ?? ''}`;
  const known = fontSets.get(key);
  if (known) return known;

  const npmDir = npmFontDir();
  const sans: Face = { family: NPM_FAMILY, weight: 'regular', file: join(npmDir, 'NotoSansHans-Regular.otf') };
  const sansBold: Face = { family: NPM_FAMILY, weight: 'bold', file: join(npmDir, 'NotoSansHans-Bold.otf') };
  for (const f of [sans, sansBold]) {
    if (!existsSync(f.file)) throw new RenderError('E_FONT', `找不到字体文件 ${f.file}，请重新执行 npm install`);
  }
  const serif = serifFile ? fontFace(serifFile, '宋体') : null;
  const kai = kaiFile ? fontFace(kaiFile, '楷体') : null;
  const set: FontSet = {
    key,
    body: serif?.regular ?? sans,
    bodyBold: serif?.bold ?? (serif ? serif.regular : sansBold),
    heading: sans,
    title: serif?.bold ?? sansBold,
    kai: kai?.regular ?? null,
    // The files themselves, not their folders: Typst reads every font of a folder it is given at start-up.
    dirs: [...new Set([npmDir, ...[serif?.regular, serif?.bold, kai?.regular].flatMap((f) => (f ? [f.file] : []))])],
  };
  fontSets.set(key, set);
  return set;
}

/** The faces that draw a role's text, first choice first (Typst takes each character from the first that has it). */
export function roleFaces(fonts: FontSet, role: TextPlace['role']): Face[] {
  switch (role) {
    case 'title':
      return [fonts.title];
    case 'heading':
      return [fonts.heading];
    case 'subheading':
      return fonts.kai ? [fonts.kai, fonts.body] : [fonts.bodyBold];
    case 'body':
      return [fonts.body];
  }
}

/** Characters page numbers use. */
const PAGE_NUMBER_TEXT = '—0123456789';

/** Throw E_GLYPH_MISSING naming every character a face lacks and where it first occurs. */
export function checkCoverage(model: DocModel, fonts: FontSet): void {
  const missing = new Map<string, string>();
  const seen = new Map<string, Set<number>>();
  const places = [...textPlaces(model), { text: PAGE_NUMBER_TEXT, where: '页码', role: 'body' as const }];
  for (const place of places) {
    const faces = roleFaces(fonts, place.role);
    const key = faces.map((f) => f.file).join('|');
    const opened = faces.map((f) => openFace(f.file, f.postscriptName));
    let done = seen.get(key);
    if (!done) {
      done = new Set();
      seen.set(key, done);
    }
    for (const ch of place.text) {
      const cp = ch.codePointAt(0)!;
      if (done.has(cp)) continue;
      done.add(cp);
      if (/\s/.test(ch) || opened.some((font) => font.hasGlyphForCodePoint(cp))) continue;
      if (!missing.has(ch))
        missing.set(
          ch,
          `字符“${ch}”（U+${cp.toString(16).toUpperCase().padStart(4, '0')}）：${place.where}，字体“${faces.map((f) => f.family).join('”“')}”中没有此字`,
        );
    }
  }
  if (missing.size) {
    const details = [...missing.values()];
    throw new RenderError(
      'E_GLYPH_MISSING',
      `报告中有 ${details.length} 个字符无法用所选字体显示（不会以空白方框代替）。请改用常用字、以图片说明生僻字，或用 NIANBAO_SERIF_FONT 指定含这些字的字体：`,
      details.slice(0, 20),
    );
  }
}
