import { useState } from 'react';
import type { AttemptView } from '@jianding/api-client';
import { useI18n } from '../i18n/i18n';
import { isMessageKey } from '../i18n/dictionary';
import type { FullscreenPort } from '../lockdown/fullscreen';
import { Countdown } from './Countdown';
import { PageBar } from './PageBar';

export interface InstructionsScreenProps {
  attempt: AttemptView;
  remainingMs: () => number;
  fullscreen: FullscreenPort;
  onStart: () => void;
}

export function InstructionsScreen({ attempt, remainingMs, fullscreen, onStart }: InstructionsScreenProps) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const totalPoints = attempt.items.reduce((sum, i) => sum + i.points, 0);
  const counts = (['judge', 'single', 'multiple'] as const)
    .map((type) => ({ type, count: attempt.items.filter((i) => i.type === type).length }))
    .filter((c) => c.count > 0);

  async function start() {
    setFailed(false);
    try {
      await fullscreen.request();
      onStart();
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="page">
      <PageBar />
      <main className="card card--wide" aria-labelledby="instructions-title">
        <div className="instructions__head">
          <h1 id="instructions-title" className="card__title">
            {t('instructions.title')}
          </h1>
          <Countdown remainingMs={remainingMs} />
        </div>
        <dl className="facts">
          <div>
            <dt>{t('instructions.candidate')}</dt>
            <dd data-testid="candidate-name">{attempt.candidate.name}</dd>
          </div>
          <div>
            <dt>{t('instructions.ticket')}</dt>
            <dd>{attempt.candidate.ticketNo}</dd>
          </div>
          <div>
            <dt>{t('instructions.occupation')}</dt>
            <dd>{attempt.session.occupationName}</dd>
          </div>
          <div>
            <dt>{t('instructions.level')}</dt>
            <dd>{levelLabel(attempt.session.level, t)}</dd>
          </div>
          <div>
            <dt>{t('instructions.session')}</dt>
            <dd>{attempt.session.name}</dd>
          </div>
          <div>
            <dt>{t('instructions.items')}</dt>
            <dd>
              {t('instructions.itemsValue', { count: attempt.items.length, points: totalPoints })}
              <span className="facts__sub">{counts.map((c) => `${t(`type.${c.type}`)} ${c.count}`).join(' · ')}</span>
            </dd>
          </div>
        </dl>
        <ol className="rules">
          <li>{t('instructions.rule1')}</li>
          <li>{t('instructions.rule2')}</li>
          <li>{t('instructions.rule3')}</li>
          <li>{t('instructions.rule4')}</li>
          <li>{t('instructions.rule5')}</li>
        </ol>
        {failed && (
          <p className="callout callout--error" role="alert">
            {t('instructions.fullscreenFailed')}
          </p>
        )}
        <div className="instructions__start">
          <button
            type="button"
            className="btn btn--primary btn--large"
            data-testid="start-exam"
            onClick={() => void start()}
          >
            {t('instructions.start')}
          </button>
        </div>
      </main>
    </div>
  );
}

export function levelLabel(level: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `level.${level}`;
  return isMessageKey(key) ? t(key) : level;
}
