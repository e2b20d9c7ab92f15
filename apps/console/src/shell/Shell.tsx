import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { sessions } from '../api/client';
import { visiblePages, type PageId } from '../auth/access';
import type { SessionUser } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { label } from '../ui/labels';

const PAGE_PATH: Partial<Record<PageId, string>> = {
  banks: '/banks',
  items: '/items',
  import: '/import',
  review: '/review',
  institutions: '/institutions',
  examiners: '/examiners',
  compliance: '/compliance',
  users: '/users',
  policies: '/policies',
  paperRequests: '/paper-requests',
  papers: '/papers',
  audit: '/audit',
  sessions: '/sessions',
  monitor: '/monitor',
  scoring: '/scoring',
  results: '/results',
  account: '/account',
};
const PAGE_LABEL: Partial<Record<PageId, MessageKey>> = {
  banks: 'nav.banks',
  items: 'nav.items',
  import: 'nav.import',
  review: 'nav.review',
  institutions: 'nav.institutions',
  examiners: 'nav.examiners',
  compliance: 'nav.compliance',
  users: 'nav.users',
  policies: 'nav.policies',
  paperRequests: 'nav.paperRequests',
  papers: 'nav.papers',
  audit: 'nav.audit',
  sessions: 'nav.sessions',
  monitor: 'nav.monitor',
  scoring: 'nav.scoring',
  results: 'nav.results',
  account: 'nav.account',
};

/** The frame of every signed-in page: the navigation the roles allow, who is signed in, language and sign-out. */
export function Shell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const pages = visiblePages(user.roles);
  const selected = pages.find((p) => location.pathname.startsWith(PAGE_PATH[p]!));
  return (
    <Layout className="jd-shell">
      <a className="jd-skip" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="jd-header">
        <Link to="/" className="jd-brand">
          {t('app.brand')}
        </Link>
        <Space size="middle" wrap>
          <span data-testid="current-user">
            {user.displayName || user.username}{' '}
            {user.roles.map((r) => (
              <Tag key={r} color="blue">
                {label(t, 'role', r)}
              </Tag>
            ))}
          </span>
          <Button
            type="text"
            className="jd-header-button"
            onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
            aria-label={t('app.languageLabel')}
            lang={language === 'zh' ? 'en' : 'zh-CN'}
          >
            {t('app.language')}
          </Button>
          <Button className="jd-header-button" type="text" onClick={() => sessions.signOut()} data-testid="sign-out">
            {t('app.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
          <nav aria-label={t('app.brand')}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              data-testid="nav"
              items={pages.map((p) => ({
                key: p,
                label: (
                  <Link to={PAGE_PATH[p]!} data-testid={`nav-${p}`}>
                    {t(PAGE_LABEL[p]!)}
                  </Link>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" className="jd-content" tabIndex={-1}>
          <Typography.Text className="jd-sr-only">{t('app.title')}</Typography.Text>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
