/**
 * @jianding/itembank: the item bank's domain rules (SPEC §2, §3 "Item bank", §5) as pure functions.
 * No framework, storage, file system, clock or ambient randomness: the API layer loads, calls these,
 * and saves. Named exports only, so what is public is decided here and not by whatever a module exports.
 */

// Domain types and identities
export {
  asItemId,
  asItemVersionId,
  asUserId,
  isLevel,
  isTask,
  isTheory,
  ITEM_STATUSES,
  ITEM_TYPES,
  LEVEL_NAMES,
  LEVELS,
  OPTION_LETTERS,
  THEORY_TYPES,
} from './types';
export type {
  Brand,
  Importance,
  Issue,
  ItemContent,
  ItemId,
  ItemStatus,
  ItemType,
  ItemVersionId,
  KnowledgeMap,
  KnowledgeNode,
  Level,
  OptionLetter,
  RubricLine,
  TaskContent,
  TheoryContent,
  TheoryType,
  UserId,
} from './types';

// Text normalisation (duplicate detection)
export { normaliseOption, normaliseStem, toHalfWidth } from './normalise';

// Knowledge maps (鉴定要素细目表)
export { KnowledgeMapIssueCode, leafPoints, validateKnowledgeMap } from './knowledge-map';
export type { LeafPoint } from './knowledge-map';

// Item validation
export {
  answerKeys,
  canonicalAnswer,
  ItemIssueCode,
  MAX_DIFFICULTY,
  MAX_OPTIONS,
  MIN_DIFFICULTY,
  MIN_OPTIONS,
  validateItem,
} from './validate-item';
export type { ItemValidationContext, Lookup, StemIndex } from './validate-item';

// Review workflow and versions
export { inUseVersion, nextVersion, transition, WORKFLOW_RULES, WorkflowErrorCode } from './workflow';
export type { Actor, VersionHead, WorkflowAction, WorkflowError, WorkflowResult, WorkflowRule } from './workflow';
export { diffVersions } from './diff';
export type { DiffValue, FieldChange } from './diff';

// Spreadsheet template, import and export (SPEC §5)
export {
  COLUMN_BY_FIELD,
  escapeCell,
  fieldForHeader,
  OPTION_FIELDS,
  parseItemType,
  parseJudgeAnswer,
  SHEET_COLUMNS,
  SHEET_TASK_COLUMNS,
  SHEET_THEORY_COLUMNS,
  splitRefs,
  TYPE_LABELS,
  unescapeCell,
} from './sheet-template';
export type { OptionField, SheetColumn, SheetField } from './sheet-template';
export { DEFAULT_DIFFICULTY, DEFAULT_TASK_POINTS, ImportErrorCode, parseImport } from './import/parse-import';
export type { ImportError, ImportFormat, ImportResult, ParsedRow } from './import/parse-import';
export { validateImportBatch } from './import/validate-batch';
export type { ImportBatchContext } from './import/validate-batch';
export { exportItems, importTemplate } from './export';
export { badRowsWorkbook, REASON_HEADER } from './import/bad-rows';
export type { ExportableItem, ExportFormat } from './export';

// Policies, paper templates and compliance
export {
  DEFAULT_PASS_MARK,
  DEFAULT_POLICY_ID,
  FALLBACK_THEORY_MIN_ITEMS,
  findPolicy,
  isPolicyPresetId,
  parsePolicy,
  POLICY_PRESET_IDS,
  POLICY_PRESETS,
  PolicyIssueCode,
  PolicySchema,
  requiresComprehensiveReview,
} from './policy';
export type { MultipleCreditRule, Policy, PolicyInput, PolicyPresetId, PracticalKind } from './policy';
export {
  defaultPaperTemplate,
  PAPER_TOTAL_POINTS,
  PaperTemplateIssueCode,
  PaperTemplateSchema,
  templateTotal,
  validateTemplate,
} from './paper-template';
export type { PaperTemplate, TemplateSection } from './paper-template';
export { classifyUsage, complianceReport } from './compliance';
export type {
  BankCounts,
  ComplianceDetail,
  ComplianceReport,
  ItemUsage,
  PointCount,
  Shortfall,
  StratumNeed,
  UsageClassification,
} from './compliance';

// Item quality: per-session item statistics, pooled per item, flagged by classical test theory rules of thumb
export {
  correlation,
  itemStatistics,
  LOW_DISCRIMINATION_BELOW,
  poolItemStatistics,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
} from './item-quality';
export type { ItemQualityFlag, ItemStatistic, PooledItemStatistic, SessionItemStatistic } from './item-quality';

// Institutions: filing validity, standing and scope
export { dayStart, defaultValidUntil, eligibilityFault, parseScope, standingFault } from './institution-rules';
export type { EligibilityFault, InstitutionStanding, ScopeEntry } from './institution-rules';
