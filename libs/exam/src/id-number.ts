// 居民身份证号码 (GB 11643-1999): what a roster entry and a sign-in are checked and matched by.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Upper-cases and trims; what is hashed and compared. */
export const normaliseIdNumber = (raw: string): string => raw.trim().toUpperCase();

/** The check digit (last character) of a 17-digit body. */
export function idCheckDigit(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** 18 characters, 17 digits, a plausible birth date and the right ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return idCheckDigit(id.slice(0, 17)) === id[17];
}

/** The part of an ID number that is stored in clear: only the last four are kept at all, so only they are shown. */
export const idNumberTail = (raw: string): string => normaliseIdNumber(raw).slice(-4);

/** `**************123X`. */
export const maskIdNumber = (tail: string): string => `${'*'.repeat(14)}${tail}`;
