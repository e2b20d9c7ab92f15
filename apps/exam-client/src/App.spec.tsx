import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from './App';
import type { AppDeps } from './app/open-exam';
import { createStartedStore } from './app/started-store';
import type { AttemptItemView } from '@jianding/api-client';
import { createMemoryMarksStore } from './exam/marks-store';
import { createMemoryPositionStore } from './exam/position-store';
import { I18nProvider } from './i18n/i18n';
import { MemoryJournalStorage } from './journal/memory-storage';
import type { FullscreenPort } from './lockdown/fullscreen';
import { FakeExamApi } from './test/fake-exam-api';

const items: AttemptItemView[] = [
  { position: 1, type: 'judge', stem: '安全电压不高于 36 V。', options: [], points: 40 },
  {
    position: 2,
    type: 'single',
    stem: '我国工频交流电的频率是',
    options: ['50 Hz', '60 Hz', '100 Hz'].map((text, i) => ({ key: 'ABC'[i]!, text })),
    points: 30,
  },
  {
    position: 3,
    type: 'multiple',
    stem: '属于绝缘材料的有',
    options: ['橡胶', '铜', '陶瓷', '铝'].map((text, i) => ({ key: 'ABCD'[i]!, text })),
    points: 30,
  },
];
const key = new Map<number, boolean | string | string[]>([
  [1, true],
  [2, 'A'],
  [3, ['A', 'C']],
]);

class FakeFullscreen implements FullscreenPort {
  private on = false;
  private readonly listeners = new Set<() => void>();
  isFullscreen = () => this.on;
  request = async () => this.set(true);
  exit = async () => this.set(false);
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  set(on: boolean): void {
    this.on = on;
    this.listeners.forEach((l) => l());
  }
}

function setup(api = new FakeExamApi(items, key), token: string | null = null, startedAttempts: string[] = []) {
  let stored = token;
  const started = createStartedStore(undefined);
  startedAttempts.forEach((id) => started.set(id));
  const deps: AppDeps = {
    api,
    tokens: { get: () => stored, set: (t) => (stored = t), clear: () => (stored = null) },
    storage: async () => new MemoryJournalStorage(),
    marks: createMemoryMarksStore(),
    positions: createMemoryPositionStore(),
    started,
    tabLock: async () => () => undefined,
  };
  const fullscreen = new FakeFullscreen();
  const view = render(
    <I18nProvider initial="zh">
      <App deps={deps} fullscreen={fullscreen} />
    </I18nProvider>,
  );
  return { api, deps, fullscreen, view };
}

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

const key$ = (k: string) => fireEvent.keyDown(window, { key: k });

describe(App.name, () => {
  it('signs in, answers by mouse and keyboard, lists the unanswered on submit and shows the score', async () => {
    const { api, view } = setup();
    fireEvent.change(screen.getByTestId('signin-ticket'), { target: { value: 'T1' } });
    fireEvent.change(screen.getByTestId('signin-id'), { target: { value: 'ID1' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await flush();

    fireEvent.click(screen.getByTestId('start-exam'));
    await flush();
    expect(screen.getByTestId('question-position').textContent).toBe('1 / 3');

    fireEvent.click(screen.getByTestId('option-true'));
    key$('ArrowRight');
    expect(screen.getByTestId('question-stem').textContent).toBe('我国工频交流电的频率是');
    key$('1'); // option A
    fireEvent.click(screen.getByTestId('mark-review'));
    await flush();

    const nav2 = screen.getByTestId('nav-item-2');
    expect(nav2.getAttribute('data-state')).toBe('answered marked current');
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    expect(api.puts.map((p) => p.seq)).toEqual([1, 2]);

    fireEvent.click(screen.getByTestId('submit-open'));
    expect(screen.getByTestId('submit-unanswered').textContent).toContain('3');
    fireEvent.click(screen.getByTestId('submit-confirm'));
    await flush();

    expect(screen.getByTestId('result-score').textContent).toBe('70');
    expect(screen.getByTestId('result-passed').getAttribute('data-passed')).toBe('true');
    view.unmount();
  });

  it('resumes with a stored token on the server position, past the instructions once started', async () => {
    const api = new FakeExamApi(items, key);
    api.position = 3;
    await api.putAnswer(1, { answer: false, seq: 1, clientTime: '' });
    const { view } = setup(api, 'tok', ['att-1']);
    await flush();

    expect(screen.getByTestId('question-position').textContent).toBe('3 / 3');
    expect(screen.getByTestId('nav-item-1').getAttribute('data-answered')).toBe('true');
    // Not fullscreen after a reload: the exam is covered until the candidate returns to fullscreen.
    expect(screen.getByTestId('fullscreen-warning')).toBeTruthy();
    fireEvent.click(screen.getByTestId('fullscreen-return'));
    await flush();
    expect(screen.queryByTestId('fullscreen-warning')).toBeNull();
    view.unmount();
  });

  it('keeps answering offline, shows the waiting count, and uploads in order when the network returns', async () => {
    const api = new FakeExamApi(items, key);
    const { fullscreen, view } = setup(api, 'tok', ['att-1']);
    await flush();
    await act(async () => fullscreen.set(true));

    api.offline = true;
    fireEvent.click(screen.getByTestId('option-false'));
    await flush();
    key$('ArrowRight');
    key$('B');
    await flush();
    const status = screen.getByTestId('save-status');
    expect(status.getAttribute('data-state')).toBe('offline');
    expect(status.getAttribute('data-pending')).toBe('2');
    expect(status.textContent).toContain('离线 — 2 条答案待上传');

    api.offline = false;
    await act(async () => void window.dispatchEvent(new Event('online')));
    await flush();
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    expect(api.puts.map((p) => [p.seq, p.position])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect([...api.answers.values()].map((a) => a.answer)).toEqual([false, 'B']);
    view.unmount();
  });

  it('shows why sign-in failed', async () => {
    const { view } = setup();
    fireEvent.change(screen.getByTestId('signin-ticket'), { target: { value: 'T1' } });
    fireEvent.change(screen.getByTestId('signin-id'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await flush();
    expect(screen.getByTestId('signin-error').textContent).toContain('准考证号或身份证号不正确');
    view.unmount();
  });
});
