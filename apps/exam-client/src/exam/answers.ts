import type { AnswerValue, AttemptItemView } from '@jianding/api-client';

/** A choice the candidate makes on one item: an option key, or true/false for a judge item. */
export type Choice = string | boolean;

export function isAnswered(answer: AnswerValue | undefined): boolean {
  if (answer === null || answer === undefined) return false;
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === 'string') return answer.length > 0;
  return true;
}

/**
 * The answer after the candidate picks `choice`:
 * judge → that boolean; single → that key; multiple → the key toggled in or out, sorted, `null` when none left.
 */
export function applyChoice(item: AttemptItemView, current: AnswerValue | undefined, choice: Choice): AnswerValue {
  switch (item.type) {
    case 'judge':
      return typeof choice === 'boolean' ? choice : choice === 'A' ? true : choice === 'B' ? false : (current ?? null);
    case 'single':
      return typeof choice === 'string' && item.options.some((o) => o.key === choice) ? choice : (current ?? null);
    case 'multiple': {
      if (typeof choice !== 'string' || !item.options.some((o) => o.key === choice)) return current ?? null;
      const selected = new Set(Array.isArray(current) ? current : []);
      if (selected.has(choice)) selected.delete(choice);
      else selected.add(choice);
      return selected.size === 0 ? null : [...selected].sort();
    }
  }
}

/** Whether `key` (an option key, or "true"/"false" for judge) is part of `answer`. */
export function isSelected(answer: AnswerValue | undefined, choice: Choice): boolean {
  if (answer === null || answer === undefined) return false;
  if (typeof choice === 'boolean') return answer === choice;
  if (Array.isArray(answer)) return answer.includes(choice);
  return answer === choice;
}

export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  if (Array.isArray(na) && Array.isArray(nb)) return na.length === nb.length && na.every((v, i) => v === nb[i]);
  return na === nb;
}
