import { Table } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSessions, type SessionSummary } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime } from '../../ui/labels';
import { Alert } from 'antd';
import { useSearchParams } from 'react-router';

/**
 * The sessions the user may see, paged on the server (page and size kept in the URL); each links to `linkTo(id)`, and
 * `actions` adds a column of buttons per session.
 */
export function SessionTable({
  linkTo,
  testId,
  actions,
}: {
  linkTo: (id: string) => string;
  testId: string;
  actions?: (s: SessionSummary) => ReactNode;
}) {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const list = useSessions(page, pageSize);
  if (list.error) return <Alert type="error" role="alert" message={errorText(t, list.error)} />;
  return (
    <Table<SessionSummary>
      rowKey="id"
      data-testid={testId}
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showTotal: (count) => t('common.total', { count }),
        onChange: (p, s) => setParams({ page: String(p), pageSize: String(s) }),
      }}
      columns={[
        {
          title: t('sessions.name'),
          dataIndex: 'name',
          render: (name: string, s) => (
            <Link to={linkTo(s.id)} data-testid="session-link">
              {name}
            </Link>
          ),
        },
        { title: t('sessions.room'), dataIndex: 'room', render: (r: string | null) => r ?? '' },
        { title: t('sessions.startsAt'), dataIndex: 'startsAt', render: (v: string | null) => formatTime(v, language) },
        { title: t('sessions.duration'), dataIndex: 'durationMinutes', width: 110 },
        { title: t('sessions.candidates'), dataIndex: 'candidateCount', width: 100 },
        ...(actions
          ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, s: SessionSummary) => actions(s) }]
          : []),
      ]}
    />
  );
}
