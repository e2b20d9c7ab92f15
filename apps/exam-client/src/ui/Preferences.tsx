import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';

const LARGE_KEY = 'jianding.exam.largeText';

/** Language and large-text toggles, shown on every screen. */
export function Preferences() {
  const { lang, setLang, t } = useI18n();
  const [large, setLarge] = useState<boolean>(() => {
    try {
      return localStorage.getItem(LARGE_KEY) === '1';
    } catch {
      return false;
    }
  });
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', large);
    try {
      localStorage.setItem(LARGE_KEY, large ? '1' : '0');
    } catch {
      /* preference only */
    }
  }, [large]);

  return (
    <div className="prefs">
      <button
        type="button"
        className="btn btn--ghost btn--small"
        lang={lang === 'zh' ? 'en' : 'zh-CN'}
        aria-label={t('pref.languageLabel')}
        data-testid="lang-toggle"
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {t('pref.language')}
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        aria-pressed={large}
        aria-label={t('pref.largeTextLabel')}
        data-testid="large-text-toggle"
        onClick={() => setLarge((v) => !v)}
      >
        <span aria-hidden="true" className="prefs__aa">
          A<span className="prefs__aa-big">A</span>
        </span>
        {t('pref.largeText')}
      </button>
    </div>
  );
}
