import { useEffect, useRef, useState } from 'react';
import type { FinishReason } from '../exam/exam-controller';
import { useI18n } from '../i18n/i18n';
import { Countdown } from './Countdown';

/** Covers the exam while the page is not fullscreen. */
export function FullscreenWarning({
  onReturn,
  remainingMs,
}: {
  onReturn: () => Promise<void>;
  remainingMs: () => number;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => buttonRef.current?.focus(), []);
  return (
    <div
      className="cover"
      data-testid="fullscreen-warning"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="fs-title"
      aria-describedby="fs-body"
    >
      <div className="cover__panel">
        <div className="cover__icon" aria-hidden="true">
          ⛶
        </div>
        <h2 id="fs-title" className="cover__title">
          {t('fullscreen.title')}
        </h2>
        <p id="fs-body" className="cover__body">
          {t('fullscreen.body')}
        </p>
        <Countdown remainingMs={remainingMs} compact testId="fullscreen-countdown" />
        {failed && (
          <p className="callout callout--error" role="alert">
            {t('fullscreen.failed')}
          </p>
        )}
        <button
          ref={buttonRef}
          type="button"
          className="btn btn--primary btn--large"
          data-testid="fullscreen-return"
          onClick={() => {
            setFailed(false);
            onReturn().catch(() => setFailed(true));
          }}
        >
          {t('fullscreen.button')}
        </button>
      </div>
    </div>
  );
}

/** Covers the exam while a proctor has paused it; the countdown shown stands still. */
export function PausedOverlay({ remainingMs }: { remainingMs: () => number }) {
  const { t } = useI18n();
  return (
    <div
      className="cover"
      data-testid="paused"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="paused-title"
      aria-describedby="paused-body"
    >
      <div className="cover__panel">
        <div className="cover__icon" aria-hidden="true">
          {/* Drawn, not a character: the pause sign is missing from common CJK fonts. */}
          <svg viewBox="0 0 24 24" width="48" height="48">
            <rect x="5" y="4" width="5" height="16" rx="1" fill="currentColor" />
            <rect x="14" y="4" width="5" height="16" rx="1" fill="currentColor" />
          </svg>
        </div>
        <h2 id="paused-title" className="cover__title" tabIndex={-1} ref={(el) => el?.focus()}>
          {t('paused.title')}
        </h2>
        <p id="paused-body" className="cover__body">
          {t('paused.body')}
        </p>
        <Countdown remainingMs={remainingMs} compact testId="paused-countdown" />
      </div>
    </div>
  );
}

/** Shown while the exam is being submitted (button, time up, deadline). */
export function FinishingOverlay({ reason, retrying }: { reason: FinishReason; retrying: boolean }) {
  const { t } = useI18n();
  return (
    <div
      className="cover"
      data-testid="finishing"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="finishing-title"
      aria-busy="true"
    >
      <div className="cover__panel">
        <div className="spinner" aria-hidden="true" />
        <h2 id="finishing-title" className="cover__title">
          {t(reason === 'time' ? 'finishing.time' : reason === 'deadline' ? 'finishing.deadline' : 'finishing.submit')}
        </h2>
        {retrying && (
          <p className="cover__body" role="status">
            {t('finishing.retrying')}
          </p>
        )}
      </div>
    </div>
  );
}
