import { normaliseStem } from './normalise';
import { judgeItem, multipleItem, singleItem, taskItem, validationContext } from './testing/factories';
import { answerKeys, canonicalAnswer, validateItem } from './validate-item';

const codes = (issues: { code: string }[]): string[] => issues.map((i) => i.code);

describe(validateItem.name, () => {
  it('accepts well-formed judge, single, multiple and task items', () => {
    // Arrange
    const items = [judgeItem(), singleItem(), multipleItem(), taskItem()];
    // Act
    const issues = items.map((item) => validateItem(item, validationContext()));
    // Assert
    expect(issues).toEqual([[], [], [], []]);
  });

  it('refuses a single-choice item with one option (OPTION_COUNT_INVALID)', () => {
    const issues = validateItem(singleItem({ options: ['42'], answer: 'A' }), validationContext());
    expect(codes(issues)).toEqual(['OPTION_COUNT_INVALID']);
    expect(issues[0].field).toBe('options');
  });

  it('refuses a multiple-choice item with nine options (OPTION_COUNT_INVALID)', () => {
    const options = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const issues = validateItem(multipleItem({ options }), validationContext());
    expect(codes(issues)).toContain('OPTION_COUNT_INVALID');
  });

  it('accepts eight options, the most the template has columns for', () => {
    const options = ['1', '2', '3', '4', '5', '6', '7', '8'];
    expect(validateItem(multipleItem({ options, answer: ['A', 'H'] }), validationContext())).toEqual([]);
  });

  it('refuses a single-choice item with two keys (SINGLE_KEY_COUNT)', () => {
    const issues = validateItem(singleItem({ answer: ['A', 'B'] }), validationContext());
    expect(codes(issues)).toEqual(['SINGLE_KEY_COUNT']);
    expect(issues[0].field).toBe('answer');
  });

  it('refuses a single-choice item whose key is written as two letters in one string', () => {
    expect(codes(validateItem(singleItem({ answer: 'AB' }), validationContext()))).toEqual(['SINGLE_KEY_COUNT']);
  });

  it('refuses a single-choice item with six keys and names them (SINGLE_KEY_COUNT)', () => {
    const issues = validateItem(
      singleItem({ options: ['1', '2', '3', '4', '5', '6'], answer: ['A', 'B', 'C', 'D', 'E', 'F'] }),
      validationContext(),
    );
    expect(codes(issues)).toEqual(['SINGLE_KEY_COUNT']);
    expect(issues[0].message).toContain('ABCDEF');
  });

  it('refuses a single-choice item without a key (ANSWER_INVALID)', () => {
    expect(codes(validateItem(singleItem({ answer: [] }), validationContext()))).toEqual(['ANSWER_INVALID']);
  });

  it('refuses a multiple-choice item with a single key (MULTIPLE_TOO_FEW_KEYS)', () => {
    expect(codes(validateItem(multipleItem({ answer: ['A'] }), validationContext()))).toEqual([
      'MULTIPLE_TOO_FEW_KEYS',
    ]);
  });

  it('refuses a judge item that has options (JUDGE_HAS_OPTIONS)', () => {
    const issues = validateItem(judgeItem({ options: ['对', '错'] }), validationContext());
    expect(codes(issues)).toEqual(['JUDGE_HAS_OPTIONS']);
  });

  it('refuses a judge item whose answer is not a boolean (ANSWER_INVALID)', () => {
    expect(codes(validateItem(judgeItem({ answer: 'A' }), validationContext()))).toEqual(['ANSWER_INVALID']);
  });

  it('refuses a key that is not among the options (ANSWER_NOT_IN_OPTIONS)', () => {
    const issues = validateItem(singleItem({ answer: 'E' }), validationContext());
    expect(codes(issues)).toEqual(['ANSWER_NOT_IN_OPTIONS']);
    expect(issues[0].message).toContain('E');
  });

  it('refuses an answer that is not option letters (ANSWER_INVALID)', () => {
    expect(codes(validateItem(singleItem({ answer: '甲' }), validationContext()))).toEqual(['ANSWER_INVALID']);
  });

  it('asks for the canonical stored form of a readable but unsorted answer (ANSWER_NOT_CANONICAL)', () => {
    const issues = validateItem(multipleItem({ answer: ['C', 'A'] }), validationContext());
    expect(codes(issues)).toEqual(['ANSWER_NOT_CANONICAL']);
    expect(issues[0].message).toContain('["A","C"]');
  });

  it('refuses a knowledge point that is not a leaf of the bank (KNOWLEDGE_POINT_UNKNOWN)', () => {
    const issues = validateItem(singleItem({ knowledgePoint: 'Z-99-999' }), validationContext());
    expect(codes(issues)).toEqual(['KNOWLEDGE_POINT_UNKNOWN']);
    expect(issues[0].message).toContain('Z-99-999');
  });

  it('refuses a missing knowledge point', () => {
    expect(codes(validateItem(singleItem({ knowledgePoint: '' }), validationContext()))).toEqual([
      'KNOWLEDGE_POINT_UNKNOWN',
    ]);
  });

  it.each(['', '   ', '\n\t'])('refuses an empty stem %j (STEM_EMPTY)', (stem) => {
    expect(codes(validateItem(singleItem({ stem }), validationContext()))).toEqual(['STEM_EMPTY']);
  });

  it('refuses a stem that another item of the bank already has, after normalisation (STEM_DUPLICATE)', () => {
    // Arrange: the bank holds the stem with ASCII punctuation and half-width letters.
    const existingStems = new Map([[normaliseStem('PE线的颜色应为( )。'), 'item-7']]);
    // Act: the new item differs only in full-width forms, spacing and Chinese punctuation.
    const issues = validateItem(
      singleItem({ stem: '  ＰＥ线的颜色 应为（　　）' }),
      validationContext({ existingStems }),
    );
    // Assert
    expect(codes(issues)).toEqual(['STEM_DUPLICATE']);
    expect(issues[0].message).toContain('item-7');
  });

  it("does not count the item's own earlier versions as duplicates", () => {
    const item = singleItem();
    const existingStems = new Map([[normaliseStem(item.stem), 'item-1']]);
    expect(validateItem(item, validationContext({ existingStems, itemId: 'item-1' }))).toEqual([]);
  });

  it.each([0, 6, 2.5, Number.NaN])('refuses difficulty %p (DIFFICULTY_OUT_OF_RANGE)', (difficulty) => {
    expect(codes(validateItem(singleItem({ difficulty }), validationContext()))).toEqual(['DIFFICULTY_OUT_OF_RANGE']);
  });

  it('refuses a task whose rubric does not add up to its total (RUBRIC_TOTAL_MISMATCH)', () => {
    const rubric = [
      { points: 30, criterion: '元件安装' },
      { points: 40, criterion: '布线工艺' },
      { points: 20, criterion: '通电试车' },
    ];
    const issues = validateItem(taskItem({ rubric }), validationContext());
    expect(codes(issues)).toEqual(['RUBRIC_TOTAL_MISMATCH']);
    expect(issues[0].message).toContain('90');
  });

  it('accepts a rubric with half points that adds up exactly', () => {
    const rubric = [
      { points: 2.5, criterion: '接地可靠' },
      { points: 7.5, criterion: '导线选择' },
    ];
    expect(validateItem(taskItem({ rubric, totalPoints: 10 }), validationContext())).toEqual([]);
  });

  it('refuses a rubric line without points or with a multi-line criterion (RUBRIC_LINE_INVALID)', () => {
    const rubric = [
      { points: 0, criterion: '元件安装' },
      { points: 100, criterion: '布线\n工艺' },
    ];
    const issues = validateItem(taskItem({ rubric }), validationContext());
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['RUBRIC_LINE_INVALID', 'rubric[0]'],
      ['RUBRIC_LINE_INVALID', 'rubric[1]'],
    ]);
  });

  it('refuses a task without title, time or rubric', () => {
    const issues = validateItem(taskItem({ title: ' ', minutes: 0, rubric: [] }), validationContext());
    expect(codes(issues)).toEqual(['TITLE_EMPTY', 'MINUTES_INVALID', 'RUBRIC_EMPTY']);
  });

  it('refuses an enemy that names no known item or ref (ENEMY_UNKNOWN)', () => {
    const issues = validateItem(
      singleItem({ enemies: ['Q-1', 'Q-404'] }),
      validationContext({ knownEnemies: new Set(['Q-1']) }),
    );
    expect(codes(issues)).toEqual(['ENEMY_UNKNOWN']);
    expect(issues[0].message).toContain('Q-404');
  });

  it('refuses an item that names itself as its enemy (ENEMY_SELF)', () => {
    const issues = validateItem(
      singleItem({ ref: 'Q-1', enemies: ['Q-1'] }),
      validationContext({ knownEnemies: new Set(['Q-1']) }),
    );
    expect(codes(issues)).toEqual(['ENEMY_SELF']);
  });

  it('skips the enemy check when the context gives no known enemies', () => {
    expect(validateItem(singleItem({ enemies: ['anything'] }), validationContext({ knownEnemies: undefined }))).toEqual(
      [],
    );
  });

  it('refuses an empty option text and names its letter (OPTION_EMPTY)', () => {
    const issues = validateItem(singleItem({ options: ['42', ' ', '24', '12'] }), validationContext());
    expect(issues.map((i) => [i.code, i.field])).toEqual([['OPTION_EMPTY', 'options.B']]);
  });

  it('refuses duplicate option texts, comparing full-width and case-folded (OPTION_DUPLICATE)', () => {
    const issues = validateItem(singleItem({ options: ['36 V', '42V', '３６ v', '12V'] }), validationContext());
    expect(issues.map((i) => [i.code, i.field])).toEqual([['OPTION_DUPLICATE', 'options.C']]);
    expect(issues[0].message).toContain('A');
  });

  it('keeps options that differ only by a sign apart', () => {
    expect(validateItem(singleItem({ options: ['-5', '5', '+5', '0'] }), validationContext())).toEqual([]);
  });

  it('refuses an unknown item type (TYPE_UNKNOWN) instead of throwing', () => {
    const issues = validateItem(
      { ...singleItem(), type: 'essay' } as unknown as Parameters<typeof validateItem>[0],
      validationContext(),
    );
    expect(codes(issues)).toEqual(['TYPE_UNKNOWN']);
  });

  it('reports every problem of an item at once', () => {
    const issues = validateItem(
      singleItem({ stem: '', options: ['1', '1'], answer: ['A', 'B'], difficulty: 9, knowledgePoint: 'X' }),
      validationContext(),
    );
    expect(codes(issues)).toEqual([
      'STEM_EMPTY',
      'OPTION_DUPLICATE',
      'SINGLE_KEY_COUNT',
      'KNOWLEDGE_POINT_UNKNOWN',
      'DIFFICULTY_OUT_OF_RANGE',
    ]);
  });

  it('gives every issue an English message with a Chinese hint', () => {
    const issues = validateItem(singleItem({ stem: '', difficulty: 0 }), validationContext());
    for (const issue of issues) expect(issue.message).toMatch(/[A-Za-z].*[\u4e00-\u9fff]/u);
  });
});

describe(answerKeys.name, () => {
  it.each([
    ['ABD', ['A', 'B', 'D']],
    ['A,B,D', ['A', 'B', 'D']],
    ['A、B、D', ['A', 'B', 'D']],
    ['a b d', ['A', 'B', 'D']],
    ['ＡＢＤ', ['A', 'B', 'D']],
    [
      ['d', 'A'],
      ['D', 'A'],
    ],
  ])('reads %j as %j', (input, expected) => {
    expect(answerKeys(input)).toEqual(expected);
  });

  it('returns null for letters beyond H', () => {
    expect(answerKeys('AZ')).toBeNull();
  });
});

describe(canonicalAnswer.name, () => {
  it('sorts and de-duplicates multiple-choice keys and keeps single keys as one letter', () => {
    expect(canonicalAnswer('multiple', 'dba,b')).toEqual(['A', 'B', 'D']);
    expect(canonicalAnswer('single', 'c')).toBe('C');
    expect(canonicalAnswer('judge', true)).toBe(true);
    expect(canonicalAnswer('judge', '√')).toBeUndefined();
  });
});
