import type { ReactNode } from 'react';
import { Preferences } from './Preferences';
import { useI18n } from '../i18n/i18n';

/** A full page with a title, a message and optional actions (session replaced, another tab, loading, offline). */
export function MessageScreen({ title, body, testId, tone = 'info', children }: { title: string; body?: string; testId?: string; tone?: 'info' | 'warn'; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="page page--center">
      <header className="page__bar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            鉴
          </span>
          {t('app.title')}
        </span>
        <Preferences />
      </header>
      <main className={`card card--narrow message message--${tone}`} data-testid={testId} aria-labelledby="message-title">
        <h1 id="message-title" className="card__title">
          {title}
        </h1>
        {body && <p className="card__lead">{body}</p>}
        {children}
      </main>
    </div>
  );
}
