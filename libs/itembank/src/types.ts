/**
 * Domain types of the item bank (题库). Everything here is plain data so it can cross the
 * API boundary as JSON unchanged.
 */

declare const brand: unique symbol;
/** A nominal type: a `string` that the compiler will not confuse with other strings. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Identity of an item across all its versions. */
export type ItemId = Brand<string, 'ItemId'>;
/** Identity of one immutable version of an item; papers point at these. */
export type ItemVersionId = Brand<string, 'ItemVersionId'>;
/** Identity of a user (author, reviewer, …). */
export type UserId = Brand<string, 'UserId'>;

export const asItemId = (id: string): ItemId => id as ItemId;
export const asItemVersionId = (id: string): ItemVersionId => id as ItemVersionId;
export const asUserId = (id: string): UserId => id as UserId;

/**
 * Skill level (等级). A closed set of string literals is already nominal enough, so it is not branded:
 * `'4'` and `4` can never be mixed up because levels are strings everywhere (JSON, paths, storage).
 */
export type Level = '5' | '4' | '3' | '2' | '1' | 'S';
export const LEVELS: readonly Level[] = ['5', '4', '3', '2', '1', 'S'];
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  '5': '五级/初级工',
  '4': '四级/中级工',
  '3': '三级/高级工',
  '2': '二级/技师',
  '1': '一级/高级技师',
  S: '专项职业能力',
};
export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export type TheoryType = 'judge' | 'single' | 'multiple';
export type ItemType = TheoryType | 'task';
export const THEORY_TYPES: readonly TheoryType[] = ['judge', 'single', 'multiple'];
export const ITEM_TYPES: readonly ItemType[] = ['judge', 'single', 'multiple', 'task'];

export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'retired';
export const ITEM_STATUSES: readonly ItemStatus[] = ['draft', 'in_review', 'approved', 'retired'];

/** Option letters in order; index 0 is `A`. At most eight options (A–H) per item. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type OptionLetter = (typeof OPTION_LETTERS)[number];

/** Importance of a leaf knowledge point: X core, Y general, Z auxiliary. */
export type Importance = 'X' | 'Y' | 'Z';

/**
 * A theory item's content (immutable per version).
 *
 * `answer` is deliberately loose (not discriminated by `type`) because content arrives from
 * spreadsheets and forms: a `single` item typed with two keys must be representable so that
 * {@link validateItem} can refuse it with a precise message instead of a type error.
 */
export interface TheoryContent {
  type: TheoryType;
  stem: string;
  /** Option texts, index 0 = `A`; `[]` for judge. */
  options: string[];
  /** judge: `true`/`false`; single: `'B'`; multiple: `['A','D']` (sorted letters). */
  answer: boolean | string | string[];
  knowledgePoint: string;
  /** Integer 1–5. */
  difficulty: number;
  explanation?: string;
  /** Items that must never share a paper with this one: refs (within an import) or item ids. */
  enemies?: string[];
  /** The author's own reference, e.g. the 编号 column of the import template. */
  ref?: string;
}

export interface RubricLine {
  points: number;
  criterion: string;
}

/** A practical task (操作技能试题). */
export interface TaskContent {
  type: 'task';
  title: string;
  /** The task description (任务描述). */
  stem: string;
  materials?: string;
  minutes: number;
  rubric: RubricLine[];
  /** Default 100. */
  totalPoints: number;
  knowledgePoint: string;
  difficulty: number;
  /** Code of the practical set (实际操作卷) the task belongs to. */
  set?: string;
  enemies?: string[];
  ref?: string;
}

export type ItemContent = TheoryContent | TaskContent;

export function isTask(content: ItemContent): content is TaskContent {
  return content.type === 'task';
}
export function isTheory(content: ItemContent): content is TheoryContent {
  return content.type !== 'task';
}

/** A node of the knowledge map (鉴定要素细目表). Areas carry weights, leaves carry importance. */
export interface KnowledgeNode {
  code: string;
  name: string;
  /** Share in % within the parent (鉴定比重); on areas. */
  weight?: number;
  /** On leaves, i.e. knowledge points. */
  importance?: Importance;
  children?: KnowledgeNode[];
}

export interface KnowledgeMap {
  areas: KnowledgeNode[];
}

/** One problem found in a piece of content. `code` is stable; `field` is a path such as `options.B` or `rubric[0]`. */
export interface Issue {
  code: string;
  field: string;
  message: string;
}
