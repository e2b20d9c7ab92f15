import type { MultipleCreditRule, Policy, TheoryType } from '@jianding/itembank';
import { toOriginalLetters, type AnswerValue } from './answers';

/** Whether a 0–100 score passes: at the policy's pass mark or above (60 of 100 in every preset). */
export function isPassing(score: number, policy: Pick<Policy, 'passMark'>): boolean {
  return score >= policy.passMark;
}

/** Reads the key of an item version (`true`, `"B"`, `["A","D"]`) as a set of letters or a boolean. */
function keyOf(key: unknown): boolean | Set<string> | undefined {
  if (typeof key === 'boolean') return key;
  if (typeof key === 'string') return new Set(key.split(''));
  if (Array.isArray(key)) return new Set(key.map(String));
  return undefined;
}

/**
 * Credit for one answer (in the ORIGINAL letters) against its key: judge and single exact; multiple exact, or with
 * `partial` half the points for a non-empty subset of the keys without a wrong letter.
 */
export function creditFor(
  type: TheoryType,
  points: number,
  key: unknown,
  answer: AnswerValue,
  rule: MultipleCreditRule,
): number {
  const k = keyOf(key);
  if (answer === null || k === undefined) return 0;
  if (type === 'judge') return typeof answer === 'boolean' && answer === k ? points : 0;
  if (!(k instanceof Set)) return 0;
  const chosen = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];
  if (type === 'single') return chosen.length === 1 && k.size === 1 && k.has(chosen[0]) ? points : 0;
  const wrong = chosen.some((c) => !k.has(c));
  if (wrong || chosen.length === 0) return 0;
  if (chosen.length === k.size) return points;
  return rule === 'partial' ? points / 2 : 0;
}

export interface ScoredPosition {
  position: number;
  itemId: string;
  type: TheoryType;
  points: number;
  key: unknown;
  /** displayed → original option index for this candidate; null for judge items. */
  order: readonly number[] | null;
}

export interface ScoreResult {
  /** On the 100-point scale, rounded to two decimals. */
  score: number;
  earned: number;
  total: number;
  passed: boolean;
  detail: { position: number; itemId: string; points: number; credit: number }[];
}

/** Scores a whole attempt; answers are keyed by position and given in the candidate's letters. */
export function scoreAttempt(
  positions: readonly ScoredPosition[],
  answers: ReadonlyMap<number, AnswerValue>,
  policy: Pick<Policy, 'multipleCredit' | 'passMark'>,
): ScoreResult {
  let earned = 0;
  let total = 0;
  const detail = positions.map((p) => {
    const given = answers.get(p.position) ?? null;
    const credit = creditFor(p.type, p.points, p.key, toOriginalLetters(given, p.order), policy.multipleCredit);
    earned += credit;
    total += p.points;
    return { position: p.position, itemId: p.itemId, points: p.points, credit };
  });
  const score = total > 0 ? Math.round((earned * 100 * 100) / total) / 100 : 0;
  return { score, earned, total, passed: isPassing(score, policy), detail };
}
