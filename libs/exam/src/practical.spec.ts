import {
  DEFAULT_PRACTICAL_SCORING,
  examinerUnfitReason,
  isValidDecision,
  overallPassed,
  panelRefusal,
  practicalScore,
  RegisteredExaminer,
  sheetComplete,
  sheetCriteriaIssue,
  sheetTotal,
  taskScore,
} from './practical';

const examiner = (id: string, over: Partial<RegisteredExaminer> = {}): RegisteredExaminer => ({
  id,
  occupations: ['6-31-01-03'],
  level: '3',
  institutionId: 'other',
  active: true,
  ...over,
});

const session = { institutionId: 'inst-a', occupation: '6-31-01-03', level: '4' };

function refusal(
  ids: string[],
  over: {
    members?: RegisteredExaminer[];
    chief?: string;
    level?: string;
    sameInstitutionOccupation?: string[][];
    sameSite?: string[][];
  } = {},
) {
  const members = new Map((over.members ?? ids.map((id) => examiner(id))).map((e) => [e.id, e]));
  return panelRefusal({
    examinerIds: ids,
    chief: over.chief ?? ids[0],
    members,
    session: { ...session, level: over.level ?? session.level },
    sameInstitutionOccupation: (over.sameInstitutionOccupation ?? []).map((examinerIds, i) => ({
      sessionId: `p${i}`,
      examinerIds,
    })),
    sameSite: (over.sameSite ?? []).map((examinerIds, i) => ({ sessionId: `s${i}`, examinerIds })),
  });
}

describe(examinerUnfitReason.name, () => {
  const bank = { occupation: '6-31-01-03', level: '4' };

  it('accepts an active examiner of level 3 or higher for the occupation', () => {
    expect(examinerUnfitReason(examiner('a'), bank)).toBeNull();
    expect(examinerUnfitReason(examiner('a', { level: '1' }), { ...bank, level: 'S' })).toBeNull();
  });

  it('refuses the inactive, the wrong occupation, and below 一级 for levels 2 and 1', () => {
    expect(examinerUnfitReason(examiner('a', { active: false }), bank)).toMatch(/not active/);
    expect(examinerUnfitReason(examiner('a', { occupations: ['4-01-01-01'] }), bank)).toMatch(/occupation/);
    expect(examinerUnfitReason(examiner('a', { level: '2' }), { ...bank, level: '2' })).toMatch(/一级/);
    expect(examinerUnfitReason(examiner('a', { level: '1' }), { ...bank, level: '1' })).toBeNull();
    expect(examinerUnfitReason(examiner('a', { level: '4' as never }), bank)).toMatch(/三级/);
  });
});

describe(panelRefusal.name, () => {
  it('accepts three qualified outside examiners with one of them chief', () => {
    expect(refusal(['a', 'b', 'c'])).toBeNull();
    expect(refusal(['a', 'b', 'c', 'd', 'e'], { chief: 'e' })).toBeNull();
  });

  it('needs at least three, an odd number, and a chief among them', () => {
    expect(refusal(['a', 'b'])?.code).toBe('PANEL_TOO_SMALL');
    expect(refusal(['a', 'b', 'c', 'd'])?.code).toBe('PANEL_EVEN');
    expect(refusal(['a', 'b', 'c'], { chief: 'z' })?.code).toBe('PANEL_CHIEF_NOT_MEMBER');
    expect(refusal(['a', 'a', 'b'])).toMatchObject({ code: 'PANEL_DUPLICATE', examinerIds: ['a'] });
  });

  it('refuses an examiner not in the register, inactive, or not qualified for the level', () => {
    expect(refusal(['a', 'b', 'x'], { members: [examiner('a'), examiner('b')] })).toMatchObject({
      code: 'EXAMINER_UNQUALIFIED',
      examinerIds: ['x'],
    });
    const members = [examiner('a', { level: '1' }), examiner('b', { level: '1' }), examiner('c', { level: '2' })];
    expect(refusal(['a', 'b', 'c'], { members, level: '2' })).toMatchObject({
      code: 'EXAMINER_UNQUALIFIED',
      examinerIds: ['c'],
    });
  });

  it("refuses the session's own institution's examiners (回避)", () => {
    const members = [examiner('a'), examiner('b', { institutionId: 'inst-a' }), examiner('c')];
    expect(refusal(['a', 'b', 'c'], { members })).toMatchObject({ code: 'EXAMINER_CONFLICT', examinerIds: ['b'] });
    const centreOwn = [examiner('a', { institutionId: null }), examiner('b'), examiner('c')];
    expect(refusal(['a', 'b', 'c'], { members: centreOwn })).toBeNull();
  });

  it('needs a third of the panel changed from the previous session of the institution and occupation', () => {
    expect(refusal(['a', 'b', 'c'], { sameInstitutionOccupation: [['a', 'b', 'c']] })).toMatchObject({
      code: 'ROTATION_TOO_LOW',
      examinerIds: ['a', 'b', 'c'],
    });
    // One of three changed is a third: enough.
    expect(refusal(['a', 'b', 'd'], { sameInstitutionOccupation: [['a', 'b', 'c']] })).toBeNull();
    // One of five is not; two of five is.
    const prev = [['a', 'b', 'c', 'd', 'e']];
    expect(refusal(['a', 'b', 'c', 'd', 'f'], { sameInstitutionOccupation: prev })?.code).toBe('ROTATION_TOO_LOW');
    expect(refusal(['a', 'b', 'c', 'f', 'g'], { sameInstitutionOccupation: prev })).toBeNull();
    // Only the most recent earlier panel counts.
    expect(
      refusal(['a', 'b', 'c'], {
        sameInstitutionOccupation: [
          ['x', 'y', 'z'],
          ['a', 'b', 'c'],
        ],
      }),
    ).toBeNull();
  });

  it('refuses a third consecutive service at the same site', () => {
    const sameSite = [
      ['a', 'x', 'y'],
      ['a', 'b', 'z'],
    ];
    expect(refusal(['a', 'b', 'c'], { sameSite })).toMatchObject({ code: 'EXAMINER_REPEAT_SITE', examinerIds: ['a'] });
    // Twice running is allowed; a break resets the run.
    expect(refusal(['a', 'b', 'c'], { sameSite: [['a', 'x', 'y']] })).toBeNull();
    expect(
      refusal(['a', 'b', 'c'], {
        sameSite: [
          ['a', 'x', 'y'],
          ['p', 'q', 'r'],
          ['a', 's', 't'],
        ],
      }),
    ).toBeNull();
  });
});

describe('score sheets', () => {
  const rubric = [
    { points: 10, criterion: 'wiring' },
    { points: 5, criterion: 'safety' },
  ];

  it('takes criteria of the rubric, in half points up to each line’s worth', () => {
    expect(sheetCriteriaIssue(rubric, [{ index: 0, points: 7.5 }])).toBeNull();
    expect(sheetCriteriaIssue(rubric, [{ index: 2, points: 1 }])).toMatch(/not a line/);
    expect(sheetCriteriaIssue(rubric, [{ index: -1, points: 1 }])).toMatch(/not a line/);
    expect(
      sheetCriteriaIssue(rubric, [
        { index: 0, points: 1 },
        { index: 0, points: 2 },
      ]),
    ).toMatch(/twice/);
    expect(sheetCriteriaIssue(rubric, [{ index: 1, points: 6 }])).toMatch(/0–5/);
    expect(sheetCriteriaIssue(rubric, [{ index: 1, points: -1 }])).toMatch(/0–5/);
    expect(sheetCriteriaIssue(rubric, [{ index: 1, points: 2.3 }])).toMatch(/steps/);
  });

  it('is complete when every line is scored, and totals the points', () => {
    expect(sheetComplete(rubric, [{ index: 0, points: 1 }])).toBe(false);
    const full = [
      { index: 1, points: 4.5 },
      { index: 0, points: 8 },
    ];
    expect(sheetComplete(rubric, full)).toBe(true);
    expect(sheetTotal(full)).toBe(12.5);
  });
});

describe(taskScore.name, () => {
  const base = { panelSize: 3, taskPoints: 50, scoring: DEFAULT_PRACTICAL_SCORING, decision: null };

  it('waits for every examiner to sign', () => {
    expect(taskScore({ ...base, signedTotals: [40, 42] })).toEqual({ status: 'scoring', score: null, spread: null });
    expect(taskScore({ ...base, panelSize: 0, signedTotals: [] }).status).toBe('scoring');
  });

  it("is the panel's mean, or its median when the policy says so", () => {
    expect(taskScore({ ...base, signedTotals: [40, 42, 45] })).toEqual({ status: 'scored', score: 42.3, spread: 5 });
    const median = { aggregate: 'median' as const, spreadTolerance: 0.2 };
    expect(taskScore({ ...base, scoring: median, signedTotals: [40, 42, 45] }).score).toBe(42);
  });

  it('sends a spread above the tolerance to the chief, whose decision is then the score', () => {
    // 20 % of 50 points is 10: a spread of exactly 10 is within, 10.5 is not.
    expect(taskScore({ ...base, signedTotals: [30, 40, 35] }).status).toBe('scored');
    expect(taskScore({ ...base, signedTotals: [29.5, 40, 35] })).toEqual({
      status: 'needs_decision',
      score: null,
      spread: 10.5,
    });
    expect(taskScore({ ...base, signedTotals: [29.5, 40, 35], decision: 36 })).toEqual({
      status: 'decided',
      score: 36,
      spread: 10.5,
    });
  });

  it('checks a decided score against the task', () => {
    expect(isValidDecision(36.5, 50)).toBe(true);
    expect(isValidDecision(51, 50)).toBe(false);
    expect(isValidDecision(-1, 50)).toBe(false);
    expect(isValidDecision(3.2, 50)).toBe(false);
  });
});

describe(practicalScore.name, () => {
  it('sums the task scores once every task has one', () => {
    const scored = { status: 'scored' as const, spread: 0 };
    expect(
      practicalScore([
        { ...scored, score: 40 },
        { ...scored, score: 22.5 },
      ]),
    ).toBe(62.5);
    expect(
      practicalScore([
        { ...scored, score: 40 },
        { status: 'scoring', score: null, spread: null },
      ]),
    ).toBeNull();
    expect(practicalScore([])).toBeNull();
  });
});

describe(overallPassed.name, () => {
  const at = (theory: number | null, practical: number | null, level = '4', review: number | null = null) =>
    overallPassed({ theory, practical, review, level, passMark: 60 });

  it('passes with both subjects at 60 or above', () => {
    expect(at(60, 75)).toBe(true);
    expect(at(59.5, 75)).toBe(false);
    expect(at(80, 59)).toBe(false);
  });

  it('is undecided while a score is missing, unless one already fails', () => {
    expect(at(80, null)).toBeNull();
    expect(at(40, null)).toBe(false);
  });

  it('needs the comprehensive review for levels 2 and 1', () => {
    expect(at(80, 80, '2')).toBeNull();
    expect(at(80, 80, '2', 70)).toBe(true);
    expect(at(80, 80, '1', 50)).toBe(false);
  });
});
