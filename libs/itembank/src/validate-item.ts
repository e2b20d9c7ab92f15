import { normaliseOption, normaliseStem } from './normalise';
import {
  OPTION_LETTERS,
  type ItemContent,
  type Issue,
  type TaskContent,
  type TheoryContent,
  type TheoryType,
} from './types';

/** Stable codes of {@link validateItem}. Never rename one: clients and import reports key on them. */
export const ItemIssueCode = {
  TYPE_UNKNOWN: 'TYPE_UNKNOWN',
  STEM_EMPTY: 'STEM_EMPTY',
  STEM_DUPLICATE: 'STEM_DUPLICATE',
  OPTION_COUNT_INVALID: 'OPTION_COUNT_INVALID',
  JUDGE_HAS_OPTIONS: 'JUDGE_HAS_OPTIONS',
  OPTION_EMPTY: 'OPTION_EMPTY',
  OPTION_DUPLICATE: 'OPTION_DUPLICATE',
  ANSWER_INVALID: 'ANSWER_INVALID',
  ANSWER_NOT_CANONICAL: 'ANSWER_NOT_CANONICAL',
  SINGLE_KEY_COUNT: 'SINGLE_KEY_COUNT',
  MULTIPLE_TOO_FEW_KEYS: 'MULTIPLE_TOO_FEW_KEYS',
  ANSWER_NOT_IN_OPTIONS: 'ANSWER_NOT_IN_OPTIONS',
  KNOWLEDGE_POINT_UNKNOWN: 'KNOWLEDGE_POINT_UNKNOWN',
  DIFFICULTY_OUT_OF_RANGE: 'DIFFICULTY_OUT_OF_RANGE',
  ENEMY_UNKNOWN: 'ENEMY_UNKNOWN',
  ENEMY_SELF: 'ENEMY_SELF',
  TITLE_EMPTY: 'TITLE_EMPTY',
  MINUTES_INVALID: 'MINUTES_INVALID',
  RUBRIC_EMPTY: 'RUBRIC_EMPTY',
  RUBRIC_LINE_INVALID: 'RUBRIC_LINE_INVALID',
  TOTAL_POINTS_INVALID: 'TOTAL_POINTS_INVALID',
  RUBRIC_TOTAL_MISMATCH: 'RUBRIC_TOTAL_MISMATCH',
} as const;
export type ItemIssueCode = (typeof ItemIssueCode)[keyof typeof ItemIssueCode];

/** Anything with `has`, e.g. a `Set<string>`. */
export interface Lookup {
  has(key: string): boolean;
}
/** Anything with `get`, e.g. a `Map<string, string>` from normalised stem to the id of the item holding it. */
export interface StemIndex {
  get(normalisedStem: string): string | undefined;
}

export interface ItemValidationContext {
  /** Leaf codes of the bank's knowledge map (see `leafPoints`). */
  knowledgePoints: Lookup;
  /**
   * Normalised stems already in the bank (key: {@link normaliseStem}), mapped to the id of the item
   * holding each. Omit to skip the duplicate check.
   */
  existingStems?: StemIndex;
  /** Id of the item this content is a version of, so its own earlier versions are not duplicates. */
  itemId?: string;
  /** Refs and item ids an enemy may name. Omit to skip the enemy check. */
  knownEnemies?: Lookup;
}

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = OPTION_LETTERS.length;
export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 5;
/** Floating-point slack when adding rubric points such as 2.5 + 7.5. */
const POINTS_EPSILON = 1e-6;

const SEPARATORS = /[\s,，、;；/|.。]+/gu;

/**
 * Reads answer keys leniently (`'b'`, `'A,D'`, `['d','a']`) so that a wrong key count is reported as
 * such rather than as a malformed answer. Returns `null` when something is not a letter A–H.
 */
export function answerKeys(answer: unknown): string[] | null {
  let tokens: string[];
  if (Array.isArray(answer)) {
    if (!answer.every((a) => typeof a === 'string')) return null;
    tokens = (answer as string[]).map((a) => a.normalize('NFKC').trim().toUpperCase());
  } else if (typeof answer === 'string') {
    tokens = [...answer.normalize('NFKC').toUpperCase().replace(SEPARATORS, '')];
  } else {
    return null;
  }
  tokens = tokens.filter((t) => t !== '');
  if (!tokens.every((t) => (OPTION_LETTERS as readonly string[]).includes(t))) return null;
  return tokens;
}

/**
 * The canonical stored form of an answer: judge `true`/`false`; single `'B'`; multiple sorted unique
 * letters `['A','D']`. Returns `undefined` when the answer cannot be read. Use it to normalise form
 * input before {@link validateItem}, which insists on the canonical form.
 */
export function canonicalAnswer(type: TheoryType, answer: unknown): boolean | string | string[] | undefined {
  if (type === 'judge') return typeof answer === 'boolean' ? answer : undefined;
  const keys = answerKeys(answer);
  if (!keys) return undefined;
  const unique = [...new Set(keys)].sort();
  if (type === 'single') return unique.length === 1 ? unique[0] : unique;
  return unique;
}

/**
 * Validates one item version's content against the rules of SPEC §2/§3. Returns every problem found
 * (empty array = valid); never throws on malformed input.
 */
export function validateItem(content: ItemContent, ctx: ItemValidationContext): Issue[] {
  const issues: Issue[] = [];
  const type = (content as { type?: unknown })?.type;
  if (type !== 'judge' && type !== 'single' && type !== 'multiple' && type !== 'task') {
    return [
      issue(
        'TYPE_UNKNOWN',
        'type',
        `Unknown item type "${String(type)}"; use judge, single, multiple or task. 题型须为 判断/单选/多选/实操。`,
      ),
    ];
  }
  checkStem(content, ctx, issues);
  if (content.type === 'task') checkTask(content, issues);
  else checkTheory(content, issues);
  checkKnowledgePoint(content.knowledgePoint, ctx, issues);
  checkDifficulty(content.difficulty, issues);
  checkEnemies(content, ctx, issues);
  return issues;
}

function issue(code: ItemIssueCode, field: string, message: string): Issue {
  return { code, field, message };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function checkStem(content: ItemContent, ctx: ItemValidationContext, issues: Issue[]): void {
  const stem = text(content.stem);
  if (stem.trim() === '') {
    issues.push(
      issue(
        'STEM_EMPTY',
        'stem',
        content.type === 'task'
          ? 'The task description is empty. 任务描述不能为空。'
          : 'The stem is empty. 题干不能为空。',
      ),
    );
    return;
  }
  const owner = ctx.existingStems?.get(normaliseStem(stem));
  if (owner !== undefined && owner !== ctx.itemId) {
    issues.push(
      issue(
        'STEM_DUPLICATE',
        'stem',
        `The same stem already exists in this bank (item ${owner}). 题库中已有相同题干。`,
      ),
    );
  }
}

function checkTheory(content: TheoryContent, issues: Issue[]): void {
  const options = Array.isArray(content.options) ? content.options : [];
  if (content.type === 'judge') {
    if (options.length > 0) {
      issues.push(
        issue(
          'JUDGE_HAS_OPTIONS',
          'options',
          `A true/false item has no options, but ${options.length} were given. 判断题不应有选项。`,
        ),
      );
    }
    if (typeof content.answer !== 'boolean') {
      issues.push(
        issue('ANSWER_INVALID', 'answer', 'A true/false answer must be true or false (√/×). 判断题答案须为 √ 或 ×。'),
      );
    }
    return;
  }

  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    issues.push(
      issue(
        'OPTION_COUNT_INVALID',
        'options',
        `A ${content.type === 'single' ? 'single' : 'multiple'}-choice item needs ${MIN_OPTIONS}–${MAX_OPTIONS} options, but has ${options.length}. 选择题须有 2–8 个选项。`,
      ),
    );
  }
  const seen = new Map<string, string>();
  options.slice(0, MAX_OPTIONS).forEach((option, i) => {
    const letter = OPTION_LETTERS[i];
    const key = normaliseOption(text(option));
    if (key === '') {
      issues.push(issue('OPTION_EMPTY', `options.${letter}`, `Option ${letter} is empty. 选项${letter}不能为空。`));
      return;
    }
    const first = seen.get(key);
    if (first) {
      issues.push(
        issue(
          'OPTION_DUPLICATE',
          `options.${letter}`,
          `Option ${letter} repeats option ${first}. 选项${letter}与选项${first}相同。`,
        ),
      );
    } else {
      seen.set(key, letter);
    }
  });

  const keys = answerKeys(content.answer);
  if (!keys || keys.length === 0) {
    issues.push(
      issue(
        'ANSWER_INVALID',
        'answer',
        `The answer must be option letters A–H${content.type === 'single' ? ', one letter' : ''}. 答案须为选项字母。`,
      ),
    );
    return;
  }
  const unique = [...new Set(keys)];
  if (content.type === 'single' && unique.length !== 1) {
    issues.push(
      issue(
        'SINGLE_KEY_COUNT',
        'answer',
        `A single-choice item has exactly one key, but ${unique.length} were given (${unique.join('')}). 单选题只能有一个正确答案。`,
      ),
    );
  } else if (content.type === 'multiple' && unique.length < 2) {
    issues.push(
      issue(
        'MULTIPLE_TOO_FEW_KEYS',
        'answer',
        `A multiple-choice item needs at least two keys, but has ${unique.length}. 多选题至少有两个正确答案。`,
      ),
    );
  } else if (!isCanonical(content.type, content.answer)) {
    const canonical = JSON.stringify(canonicalAnswer(content.type, content.answer));
    issues.push(
      issue('ANSWER_NOT_CANONICAL', 'answer', `Store the answer as ${canonical}. 答案格式应为 ${canonical}。`),
    );
  }
  const missing = unique.filter((k) => OPTION_LETTERS.indexOf(k as (typeof OPTION_LETTERS)[number]) >= options.length);
  if (missing.length > 0) {
    issues.push(
      issue(
        'ANSWER_NOT_IN_OPTIONS',
        'answer',
        `Key ${missing.join(', ')} is not among the ${options.length} options. 答案${missing.join('、')}不在选项中。`,
      ),
    );
  }
}

function isCanonical(type: 'single' | 'multiple', answer: unknown): boolean {
  if (type === 'single') return typeof answer === 'string' && /^[A-H]$/.test(answer);
  if (!Array.isArray(answer)) return false;
  return answer.every((a, i) => typeof a === 'string' && /^[A-H]$/.test(a) && (i === 0 || a > answer[i - 1]));
}

function checkTask(content: TaskContent, issues: Issue[]): void {
  if (text(content.title).trim() === '') {
    issues.push(issue('TITLE_EMPTY', 'title', 'The task has no title. 试题名称不能为空。'));
  }
  if (!Number.isInteger(content.minutes) || content.minutes <= 0) {
    issues.push(
      issue(
        'MINUTES_INVALID',
        'minutes',
        `The time allowed must be a whole number of minutes above 0, not ${String(content.minutes)}. 考核时间须为正整数（分钟）。`,
      ),
    );
  }
  const total = content.totalPoints;
  const totalValid = typeof total === 'number' && Number.isFinite(total) && total > 0;
  if (!totalValid) {
    issues.push(
      issue(
        'TOTAL_POINTS_INVALID',
        'totalPoints',
        `The task's total must be a positive number, not ${String(total)}. 总分须为正数。`,
      ),
    );
  }
  const rubric = Array.isArray(content.rubric) ? content.rubric : [];
  if (rubric.length === 0) {
    issues.push(issue('RUBRIC_EMPTY', 'rubric', 'The task has no scoring rubric. 评分标准不能为空。'));
    return;
  }
  let sum = 0;
  let linesValid = true;
  rubric.forEach((line, i) => {
    const points = line?.points;
    const criterion = text(line?.criterion);
    if (typeof points !== 'number' || !Number.isFinite(points) || points <= 0) {
      linesValid = false;
      issues.push(
        issue(
          'RUBRIC_LINE_INVALID',
          `rubric[${i}]`,
          `Rubric line ${i + 1} must award a positive number of points. 评分标准第${i + 1}行的分值须为正数。`,
        ),
      );
    } else {
      sum += points;
    }
    // A newline would split the criterion into two lines in the `points|criterion` spreadsheet cell.
    if (criterion.trim() === '' || /[\r\n]/.test(criterion)) {
      issues.push(
        issue(
          'RUBRIC_LINE_INVALID',
          `rubric[${i}]`,
          `Rubric line ${i + 1} needs a one-line criterion. 评分标准第${i + 1}行须有单行评分要点。`,
        ),
      );
    }
  });
  if (linesValid && totalValid && Math.abs(sum - total) > POINTS_EPSILON) {
    issues.push(
      issue(
        'RUBRIC_TOTAL_MISMATCH',
        'rubric',
        `Rubric points add up to ${round(sum)}, but the task is worth ${total}. 评分标准分值合计 ${round(sum)}，应为 ${total}。`,
      ),
    );
  }
}

function checkKnowledgePoint(point: unknown, ctx: ItemValidationContext, issues: Issue[]): void {
  const code = text(point).trim();
  if (code === '') {
    issues.push(issue('KNOWLEDGE_POINT_UNKNOWN', 'knowledgePoint', 'No knowledge point given. 未填写鉴定点。'));
  } else if (!ctx.knowledgePoints.has(code)) {
    issues.push(
      issue(
        'KNOWLEDGE_POINT_UNKNOWN',
        'knowledgePoint',
        `Knowledge point ${code} is not a leaf of this bank's knowledge map. 鉴定点 ${code} 不在本题库细目表中。`,
      ),
    );
  }
}

function checkDifficulty(difficulty: unknown, issues: Issue[]): void {
  if (
    typeof difficulty !== 'number' ||
    !Number.isInteger(difficulty) ||
    difficulty < MIN_DIFFICULTY ||
    difficulty > MAX_DIFFICULTY
  ) {
    issues.push(
      issue(
        'DIFFICULTY_OUT_OF_RANGE',
        'difficulty',
        `Difficulty must be a whole number from 1 to 5, not ${String(difficulty)}. 难度须为 1–5 的整数。`,
      ),
    );
  }
}

function checkEnemies(content: ItemContent, ctx: ItemValidationContext, issues: Issue[]): void {
  const enemies = Array.isArray(content.enemies) ? content.enemies : [];
  const self = [content.ref, ctx.itemId].filter((s): s is string => typeof s === 'string' && s !== '');
  for (const enemy of enemies) {
    if (self.includes(enemy)) {
      issues.push(issue('ENEMY_SELF', 'enemies', `The item names itself (${enemy}) as an enemy. 互斥题不能是本题。`));
    } else if (ctx.knownEnemies && !ctx.knownEnemies.has(enemy)) {
      issues.push(
        issue(
          'ENEMY_UNKNOWN',
          'enemies',
          `Enemy ${enemy} is neither a ref in this file nor an existing item. 互斥题 ${enemy} 不存在。`,
        ),
      );
    }
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
