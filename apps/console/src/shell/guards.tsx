import { Result, Typography } from 'antd';
import { useSyncExternalStore, type ReactNode } from 'react';
import { sessions } from '../api/client';
import { mayOpen, visiblePages, type PageId } from '../auth/access';
import { useI18n } from '../i18n/i18n';
import { label } from '../ui/labels';

const rolesNow = () => sessions.session?.user.roles ?? [];

/** A page the signed-in roles may not open says so instead of rendering (the API refuses the calls anyway). */
export function PageGuard({ page, children }: { page: PageId; children: ReactNode }) {
  const roles = useSyncExternalStore(sessions.subscribe, rolesNow);
  return mayOpen(roles, page) ? <>{children}</> : <Forbidden />;
}

export function Forbidden() {
  const { t } = useI18n();
  const roles = rolesNow();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={<h1 className="jd-result-title">{t('forbidden.title')}</h1>}
        subTitle={t('forbidden.body', { roles: roles.map((r) => label(t, 'role', r)).join('、') })}
      />
    </div>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const user = sessions.session?.user;
  const authoring = visiblePages(user?.roles ?? []).filter((p) => p !== 'account');
  return (
    <div>
      <Typography.Title level={1}>
        {t('home.title', { name: user?.displayName ?? user?.username ?? '' })}
      </Typography.Title>
      <Typography.Paragraph data-testid="home-body">
        {authoring.length ? t('home.body') : t('home.noPages')}
      </Typography.Paragraph>
    </div>
  );
}
