import { createHash } from 'crypto';
import type { Sha256Hex } from './types';

export function sha256Hex(text: string): Sha256Hex {
  return createHash('sha256').update(text, 'utf8').digest('hex') as Sha256Hex;
}

/**
 * Canonical text of a value: `JSON.stringify` of arrays only (never objects), so there is no key order
 * to agree on. Each hashed text starts with a tag naming what it is and the format version, so two kinds
 * of record can never share a hash by accident.
 */
export function canonical(tag: string, body: unknown): string {
  return JSON.stringify([tag, body]);
}

/** Code-unit string order (what `<` does), the one order used for every sort, so any language can repeat it. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
