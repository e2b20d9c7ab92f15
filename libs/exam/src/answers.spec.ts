import { checkAnswer, optionLetter, toOriginalLetters } from './answers';

describe(checkAnswer.name, () => {
  it('takes booleans for judge, one shown letter for single, distinct shown letters for multiple, null to clear', () => {
    expect(checkAnswer({ type: 'judge', optionCount: 0 }, false)).toEqual({ ok: true, value: false });
    expect(checkAnswer({ type: 'judge', optionCount: 0 }, 'A').ok).toBe(false);
    expect(checkAnswer({ type: 'single', optionCount: 3 }, 'C')).toEqual({ ok: true, value: 'C' });
    expect(checkAnswer({ type: 'single', optionCount: 3 }, 'D')).toEqual({
      ok: false,
      reason: 'a single-choice item takes one letter of ABC',
    });
    expect(checkAnswer({ type: 'multiple', optionCount: 4 }, ['D', 'A'])).toEqual({ ok: true, value: ['A', 'D'] });
    expect(checkAnswer({ type: 'multiple', optionCount: 4 }, ['A', 'A']).ok).toBe(false);
    expect(checkAnswer({ type: 'multiple', optionCount: 4 }, []).ok).toBe(false);
    expect(checkAnswer({ type: 'multiple', optionCount: 4 }, null)).toEqual({ ok: true, value: null });
  });
});

describe(toOriginalLetters.name, () => {
  it("maps the candidate's letters back through their option order", () => {
    expect(toOriginalLetters('D', [2, 0, 3, 1])).toBe('B');
    expect(toOriginalLetters(['B', 'D'], [1, 0, 3, 2])).toEqual(['A', 'C']);
    expect(toOriginalLetters('B', null)).toBe('B');
    expect(toOriginalLetters(true, [1, 0])).toBe(true);
  });

  it('letters options in the order they are shown', () => {
    expect([0, 1, 7].map(optionLetter)).toEqual(['A', 'B', 'H']);
  });
});
