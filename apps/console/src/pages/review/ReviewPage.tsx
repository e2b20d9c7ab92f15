import type { CheckboxProps } from 'antd';
import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ItemResponse } from '@jianding/api-client';
import { api, unwrap } from '../../api/client';
import { useReviewQueue, type ReviewQueueQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { BankPicker } from '../../ui/BankPicker';
import { CandidatePreview, keyText } from '../../ui/CandidatePreview';
import { errorText } from '../../ui/errors';
import { keepFocus } from '../../ui/focus';
import { formatTime, ITEM_TYPES, label } from '../../ui/labels';
import { ReviewActions } from './ReviewActions';
import { FilterPatch, liveParams, withFilters } from '../../ui/url-filters';

const FILTERS = ['occupation', 'level', 'type', 'knowledgePoint', 'q', 'page', 'pageSize'] as const;

function queryOf(params: URLSearchParams): ReviewQueueQuery {
  const q: Record<string, unknown> = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) q[f] = f === 'page' || f === 'pageSize' ? Number(v) : v;
  }
  return { page: 1, pageSize: 20, ...q } as ReviewQueueQuery;
}

/** The reviewer's queue: items in review by others, oldest first, each as the candidate sees it plus key and explanation. */
export default function ReviewPage() {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const queue = useReviewQueue(query);
  const [selected, setSelected] = useState<string[]>([]);

  const set = (patch: FilterPatch) => {
    setParams(withFilters(liveParams(), patch));
    setSelected([]);
  };

  const approveMany = useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST('/api/v1/items/approve', { body: { ids } })),
    onSuccess: (r) => {
      void message.success(t('review.bulkDone', { count: r.count }));
      setSelected([]);
      // The bulk button turns off with the selection: the focus goes to what is left of the queue.
      keepFocus(
        () => document.querySelector('[data-testid="review-table"] [data-testid^="approve-"]'),
        () => document.querySelector('[data-testid="review-table"] thead input'),
      );
      void client.invalidateQueries({ queryKey: ['review-queue'] });
      void client.invalidateQueries({ queryKey: ['items'] });
      void client.invalidateQueries({ queryKey: ['compliance'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const confirmBulk = () =>
    modal.confirm({
      title: t('review.bulkConfirmTitle'),
      content: <span data-testid="bulk-confirm-text">{t('review.bulkConfirm', { count: selected.length })}</span>,
      okText: t('review.approve'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'bulk-confirm-ok' } as ButtonProps,
      autoFocusButton: 'ok',
      onOk: () => approveMany.mutateAsync(selected),
    });

  return (
    <div>
      <Typography.Title level={1}>{t('review.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('review.lead')}</Typography.Paragraph>
      <Space wrap className="jd-toolbar">
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
          options={ITEM_TYPES.map((v) => ({ value: v, label: label(t, 'type', v) }))}
        />
        <Input
          allowClear
          placeholder={t('items.knowledgePoint')}
          aria-label={t('items.knowledgePoint')}
          defaultValue={query.knowledgePoint}
          onPressEnter={(e) => set({ knowledgePoint: e.currentTarget.value.trim() })}
          style={{ width: 140 }}
        />
        <Input.Search
          allowClear
          placeholder={t('items.search')}
          aria-label={t('items.search')}
          defaultValue={query.q}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 220 }}
          enterButton={t('common.search')}
        />
        <Button type="primary" disabled={selected.length === 0} onClick={confirmBulk} data-testid="bulk-approve">
          {t('review.bulkApprove', { count: selected.length })}
        </Button>
      </Space>
      <Table<ItemResponse>
        rowKey="id"
        data-testid="review-table"
        loading={queue.isFetching}
        dataSource={queue.data?.items ?? []}
        locale={{ emptyText: t('review.empty') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as string[]),
          getCheckboxProps: (i) => ({ 'aria-label': i.stem.slice(0, 40) }) as CheckboxProps,
        }}
        pagination={{
          current: query.page as number,
          pageSize: query.pageSize as number,
          total: queue.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          {
            title: t('editor.preview'),
            key: 'item',
            render: (_, i) => (
              <div data-testid="review-row" data-stem={i.stem}>
                <CandidatePreview content={i} />
              </div>
            ),
          },
          {
            title: t('review.key'),
            key: 'meta',
            width: 320,
            render: (_, i) => (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('review.key')}>
                  {i.type === 'task' ? '—' : keyText(i.type, i.answer)}
                </Descriptions.Item>
                <Descriptions.Item label={t('review.explanation')}>
                  {i.explanation ?? t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('review.knowledgePoint')}>{i.knowledgePoint}</Descriptions.Item>
                <Descriptions.Item label={t('items.difficulty')}>{i.difficulty}</Descriptions.Item>
                <Descriptions.Item label={t('items.updated')}>{formatTime(i.updatedAt, language)}</Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_, i) => <ReviewActions item={i} onDone={() => setSelected((s) => s.filter((x) => x !== i.id))} />,
          },
        ]}
      />
    </div>
  );
}
