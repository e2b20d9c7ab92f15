import type { ExamOutcome } from '../exam/exam-controller';
import { useI18n } from '../i18n/i18n';
import { PageBar } from './PageBar';

export const PASS_MARK = 60;

export interface ResultScreenProps {
  outcome: ExamOutcome;
  candidateName?: string;
  onLeave: () => void;
}

/** Score with 合格/不合格 when the policy shows results, otherwise "已交卷". */
export function ResultScreen({ outcome, candidateName, onLeave }: ResultScreenProps) {
  const { t } = useI18n();
  const hasScore = outcome.showResult && typeof outcome.score === 'number';
  const passed = hasScore ? (outcome.passed ?? (outcome.score as number) >= PASS_MARK) : false;

  return (
    <div className="page page--center">
      <PageBar />
      <main
        className="card card--narrow result"
        aria-labelledby="result-title"
        data-testid={hasScore ? 'result' : 'submitted-message'}
      >
        <div className="result__check" aria-hidden="true">
          ✓
        </div>
        <h1 id="result-title" className="card__title">
          {hasScore ? t('result.title') : t('result.submitted')}
        </h1>
        {candidateName && <p className="result__name">{candidateName}</p>}
        {hasScore ? (
          <>
            <p className="result__score">
              <span className="visually-hidden">{t('result.score')}: </span>
              <span className="result__number" data-testid="result-score">
                {formatScore(outcome.score as number)}
              </span>
              <span className="result__unit">{t('result.scoreUnit')}</span>
            </p>
            <p
              className={`verdict ${passed ? 'verdict--pass' : 'verdict--fail'}`}
              data-testid="result-passed"
              data-passed={passed}
            >
              {passed ? t('result.passed') : t('result.failed')}
            </p>
            <p className="result__note">{t('result.passMark')}</p>
          </>
        ) : (
          <p className="card__lead">{t('result.submittedBody')}</p>
        )}
        <p className="result__note">{t('result.thanks')}</p>
        <button type="button" className="btn btn--secondary" data-testid="sign-out" onClick={onLeave}>
          {t('result.leave')}
        </button>
      </main>
    </div>
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
