import {
  DEFAULT_POLICY_ID,
  findPolicy,
  parsePolicy,
  POLICY_PRESETS,
  POLICY_PRESET_IDS,
  requiresComprehensiveReview,
} from './policy';

describe('POLICY_PRESETS', () => {
  it.each([
    ['chengdu-2024', 1200, { kind: 'sets', min: 10 }, 5, '第十七条'],
    ['wuxi-2021', 800, { kind: 'tasks', min: 30 }, 5, '七(二)'],
    ['jilin-draft', 800, null, 1, '第二十一条'],
    ['bazhong-2023', 800, null, 10, '第十八条'],
    ['hunan-2021', 800, null, 5, '三(三)'],
  ] as const)(
    '%s requires %i theory items, practical %j, keeps records %i years and cites %s',
    (id, theory, practical, years, clause) => {
      const policy = POLICY_PRESETS[id];
      expect(policy.theoryMinItems).toBe(theory);
      expect(policy.practical).toEqual(practical);
      expect(policy.retentionYears).toBe(years);
      expect(policy.source).toContain(clause);
      expect(policy).toMatchObject({ id, passMark: 60, multipleCredit: 'all-or-nothing' });
    },
  );

  it('defaults to the strictest preset, chengdu-2024', () => {
    expect(DEFAULT_POLICY_ID).toBe('chengdu-2024');
    expect(Math.max(...POLICY_PRESET_IDS.map((id) => POLICY_PRESETS[id].theoryMinItems))).toBe(
      POLICY_PRESETS[DEFAULT_POLICY_ID].theoryMinItems,
    );
  });
});

describe(parsePolicy.name, () => {
  const valid = {
    id: 'sichuan-2025',
    name: '四川省规定',
    source: '川人社发〔2025〕1号 第五条',
    theoryMinItems: 1000,
    practical: { kind: 'tasks', min: 20 },
    retentionYears: 3,
  };

  it('accepts an admin-defined policy and fills the defaults', () => {
    expect(parsePolicy(valid)).toEqual({
      ok: true,
      policy: { ...valid, passMark: 60, multipleCredit: 'all-or-nothing', showResultToCandidate: true },
    });
  });

  it('accepts partial credit for multiple choice', () => {
    expect(parsePolicy({ ...valid, multipleCredit: 'partial' })).toMatchObject({
      ok: true,
      policy: { multipleCredit: 'partial' },
    });
  });

  it('refuses a bad threshold, practical kind and pass mark, naming each field', () => {
    const result = parsePolicy({ ...valid, theoryMinItems: 0, practical: { kind: 'papers', min: 1 }, passMark: 120 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.field).sort()).toEqual([
      'passMark',
      'practical.kind',
      'theoryMinItems',
    ]);
  });

  it('refuses a policy without a source citation', () => {
    const result = parsePolicy({ ...valid, source: ' ' });
    expect(!result.ok && result.issues.map((i) => i.field)).toEqual(['source']);
  });

  it('refuses an id that would shadow a preset', () => {
    expect(parsePolicy({ ...valid, id: 'chengdu-2024' })).toMatchObject({
      ok: false,
      issues: [{ code: 'POLICY_ID_RESERVED' }],
    });
  });
});

describe(findPolicy.name, () => {
  it('finds presets and admin-defined policies', () => {
    const custom = { ...POLICY_PRESETS['hunan-2021'], id: 'custom-1' };
    expect(findPolicy('wuxi-2021')?.theoryMinItems).toBe(800);
    expect(findPolicy('custom-1', [custom])).toBe(custom);
    expect(findPolicy('nowhere')).toBeUndefined();
  });
});

describe(requiresComprehensiveReview.name, () => {
  it('applies to levels 2 and 1 only', () => {
    expect((['5', '4', '3', '2', '1', 'S'] as const).filter(requiresComprehensiveReview)).toEqual(['2', '1']);
  });
});
