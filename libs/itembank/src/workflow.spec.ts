import { inUseVersion, nextVersion, transition, type Actor } from './workflow';

const author: Actor = { id: 'u-author', roles: ['author'] };
const reviewer: Actor = { id: 'u-reviewer', roles: ['reviewer'] };
const authorWhoReviews: Actor = { id: 'u-author', roles: ['author', 'reviewer'] };

describe(transition.name, () => {
  it('lets the author submit a draft for review', () => {
    expect(transition({ status: 'draft', authorId: 'u-author' }, 'submit', author)).toEqual({
      ok: true,
      value: 'in_review',
    });
  });

  it('refuses a submit by someone other than the author (NOT_AUTHOR)', () => {
    expect(
      transition({ status: 'draft', authorId: 'u-author' }, 'submit', { id: 'u-other', roles: ['author'] }),
    ).toMatchObject({ ok: false, code: 'NOT_AUTHOR' });
  });

  it('lets a reviewer approve a version in review', () => {
    expect(transition({ status: 'in_review', authorId: 'u-author' }, 'approve', reviewer)).toEqual({
      ok: true,
      value: 'approved',
    });
  });

  it('sends a rejected version back to draft when a reason is given', () => {
    expect(transition({ status: 'in_review', authorId: 'u-author' }, 'reject', reviewer, '选项C与选项D重复')).toEqual({
      ok: true,
      value: 'draft',
    });
  });

  it.each(['approve', 'reject'] as const)(
    'refuses to let the author %s their own version, even holding the reviewer role (SELF_REVIEW_FORBIDDEN)',
    (action) => {
      const result = transition({ status: 'in_review', authorId: 'u-author' }, action, authorWhoReviews, 'reason');
      expect(result).toMatchObject({ ok: false, code: 'SELF_REVIEW_FORBIDDEN' });
    },
  );

  it.each(['', '   ', undefined])('refuses a rejection with reason %j (REASON_REQUIRED)', (reason) => {
    expect(transition({ status: 'in_review', authorId: 'u-author' }, 'reject', reviewer, reason)).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
  });

  it('refuses an approval by a user without the reviewer role (ROLE_REQUIRED)', () => {
    expect(
      transition({ status: 'in_review', authorId: 'u-author' }, 'approve', { id: 'u-x', roles: ['author'] }),
    ).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
  });

  it("lets a reviewer or the version's author retire an approved version", () => {
    expect(transition({ status: 'approved', authorId: 'u-author' }, 'retire', reviewer)).toEqual({
      ok: true,
      value: 'retired',
    });
    expect(transition({ status: 'approved', authorId: 'u-author' }, 'retire', author)).toEqual({
      ok: true,
      value: 'retired',
    });
  });

  it("refuses to let another author retire someone else's item (ROLE_REQUIRED)", () => {
    expect(
      transition({ status: 'approved', authorId: 'u-author' }, 'retire', { id: 'u-other', roles: ['author'] }),
    ).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
  });

  it.each([
    ['draft', 'approve'],
    ['draft', 'retire'],
    ['in_review', 'submit'],
    ['approved', 'approve'],
    ['approved', 'reject'],
    ['retired', 'submit'],
    ['retired', 'retire'],
  ] as const)('refuses %s → %s (INVALID_TRANSITION)', (status, action) => {
    expect(
      transition(
        { status, authorId: 'u-author' },
        action,
        { id: 'u-admin', roles: ['author', 'reviewer', 'admin'] },
        'r',
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe(nextVersion.name, () => {
  it('makes an edit of an approved version a new draft with the next number', () => {
    expect(nextVersion({ number: 3, status: 'approved' })).toEqual({ ok: true, value: { number: 4, status: 'draft' } });
  });

  it('makes an edit of a draft a new version too, since content is immutable per version', () => {
    expect(nextVersion({ number: 1, status: 'draft' })).toEqual({ ok: true, value: { number: 2, status: 'draft' } });
  });

  it('refuses to edit while the latest version is in review', () => {
    expect(nextVersion({ number: 2, status: 'in_review' })).toMatchObject({ ok: false, code: 'VERSION_IN_REVIEW' });
  });

  it('refuses to edit a retired item', () => {
    expect(nextVersion({ number: 2, status: 'retired' })).toMatchObject({ ok: false, code: 'ITEM_RETIRED' });
  });
});

describe(inUseVersion.name, () => {
  it('keeps the approved version in use while a newer draft waits for review', () => {
    const versions = [
      { number: 1, status: 'approved' as const },
      { number: 2, status: 'in_review' as const },
    ];
    expect(inUseVersion(versions)?.number).toBe(1);
  });

  it('uses the newest approved version once a successor is approved', () => {
    const versions = [
      { number: 2, status: 'approved' as const },
      { number: 1, status: 'approved' as const },
      { number: 3, status: 'draft' as const },
    ];
    expect(inUseVersion(versions)?.number).toBe(2);
  });

  it('has no version in use after the item is retired, even if older versions were approved', () => {
    const versions = [
      { number: 1, status: 'approved' as const },
      { number: 2, status: 'retired' as const },
    ];
    expect(inUseVersion(versions)).toBeUndefined();
  });

  it('has no version in use before the first approval', () => {
    expect(inUseVersion([{ number: 1, status: 'draft' as const }])).toBeUndefined();
  });
});
