import type { StaffRole } from '../users/roles';

export type Role = StaffRole | 'candidate';

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  roles: StaffRole[];
  institutionId: string | null;
}

export interface CandidatePrincipal {
  kind: 'candidate';
  attemptId: string;
  /** The device session the token belongs to; a newer sign-in replaces it. */
  deviceId: string;
  /**
   * The attempt's session and paper, fixed when the attempt is created (tokens from a first sign-in carry them): an
   * answer save needs nothing else from the guard, since it re-checks device, status and deadline under its lock.
   */
  sessionId?: string;
  paperId?: string;
}

export type Principal = StaffPrincipal | CandidatePrincipal;

/** Who an audit entry names. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export const actorOf = (p: StaffPrincipal): Actor => ({ id: p.userId, name: p.username });
