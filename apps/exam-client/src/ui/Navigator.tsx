import type { AttemptItemView, TheoryType } from '@jianding/api-client';
import type { DisplayedAnswer } from '../journal/reconcile';
import { isAnswered } from '../exam/answers';
import { useI18n } from '../i18n/i18n';

export interface NavigatorProps {
  items: readonly AttemptItemView[];
  answers: ReadonlyMap<number, DisplayedAnswer>;
  marks: ReadonlySet<number>;
  current: number;
  onGo: (position: number) => void;
}

interface Group {
  type: TheoryType;
  items: AttemptItemView[];
}

/** Consecutive runs of one item type (判断题 1–20, 单选题 21–100, …). */
function groupByType(items: readonly AttemptItemView[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.type === item.type) last.items.push(item);
    else groups.push({ type: item.type, items: [item] });
  }
  return groups;
}

/** Space-separated tokens ("answered marked current") so tests and CSS can match one with `~=`. */
export function cellState(answered: boolean, marked: boolean, current: boolean): string {
  return [answered ? 'answered' : 'unanswered', marked && 'marked', current && 'current'].filter(Boolean).join(' ');
}

/** The answer sheet: one cell per question showing answered / unanswered, marked and current. */
export function Navigator({ items, answers, marks, current, onGo }: NavigatorProps) {
  const { t } = useI18n();
  const answeredCount = items.filter((i) => isAnswered(answers.get(i.position)?.answer)).length;

  return (
    <nav className="sheet" aria-label={t('nav.title')} data-testid="navigator">
      <div className="sheet__head">
        <h2 className="sheet__title">{t('nav.title')}</h2>
        <span className="sheet__progress" data-testid="progress">
          {t('nav.progress', { answered: answeredCount, total: items.length })}
        </span>
      </div>
      <progress
        className="sheet__meter"
        max={items.length}
        value={answeredCount}
        aria-label={t('nav.progress', { answered: answeredCount, total: items.length })}
      />
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="legend__swatch cell--answered" />
          {t('nav.answered')}
        </li>
        <li>
          <span className="legend__swatch" />
          {t('nav.unanswered')}
        </li>
        <li>
          <span className="legend__swatch cell--marked-swatch" />
          {t('nav.marked')}
        </li>
        <li>
          <span className="legend__swatch cell--current-swatch" />
          {t('nav.current')}
        </li>
      </ul>
      <div className="sheet__groups">
        {groupByType(items).map((group) => (
          <section
            key={`${group.type}-${group.items[0]?.position}`}
            className="sheet__group"
            aria-label={t(`type.${group.type}`)}
          >
            <h3 className="sheet__group-title">
              {t(`type.${group.type}`)}
              <span className="sheet__range">
                {group.items[0]?.position}–{group.items[group.items.length - 1]?.position}
              </span>
            </h3>
            <ol className="grid">
              {group.items.map((item) => {
                const answered = isAnswered(answers.get(item.position)?.answer);
                const marked = marks.has(item.position);
                const isCurrent = item.position === current;
                const state = [
                  answered ? t('nav.answered') : t('nav.unanswered'),
                  marked ? t('nav.marked') : null,
                  isCurrent ? t('nav.current') : null,
                ]
                  .filter(Boolean)
                  .join('，');
                return (
                  <li key={item.position}>
                    <button
                      type="button"
                      className={`cell${answered ? ' cell--answered' : ''}${marked ? ' cell--marked' : ''}${isCurrent ? ' cell--current' : ''}`}
                      data-testid={`nav-item-${item.position}`}
                      data-state={cellState(answered, marked, isCurrent)}
                      data-answered={answered}
                      data-marked={marked}
                      aria-current={isCurrent ? 'true' : undefined}
                      aria-label={t('nav.cellLabel', { n: item.position, state })}
                      onClick={() => onGo(item.position)}
                    >
                      {item.position}
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </nav>
  );
}
