/** One filed occupation with the levels the institution may assess. */
export interface ScopeEntry {
  occupation: string;
  levels: string[];
}

export type EligibilityFault = 'INSTITUTION_SUSPENDED' | 'INSTITUTION_EXPIRED' | 'OUT_OF_SCOPE';

/** What the rules need of a filed institution: its status, its filing validity (epoch ms) and its scope (JSON text). */
export interface InstitutionStanding {
  status: string;
  validFrom: number;
  validUntil: number;
  scope: string;
}

const DAY_MS = 86_400_000;

/** Filing validity of three calendar years from `from` [000 第十条, 002 第十四条]. */
export function defaultValidUntil(from: number): number {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  return d.getTime();
}

/** `YYYY-MM-DD` (UTC) → epoch ms of that day's start; NaN when it is not a real date. */
export function dayStart(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? NaN : ms;
}

export function parseScope(json: string): ScopeEntry[] {
  return JSON.parse(json) as ScopeEntry[];
}

/** Whether an institution may act at all right now: active, and inside its filing validity. */
export function standingFault(
  inst: Pick<InstitutionStanding, 'status' | 'validFrom' | 'validUntil'>,
  now: number,
): 'inactive' | 'expired' | null {
  if (inst.status !== 'active') return 'inactive';
  if (now < inst.validFrom || now > inst.validUntil) return 'expired';
  return null;
}

/**
 * Why an institution may not work on (occupation, level) for an exam on `examDate`, or null when it may:
 * a suspended or revoked institution can do nothing; it must be within its filing validity today and on the
 * exam day; and the occupation and level must be in its filed scope [002 第二十四条, 001 第三十二条(一)].
 */
export function eligibilityFault(
  inst: InstitutionStanding,
  occupation: string,
  level: string,
  examDate: string,
  now: number,
): { code: EligibilityFault; message: string } | null {
  const standing = standingFault(inst, now);
  if (standing === 'inactive') {
    return { code: 'INSTITUTION_SUSPENDED', message: `The institution is ${inst.status} and cannot request papers` };
  }
  const exam = dayStart(examDate);
  const examEnd = exam + DAY_MS - 1;
  if (standing === 'expired' || examEnd <= inst.validFrom || examEnd > inst.validUntil) {
    return {
      code: 'INSTITUTION_EXPIRED',
      message: `The institution's filing is valid from ${new Date(inst.validFrom).toISOString()} to ${new Date(inst.validUntil).toISOString()}; today and the exam date must both fall inside it`,
    };
  }
  const entry = parseScope(inst.scope).find((s) => s.occupation === occupation);
  if (!entry || !entry.levels.includes(level)) {
    return {
      code: 'OUT_OF_SCOPE',
      message: `Occupation ${occupation} level ${level} is not in the institution's filed scope`,
    };
  }
  return null;
}
