import type { Report } from '../model/report.js';
import { type ValidateOptions, type ValidationResult, validateCells } from './evaluate.js';

/**
 * Check a report against every rule of its table formats. Never throws on bad values: every problem
 * is a finding. Blank cells count as 0 in the identities and are reported as not stated.
 */
export function validate(report: Pick<Report, 'meta' | 'cells'>, options: ValidateOptions = {}): ValidationResult {
  // Cells absent from the record read as not stated, exactly like null.
  return validateCells(report.cells, report.meta.formats, options);
}
