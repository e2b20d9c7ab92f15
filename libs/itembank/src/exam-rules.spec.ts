import {
  checkAnswer,
  correlation,
  creditFor,
  idCheckDigit,
  isValidIdNumber,
  itemStatistics,
  maskIdNumber,
  parseCsv,
  scoreAttempt,
  toOriginalLetters,
  validateRoster,
} from './exam-rules';

describe('exam rules', () => {
  describe(isValidIdNumber.name, () => {
    it('accepts the GB 11643 example and refuses a wrong check digit, a bad date or a short number', () => {
      expect(idCheckDigit('11010519491231002')).toBe('X');
      expect(isValidIdNumber('11010519491231002X')).toBe(true);
      expect(isValidIdNumber('11010519491231002x')).toBe(true);
      expect(isValidIdNumber('110105194912310021')).toBe(false);
      expect(isValidIdNumber('11010519491331002X')).toBe(false);
      expect(isValidIdNumber('1101051949123100')).toBe(false);
    });

    it('masks everything but the last four', () => {
      expect(maskIdNumber('002X')).toBe('**************002X');
    });
  });

  describe(checkAnswer.name, () => {
    it('takes booleans for judge, one shown letter for single, distinct shown letters for multiple, null to clear', () => {
      expect(checkAnswer({ type: 'judge', optionCount: 0 }, false)).toEqual({ ok: true, value: false });
      expect(checkAnswer({ type: 'judge', optionCount: 0 }, 'A').ok).toBe(false);
      expect(checkAnswer({ type: 'single', optionCount: 3 }, 'C')).toEqual({ ok: true, value: 'C' });
      expect(checkAnswer({ type: 'single', optionCount: 3 }, 'D').ok).toBe(false);
      expect(checkAnswer({ type: 'multiple', optionCount: 4 }, ['D', 'A'])).toEqual({ ok: true, value: ['A', 'D'] });
      expect(checkAnswer({ type: 'multiple', optionCount: 4 }, ['A', 'A']).ok).toBe(false);
      expect(checkAnswer({ type: 'multiple', optionCount: 4 }, []).ok).toBe(false);
      expect(checkAnswer({ type: 'multiple', optionCount: 4 }, null)).toEqual({ ok: true, value: null });
    });
  });

  describe(scoreAttempt.name, () => {
    const positions = [
      { position: 1, itemId: 'j', type: 'judge' as const, points: 20, key: true, order: null },
      { position: 2, itemId: 's', type: 'single' as const, points: 40, key: 'B', order: [2, 0, 3, 1] },
      { position: 3, itemId: 'm', type: 'multiple' as const, points: 40, key: ['A', 'C'], order: [1, 0, 3, 2] },
    ];

    it("maps the candidate's letters back through their option order before comparing", () => {
      expect(toOriginalLetters('D', [2, 0, 3, 1])).toBe('B');
      expect(toOriginalLetters(['B', 'D'], [1, 0, 3, 2])).toEqual(['A', 'C']);
      const r = scoreAttempt(
        positions,
        new Map<number, unknown>([
          [1, true],
          [2, 'D'],
          [3, ['B', 'D']],
        ]) as never,
        'all-or-nothing',
        60,
      );
      expect(r).toMatchObject({ score: 100, passed: true });
    });

    it('gives nothing for a subset under all-or-nothing and half under partial credit, nothing with a wrong letter', () => {
      expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C'], 'all-or-nothing')).toBe(0);
      expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C'], 'partial')).toBe(2);
      expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'B'], 'partial')).toBe(0);
      expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C', 'D'], 'partial')).toBe(4);
      expect(creditFor('single', 1, 'B', null, 'partial')).toBe(0);
    });

    it('passes at the pass mark exactly', () => {
      const r = scoreAttempt(
        positions,
        new Map<number, unknown>([
          [1, true],
          [2, 'D'],
        ]) as never,
        'all-or-nothing',
        60,
      );
      expect(r).toMatchObject({ score: 60, passed: true, earned: 60, total: 100 });
    });
  });

  describe(itemStatistics.name, () => {
    it('computes p-values and a corrected point-biserial; null without variance', () => {
      const attempts = [
        {
          total: 2,
          detail: [
            { itemId: 'a', points: 1, credit: 1 },
            { itemId: 'b', points: 1, credit: 1 },
          ],
        },
        {
          total: 1,
          detail: [
            { itemId: 'a', points: 1, credit: 0 },
            { itemId: 'b', points: 1, credit: 1 },
          ],
        },
        {
          total: 0,
          detail: [
            { itemId: 'a', points: 1, credit: 0 },
            { itemId: 'b', points: 1, credit: 0 },
          ],
        },
      ];
      const [a, b] = itemStatistics(attempts);
      expect(a).toMatchObject({ itemId: 'a', n: 3, pValue: 0.3333 });
      expect(b.pValue).toBe(0.6667);
      expect(correlation([1, 1], [3, 4])).toBeNull();
      expect(correlation([0, 1, 0], [1, 2, 0])).toBeCloseTo(Math.sqrt(3) / 2, 10);
    });
  });

  describe(validateRoster.name, () => {
    it('reports every bad entry with where it came from', () => {
      const rows = [
        { ticketNo: 'T1', name: '张三', idNumber: '11010519491231002X' },
        { ticketNo: 'T1', name: '', idNumber: '110105194912310021' },
      ];
      expect(validateRoster(rows, new Set(), (i) => ({ row: i + 2 })).map((e) => [e.row, e.code])).toEqual([
        [3, 'TICKET_NO_DUPLICATE'],
        [3, 'NAME_INVALID'],
        [3, 'ID_NUMBER_INVALID'],
      ]);
    });

    it('reads CSV with BOM, quotes and CRLF', () => {
      expect(parseCsv('\uFEFFa,"b ""x"", y"\r\n1,2\n')).toEqual([
        ['a', 'b "x", y'],
        ['1', '2'],
      ]);
    });
  });
});
