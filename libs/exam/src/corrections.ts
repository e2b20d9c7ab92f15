/**
 * Score corrections (成绩更正) [002 第二十一条, 000 第二十二条(四)]: a score is never edited in place. The institution
 * that owns the session, or the centre, requests a correction with a reason; the centre decides it. Approval writes a
 * new score record and the original stays; a rejection keeps its reason. Nobody approves their own request.
 */
import type { SessionPrincipal } from './access';

export type CorrectionStatus = 'requested' | 'approved' | 'rejected';

export const CORRECTION_STATUSES: readonly CorrectionStatus[] = ['requested', 'approved', 'rejected'];

/** The longest reason kept with a request or a decision. */
export const CORRECTION_REASON_MAX = 1000;

export type CorrectionRefusal =
  'SCORE_OUT_OF_RANGE' | 'REASON_REQUIRED' | 'CORRECTION_UNCHANGED' | 'CORRECTION_DECIDED' | 'CORRECTION_SELF_APPROVAL';

/** The owning institution's staff and the centre may ask for a correction; proctors and others may not. */
export function mayRequestCorrection(p: SessionPrincipal, session: { institutionId: string }): boolean {
  if (p.roles.includes('centre')) return true;
  return p.roles.includes('institution') && !!p.institutionId && p.institutionId === session.institutionId;
}

/** Only the centre decides a correction. */
export function mayDecideCorrection(p: SessionPrincipal): boolean {
  return p.roles.includes('centre');
}

/** A corrected score is on the 100-point scale, with at most two decimals (half points and quarter points happen). */
export function isValidCorrectedScore(score: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= 100 && Math.abs(score * 100 - Math.round(score * 100)) < 1e-6;
}

/** Why a request for `score` with `reason` is refused against the score in force, or null when it may be filed. */
export function correctionRequestRefusal(score: number, reason: string, current: number): CorrectionRefusal | null {
  if (!isValidCorrectedScore(score)) return 'SCORE_OUT_OF_RANGE';
  const r = reason.trim();
  if (r.length < 2 || r.length > CORRECTION_REASON_MAX) return 'REASON_REQUIRED';
  if (Math.abs(score - current) < 1e-9) return 'CORRECTION_UNCHANGED';
  return null;
}

/**
 * Why `decider` may not approve (`approve: true`) or reject the request, or null. A decided request stays as it is;
 * approval needs someone other than the requester (four eyes), a rejection needs a reason.
 */
export function correctionDecisionRefusal(
  request: { status: CorrectionStatus; requestedBy: string },
  deciderId: string,
  decision: { approve: boolean; reason?: string | null },
): CorrectionRefusal | null {
  if (request.status !== 'requested') return 'CORRECTION_DECIDED';
  if (request.requestedBy === deciderId) return 'CORRECTION_SELF_APPROVAL';
  if (!decision.approve) {
    const r = (decision.reason ?? '').trim();
    if (r.length < 2 || r.length > CORRECTION_REASON_MAX) return 'REASON_REQUIRED';
  }
  return null;
}
