import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@jianding/api-client';
import { useI18n } from '../i18n/i18n';
import { isMessageKey } from '../i18n/dictionary';
import { PageBar } from './PageBar';

export interface SignInScreenProps {
  onSignIn: (ticketNo: string, idNumber: string) => Promise<void>;
  /** A message to show above the form (e.g. the sign-in expired). */
  notice?: string | null;
}

export function SignInScreen({ onSignIn, notice }: SignInScreenProps) {
  const { t } = useI18n();
  const [ticketNo, setTicketNo] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ticketId = useId();
  const idId = useId();
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ticket = ticketNo.trim();
    const id = idNumber.trim().toUpperCase();
    if (!ticket || !id) {
      setError(t('signin.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(ticket, id);
    } catch (err) {
      setError(describeSignInError(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="page page--center">
      <PageBar />
      <main className="card card--narrow" aria-labelledby="signin-title">
        <h1 id="signin-title" className="card__title">
          {t('signin.title')}
        </h1>
        <p className="card__lead">{t('signin.lead')}</p>
        {notice && (
          <p className="callout callout--info" role="status">
            {notice}
          </p>
        )}
        <form className="form" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
          <div className="field">
            <label htmlFor={ticketId}>{t('signin.ticket')}</label>
            <input
              id={ticketId}
              data-testid="signin-ticket"
              name="ticketNo"
              autoComplete="off"
              inputMode="text"
              spellCheck={false}
              autoFocus
              value={ticketNo}
              onChange={(e) => setTicketNo(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
            <span className="field__hint">{t('signin.ticketHint')}</span>
          </div>
          <div className="field">
            <label htmlFor={idId}>{t('signin.idNumber')}</label>
            <input
              id={idId}
              data-testid="signin-id"
              name="idNumber"
              autoComplete="off"
              spellCheck={false}
              maxLength={18}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
            <span className="field__hint">{t('signin.idHint')}</span>
          </div>
          {error && (
            <p id={errorId} className="callout callout--error" role="alert" data-testid="signin-error">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="btn btn--primary btn--block btn--large"
            data-testid="signin-submit"
            disabled={busy}
          >
            {busy ? t('signin.submitting') : t('signin.submit')}
          </button>
        </form>
        <p className="card__foot">{t('signin.footer')}</p>
      </main>
    </div>
  );
}

function describeSignInError(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('signin.error.network');
    const key = `signin.error.${err.code ?? ''}`;
    if (isMessageKey(key)) return t(key);
    return t('signin.error.unknown', { message: err.message });
  }
  return t('signin.error.unknown', { message: String(err) });
}
