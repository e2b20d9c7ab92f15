import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { createBrowserExamApi } from './api/exam-api';
import { createTokenStore } from './api/token-store';
import type { AppDeps } from './app/open-exam';
import { createStartedStore } from './app/started-store';
import { createLocalMarksStore } from './exam/marks-store';
import { createLocalPositionStore } from './exam/position-store';
import { I18nProvider } from './i18n/i18n';
import { openBrowserJournalStorage } from './journal/open-storage';
import type { JournalStorage } from './journal/types';
import { browserFullscreen } from './lockdown/fullscreen';
import { wasReloaded } from './lockdown/lockdown';
import { acquireTabLock } from './lockdown/tab-lock';

const tokens = createTokenStore();
let storage: Promise<JournalStorage> | null = null;

const deps: AppDeps = {
  api: createBrowserExamApi(() => tokens.get()),
  tokens,
  storage: () => (storage ??= openBrowserJournalStorage()),
  marks: createLocalMarksStore(),
  positions: createLocalPositionStore(),
  started: createStartedStore(),
  tabLock: (name) => acquireTabLock(name),
};

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// No <StrictMode>: its double-run effects would take the attempt's tab lock twice and the second
// attempt would report the exam as open in another window.
createRoot(container).render(
  <I18nProvider>
    <App deps={deps} fullscreen={browserFullscreen()} reloaded={wasReloaded()} />
  </I18nProvider>,
);
