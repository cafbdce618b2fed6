import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fingerprintOf, parseReport, type Report } from '@nianbao/core';

/** Larger files are refused unread: no real report comes near this. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

export interface LoadedReport {
  report: Report;
  /** File name relative to the reports folder. */
  file: string;
  /** `<agency fingerprint>-<year>`: stable page and download name. */
  slug: string;
  agencySlug: string;
}

/** A file the build skipped: which file, a code for programs, and what is wrong in Chinese. */
export interface SkippedFile {
  file: string;
  code: 'E_SITE_READ' | 'E_SITE_TOO_LARGE' | 'E_SITE_JSON' | 'E_SITE_SCHEMA' | 'E_SITE_DUPLICATE';
  message: string;
}

export const agencySlug = (agency: string) => `a${fingerprintOf(agency)}`;

/** Line and column of a JSON syntax error, where Node's message gives a position. */
function jsonErrorPlace(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `第${line}行第${before.length - before.lastIndexOf('\n')}列`;
}

/**
 * Read every `*.json` file under a folder (sub-folders included) as a report. Files that are not
 * reports are skipped and listed, never thrown on; the caller decides whether a skip fails the build.
 */
export function loadReports(dir: string): { reports: LoadedReport[]; skipped: SkippedFile[] } {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .map((f) => relative(dir, join(dir, f)).split('\\').join('/'))
    .sort();
  const reports: LoadedReport[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    let text: string;
    try {
      if (statSync(path).size > MAX_REPORT_BYTES) {
        skipped.push({
          file,
          code: 'E_SITE_TOO_LARGE',
          message: `文件超过${MAX_REPORT_BYTES / 1024 / 1024} MB，未读取`,
        });
        continue;
      }
      text = readFileSync(path, 'utf8');
    } catch (e) {
      skipped.push({
        file,
        code: 'E_SITE_READ',
        message: `无法读取文件（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      const place = jsonErrorPlace(text, e as Error);
      skipped.push({
        file,
        code: 'E_SITE_JSON',
        message: `不是有效的 JSON：${place ? `${place}附近有语法错误` : '文件不完整或有语法错误'}`,
      });
      continue;
    }
    const parsed = parseReport(json);
    if (!parsed.ok) {
      const shown = parsed.issues.slice(0, 5).map((i) => `${i.message}（${i.code}）`);
      if (parsed.issues.length > 5) shown.push(`另有${parsed.issues.length - 5}处问题`);
      skipped.push({ file, code: 'E_SITE_SCHEMA', message: `不是有效的年报文件：${shown.join('；')}` });
      continue;
    }
    const report = parsed.report;
    const a = agencySlug(report.meta.agency);
    const slug = `${a}-${report.meta.year}`;
    const first = seen.get(slug);
    if (first) {
      skipped.push({ file, code: 'E_SITE_DUPLICATE', message: `与 ${first} 是同一机关同一年度的报告，只发布前者` });
      continue;
    }
    seen.set(slug, file);
    reports.push({ report, file, slug, agencySlug: a });
  }
  return { reports, skipped };
}
