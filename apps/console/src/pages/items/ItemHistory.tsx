import { Empty, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FieldChangeView, ItemVersionView } from '@jianding/api-client';
import { useDiff, useVersions } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../ui/labels';
import { StatusTag } from '../../ui/StatusTag';

const show = (v: FieldChangeView['before']): string =>
  v === null ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? '√' : '×') : String(v);

/** Every version with who wrote it, when and why, who reviewed it; and two versions side by side. */
export function ItemHistory({ id }: { id: string }) {
  const { t, language } = useI18n();
  const versions = useVersions(id);
  const list = versions.data?.items ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  useEffect(() => {
    if (list.length >= 2 && from === null && to === null) {
      setFrom(list[list.length - 2].version);
      setTo(list[list.length - 1].version);
    }
  }, [list, from, to]);
  const diff = useDiff(id, from, to);
  const options = list.map((v) => ({ value: v.version, label: `v${v.version}` }));

  return (
    <div>
      <Table<ItemVersionView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={versions.isLoading}
        dataSource={list}
        data-testid="history-table"
        columns={[
          { title: t('history.version'), dataIndex: 'version', width: 70 },
          {
            title: t('history.status'),
            key: 'status',
            render: (_, v) => (
              <Space size={4}>
                <StatusTag status={v.status} />
                {v.inUse && <Typography.Text type="success">{t('history.inUse')}</Typography.Text>}
                {v.superseded && <Typography.Text type="secondary">{t('history.superseded')}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('history.author'), key: 'author', render: (_, v) => v.author?.username ?? '' },
          { title: t('history.when'), dataIndex: 'createdAt', render: (v: string | null) => formatTime(v, language) },
          { title: t('history.why'), dataIndex: 'changeNote' },
          {
            title: t('history.reviewer'),
            key: 'reviewer',
            render: (_, v) => (v.reviewer ? `${v.reviewer.username ?? ''} ${formatTime(v.reviewedAt, language)}` : ''),
          },
          { title: t('history.reviewReason'), dataIndex: 'reviewReason' },
        ]}
      />
      <Typography.Title level={2} className="jd-h2 jd-gap-top">
        {t('history.compare')}
      </Typography.Title>
      {list.length < 2 ? (
        <Typography.Paragraph type="secondary">{t('history.pickTwo')}</Typography.Paragraph>
      ) : (
        <>
          <Space className="jd-toolbar">
            <Select
              aria-label={t('history.from')}
              value={from}
              onChange={setFrom}
              options={options}
              style={{ width: 100 }}
              data-testid="diff-from"
            />
            <span>→</span>
            <Select
              aria-label={t('history.to')}
              value={to}
              onChange={setTo}
              options={options}
              style={{ width: 100 }}
              data-testid="diff-to"
            />
          </Space>
          {diff.data && diff.data.changes.length === 0 ? (
            <Empty description={t('history.noChanges')} />
          ) : (
            <Table<FieldChangeView>
              rowKey="field"
              size="small"
              pagination={false}
              loading={diff.isFetching}
              dataSource={diff.data?.changes ?? []}
              data-testid="diff-table"
              columns={[
                { title: t('history.field'), dataIndex: 'field', width: 140 },
                {
                  title: t('history.before', { version: from ?? '' }),
                  dataIndex: 'before',
                  render: (v: FieldChangeView['before']) => <del className="jd-diff-before">{show(v)}</del>,
                },
                {
                  title: t('history.after', { version: to ?? '' }),
                  dataIndex: 'after',
                  render: (v: FieldChangeView['after']) => <ins className="jd-diff-after">{show(v)}</ins>,
                },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
