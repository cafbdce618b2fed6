// The public surface of @nianbao/core. Nothing else is exported.
export {
  ReportSchema,
  MetaSchema,
  SectionSchema,
  BlockSchema,
  CellValueSchema,
  TemplateVersionSchema,
  AgencyLevelSchema,
  AGENCY_LEVEL_LABELS,
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
  TABLE_NAMES,
  TABLE_TITLES,
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

export { RULES, ruleById, SEVERITY_LABELS } from './rules/catalogue.js';
export type {
  RuleDef,
  RuleKind,
  Severity,
  SumRule,
  EquationRule,
  TypeRule,
  RequiredRule,
  RangeRule,
} from './rules/catalogue.js';
export { ruleInstances } from './rules/instances.js';
export type { RuleInstance } from './rules/instances.js';
export { validate } from './rules/validate.js';
export { validateCells, fingerprintOf } from './rules/evaluate.js';
export type { Finding, LikelyCell, ValidateOptions, ValidationResult } from './rules/evaluate.js';
export { computeTotals, computeCellTotals, derivedCells } from './rules/totals.js';
export { formatNumber } from './rules/messages.js';

// Analysis across reports: series, roll-up, template migration, text ↔ table, readiness, indicators.
export { analysisFinding, countSeverities } from './analysis/finding.js';
export type { AnalysisFinding, AnalysisKind, AnyFinding } from './analysis/finding.js';
export { SERIES_RULES, checkPrevious, checkSeries, groupByAgency, sameAgency } from './analysis/series.js';
export type { SeriesRule, SeriesOptions, SeriesResult, SkippedCheck } from './analysis/series.js';
export { aggregate, rollUpFormats, contributions, unitBreaks, checkRollUp } from './analysis/aggregate.js';
export type {
  AggregateOptions,
  RollUp,
  RollUpUnit,
  Contribution,
  UnitBreak,
  RollUpCheckOptions,
} from './analysis/aggregate.js';
export { templateMapping, mapCells, migrateReport } from './analysis/migrate.js';
export type { TemplateMapping, CellMapping, UnmappableCell, Migration } from './analysis/migrate.js';
export { TEXT_MEASURES, textStatements, checkText, readNumber } from './analysis/text.js';
export type { TextMeasure, TextStatement, TextScope, TextCheckOptions } from './analysis/text.js';
export { readiness, publicationDeadline, LEGAL_DEADLINES } from './analysis/readiness.js';
export type { Readiness, ReadinessItem, ReadinessOptions, ReadinessStatus } from './analysis/readiness.js';
export { sectionSimilarity, textSimilarity } from './analysis/similarity.js';
export type { SectionSimilarity, SimilarityOptions } from './analysis/similarity.js';
export { INDICATORS, indicators, indicatorText } from './analysis/indicators.js';
export type { Indicator } from './analysis/indicators.js';

// Reading published reports (text, HTML, Markdown) into the model, with diagnostics.
export { importReport, detectFormat } from './import/index.js';
export type {
  ImportDiagnostic,
  ImportFormat,
  ImportOptions,
  ImportResult,
  InferredCell,
  SourceLocation,
  TableReading,
} from './import/index.js';
export { readCellValue } from './import/values.js';
export type { CellValueText, ValueFlag } from './import/values.js';
