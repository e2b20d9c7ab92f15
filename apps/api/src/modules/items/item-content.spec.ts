import { normaliseStem } from '@jianding/itembank';
import { contentFromFields, mergeContent, stemIndex, stemKey } from './item-content';

describe(contentFromFields.name, () => {
  it('stores form answers in canonical form: letters sorted, judge words as booleans', () => {
    expect(
      contentFromFields({ type: 'multiple', stem: 's', options: ['a', 'b', 'c'], answer: 'c,a', knowledgePoint: 'P' }),
    ).toMatchObject({ answer: ['A', 'C'], difficulty: 3 });
    expect(
      contentFromFields({ type: 'single', stem: 's', options: ['a', 'b'], answer: 'b', knowledgePoint: 'P' }),
    ).toMatchObject({ answer: 'B' });
    expect(contentFromFields({ type: 'judge', stem: 's', answer: '×', knowledgePoint: 'P' })).toMatchObject({
      answer: false,
      options: [],
    });
  });

  it('leaves an unreadable answer as given so validation can name it', () => {
    expect(
      contentFromFields({ type: 'single', stem: 's', options: ['a'], answer: 'Q?', knowledgePoint: 'P' }),
    ).toMatchObject({ answer: 'Q?' });
  });

  it('builds a task with the default total of 100 points', () => {
    expect(
      contentFromFields({
        type: 'task',
        title: 't',
        stem: 's',
        minutes: 30,
        rubric: [{ points: 100, criterion: 'c' }],
        knowledgePoint: 'P',
        set: 'S1',
      }),
    ).toEqual({
      type: 'task',
      title: 't',
      stem: 's',
      minutes: 30,
      rubric: [{ points: 100, criterion: 'c' }],
      totalPoints: 100,
      set: 'S1',
      knowledgePoint: 'P',
      difficulty: 3,
    });
  });
});

describe(mergeContent.name, () => {
  it('replaces only the named fields and never the type', () => {
    const latest = contentFromFields({
      type: 'single',
      stem: 's',
      options: ['a', 'b'],
      answer: 'A',
      knowledgePoint: 'P',
      explanation: 'why',
      enemies: ['x'],
    });
    expect(mergeContent(latest, { type: 'judge', options: ['a', 'c'], enemies: [], explanation: '' })).toEqual({
      type: 'single',
      stem: 's',
      options: ['a', 'c'],
      answer: 'A',
      knowledgePoint: 'P',
      difficulty: 3,
    });
  });
});

describe(stemKey.name, () => {
  it('gives stems that normalise alike the same key, and the stem index finds them by normalised stem', () => {
    expect(stemKey('安全电压（ ）V。')).toBe(stemKey(' 安全电压( )v. '));
    const index = stemIndex(new Map([[stemKey('安全电压（ ）V。'), 'item-1']]));
    expect(index.get(normaliseStem('安全电压( )v'))).toBe('item-1');
    expect(stemKey('安全电压 36V')).not.toBe(stemKey('安全电压 42V'));
  });
});
