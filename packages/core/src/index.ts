// The public surface of @nianbao/core. Nothing else is exported.

export type {
  AggregateOptions,
  Contribution,
  RollUp,
  RollUpCheckOptions,
  RollUpUnit,
  UnitBreak,
} from './analysis/aggregate.js';
export { aggregate, checkRollUp, contributions, rollUpFormats, unitBreaks } from './analysis/aggregate.js';
export type { AnalysisFinding, AnalysisKind, AnyFinding } from './analysis/finding.js';
// Analysis across reports: series, roll-up, template migration, text ↔ table, readiness, indicators.
export { analysisFinding, countSeverities } from './analysis/finding.js';
export type { Indicator } from './analysis/indicators.js';
export { INDICATORS, indicators, indicatorText } from './analysis/indicators.js';
export type {
  AnalysisMessageCode,
  AnalysisMessageData,
  AnalysisRuleId,
  ReadyRuleId,
  RollUpRuleId,
  SeriesRuleId,
  TextMeasureId,
  TextRuleId,
} from './analysis/messages.js';
export { ANALYSIS_MESSAGES, analysisMessage, READY_TITLES, TEXT_SCOPE_NOTES } from './analysis/messages.js';
export type { CellMapping, Migration, TemplateMapping, UnmappableCell } from './analysis/migrate.js';
export { mapCells, migrateReport, templateMapping } from './analysis/migrate.js';
export type { Readiness, ReadinessItem, ReadinessOptions, ReadinessStatus } from './analysis/readiness.js';
export { LEGAL_DEADLINES, publicationDeadline, readiness } from './analysis/readiness.js';
export type { SeriesOptions, SeriesResult, SeriesRule, SkippedCheck } from './analysis/series.js';
export { checkPrevious, checkSeries, groupByAgency, SERIES_RULES, sameAgency } from './analysis/series.js';
export type { SectionSimilarity, SimilarityOptions } from './analysis/similarity.js';
export { sectionSimilarity, textSimilarity } from './analysis/similarity.js';
export type { TextCheckOptions, TextMeasure, TextScope, TextStatement } from './analysis/text.js';
export { checkText, readNumber, TEXT_MEASURES, textStatements } from './analysis/text.js';
export type {
  ImportCode,
  ImportDiagnostic,
  ImportDiagnosticData,
  ImportDiagnosticOf,
  ImportFormat,
  ImportOptions,
  ImportResult,
  ImportSeverity,
  ImportStatus,
  InferredCell,
  SourceLocation,
  SplitBasis,
  TableReading,
} from './import/index.js';
// Reading published reports (text, HTML, Markdown) into the model, with diagnostics.
export {
  detectFormat,
  IMPORT_CODES,
  IMPORT_KIND_LABELS,
  IMPORT_MESSAGES,
  IMPORT_STATUS_LABELS,
  importDiagnostic,
  importReport,
} from './import/index.js';
export type { LaidOut, LayoutItem, LayoutPage, LayoutRule } from './import/layout.js';
export { layoutPages } from './import/layout.js';
export type { CellValueText, ValueFlag } from './import/values.js';
export { readCellValue } from './import/values.js';
export { nextYearReport } from './model/carry-over.js';
export type { DeadlineRule } from './model/deadline.js';
export { dateInWords, LEGAL_DEADLINE_RULES, legalDeadline, legalDeadlineText } from './model/deadline.js';
export { reportJsonSchema } from './model/json-schema.js';
export type { InputIssue, ParseResult } from './model/parse.js';
export { canonicalJson, cellsView, emptyReport, normalizeReport, parseReport, reportFrom } from './model/parse.js';
export type { CellStatus } from './model/provenance.js';
export {
  CELL_STATUS_LABELS,
  cellProvenance,
  cellStatus,
  cellStatusCounts,
  cellStatusText,
  DERIVED_HOW_TEXT,
  editCell,
  placeText,
  UNREAD_CELL_MARK,
  UNREAD_CELL_NOTE,
  UNREAD_REASON_TEXT,
  unreadCells,
} from './model/provenance.js';
export type {
  AgencyLevel,
  Block,
  CellProvenance,
  Cells,
  CellValue,
  DerivedHow,
  Meta,
  Report,
  ReportInput,
  Section,
  SourcePlace,
  UnreadReason,
} from './model/report.js';
export {
  AGENCY_LEVEL_LABELS,
  AgencyLevelSchema,
  BlockSchema,
  CellProvenanceSchema,
  CellValueSchema,
  DERIVED_HOWS,
  DerivedHowSchema,
  MetaSchema,
  ReportSchema,
  SCHEMA_VERSION,
  SectionSchema,
  SourcePlaceSchema,
  TemplateVersionSchema,
  UNREAD_REASONS,
  UnreadReasonSchema,
} from './model/report.js';
export type {
  EquationRule,
  RangeRule,
  RequiredRule,
  RuleDef,
  RuleId,
  RuleKind,
  Severity,
  SumRule,
  TypeRule,
} from './rules/catalogue.js';
export { RULES, ruleById, SEVERITY_LABELS } from './rules/catalogue.js';
export type { Finding, LikelyCell, ValidateOptions, ValidationResult } from './rules/evaluate.js';
export { fingerprintOf, UNREAD_CHECK_SEVERITY, validateCells } from './rules/evaluate.js';
export type { RuleInstance } from './rules/instances.js';
export { ruleInstances } from './rules/instances.js';
export type { RuleMessageCode, RuleMessageData } from './rules/messages.js';
export { formatNumber, RULE_MESSAGES, ruleMessage } from './rules/messages.js';
export { categorySum, computeCellTotals, computeTotals, derivedCells } from './rules/totals.js';
export { validate } from './rules/validate.js';
export type {
  CellDef,
  CellKind,
  GridCell,
  GridFault,
  GridPart,
  PlacedCell,
  PlacedGrid,
  SectionKey,
  T2Block,
  T2Column,
  T3Category,
  T3CategoryId,
  T3ColumnId,
  T3Row,
  T4ColumnId,
  T4GroupId,
  TableFormats,
  TableId,
  TableLayout,
  TemplateVersion,
} from './templates/index.js';
export {
  allCellIds,
  cellDef,
  cellName,
  placeGrid,
  REPORT_TITLE_SUFFIX,
  reportCells,
  reportLayouts,
  reportTitle,
  SECTION_KEYS,
  SECTION_TABLE,
  SECTIONS,
  sectionHeading,
  sectionTitle,
  T2_CONTENT_HEADER,
  T3_APPLICANT_COLUMNS,
  T3_APPLICANT_HEADER,
  T3_CATEGORIES,
  T3_COLUMNS,
  T3_NOTE,
  T3_ORG_GROUP,
  T3_RESULT_GROUP,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  T4_LITIGATION,
  T4_OUTCOMES,
  T4_REVIEW,
  TABLE_NAMES,
  TABLE_TITLES,
  TEMPLATE_VERSIONS,
  t2Blocks,
  t3CategoryRows,
  t3Rows,
  t4GroupName,
  tableLayout,
} from './templates/index.js';
