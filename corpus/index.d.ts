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
export declare function madeFile(name: 'no-text.pdf'): string;
