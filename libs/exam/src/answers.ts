import { OPTION_LETTERS, type TheoryType } from '@jianding/itembank';

/** judge → true/false; single → "B"; multiple → ["A","D"]; null clears. Letters as the candidate saw them. */
export type AnswerValue = boolean | string | string[] | null;

const ALPHABET: readonly string[] = OPTION_LETTERS;

export const INTEGRITY_EVENT_TYPES = [
  'blur',
  'focus',
  'visibility_hidden',
  'visibility_visible',
  'fullscreen_exit',
  'fullscreen_enter',
  'copy',
  'cut',
  'paste',
  'contextmenu',
  'print',
  'devtools_shortcut',
  'reload',
  'network_offline',
  'network_online',
] as const;
export type IntegrityEventType = (typeof INTEGRITY_EVENT_TYPES)[number];

/** What the server needs of an item to check and score an answer; `optionCount` is 0 for judge items. */
export interface ItemShape {
  type: TheoryType;
  optionCount: number;
}

/** The letter a candidate sees on the option shown in place `shown` (0-based). */
export const optionLetter = (shown: number): string => ALPHABET[shown] ?? '?';

/**
 * Checks an answer against the item and returns it in canonical form (multiple-choice letters sorted), or a reason
 * when it does not fit.
 */
export function checkAnswer(
  shape: ItemShape,
  answer: unknown,
): { ok: true; value: AnswerValue } | { ok: false; reason: string } {
  if (answer === null) return { ok: true, value: null };
  const letters = ALPHABET.slice(0, shape.optionCount).join('');
  switch (shape.type) {
    case 'judge':
      return typeof answer === 'boolean'
        ? { ok: true, value: answer }
        : { ok: false, reason: 'a true/false item takes true or false' };
    case 'single':
      return typeof answer === 'string' && answer.length === 1 && letters.includes(answer)
        ? { ok: true, value: answer }
        : { ok: false, reason: `a single-choice item takes one letter of ${letters}` };
    case 'multiple': {
      if (!Array.isArray(answer) || answer.length === 0)
        return { ok: false, reason: 'a multiple-choice item takes a non-empty array of letters' };
      if (!answer.every((a) => typeof a === 'string' && a.length === 1 && letters.includes(a)))
        return { ok: false, reason: `letters must be among ${letters}` };
      if (new Set(answer).size !== answer.length) return { ok: false, reason: 'a letter is repeated' };
      return { ok: true, value: [...(answer as string[])].sort() };
    }
  }
}

/** Maps displayed letters back to the item's original letters. `order[displayed] = original`; `null` = identity. */
export function toOriginalLetters(answer: AnswerValue, order: readonly number[] | null): AnswerValue {
  if (answer === null || typeof answer === 'boolean' || !order) return answer;
  const map = (l: string) => ALPHABET[order[ALPHABET.indexOf(l)] ?? -1] ?? '?';
  return typeof answer === 'string' ? map(answer) : answer.map(map).sort();
}
