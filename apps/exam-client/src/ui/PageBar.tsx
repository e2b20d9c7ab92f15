import { Preferences } from './Preferences';
import { useI18n } from '../i18n/i18n';

/** The top bar of every full page outside the exam: the mark, the title and the language / text-size switches. */
export function PageBar() {
  const { t } = useI18n();
  return (
    <header className="page__bar">
      <span className="brand">
        <span className="brand__mark" aria-hidden="true">
          鉴
        </span>
        {t('app.title')}
      </span>
      <Preferences />
    </header>
  );
}
