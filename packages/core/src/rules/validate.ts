import type { Report } from '../model/report.js';
import { cellsView } from '../model/parse.js';
import { validateCells, type ValidateOptions, type ValidationResult } from './evaluate.js';

/**
 * Check a report against every rule of its table formats. Never throws on bad values: every problem
 * is a finding. Blank cells count as 0 in the identities and are reported as not stated.
 */
export function validate(report: Pick<Report, 'meta' | 'cells'>, options: ValidateOptions = {}): ValidationResult {
  return validateCells(cellsView(report), report.meta.formats, options);
}
