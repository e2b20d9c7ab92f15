import { parse as parseCsvRecords } from 'csv-parse/sync';

/**
 * The exam module's pure rules: ID-number check digits, masking, answer shapes, option permutations, scoring and
 * item statistics. No I/O, no clock: the services pass everything in.
 */

import type { MultipleCreditRule } from './policy';
import { OPTION_LETTERS, type TheoryType } from './types';

/** judge → true/false; single → "B"; multiple → ["A","D"]; null clears. Letters as the candidate saw them. */
export type AnswerValue = boolean | string | string[] | null;

/** The option alphabet ({@link OPTION_LETTERS}) as one string, for indexing by letter. */
export const LETTERS = OPTION_LETTERS.join('');

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

// ---------------------------------------------------------------------------------------------------------------
// 居民身份证号码 (GB 11643-1999)

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

/** `**************123X`: only the last four are kept at all, so only they are shown. */
export const maskIdNumber = (tail: string): string => `${'*'.repeat(14)}${tail}`;

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** What the server needs of an item to check and score an answer; `optionCount` is 0 for judge items. */
export interface ItemShape {
  type: TheoryType;
  optionCount: number;
}

/**
 * Checks an answer against the item and returns it in canonical form (multiple-choice letters sorted), or `null`
 * with a reason when it does not fit.
 */
export function checkAnswer(
  shape: ItemShape,
  answer: unknown,
): { ok: true; value: AnswerValue } | { ok: false; reason: string } {
  if (answer === null) return { ok: true, value: null };
  const letters = LETTERS.slice(0, shape.optionCount);
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

/**
 * Maps displayed letters back to the item's original letters. `order[displayed] = original`; `null` = identity.
 */
export function toOriginalLetters(answer: AnswerValue, order: readonly number[] | null): AnswerValue {
  if (answer === null || typeof answer === 'boolean' || !order) return answer;
  const map = (l: string) => LETTERS[order[LETTERS.indexOf(l)] ?? -1] ?? '?';
  return typeof answer === 'string' ? map(answer) : answer.map(map).sort();
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
  rule: MultipleCreditRule,
  passMark: number,
): ScoreResult {
  let earned = 0;
  let total = 0;
  const detail = positions.map((p) => {
    const given = answers.get(p.position) ?? null;
    const credit = creditFor(p.type, p.points, p.key, toOriginalLetters(given, p.order), rule);
    earned += credit;
    total += p.points;
    return { position: p.position, itemId: p.itemId, points: p.points, credit };
  });
  const score = total > 0 ? Math.round((earned * 100 * 100) / total) / 100 : 0;
  return { score, earned, total, passed: score >= passMark, detail };
}

// ---------------------------------------------------------------------------------------------------------------
// Item statistics (classical test theory)

export interface ItemStatistic {
  itemId: string;
  /** Attempts that had the item. */
  n: number;
  /** Mean proportion of the points earned (difficulty index, p). */
  pValue: number;
  /** Correlation of the item's proportion with the rest of the score (total minus this item): corrected point-biserial. */
  pointBiserial: number | null;
}

/** Per item over scored attempts: p-value and corrected item-total (point-biserial) correlation. */
export function itemStatistics(
  attempts: readonly { total: number; detail: readonly { itemId: string; points: number; credit: number }[] }[],
): ItemStatistic[] {
  const byItem = new Map<string, { x: number[]; rest: number[] }>();
  for (const a of attempts) {
    for (const d of a.detail) {
      const slot = byItem.get(d.itemId) ?? { x: [], rest: [] };
      slot.x.push(d.points > 0 ? d.credit / d.points : 0);
      slot.rest.push(a.total - d.credit);
      byItem.set(d.itemId, slot);
    }
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return [...byItem.entries()]
    .map(([itemId, { x, rest }]) => {
      const r = correlation(x, rest);
      return { itemId, n: x.length, pValue: round(mean(x)), pointBiserial: r === null ? null : round(r) };
    })
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

const mean = (v: readonly number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0);

/** Pearson correlation; `null` when either variable has no variance (everyone right, or one attempt). */
export function correlation(x: readonly number[], y: readonly number[]): number | null {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

// ---------------------------------------------------------------------------------------------------------------
// Rosters

export interface RosterRow {
  ticketNo: string;
  name: string;
  idNumber: string;
}

/** One bad roster entry: `index` (0-based) for JSON, `row` (header = 1) for a file. */
export interface RosterIssue {
  index?: number;
  row?: number;
  field: 'ticketNo' | 'name' | 'idNumber';
  code: 'TICKET_NO_INVALID' | 'TICKET_NO_DUPLICATE' | 'NAME_INVALID' | 'ID_NUMBER_INVALID';
  message: string;
}

/**
 * Checks every entry at once: ticket numbers (1–32 letters, digits, `-`/`_`, unique in the session), names, ID numbers
 * (GB 11643 check digit). `at(i)` says where entry i came from.
 */
export function validateRoster(
  rows: readonly RosterRow[],
  existingTickets: ReadonlySet<string>,
  at: (i: number) => { index?: number; row?: number },
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const where = at(i);
    const ticket = r.ticketNo.trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(ticket))
      issues.push({
        ...where,
        field: 'ticketNo',
        code: 'TICKET_NO_INVALID',
        message: 'an admission ticket number is 1–32 letters, digits, - or _',
      });
    else if (seen.has(ticket) || existingTickets.has(ticket))
      issues.push({
        ...where,
        field: 'ticketNo',
        code: 'TICKET_NO_DUPLICATE',
        message: `ticket ${ticket} is already on this roster`,
      });
    seen.add(ticket);
    const name = r.name.trim();
    if (name.length < 1 || name.length > 64)
      issues.push({ ...where, field: 'name', code: 'NAME_INVALID', message: 'a name is 1–64 characters' });
    if (!isValidIdNumber(r.idNumber))
      issues.push({
        ...where,
        field: 'idNumber',
        code: 'ID_NUMBER_INVALID',
        message: 'not a valid 18-character resident ID number (GB 11643 check digit)',
      });
  });
  return issues;
}

const ROSTER_HEADERS: Record<string, keyof RosterRow> = {
  准考证号: 'ticketNo',
  ticketno: 'ticketNo',
  姓名: 'name',
  name: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
};

/** Maps a header row to fields (Chinese or English, any order); missing required headers are listed. */
export function rosterColumns(headers: readonly string[]): {
  columns: Map<number, keyof RosterRow>;
  missing: (keyof RosterRow)[];
} {
  const columns = new Map<number, keyof RosterRow>();
  headers.forEach((h, i) => {
    const field =
      ROSTER_HEADERS[
        h
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase()
      ] ?? ROSTER_HEADERS[h.trim()];
    if (field) columns.set(i, field);
  });
  const have = new Set(columns.values());
  return { columns, missing: (['ticketNo', 'name', 'idNumber'] as const).filter((f) => !have.has(f)) };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF), UTF-8 with or without BOM: rows of cells, blank lines kept. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}
