/**
 * Who may see which exam session, and so its attempts. One policy: listing, reading, proctoring and results all ask
 * it. The centre sees every session; institution staff their own; a proctor only the sessions they are assigned to
 * (SPEC §3 "Exam day"), whether they work for an institution or for the centre. Results are not for proctors.
 */

/** What the policy needs of a staff member. */
export interface SessionPrincipal {
  userId: string;
  roles: readonly string[];
  institutionId: string | null;
}

/** What the policy needs of a session: its institution and the users assigned to proctor it. */
export interface PolicedSession {
  institutionId: string;
  proctorIds: readonly string[];
}

/** What a principal wants to do with a session. */
export type SessionAccess = 'read' | 'proctor' | 'results';

/** Which sessions a principal may reach: all, one institution's, the ones they proctor (and their institution's), or none. */
export type SessionScope =
  | { kind: 'all' }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'assigned'; userId: string }
  | { kind: 'none' };

export function sessionScope(p: SessionPrincipal, access: SessionAccess): SessionScope {
  if (p.roles.includes('centre')) return { kind: 'all' };
  if (p.institutionId && p.roles.includes('institution'))
    return { kind: 'institution', institutionId: p.institutionId };
  if (access !== 'results' && p.roles.includes('proctor')) return { kind: 'assigned', userId: p.userId };
  return { kind: 'none' };
}

export function mayAccessSession(p: SessionPrincipal, session: PolicedSession, access: SessionAccess): boolean {
  const scope = sessionScope(p, access);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'institution':
      return scope.institutionId === session.institutionId;
    case 'assigned':
      return session.proctorIds.includes(scope.userId);
    case 'none':
      return false;
  }
}

export const mayReadSession = (p: SessionPrincipal, session: PolicedSession): boolean =>
  mayAccessSession(p, session, 'read');
export const mayProctorSession = (p: SessionPrincipal, session: PolicedSession): boolean =>
  mayAccessSession(p, session, 'proctor');
export const mayReadResults = (p: SessionPrincipal, session: PolicedSession): boolean =>
  mayAccessSession(p, session, 'results');

/**
 * Who may be assigned to proctor a session: an active user holding the proctor role who works for the session's
 * institution or for the centre (no institution). Returns why not, or `null`.
 */
export function proctorAssignmentIssue(
  user: { roles: readonly string[]; institutionId: string | null; active: boolean },
  session: { institutionId: string },
): string | null {
  if (!user.active) return 'is not active';
  if (!user.roles.includes('proctor')) return 'does not hold the proctor role';
  if (user.institutionId !== null && user.institutionId !== session.institutionId)
    return 'works for another institution';
  return null;
}

/** The institution that owns a session and the centre assign its proctors. */
export function mayAssignProctors(p: Omit<SessionPrincipal, 'userId'>, session: { institutionId: string }): boolean {
  return p.roles.includes('centre') || (p.roles.includes('institution') && p.institutionId === session.institutionId);
}

/** Only the institution that owns a session changes its roster (the centre reads it, but does not write it). */
export function mayEditRoster(p: SessionPrincipal, session: { institutionId: string }): boolean {
  return p.roles.includes('institution') && p.institutionId === session.institutionId;
}
