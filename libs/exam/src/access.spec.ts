import {
  mayAccessSession,
  mayAssignProctors,
  mayEditRoster,
  mayProctorSession,
  mayReadResults,
  mayReadSession,
  proctorAssignmentIssue,
  sessionScope,
} from './access';

const own = { institutionId: 'inst-a', proctorIds: ['u-inst-proctor', 'u-centre-proctor'] };
const other = { institutionId: 'inst-b', proctorIds: [] };
const centre = { userId: 'u-centre', roles: ['centre'], institutionId: null };
const institution = { userId: 'u-inst', roles: ['institution'], institutionId: 'inst-a' };
const instProctor = { userId: 'u-inst-proctor', roles: ['proctor'], institutionId: 'inst-a' };
const centreProctor = { userId: 'u-centre-proctor', roles: ['proctor'], institutionId: null };
const unassigned = { userId: 'u-idle', roles: ['proctor'], institutionId: 'inst-a' };
const author = { userId: 'u-author', roles: ['author'], institutionId: null };

describe(mayReadSession.name, () => {
  it('lets the centre read every session and institution staff only their own', () => {
    expect(mayReadSession(centre, other)).toBe(true);
    expect(mayReadSession(institution, own)).toBe(true);
    expect(mayReadSession(institution, other)).toBe(false);
  });

  it('shows a proctor only the sessions they are assigned to, whoever employs them', () => {
    expect(mayProctorSession(instProctor, own)).toBe(true);
    expect(mayProctorSession(centreProctor, own)).toBe(true);
    expect(mayProctorSession(unassigned, own)).toBe(false);
    expect(mayProctorSession(instProctor, other)).toBe(false);
    expect(mayProctorSession(centreProctor, other)).toBe(false);
  });

  it('keeps staff of other roles out', () => {
    expect(mayReadSession(author, own)).toBe(false);
    expect(mayReadSession({ userId: 'x', roles: ['institution'], institutionId: null }, own)).toBe(false);
  });
});

describe(mayReadResults.name, () => {
  it('is for the centre and the owning institution, never for proctors', () => {
    expect(mayReadResults(centre, other)).toBe(true);
    expect(mayReadResults(institution, own)).toBe(true);
    expect(mayReadResults(instProctor, own)).toBe(false);
    expect(mayReadResults(centreProctor, own)).toBe(false);
    expect(mayReadResults({ ...instProctor, roles: ['proctor', 'institution'] }, own)).toBe(true);
  });
});

describe(sessionScope.name, () => {
  it('lists what the same principal may read', () => {
    expect(sessionScope(centre, 'read')).toEqual({ kind: 'all' });
    expect(sessionScope(centreProctor, 'read')).toEqual({ kind: 'assigned', userId: 'u-centre-proctor' });
    expect(sessionScope(instProctor, 'results')).toEqual({ kind: 'none' });
    expect(sessionScope(institution, 'read')).toEqual({ kind: 'institution', institutionId: 'inst-a' });
    expect(sessionScope(author, 'read')).toEqual({ kind: 'none' });
    for (const p of [centre, institution, instProctor, centreProctor, unassigned, author]) {
      for (const s of [own, other]) {
        const scope = sessionScope(p, 'read');
        const listed =
          scope.kind === 'all' ||
          (scope.kind === 'institution' && scope.institutionId === s.institutionId) ||
          (scope.kind === 'assigned' && s.proctorIds.includes(scope.userId));
        expect(listed).toBe(mayAccessSession(p, s, 'read'));
      }
    }
  });
});

describe(proctorAssignmentIssue.name, () => {
  const session = { institutionId: 'inst-a' };
  it("takes active proctors of the session's institution or of the centre", () => {
    expect(proctorAssignmentIssue({ roles: ['proctor'], institutionId: 'inst-a', active: true }, session)).toBeNull();
    expect(proctorAssignmentIssue({ roles: ['proctor'], institutionId: null, active: true }, session)).toBeNull();
  });

  it('refuses another institution’s staff, users without the role, and inactive users', () => {
    expect(proctorAssignmentIssue({ roles: ['proctor'], institutionId: 'inst-b', active: true }, session)).toMatch(
      /another institution/,
    );
    expect(proctorAssignmentIssue({ roles: ['author'], institutionId: null, active: true }, session)).toMatch(/role/);
    expect(proctorAssignmentIssue({ roles: ['proctor'], institutionId: null, active: false }, session)).toMatch(
      /not active/,
    );
  });
});

describe(mayAssignProctors.name, () => {
  it('is for the owning institution and the centre', () => {
    expect(mayAssignProctors(institution, own)).toBe(true);
    expect(mayAssignProctors(centre, own)).toBe(true);
    expect(mayAssignProctors(institution, other)).toBe(false);
    expect(mayAssignProctors(instProctor, own)).toBe(false);
  });
});

describe(mayEditRoster.name, () => {
  it('leaves the roster to the owning institution, not the centre', () => {
    expect(mayEditRoster(institution, own)).toBe(true);
    expect(mayEditRoster(institution, other)).toBe(false);
    expect(mayEditRoster(centre, own)).toBe(false);
  });
});
