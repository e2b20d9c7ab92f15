import type { InstitutionView } from '@jianding/api-client';
import { examDateAllowed, ineligibility, scopeOptions } from './scope';

const inst: Pick<InstitutionView, 'status' | 'validFrom' | 'validUntil' | 'scope'> = {
  status: 'active',
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2028-12-31T00:00:00.000Z',
  scope: [
    { occupation: '6-31-01-03', levels: ['4', '3'] },
    { occupation: '4-07-05-01', levels: ['5'] },
  ],
};

describe(scopeOptions.name, () => {
  it('offers exactly the filed occupation and level pairs', () => {
    expect(scopeOptions(inst)).toEqual([
      { occupation: '6-31-01-03', level: '4' },
      { occupation: '6-31-01-03', level: '3' },
      { occupation: '4-07-05-01', level: '5' },
    ]);
  });
});

describe(ineligibility.name, () => {
  it('lets an active institution within its validity request', () => {
    expect(ineligibility(inst, '2026-06-20')).toBeNull();
    expect(ineligibility(inst, '2028-12-31')).toBeNull();
  });

  it('refuses a suspended institution and one outside its filing validity', () => {
    expect(ineligibility({ ...inst, status: 'suspended' }, '2026-06-20')).toBe('suspended');
    expect(ineligibility(inst, '2029-01-01')).toBe('expired');
    expect(ineligibility(inst, '2025-12-31')).toBe('expired');
  });
});

describe(examDateAllowed.name, () => {
  it('accepts today up to the last valid day, nothing before or after', () => {
    expect(examDateAllowed('2026-06-20', '2026-06-20', inst.validUntil)).toBe(true);
    expect(examDateAllowed('2026-06-19', '2026-06-20', inst.validUntil)).toBe(false);
    expect(examDateAllowed('2028-12-31', '2026-06-20', inst.validUntil)).toBe(true);
    expect(examDateAllowed('2029-01-01', '2026-06-20', inst.validUntil)).toBe(false);
  });
});
