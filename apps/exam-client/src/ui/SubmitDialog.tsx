import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';

export interface SubmitDialogProps {
  unanswered: number[];
  marked: number[];
  pendingUploads: number;
  onConfirm: () => void;
  onCancel: () => void;
  onGo: (position: number) => void;
}

/** A modal that lists unanswered and marked questions before the candidate submits. */
export function SubmitDialog({ unanswered, marked, pendingUploads, onConfirm, onCancel, onGo }: SubmitDialogProps) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key !== 'Tab') return;
    // Keep focus inside the dialog.
    const focusable = dialogRef.current?.querySelectorAll<HTMLElement>('button:not([disabled])');
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="backdrop" data-testid="submit-dialog">
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="submit-title"
        aria-describedby="submit-lead"
        onKeyDown={onKeyDown}
      >
        <h2 id="submit-title" className="dialog__title">
          {t('submit.title')}
        </h2>
        <p id="submit-lead" className="dialog__lead">
          {t('submit.lead')}
        </p>
        {unanswered.length === 0 && marked.length === 0 && (
          <p className="callout callout--ok">{t('submit.allAnswered')}</p>
        )}
        <PositionList
          title={t('submit.unanswered', { count: unanswered.length })}
          positions={unanswered}
          testId="submit-unanswered"
          onGo={onGo}
          tone="warn"
        />
        <PositionList
          title={t('submit.marked', { count: marked.length })}
          positions={marked}
          testId="submit-marked"
          onGo={onGo}
          tone="mark"
        />
        {pendingUploads > 0 && (
          <p className="callout callout--info">{t('submit.pending', { count: pendingUploads })}</p>
        )}
        <div className="dialog__actions">
          <button
            ref={cancelRef}
            type="button"
            className="btn btn--secondary btn--large"
            data-testid="submit-cancel"
            onClick={onCancel}
          >
            {t('submit.cancel')}
          </button>
          <button type="button" className="btn btn--danger btn--large" data-testid="submit-confirm" onClick={onConfirm}>
            {t('submit.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

function PositionList({
  title,
  positions,
  testId,
  tone,
  onGo,
}: {
  title: string;
  positions: number[];
  testId: string;
  tone: 'warn' | 'mark';
  onGo: (p: number) => void;
}) {
  const { t } = useI18n();
  if (positions.length === 0) return null;
  return (
    <section className="dialog__section" data-testid={testId}>
      <h3 className="dialog__subtitle">{title}</h3>
      <ul className="chips">
        {positions.map((p) => (
          <li key={p}>
            <button
              type="button"
              className={`chip chip--${tone}`}
              aria-label={t('submit.goTo', { n: p })}
              onClick={() => onGo(p)}
            >
              {p}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
