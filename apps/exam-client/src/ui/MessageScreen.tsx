import type { ReactNode } from 'react';
import { PageBar } from './PageBar';

/** A full page with a title, a message and optional actions (session replaced, another tab, loading, offline). */
export function MessageScreen({
  title,
  body,
  testId,
  tone = 'info',
  children,
}: {
  title: string;
  body?: string;
  testId?: string;
  tone?: 'info' | 'warn';
  children?: ReactNode;
}) {
  return (
    <div className="page page--center">
      <PageBar />
      <main
        className={`card card--narrow message message--${tone}`}
        data-testid={testId}
        aria-labelledby="message-title"
      >
        <h1 id="message-title" className="card__title">
          {title}
        </h1>
        {body && <p className="card__lead">{body}</p>}
        {children}
      </main>
    </div>
  );
}
