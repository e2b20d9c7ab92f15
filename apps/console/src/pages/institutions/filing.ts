import type { InstitutionListQuery } from '../../api/centre';
import { LEVELS } from '../../ui/labels';

export const INSTITUTION_TYPES = ['employer', 'training', 'technical_school', 'special_station'] as const;
export const INSTITUTION_STATUSES = ['active', 'suspended', 'revoked'] as const;
/** The centre's "expiring soon" window (filings last three years; 90 days is the renewal notice). */
export const EXPIRING_DAYS = 90;

export interface ScopeRow {
  occupation: string;
  levels: string[];
}

/** The scope as the API takes it: trimmed codes, each occupation once with all its levels. */
export function scopeOf(
  rows: readonly ScopeRow[],
): { occupation: string; levels: ('5' | '4' | '3' | '2' | '1' | 'S')[] }[] {
  const by = new Map<string, Set<string>>();
  for (const r of rows) {
    const code = r.occupation.trim();
    const levels = by.get(code) ?? new Set<string>();
    r.levels.forEach((l) => levels.add(l));
    by.set(code, levels);
  }
  return [...by].map(([occupation, levels]) => ({
    occupation,
    levels: LEVELS.filter((l) => levels.has(l)),
  }));
}

/** The list's query from the URL (`expiring=true` is the 90-day window). */
export function queryOf(params: URLSearchParams): InstitutionListQuery {
  const q: InstitutionListQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  };
  const status = params.get('status');
  if (status) q.status = status as InstitutionListQuery['status'];
  const occupation = params.get('occupation');
  if (occupation) q.occupation = occupation;
  const search = params.get('q');
  if (search) q.q = search;
  if (params.get('expiring') === 'true') q.expiringWithinDays = EXPIRING_DAYS;
  return q;
}
