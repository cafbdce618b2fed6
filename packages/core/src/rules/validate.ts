import { unreadCells } from '../model/provenance.js';
import type { Report } from '../model/report.js';
import { type ValidateOptions, type ValidationResult, validateCells } from './evaluate.js';

/**
 * Check a report against every rule of its table formats. Never throws on bad values: every problem
 * is a finding. Blank cells count as 0 in the identities and are reported as not stated (未填写). Cells the
 * import could not read (`unreadCells`) are neither: each identity through one is reported as 无法核对
 * (a warning naming the cells), never as failing.
 */
export function validate(
  report: Pick<Report, 'meta' | 'cells'> & Partial<Pick<Report, 'provenance'>>,
  options: ValidateOptions = {},
): ValidationResult {
  // Cells absent from the record read as not stated, exactly like null.
  const unread = options.unread ?? unreadCells(report);
  return validateCells(report.cells, report.meta.formats, { ...options, unread });
}
