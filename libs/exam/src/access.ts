/**
 * Who may see which exam session, and so its attempts. One policy: listing, reading, proctoring and results all ask
 * it. The centre sees every session; institution staff their own; a proctor of an institution that institution's,
 * and a proctor without one works for the centre and sees all. Results are not for proctors.
 */

/** What the policy needs of a staff member. */
export interface SessionPrincipal {
  roles: readonly string[];
  institutionId: string | null;
}

/** What a principal wants to do with a session. */
export type SessionAccess = 'read' | 'proctor' | 'results';

/** Which sessions a principal may reach: all, one institution's, or none. */
export type SessionScope = { kind: 'all' } | { kind: 'institution'; institutionId: string } | { kind: 'none' };

export function sessionScope(p: SessionPrincipal, access: SessionAccess): SessionScope {
  if (p.roles.includes('centre')) return { kind: 'all' };
  const proctor = access !== 'results' && p.roles.includes('proctor');
  if (proctor && !p.institutionId) return { kind: 'all' };
  if (p.institutionId && (p.roles.includes('institution') || proctor))
    return { kind: 'institution', institutionId: p.institutionId };
  return { kind: 'none' };
}

export function mayAccessSession(
  p: SessionPrincipal,
  session: { institutionId: string },
  access: SessionAccess,
): boolean {
  const scope = sessionScope(p, access);
  return scope.kind === 'all' || (scope.kind === 'institution' && scope.institutionId === session.institutionId);
}

export const mayReadSession = (p: SessionPrincipal, session: { institutionId: string }): boolean =>
  mayAccessSession(p, session, 'read');
export const mayProctorSession = (p: SessionPrincipal, session: { institutionId: string }): boolean =>
  mayAccessSession(p, session, 'proctor');
export const mayReadResults = (p: SessionPrincipal, session: { institutionId: string }): boolean =>
  mayAccessSession(p, session, 'results');

/** Only the institution that owns a session changes its roster (the centre reads it, but does not write it). */
export function mayEditRoster(p: SessionPrincipal, session: { institutionId: string }): boolean {
  return p.roles.includes('institution') && p.institutionId === session.institutionId;
}
