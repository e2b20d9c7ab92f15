import { forwardRef } from 'react';
import type { AnswerValue, AttemptItemView } from '@jianding/api-client';
import { isAnswered, isSelected, type Choice } from '../exam/answers';
import { useI18n } from '../i18n/i18n';

export interface QuestionPanelProps {
  item: AttemptItemView;
  total: number;
  answer: AnswerValue | undefined;
  marked: boolean;
  disabled: boolean;
  onChoose: (choice: Choice) => void;
  onClear: () => void;
}

interface Row {
  testKey: string;
  badge: string;
  text: string;
  choice: Choice;
}

/** One question: type, number, points, stem, and the options as large clickable rows. */
export const QuestionPanel = forwardRef<HTMLHeadingElement, QuestionPanelProps>(function QuestionPanel(
  { item, total, answer, marked, disabled, onChoose, onClear },
  headingRef,
) {
  const { t } = useI18n();
  const multiple = item.type === 'multiple';
  const rows: Row[] =
    item.type === 'judge'
      ? [
          { testKey: 'true', badge: 'A', text: t('judge.true'), choice: true },
          { testKey: 'false', badge: 'B', text: t('judge.false'), choice: false },
        ]
      : item.options.map((o) => ({ testKey: o.key, badge: o.key, text: o.text, choice: o.key }));
  const stemId = `stem-${item.position}`;
  const hintId = `hint-${item.position}`;

  return (
    <section
      className="question"
      aria-labelledby={`qtitle-${item.position}`}
      data-testid="question"
      data-position={item.position}
      data-type={item.type}
    >
      <header className="question__head">
        <span className={`tag tag--${item.type}`} data-testid="question-type">
          {t(`type.${item.type}`)}
        </span>
        <h2 id={`qtitle-${item.position}`} className="question__title" ref={headingRef} tabIndex={-1}>
          {t('question.number', { n: item.position })}
          <span className="question__of"> {t('question.of', { total })}</span>
        </h2>
        <span className="question__position" data-testid="question-position">
          {item.position} / {total}
        </span>
        <span className="question__points" data-testid="question-points">
          {t('question.points', { points: item.points })}
        </span>
        {marked && (
          <span className="question__flag" data-testid="question-marked">
            <span aria-hidden="true">⚑ </span>
            {t('nav.marked')}
          </span>
        )}
      </header>
      <p id={stemId} className="question__stem" data-testid="question-stem">
        {item.stem}
      </p>
      {multiple && (
        <p id={hintId} className="question__hint">
          {t('type.multipleHint')}
        </p>
      )}
      <fieldset className="options" aria-describedby={multiple ? `${stemId} ${hintId}` : stemId} disabled={disabled}>
        <legend className="visually-hidden">{t('question.options')}</legend>
        {rows.map((row) => {
          const selected = isSelected(answer, row.choice);
          return (
            <label
              key={row.testKey}
              className={`option${selected ? ' option--selected' : ''}`}
              data-testid={`option-${row.testKey}`}
              data-selected={selected}
            >
              <input
                className="option__input"
                type={multiple ? 'checkbox' : 'radio'}
                name={`q-${item.position}`}
                value={String(row.choice)}
                checked={selected}
                onChange={() => onChoose(row.choice)}
              />
              <span className="option__key" aria-hidden="true">
                {row.badge}
              </span>
              <span className="option__text">{row.text}</span>
            </label>
          );
        })}
      </fieldset>
      <div className="question__tools">
        <button
          type="button"
          className="btn btn--link"
          onClick={onClear}
          disabled={disabled || !isAnswered(answer)}
          data-testid="clear-answer"
        >
          {t('question.clear')}
        </button>
      </div>
    </section>
  );
});
