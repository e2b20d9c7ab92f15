import {
  correctionDecisionRefusal,
  correctionRequestRefusal,
  isValidCorrectedScore,
  mayDecideCorrection,
  mayRequestCorrection,
} from './corrections';

const own = { institutionId: 'inst-a' };
const centre = { roles: ['centre'], institutionId: null };
const institution = { roles: ['institution'], institutionId: 'inst-a' };
const otherInstitution = { roles: ['institution'], institutionId: 'inst-b' };
const proctor = { roles: ['proctor'], institutionId: 'inst-a' };

describe(mayRequestCorrection.name, () => {
  it('lets the owning institution and the centre request, nobody else', () => {
    expect(mayRequestCorrection(institution, own)).toBe(true);
    expect(mayRequestCorrection(centre, own)).toBe(true);
    expect(mayRequestCorrection(otherInstitution, own)).toBe(false);
    expect(mayRequestCorrection(proctor, own)).toBe(false);
    expect(mayRequestCorrection({ roles: ['institution'], institutionId: null }, own)).toBe(false);
  });
});

describe(mayDecideCorrection.name, () => {
  it('is for the centre only', () => {
    expect(mayDecideCorrection(centre)).toBe(true);
    expect(mayDecideCorrection(institution)).toBe(false);
    expect(mayDecideCorrection(proctor)).toBe(false);
  });
});

describe(isValidCorrectedScore.name, () => {
  it('accepts 0 to 100 with up to two decimals', () => {
    for (const s of [0, 60, 72.5, 99.25, 100]) expect(isValidCorrectedScore(s)).toBe(true);
  });

  it('refuses scores off the scale or with more decimals', () => {
    for (const s of [-1, 100.5, 60.125, Number.NaN, Number.POSITIVE_INFINITY])
      expect(isValidCorrectedScore(s)).toBe(false);
  });
});

describe(correctionRequestRefusal.name, () => {
  it('accepts a changed score with a reason', () => {
    expect(correctionRequestRefusal(70, '第6题答案有争议', 50)).toBeNull();
  });

  it('refuses a score off the scale, a blank reason and a score that changes nothing', () => {
    expect(correctionRequestRefusal(101, '理由充分', 50)).toBe('SCORE_OUT_OF_RANGE');
    expect(correctionRequestRefusal(70, '  ', 50)).toBe('REASON_REQUIRED');
    expect(correctionRequestRefusal(70, 'x'.repeat(1001), 50)).toBe('REASON_REQUIRED');
    expect(correctionRequestRefusal(50, '理由充分', 50)).toBe('CORRECTION_UNCHANGED');
  });
});

describe(correctionDecisionRefusal.name, () => {
  const open = { status: 'requested' as const, requestedBy: 'u-inst' };

  it('lets another person approve an open request, and reject it with a reason', () => {
    expect(correctionDecisionRefusal(open, 'u-centre', { approve: true })).toBeNull();
    expect(correctionDecisionRefusal(open, 'u-centre', { approve: false, reason: '证据不足' })).toBeNull();
  });

  it('refuses to decide a request twice', () => {
    expect(correctionDecisionRefusal({ ...open, status: 'approved' }, 'u-centre', { approve: true })).toBe(
      'CORRECTION_DECIDED',
    );
    expect(
      correctionDecisionRefusal({ ...open, status: 'rejected' }, 'u-centre', { approve: false, reason: '再次' }),
    ).toBe('CORRECTION_DECIDED');
  });

  it('refuses the requester deciding their own request', () => {
    expect(correctionDecisionRefusal({ ...open, requestedBy: 'u-centre' }, 'u-centre', { approve: true })).toBe(
      'CORRECTION_SELF_APPROVAL',
    );
  });

  it('refuses a rejection without a reason', () => {
    expect(correctionDecisionRefusal(open, 'u-centre', { approve: false, reason: ' ' })).toBe('REASON_REQUIRED');
  });
});
