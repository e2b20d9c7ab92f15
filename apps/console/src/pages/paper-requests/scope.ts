import type { InstitutionView } from '@jianding/api-client';

/** Why the institution cannot request papers on `today` (YYYY-MM-DD): suspended or revoked, filing not valid; or null. */
export function ineligibility(
  inst: Pick<InstitutionView, 'status' | 'validFrom' | 'validUntil'>,
  today: string,
): 'suspended' | 'expired' | null {
  if (inst.status !== 'active') return 'suspended';
  if (inst.validUntil.slice(0, 10) < today || inst.validFrom.slice(0, 10) > today) return 'expired';
  return null;
}

/** The banks an institution may request: exactly the (occupation, level) pairs of its filed scope. */
export const scopeOptions = (inst: Pick<InstitutionView, 'scope'>): { occupation: string; level: string }[] =>
  inst.scope.flatMap((s) => s.levels.map((level) => ({ occupation: s.occupation, level })));

/** Exam days the form accepts: from today to the last day of the filing's validity. */
export const examDateAllowed = (day: string, today: string, validUntil: string | undefined): boolean =>
  day >= today && (!validUntil || day <= validUntil.slice(0, 10));
