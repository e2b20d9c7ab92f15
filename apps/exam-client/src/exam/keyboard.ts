import type { AttemptItemView } from '@jianding/api-client';
import type { Choice } from './answers';

export type KeyAction = { type: 'choose'; choice: Choice } | { type: 'next' } | { type: 'prev' } | { type: 'mark' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

const LETTERS = 'ABCDEFGH';

/**
 * Map a key press on the exam page to an action:
 * 1–8 or A–H choose an option (toggle on multiple); on judge items 1/A/T = 正确 and 2/B/F = 错误;
 * ← / → move; M marks for review. Keys with Ctrl/Meta/Alt are left alone.
 */
export function keyToAction(event: KeyLike, item: AttemptItemView): KeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const key = event.key;
  if (key === 'ArrowRight') return { type: 'next' };
  if (key === 'ArrowLeft') return { type: 'prev' };
  if (key.length !== 1) return null;
  const upper = key.toUpperCase();
  if (upper === 'M') return { type: 'mark' };

  if (item.type === 'judge') {
    if (upper === '1' || upper === 'A' || upper === 'T') return { type: 'choose', choice: true };
    if (upper === '2' || upper === 'B' || upper === 'F') return { type: 'choose', choice: false };
    return null;
  }
  if (upper >= '1' && upper <= '8') {
    const option = item.options[Number(upper) - 1];
    return option ? { type: 'choose', choice: option.key } : null;
  }
  if (LETTERS.includes(upper)) {
    return item.options.some((o) => o.key === upper) ? { type: 'choose', choice: upper } : null;
  }
  return null;
}
