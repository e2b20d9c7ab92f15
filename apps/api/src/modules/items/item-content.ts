import {
  canonicalAnswer,
  DEFAULT_DIFFICULTY,
  DEFAULT_TASK_POINTS,
  normaliseStem,
  parseJudgeAnswer,
  type ItemContent,
  type RubricLine,
  type StemIndex,
  type TheoryType,
} from '@jianding/itembank';
import { createHash } from 'crypto';

/** Content fields a request may carry (POST /items, PATCH /items/{id}). */
export interface ContentFields {
  type?: string;
  stem?: string;
  options?: string[];
  answer?: unknown;
  knowledgePoint?: string;
  difficulty?: number;
  explanation?: string;
  enemies?: string[];
  ref?: string;
  title?: string;
  materials?: string;
  minutes?: number;
  rubric?: RubricLine[];
  totalPoints?: number;
  set?: string;
}

const CONTENT_KEYS: readonly (keyof ContentFields)[] = [
  'type',
  'stem',
  'options',
  'answer',
  'knowledgePoint',
  'difficulty',
  'explanation',
  'enemies',
  'ref',
  'title',
  'materials',
  'minutes',
  'rubric',
  'totalPoints',
  'set',
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha256 of the normalised stem: what `item_versions.stem_key` stores, so duplicates are found by index. */
export const stemKey = (stem: string): string => sha256(normaliseStem(stem));

/**
 * The lib's stem index over stored keys: validateItem asks with the normalised stem, the bank's owners are keyed by
 * its sha256 (stem key → item id).
 */
export const stemIndex = (owners: ReadonlyMap<string, string>): StemIndex => ({
  get: (normalised) => owners.get(sha256(normalised)),
});

/**
 * Item content from form fields, with the answer in its stored form (`'a,c'` → `['A','C']`, `'√'` → `true`).
 * Anything that cannot be read is left as given so that `validateItem` names the problem.
 */
export function contentFromFields(f: ContentFields): ItemContent {
  const common = {
    knowledgePoint: f.knowledgePoint ?? '',
    difficulty: f.difficulty ?? DEFAULT_DIFFICULTY,
    ...(f.enemies && f.enemies.length ? { enemies: [...new Set(f.enemies)] } : {}),
    ...(f.ref ? { ref: f.ref } : {}),
  };
  if (f.type === 'task') {
    return {
      type: 'task',
      title: f.title ?? '',
      stem: f.stem ?? '',
      ...(f.materials !== undefined ? { materials: f.materials } : {}),
      minutes: f.minutes as number,
      rubric: f.rubric ?? [],
      totalPoints: f.totalPoints ?? DEFAULT_TASK_POINTS,
      ...(f.set ? { set: f.set } : {}),
      ...common,
    };
  }
  const type = f.type as TheoryType;
  let answer = f.answer;
  if (type === 'judge' && typeof answer === 'string') answer = parseJudgeAnswer(answer) ?? answer;
  const canonical =
    type === 'judge' || type === 'single' || type === 'multiple' ? canonicalAnswer(type, answer) : undefined;
  return {
    type,
    stem: f.stem ?? '',
    options: f.options ?? [],
    answer: (canonical ?? answer) as boolean | string | string[],
    ...(f.explanation !== undefined && f.explanation !== '' ? { explanation: f.explanation } : {}),
    ...common,
  };
}

/** The latest content with the fields a PATCH names replaced (type cannot change: it is the item's identity). */
export function mergeContent(latest: ItemContent, patch: ContentFields): ItemContent {
  const fields: ContentFields = {};
  for (const key of CONTENT_KEYS) {
    const value = (latest as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  }
  for (const key of CONTENT_KEYS) {
    if (key === 'type') continue;
    const value = (patch as Record<string, unknown>)[key];
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  }
  return contentFromFields(fields);
}
