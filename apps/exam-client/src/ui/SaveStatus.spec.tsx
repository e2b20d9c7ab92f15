import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import type { JournalStatus } from '../journal/types';
import { SaveStatus, saveState } from './SaveStatus';

const idle: JournalStatus = {
  pendingAnswers: 0,
  pendingEvents: 0,
  sending: false,
  offline: false,
  failures: 0,
  stopped: null,
  storageDegraded: false,
  storageKind: 'memory',
  lastSavedAt: null,
};

function renderStatus(patch: Partial<JournalStatus>, lang: 'zh' | 'en' = 'zh') {
  render(
    <I18nProvider initial={lang}>
      <SaveStatus status={{ ...idle, ...patch }} />
    </I18nProvider>,
  );
  return screen.getByTestId('save-status');
}

describe(SaveStatus.name, () => {
  it('says saved when nothing is waiting', () => {
    const el = renderStatus({});
    expect(el.getAttribute('data-state')).toBe('saved');
    expect(el.getAttribute('data-pending')).toBe('0');
    expect(el.textContent).toContain('已保存');
  });

  it('says saving while answers are on their way', () => {
    const el = renderStatus({ pendingAnswers: 2, sending: true });
    expect(el.getAttribute('data-state')).toBe('saving');
    expect(el.getAttribute('data-pending')).toBe('2');
    expect(el.textContent).toContain('保存中');
  });

  it('says offline with the number of answers waiting', () => {
    const el = renderStatus({ pendingAnswers: 3, offline: true, failures: 4 });
    expect(el.getAttribute('data-state')).toBe('offline');
    expect(el.getAttribute('data-pending')).toBe('3');
    expect(el.textContent).toContain('离线 — 3 条答案待上传');
  });

  it('speaks English when asked', () => {
    expect(renderStatus({ pendingAnswers: 1, offline: true }, 'en').textContent).toContain(
      'Offline — 1 answers waiting to upload',
    );
  });

  it('warns when this computer cannot store answers', () => {
    expect(renderStatus({ storageDegraded: true }).textContent).toContain('本机存储不可用');
  });
});

describe(saveState.name, () => {
  it('puts offline before saving', () => {
    expect(saveState({ ...idle, pendingAnswers: 1, offline: true })).toBe('offline');
    expect(saveState({ ...idle, pendingAnswers: 1 })).toBe('saving');
    expect(saveState(idle)).toBe('saved');
  });
});
