import type { CheckboxProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ItemResponse } from '@jianding/api-client';
import { api, download, sessions, unwrap } from '../../api/client';
import { useItems, type ItemListQuery } from '../../api/queries';
import { mayOpen } from '../../auth/access';
import { useI18n } from '../../i18n/i18n';
import { BankPicker } from '../../ui/BankPicker';
import { errorText } from '../../ui/errors';
import { keepFocus } from '../../ui/focus';
import { formatTime, ITEM_STATUSES, ITEM_TYPES, label } from '../../ui/labels';
import { StatusTag } from '../../ui/StatusTag';
import { FilterPatch, liveParams, withFilters } from '../../ui/url-filters';

const FILTERS = [
  'occupation',
  'level',
  'type',
  'status',
  'knowledgePoint',
  'difficulty',
  'q',
  'rejected',
  'page',
  'pageSize',
] as const;

/** The filters live in the URL, so a filtered page can be shared and survives a reload. */
function queryOf(params: URLSearchParams): ItemListQuery {
  const q: Record<string, unknown> = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v === null || v === '') continue;
    q[f] = f === 'difficulty' || f === 'page' || f === 'pageSize' ? Number(v) : f === 'rejected' ? v === 'true' : v;
  }
  return { page: 1, pageSize: 20, ...q } as ItemListQuery;
}

export default function ItemsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = queryOf(params);
  const items = useItems(query);
  const author = mayOpen(sessions.session?.user.roles ?? [], 'itemEdit');
  const [selected, setSelected] = useState<string[]>([]);
  const [search, setSearch] = useState(query.q ?? '');
  const [exportFormat, setExportFormat] = useState<'xlsx' | 'csv' | 'json'>('xlsx');

  const set = (patch: FilterPatch) => {
    setParams(withFilters(liveParams(), patch));
    setSelected([]);
  };

  const submit = useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST('/api/v1/items/submit', { body: { ids } })),
    onSuccess: (r) => {
      void message.success(t('items.submitted', { count: r.count }));
      setSelected([]);
      keepFocus(() => document.querySelector('[data-testid="items-table"] thead input'));
      void client.invalidateQueries({ queryKey: ['items'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const bankQuery =
    query.occupation && query.level ? `occupation=${encodeURIComponent(query.occupation)}&level=${query.level}` : '';
  return (
    <div>
      <Typography.Title level={1}>{t('items.title')}</Typography.Title>
      <Space wrap className="jd-toolbar" aria-label={t('common.search')}>
        <BankPicker
          occupation={query.occupation}
          level={query.level}
          onChange={(occupation, level) => set({ occupation, level })}
        />
        <Select
          allowClear
          placeholder={t('items.type')}
          aria-label={t('items.type')}
          value={query.type}
          onChange={(v?: string) => set({ type: v })}
          style={{ width: 130 }}
          data-testid="filter-type"
          options={ITEM_TYPES.map((v) => ({ value: v, label: label(t, 'type', v) }))}
        />
        <Select
          allowClear
          placeholder={t('items.status')}
          aria-label={t('items.status')}
          value={query.status}
          onChange={(v?: string) => set({ status: v })}
          style={{ width: 130 }}
          data-testid="filter-status"
          options={ITEM_STATUSES.map((v) => ({ value: v, label: label(t, 'status', v) }))}
        />
        <Input
          allowClear
          placeholder={t('items.knowledgePoint')}
          aria-label={t('items.knowledgePoint')}
          defaultValue={query.knowledgePoint}
          onPressEnter={(e) => set({ knowledgePoint: e.currentTarget.value.trim() })}
          onBlur={(e) =>
            e.target.value.trim() !== (query.knowledgePoint ?? '') && set({ knowledgePoint: e.target.value.trim() })
          }
          style={{ width: 140 }}
          data-testid="filter-kp"
        />
        <InputNumber
          min={1}
          max={5}
          placeholder={t('items.difficulty')}
          aria-label={t('items.difficulty')}
          value={query.difficulty ?? null}
          onChange={(v) => set({ difficulty: v ?? undefined })}
          data-testid="filter-difficulty"
        />
        <Input.Search
          allowClear
          placeholder={t('items.search')}
          aria-label={t('items.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 220 }}
          enterButton={t('common.search')}
          data-testid="filter-q"
        />
        <Checkbox
          checked={!!query.rejected}
          onChange={(e) => set({ rejected: e.target.checked })}
          data-testid="filter-rejected"
        >
          {t('items.rejectedOnly')}
        </Checkbox>
      </Space>
      <Space wrap className="jd-toolbar">
        {author && (
          <>
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={submit.isPending}
              onClick={() => submit.mutate(selected)}
              data-testid="bulk-submit"
            >
              {t('items.submitSelected', { count: selected.length })}
            </Button>
            <Button onClick={() => navigate(`/items/new${bankQuery ? `?${bankQuery}` : ''}`)} data-testid="new-item">
              {t('items.new')}
            </Button>
            {bankQuery && <Link to={`/import?${bankQuery}`}>{t('nav.import')}</Link>}
          </>
        )}
        {bankQuery && mayOpen(sessions.session?.user.roles ?? [], 'itemEdit') && (
          <Space.Compact>
            <Select
              aria-label={t('items.exportFormat')}
              value={exportFormat}
              onChange={setExportFormat}
              options={['xlsx', 'csv', 'json'].map((f) => ({ value: f, label: f }))}
              style={{ width: 90 }}
            />
            <Button
              data-testid="export"
              onClick={() =>
                download(
                  api.GET('/api/v1/items/export', {
                    params: { query: { occupation: query.occupation!, level: query.level!, format: exportFormat } },
                    parseAs: 'blob',
                  }),
                  `${query.occupation}-L${query.level}.${exportFormat}`,
                ).catch((err) => message.error(errorText(t, err)))
              }
            >
              {t('items.export')}
            </Button>
          </Space.Compact>
        )}
      </Space>
      <Table<ItemResponse>
        rowKey="id"
        data-testid="items-table"
        loading={items.isFetching}
        dataSource={items.data?.items ?? []}
        locale={{ emptyText: t('items.empty') }}
        rowSelection={
          author
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (i) =>
                  ({ disabled: i.status !== 'draft', 'aria-label': i.stem.slice(0, 40) }) as CheckboxProps,
              }
            : undefined
        }
        pagination={{
          current: query.page as number,
          pageSize: query.pageSize as number,
          total: items.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          { title: t('items.type'), dataIndex: 'type', width: 100, render: (v: string) => label(t, 'type', v) },
          {
            title: t('items.stem'),
            key: 'stem',
            render: (_, i) => (
              <div>
                <Link to={`/items/${i.id}`} data-testid="item-link">
                  {(i.type === 'task' ? i.title || i.stem : i.stem).slice(0, 80) || i.id}
                </Link>
                {i.status === 'draft' && i.reviewReason && (
                  <div>
                    <Typography.Text type="danger" data-testid="item-reason">
                      {t('items.reviewReason')}：{i.reviewReason}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          { title: t('items.knowledgePoint'), dataIndex: 'knowledgePoint', width: 120 },
          { title: t('items.difficulty'), dataIndex: 'difficulty', width: 80 },
          {
            title: t('items.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <StatusTag status={s} />,
          },
          { title: t('items.version'), dataIndex: 'version', width: 70 },
          {
            title: t('items.updated'),
            dataIndex: 'updatedAt',
            width: 170,
            render: (v: string | null) => formatTime(v, language),
          },
        ]}
      />
    </div>
  );
}
