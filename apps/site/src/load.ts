import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseReport, type Report } from '@nianbao/core';

/** Larger files are refused unread: no real report comes near this. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** A file the build skipped: which file, a code for programs, and what is wrong in Chinese. */
export interface SkippedFile {
  file: string;
  code: 'E_SITE_READ' | 'E_SITE_TOO_LARGE' | 'E_SITE_JSON' | 'E_SITE_SCHEMA' | 'E_SITE_DUPLICATE';
  message: string;
}

/** Line and column of a JSON syntax error, where Node's message gives a position. */
function jsonErrorPlace(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `第${line}行第${before.length - before.lastIndexOf('\n')}列`;
}

/** Every `*.json` file under a folder (sub-folders included), relative to it, in a stable order. */
export function listReportFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .map((f) => relative(dir, join(dir, f)).split('\\').join('/'))
    .sort();
}

/**
 * Read one file as a report. A file that is not a report is returned as a skip with its reason, never thrown
 * on; the caller decides whether a skip fails the build. One file at a time: memory stays flat.
 */
export function readReportFile(dir: string, file: string): { report: Report } | { skipped: SkippedFile } {
  const path = join(dir, file);
  let text: string;
  try {
    if (statSync(path).size > MAX_REPORT_BYTES)
      return {
        skipped: { file, code: 'E_SITE_TOO_LARGE', message: `文件超过${MAX_REPORT_BYTES / 1024 / 1024} MB，未读取` },
      };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      skipped: {
        file,
        code: 'E_SITE_READ',
        message: `无法读取文件（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const place = jsonErrorPlace(text, e as Error);
    return {
      skipped: {
        file,
        code: 'E_SITE_JSON',
        message: `不是有效的 JSON：${place ? `${place}附近有语法错误` : '文件不完整或有语法错误'}`,
      },
    };
  }
  const parsed = parseReport(json);
  if (!parsed.ok) {
    const shown = parsed.issues.slice(0, 5).map((i) => `${i.message}（${i.code}）`);
    if (parsed.issues.length > 5) shown.push(`另有${parsed.issues.length - 5}处问题`);
    return { skipped: { file, code: 'E_SITE_SCHEMA', message: `不是有效的年报文件：${shown.join('；')}` } };
  }
  return { report: parsed.report };
}
