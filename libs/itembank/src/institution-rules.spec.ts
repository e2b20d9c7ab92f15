import { dayStart, defaultValidUntil, eligibilityFault, standingFault } from './institution-rules';

describe('institution rules', () => {
  const from = Date.parse('2025-01-10T00:00:00Z');
  const inst = {
    status: 'active' as const,
    validFrom: from,
    validUntil: defaultValidUntil(from),
    scope: JSON.stringify([{ occupation: '6-31-01-03', levels: ['4', '3'] }]),
  };
  const now = Date.parse('2026-03-01T08:00:00Z');

  it('gives a filing three calendar years of validity', () => {
    expect(new Date(defaultValidUntil(from)).toISOString()).toBe('2028-01-10T00:00:00.000Z');
  });

  it('lets only an active institution inside its validity act at all', () => {
    expect(standingFault(inst, now)).toBeNull();
    expect(standingFault({ ...inst, status: 'suspended' }, now)).toBe('inactive');
    expect(standingFault(inst, from - 1)).toBe('expired');
    expect(standingFault(inst, defaultValidUntil(from) + 1)).toBe('expired');
  });

  it('accepts a filed occupation and level inside the validity', () => {
    expect(eligibilityFault(inst, '6-31-01-03', '4', '2026-04-01', now)).toBeNull();
  });

  it('refuses a level outside the scope and an unfiled occupation', () => {
    expect(eligibilityFault(inst, '6-31-01-03', '5', '2026-04-01', now)?.code).toBe('OUT_OF_SCOPE');
    expect(eligibilityFault(inst, '4-01-01-01', '4', '2026-04-01', now)?.code).toBe('OUT_OF_SCOPE');
  });

  it('refuses an exam after the filing expires, and a request made after it', () => {
    expect(eligibilityFault(inst, '6-31-01-03', '4', '2028-01-10', now)?.code).toBe('INSTITUTION_EXPIRED');
    expect(eligibilityFault(inst, '6-31-01-03', '4', '2027-12-01', Date.parse('2028-02-01T00:00:00Z'))?.code).toBe(
      'INSTITUTION_EXPIRED',
    );
  });

  it('refuses a suspended or revoked institution before anything else', () => {
    expect(eligibilityFault({ ...inst, status: 'suspended' }, 'x', '1', '2099-01-01', now)?.code).toBe(
      'INSTITUTION_SUSPENDED',
    );
    expect(eligibilityFault({ ...inst, status: 'revoked' }, 'x', '1', '2099-01-01', now)?.code).toBe(
      'INSTITUTION_SUSPENDED',
    );
  });

  it('reads only real calendar days', () => {
    expect(dayStart('2026-02-30')).toBeNaN();
    expect(dayStart('2026-02-28')).toBe(Date.parse('2026-02-28T00:00:00Z'));
  });
});
