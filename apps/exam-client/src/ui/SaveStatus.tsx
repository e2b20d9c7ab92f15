import type { JournalStatus } from '../journal/types';
import { useI18n } from '../i18n/i18n';

export type SaveState = 'saved' | 'saving' | 'offline';

export function saveState(status: JournalStatus): SaveState {
  if (status.offline) return 'offline';
  if (status.pendingAnswers > 0) return 'saving';
  return 'saved';
}

/** 已保存 / 保存中 / 离线 — N 条答案待上传. */
export function SaveStatus({ status }: { status: JournalStatus }) {
  const { t } = useI18n();
  const state = saveState(status);
  const text =
    state === 'offline'
      ? status.pendingAnswers > 0
        ? t('save.offline', { count: status.pendingAnswers })
        : t('save.offlineNone')
      : state === 'saving'
        ? t('save.saving')
        : t('save.saved');
  return (
    <div
      className={`save save--${state}`}
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-state={state}
      data-pending={status.pendingAnswers}
    >
      <span className="save__dot" aria-hidden="true" />
      <span className="save__text">{text}</span>
      {status.storageDegraded && <span className="save__warn">{t('save.storageDegraded')}</span>}
    </div>
  );
}
