import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useMemo, useSyncExternalStore } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '@jianding/api-client';
import { sessions } from './api/client';
import { cspNonce as nonce } from './csp-nonce';
import type { PageId } from './auth/access';
import { I18nProvider, useI18n } from './i18n/i18n';
import { Shell } from './shell/Shell';
import { Forbidden, HomePage, PageGuard } from './shell/guards';
import { SignInPage } from './pages/sign-in/SignInPage';
import { Loading } from './ui/Loading';
import { useReducedMotion } from './ui/reduced-motion';

const BanksPage = lazy(() => import('./pages/banks/BanksPage'));
const KnowledgeMapPage = lazy(() => import('./pages/knowledge-map/KnowledgeMapPage'));
const ItemsPage = lazy(() => import('./pages/items/ItemsPage'));
const ItemPage = lazy(() => import('./pages/items/ItemPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const ReviewPage = lazy(() => import('./pages/review/ReviewPage'));
const InstitutionsPage = lazy(() => import('./pages/institutions/InstitutionsPage'));
const CompliancePage = lazy(() => import('./pages/compliance/CompliancePage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage'));
const PaperRequestsPage = lazy(() => import('./pages/paper-requests/PaperRequestsPage'));
const PapersPage = lazy(() => import('./pages/papers/PapersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const SessionsPage = lazy(() => import('./pages/sessions/SessionsPage'));
const ResultsPage = lazy(() => import('./pages/results/ResultsPage'));
const MonitorPage = lazy(() => import('./pages/monitor/MonitorPage'));
const ExaminersPage = lazy(() => import('./pages/examiners/ExaminersPage'));
const ScoringPage = lazy(() => import('./pages/practical/ScoringPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));

/** Text colours darkened from antd's defaults to reach WCAG AA contrast (4.5:1) on white. */
const THEME = {
  token: {
    colorPrimary: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorError: '#c41d1f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    fontSize: 14,
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    // Refusals are answers, not outages: only a lost connection is worth a retry.
    queries: {
      retry: (count, err) => count < 2 && err instanceof ApiError && err.isNetwork,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function Themed() {
  const { language } = useI18n();
  const still = useReducedMotion();
  const theme = useMemo(() => ({ token: { ...THEME.token, motion: !still } }), [still]);
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      csp={nonce ? { nonce } : undefined}
      theme={theme}
      // The click ripple of buttons, checkboxes and radios is motion too: none when less motion is asked for.
      wave={{ disabled: still }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/console">
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/*" element={<SignedIn />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const guarded = (page: PageId, element: React.ReactNode) => <PageGuard page={page}>{element}</PageGuard>;

function SignedIn() {
  const session = useSyncExternalStore(sessions.subscribe, () => sessions.session);
  const location = useLocation();
  if (!session) {
    queryClient.clear();
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <Shell user={session.user}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="banks" element={guarded('banks', <BanksPage />)} />
          <Route
            path="banks/:occupation/:level/knowledge-map"
            element={guarded('knowledgeMap', <KnowledgeMapPage />)}
          />
          <Route path="items" element={guarded('items', <ItemsPage />)} />
          <Route path="items/new" element={guarded('itemEdit', <ItemPage />)} />
          <Route path="items/:id" element={guarded('items', <ItemPage />)} />
          <Route path="import" element={guarded('import', <ImportPage />)} />
          <Route path="review" element={guarded('review', <ReviewPage />)} />
          <Route path="institutions/*" element={guarded('institutions', <InstitutionsPage />)} />
          <Route path="examiners/*" element={guarded('examiners', <ExaminersPage />)} />
          <Route path="compliance/*" element={guarded('compliance', <CompliancePage />)} />
          <Route path="users/*" element={guarded('users', <UsersPage />)} />
          <Route path="policies/*" element={guarded('policies', <PoliciesPage />)} />
          <Route path="paper-requests/*" element={guarded('paperRequests', <PaperRequestsPage />)} />
          <Route path="papers/*" element={guarded('papers', <PapersPage />)} />
          <Route path="audit/*" element={guarded('audit', <AuditPage />)} />
          <Route path="sessions/*" element={guarded('sessions', <SessionsPage />)} />
          <Route path="monitor/*" element={guarded('monitor', <MonitorPage />)} />
          <Route path="scoring/*" element={guarded('scoring', <ScoringPage />)} />
          <Route path="results/*" element={guarded('results', <ResultsPage />)} />
          <Route path="account" element={guarded('account', <AccountPage />)} />
          <Route path="*" element={<Forbidden />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
