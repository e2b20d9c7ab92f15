import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { AuditEntryView, AuditVerifyView } from '@jianding/api-client';
import { api, unwrap } from '../../api/client';
import { useAudit, type AuditQuery } from '../../api/papers';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { liveParams, withFilters } from '../../ui/url-filters';

const TEXT_FILTERS = ['entity', 'id', 'actor', 'action'] as const;

function queryOf(params: URLSearchParams): AuditQuery {
  const q: Record<string, string | number> = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  };
  for (const f of [...TEXT_FILTERS, 'from', 'to'] as const) {
    const v = params.get(f);
    if (v) q[f] = v;
  }
  return q as AuditQuery;
}

interface FilterForm {
  entity?: string;
  id?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Where an entry's entity opens in the console, when it has a page. */
function entityLink(e: AuditEntryView): string | null {
  if (e.entity === 'paper') return `/papers/${e.entityId}`;
  if (e.entity === 'paper-request') return `/paper-requests/${e.entityId}`;
  if (e.entity === 'item') return `/items/${e.entityId}`;
  return null;
}

/** The centre's audit log: filtered by entity, id, actor, action and time, kept in the URL; and the chain check. */
export default function AuditPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const log = useAudit(query);
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/audit/verify')) });
  const [form] = Form.useForm<FilterForm>();

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    setParams(
      withFilters(liveParams(), {
        entity: v.entity?.trim(),
        id: v.id?.trim(),
        actor: v.actor?.trim(),
        action: v.action?.trim(),
        from: from ? from.toISOString() : undefined,
        to: to ? to.toISOString() : undefined,
      }),
    );
  };
  const reset = () => {
    form.resetFields();
    setParams(new URLSearchParams());
  };

  return (
    <div>
      <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.lead')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        </Space>
        {verify.error && <Alert type="error" showIcon role="alert" message={errorText(t, verify.error)} />}
        {verify.data && <ChainResult result={verify.data} />}
        <Form<FilterForm>
          form={form}
          name="audit"
          layout="inline"
          className="jd-toolbar"
          onFinish={apply}
          initialValues={{
            entity: query.entity,
            id: query.id,
            actor: query.actor,
            action: query.action,
            range:
              query.from || query.to
                ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]
                : null,
          }}
        >
          <Form.Item name="entity" label={t('audit.entity')}>
            <Input allowClear placeholder="paper-request" style={{ width: 150 }} data-testid="audit-entity" />
          </Form.Item>
          <Form.Item name="id" label={t('audit.entityId')}>
            <Input allowClear style={{ width: 220 }} data-testid="audit-id" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actorId')}>
            <Input allowClear style={{ width: 220 }} data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder="paper-request.approve" style={{ width: 200 }} data-testid="audit-action" />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker
              showTime
              allowEmpty={[true, true]}
              placeholder={[t('audit.from'), t('audit.to')]}
              data-testid="audit-range"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button onClick={reset}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          data-testid="audit-table"
          loading={log.isFetching}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: log.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => setParams(withFilters(liveParams(), { page, pageSize })),
          }}
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
            { title: t('audit.at'), key: 'at', width: 180, render: (_, e) => formatTime(e.at, language) },
            {
              title: t('audit.actor'),
              key: 'actor',
              render: (_, e) => (e.actor.id ? e.actor.name : t('audit.system')),
            },
            {
              title: t('audit.action'),
              key: 'action',
              render: (_, e) => (
                <span data-testid="audit-row" data-action={e.action} data-entity-id={e.entityId}>
                  <div>{label(t, 'audit.actionName', e.action)}</div>
                  <Typography.Text type="secondary">{e.action}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              render: (_, e) => {
                const to = entityLink(e);
                return (
                  <>
                    <div>{e.entity}</div>
                    {to ? <Link to={to}>{e.entityId}</Link> : <Typography.Text>{e.entityId}</Typography.Text>}
                  </>
                );
              },
            },
            {
              title: t('audit.data'),
              key: 'data',
              render: (_, e) => (
                <Typography.Text code className="jd-audit-data">
                  {JSON.stringify(e.data)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Space>
    </div>
  );
}

function ChainResult({ result }: { result: AuditVerifyView }) {
  const { t, language } = useI18n();
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      role="status"
      data-testid="audit-verify-result"
      data-ok={String(result.ok)}
      message={result.ok ? t('audit.chainOk', { count: result.entries }) : t('audit.chainBroken')}
      description={
        result.ok ? undefined : (
          <>
            <div>
              {t('audit.firstBad', {
                seq: result.firstBadSeq ?? '—',
                id: result.firstBadId ?? '—',
                fault: label(t, 'audit.fault', result.fault ?? ''),
                entries: result.entries,
              })}
            </div>
            {result.firstBad && (
              <div data-testid="audit-first-bad">
                {t('audit.firstBadEntry', {
                  action: label(t, 'audit.actionName', result.firstBad.action),
                  entity: result.firstBad.entity,
                  id: result.firstBad.entityId,
                  actor: result.firstBad.actor.name,
                  at: formatTime(result.firstBad.at, language),
                })}
              </div>
            )}
          </>
        )
      }
    />
  );
}
