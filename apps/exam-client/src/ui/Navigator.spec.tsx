import { fireEvent, render, screen, within } from '@testing-library/react';
import type { AttemptItemView } from '@jianding/api-client';
import type { DisplayedAnswer } from '../journal/reconcile';
import { cellState, Navigator } from './Navigator';

function items(): AttemptItemView[] {
  const judge = [1, 2, 3].map((position) => ({
    position,
    type: 'judge' as const,
    stem: `J${position}`,
    options: [],
    points: 1,
  }));
  const single = [4, 5].map((position) => ({
    position,
    type: 'single' as const,
    stem: `S${position}`,
    options: [
      { key: 'A', text: 'a' },
      { key: 'B', text: 'b' },
    ],
    points: 1,
  }));
  return [...judge, ...single];
}

function renderNavigator(answers: Map<number, DisplayedAnswer>, marks: Set<number>, current: number, onGo = jest.fn()) {
  render(<Navigator items={items()} answers={answers} marks={marks} current={current} onGo={onGo} />);
  return onGo;
}

describe(Navigator.name, () => {
  it('shows each question as answered or unanswered, marked and current', () => {
    const answers = new Map<number, DisplayedAnswer>([
      [1, { answer: true, seq: 1 }],
      [4, { answer: 'B', seq: 2 }],
      [5, { answer: null, seq: 3 }], // cleared: counts as unanswered
    ]);
    renderNavigator(answers, new Set([2, 4]), 3);

    const cell = (n: number) => screen.getByTestId(`nav-item-${n}`);
    expect(cell(1).getAttribute('data-answered')).toBe('true');
    expect(cell(1).getAttribute('data-marked')).toBe('false');
    expect(cell(1).getAttribute('data-state')).toBe('answered');
    expect(cell(2).getAttribute('data-state')).toBe('unanswered marked');
    expect(cell(3).getAttribute('data-state')).toBe('unanswered current');
    expect(cell(3).getAttribute('aria-current')).toBe('true');
    expect(cell(1).hasAttribute('aria-current')).toBe(false);
    expect(cell(4).getAttribute('data-state')).toBe('answered marked');
    expect(cell(5).getAttribute('data-answered')).toBe('false');
    expect(screen.getByTestId('progress').textContent).toContain('已答 2 / 5');
  });

  it('groups consecutive questions by type', () => {
    renderNavigator(new Map(), new Set(), 1);
    const nav = screen.getByTestId('navigator');
    const groups = within(nav).getAllByRole('region');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['判断题', '单选题']);
    expect(
      within(groups[1]!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['4', '5']);
  });

  it('goes to the question whose cell is clicked', () => {
    const onGo = renderNavigator(new Map(), new Set(), 1);
    fireEvent.click(screen.getByTestId('nav-item-5'));
    expect(onGo).toHaveBeenCalledWith(5);
  });
});

describe(cellState.name, () => {
  it('lists the states as space-separated tokens', () => {
    expect(cellState(true, true, true)).toBe('answered marked current');
    expect(cellState(false, false, false)).toBe('unanswered');
  });
});
