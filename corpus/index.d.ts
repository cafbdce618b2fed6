export interface CorpusExpected {
  agency: string;
  year: number;
  level?: string;
  format: '2019' | '2021' | 'mixed';
  formats: { t2: '2019' | '2021'; t3: '2019' | '2021' };
  reconciles: boolean;
  violations?: unknown[];
  notes?: unknown;
  decoding?: unknown;
  mustFlag?: unknown;
  cells: Record<string, number | null>;
}

export interface CorpusSourceFile {
  /** `00-baoshan-yuejin-2024/source.txt` */
  name: string;
  file: string;
  path: string;
  /** `txt`, `md`, `html`, `pdf` */
  ext: string;
}

export interface CorpusReport {
  name: string;
  dir: string;
  expected: CorpusExpected;
  sources: CorpusSourceFile[];
}

export interface CorpusSource extends CorpusSourceFile {
  report: CorpusReport;
}

export declare const corpusDir: string;
export declare function corpusReports(): CorpusReport[];
export declare function corpusReport(name: string): CorpusReport;
export declare function corpusSources(): CorpusSource[];
export declare function specPath(name: 'format.md' | 'cell-ids.md'): string;
export declare function readSpec(name: 'format.md' | 'cell-ids.md'): string;
export declare function madeFile(name: string): string;

/** A file made from a corpus report, and the cells it must read back to. */
export interface MadeFile {
  /** `made/13-shuyang-fgj-2023.chromium.pdf` */
  name: string;
  file: string;
  path: string;
  format: 'pdf' | 'docx' | 'markdown';
  /** How it was made, in words. */
  made: string;
  /** Cells the file prints blank where expected.json does not: left blank by the maker, or not in expected.json. */
  blank: string[];
  /** Cells the file does not print at all (a table running off the page): not readable from it. */
  notPrinted: string[];
  report: CorpusReport;
  /** Every cell of the report as this file prints it. */
  expected: Record<string, number | null>;
}

export declare function madeFiles(): MadeFile[];

/** Debian's Chromium, as every browser test and bench launches it. */
export declare const CHROMIUM: string;
/** Its flags: headless, no sandbox, nothing fetched or updated in the background. */
export declare const CHROMIUM_ARGS: readonly string[];
