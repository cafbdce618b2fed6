// The public surface of @nianbao/core. Nothing else is exported.
export {
  ReportSchema,
  MetaSchema,
  SectionSchema,
  BlockSchema,
  CellValueSchema,
  TemplateVersionSchema,
  AgencyLevelSchema,
  SCHEMA_VERSION,
} from './model/report.js';
export type { Report, ReportInput, Meta, Section, Block, Cells, CellValue, AgencyLevel } from './model/report.js';
export { parseReport, reportFrom, cellsView, normalizeReport, canonicalJson, emptyReport } from './model/parse.js';
export type { ParseResult, InputIssue } from './model/parse.js';
export { reportJsonSchema } from './model/json-schema.js';
export { nextYearReport } from './model/carry-over.js';
export { legalDeadline } from './model/deadline.js';

export {
  tableLayout,
  reportLayouts,
  reportCells,
  cellDef,
  cellName,
  allCellIds,
  SECTIONS,
  SECTION_KEYS,
  SECTION_TABLE,
  reportTitle,
  REPORT_TITLE_SUFFIX,
  t2Blocks,
  T2_CONTENT_HEADER,
  T3_COLUMNS,
  T3_ROWS,
  T3_NOTE,
  T3_APPLICANT_HEADER,
  T3_ORG_GROUP,
  T3_RESULT_GROUP,
  T3_APPLICANT_COLUMNS,
  t3Rows,
  T4_GROUPS,
  T4_COLUMNS,
  T4_REVIEW,
  T4_LITIGATION,
  TEMPLATE_VERSIONS,
} from './templates/index.js';
export type {
  TableFormats,
  TableLayout,
  GridCell,
  CellDef,
  CellKind,
  TableId,
  TemplateVersion,
  SectionKey,
  T2Block,
  T2Column,
  T3Row,
} from './templates/index.js';

export { RULES, ruleById } from './rules/catalogue.js';
export type { RuleDef, RuleKind, Severity, SumRule, EquationRule, TypeRule, RequiredRule, RangeRule } from './rules/catalogue.js';
export { ruleInstances } from './rules/instances.js';
export type { RuleInstance } from './rules/instances.js';
export { validate } from './rules/validate.js';
export { validateCells, fingerprintOf } from './rules/evaluate.js';
export type { Finding, LikelyCell, ValidateOptions, ValidationResult } from './rules/evaluate.js';
export { computeTotals, computeCellTotals, derivedCells } from './rules/totals.js';
export { formatNumber } from './rules/messages.js';
