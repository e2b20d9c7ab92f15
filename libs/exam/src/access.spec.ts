import {
  mayAccessSession,
  mayEditRoster,
  mayProctorSession,
  mayReadResults,
  mayReadSession,
  sessionScope,
} from './access';

const own = { institutionId: 'inst-a' };
const other = { institutionId: 'inst-b' };
const centre = { roles: ['centre'], institutionId: null };
const institution = { roles: ['institution'], institutionId: 'inst-a' };
const instProctor = { roles: ['proctor'], institutionId: 'inst-a' };
const centreProctor = { roles: ['proctor'], institutionId: null };
const author = { roles: ['author'], institutionId: null };

describe(mayReadSession.name, () => {
  it('lets the centre read every session and institution staff only their own', () => {
    expect(mayReadSession(centre, other)).toBe(true);
    expect(mayReadSession(institution, own)).toBe(true);
    expect(mayReadSession(institution, other)).toBe(false);
  });

  it("should not show another institution's session to its proctor, but shows every session to the centre's proctor", () => {
    expect(mayProctorSession(instProctor, own)).toBe(true);
    expect(mayProctorSession(instProctor, other)).toBe(false);
    expect(mayProctorSession(centreProctor, other)).toBe(true);
  });

  it('keeps staff of other roles out', () => {
    expect(mayReadSession(author, own)).toBe(false);
    expect(mayReadSession({ roles: ['institution'], institutionId: null }, own)).toBe(false);
  });
});

describe(mayReadResults.name, () => {
  it('is for the centre and the owning institution, never for proctors', () => {
    expect(mayReadResults(centre, other)).toBe(true);
    expect(mayReadResults(institution, own)).toBe(true);
    expect(mayReadResults(instProctor, own)).toBe(false);
    expect(mayReadResults(centreProctor, own)).toBe(false);
    expect(mayReadResults({ roles: ['proctor', 'institution'], institutionId: 'inst-a' }, own)).toBe(true);
  });
});

describe(sessionScope.name, () => {
  it('lists what the same principal may read', () => {
    expect(sessionScope(centre, 'read')).toEqual({ kind: 'all' });
    expect(sessionScope(centreProctor, 'read')).toEqual({ kind: 'all' });
    expect(sessionScope(instProctor, 'read')).toEqual({ kind: 'institution', institutionId: 'inst-a' });
    expect(sessionScope(author, 'read')).toEqual({ kind: 'none' });
    for (const p of [centre, institution, instProctor, centreProctor, author]) {
      for (const s of [own, other]) {
        const scope = sessionScope(p, 'read');
        const listed =
          scope.kind === 'all' || (scope.kind === 'institution' && scope.institutionId === s.institutionId);
        expect(listed).toBe(mayAccessSession(p, s, 'read'));
      }
    }
  });
});

describe(mayEditRoster.name, () => {
  it('leaves the roster to the owning institution, not the centre', () => {
    expect(mayEditRoster(institution, own)).toBe(true);
    expect(mayEditRoster(institution, other)).toBe(false);
    expect(mayEditRoster(centre, own)).toBe(false);
  });
});
