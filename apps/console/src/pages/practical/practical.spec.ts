import { ApiError } from '@jianding/api-client';
import { mayOpen, visiblePages } from '../../auth/access';
import { translator } from '../../i18n/i18n';
import { queryOf } from '../examiners/register';
import { examinerIdsOf, panelSizeOk, refusalMessage } from './refusal';
import { criteriaOf, missingLines, runningTotal, sheetState, valuesOf } from './sheet';

describe('examiner access', () => {
  it('gives an examiner the scoring page and the account, nothing else', () => {
    expect(visiblePages(['examiner'])).toEqual(['scoring', 'account']);
    expect(mayOpen(['examiner'], 'results')).toBe(false);
    expect(mayOpen(['examiner'], 'examiners')).toBe(false);
  });

  it('gives the centre the examiner register but not the scoring desk', () => {
    expect(mayOpen(['centre'], 'examiners')).toBe(true);
    expect(mayOpen(['centre'], 'scoring')).toBe(false);
  });
});

describe('score sheet arithmetic', () => {
  it('sends only the scored lines, by rubric index', () => {
    expect(criteriaOf([40, null, undefined, 7.5])).toEqual([
      { index: 0, points: 40 },
      { index: 3, points: 7.5 },
    ]);
  });

  it('totals the scored lines in half points without float noise', () => {
    expect(runningTotal([0.1, 0.2])).toBe(0.3);
    expect(runningTotal([12.5, null, 7.5])).toBe(20);
    expect(runningTotal([])).toBe(0);
  });

  it('names the unscored lines from 1, as the form numbers them', () => {
    expect(missingLines(3, [5, null])).toEqual([2, 3]);
    expect(missingLines(2, [0, 0])).toEqual([]);
  });

  it("fills the form from a saved draft, leaving the draft's gaps empty", () => {
    expect(valuesOf(3, [{ index: 2, points: 4 }])).toEqual([null, null, 4]);
    expect(valuesOf(2)).toEqual([null, null]);
  });

  it('tells a missing sheet, a draft and a signed sheet apart', () => {
    expect(sheetState(null)).toBe('none');
    expect(sheetState({ signedAt: null })).toBe('draft');
    expect(sheetState({ signedAt: '2026-01-01T00:00:00Z' })).toBe('signed');
  });
});

describe('panel refusals', () => {
  const zh = translator('zh');
  const names = new Map([
    ['a-1', '王建国'],
    ['b-2', '李秀英'],
  ]);

  it('names the examiners a refusal concerns, in Chinese', () => {
    const err = new ApiError(422, 'EXAMINER_CONFLICT', 'own institution', { examinerIds: ['b-2', 'a-1'] });
    expect(examinerIdsOf(err)).toEqual(['b-2', 'a-1']);
    const text = refusalMessage(zh, err, names);
    expect(text).toContain('回避');
    expect(text).toContain('涉及的考评员：李秀英、王建国。');
  });

  it('keeps an unknown examiner visible by a shortened id', () => {
    const err = new ApiError(422, 'EXAMINER_REPEAT_SITE', 'x', { examinerIds: ['0123456789abcdef'] });
    expect(refusalMessage(zh, err, names)).toContain('01234567');
  });

  it('gives the code alone its message when no examiner is named', () => {
    const err = new ApiError(422, 'PANEL_EVEN', 'even', { examinerIds: [] });
    expect(refusalMessage(zh, err, names)).toBe('考评组人数须为奇数（3、5、7 人……）。');
    expect(examinerIdsOf(new Error('x'))).toEqual([]);
  });

  it('accepts an odd panel of at least three', () => {
    expect([1, 2, 3, 4, 5].map(panelSizeOk)).toEqual([false, false, true, false, true]);
  });
});

describe('examiner register query', () => {
  it('reads the filters from the URL and ignores a level below 三级', () => {
    expect(queryOf(new URLSearchParams('occupation=6-31-01-03&level=2&active=false&q=王&page=3'))).toEqual({
      page: 3,
      pageSize: 20,
      occupation: '6-31-01-03',
      level: '2',
      active: 'false',
      q: '王',
    });
    expect(queryOf(new URLSearchParams('level=4&active=maybe'))).toEqual({ page: 1, pageSize: 20 });
  });
});
