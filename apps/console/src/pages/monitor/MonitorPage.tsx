import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router';
import {
  IRREGULARITY_CATEGORIES,
  MONITOR_REFRESH_MS,
  useMonitor,
  useProctorAction,
  type MonitorCandidate,
  type MonitorState,
  type ProctorAction,
} from '../../api/monitor';
import { api, download } from '../../api/client';
import { useSession } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { focusFirstField } from '../../ui/focus';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { RequiredSelect } from '../../ui/RequiredSelect';
import { TAG } from '../../ui/tag-colours';
import { liveParams, withFilters } from '../../ui/url-filters';
import { SessionTable } from '../sessions/SessionTable';

/** 监考: the sessions a proctor may watch, and each one's live view with the proctor's actions. */
export default function MonitorPage() {
  return (
    <Routes>
      <Route index element={<MonitorIndex />} />
      <Route path=":id" element={<SessionMonitor />} />
    </Routes>
  );
}

function MonitorIndex() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={1}>{t('nav.monitor')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('monitor.lead')}</Typography.Paragraph>
      <SessionTable linkTo={(id) => `/monitor/${id}`} testId="monitor-sessions-table" />
    </div>
  );
}

const STATES: readonly MonitorState[] = ['not_started', 'answering', 'idle', 'paused', 'submitted'];
const STATE_COLOURS: Record<MonitorState, string | undefined> = {
  not_started: undefined,
  answering: TAG.info,
  idle: TAG.warn,
  paused: TAG.bad,
  submitted: TAG.ok,
};

function SessionMonitor() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = (STATES as readonly string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as MonitorState)
    : undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '50') || 50;
  const session = useSession(id);
  const monitor = useMonitor(id, { ...(state ? { state } : {}), ...(q ? { q } : {}), page, pageSize });
  const [acting, setActing] = useState<{ kind: ProctorAction['kind']; row: MonitorCandidate } | null>(null);
  const { message } = App.useApp();
  const exportRecord = () =>
    download(
      api.GET('/api/v1/exam-sessions/{id}/record/export', { params: { path: { id } }, parseAs: 'blob' }),
      `session-record-${id}.xlsx`,
    ).catch((err: unknown) => void message.error(errorText(t, err)));
  const filter = (patch: Record<string, string | number | undefined>) =>
    setParams(withFilters(liveParams(), patch), { replace: true });

  if (monitor.error) return <Alert type="error" role="alert" message={errorText(t, monitor.error)} />;
  if (!monitor.data) return <Loading />;
  const m = monitor.data;
  return (
    <div>
      <Typography.Title level={1}>{t('monitor.title', { name: session.data?.name ?? '' })}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="monitor-times">
        {t('monitor.times', {
          start: formatTime(m.startsAt, language),
          end: formatTime(m.endsAt, language),
          server: formatTime(m.serverTime, language),
          seconds: MONITOR_REFRESH_MS / 1000,
        })}
      </Typography.Paragraph>
      <Space wrap className="jd-block jd-gap">
        <Segmented<string>
          aria-label={t('monitor.filterState')}
          data-testid="monitor-state-filter"
          value={state ?? 'all'}
          onChange={(v) => filter({ state: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('monitor.all', { count: m.summary.candidates }) },
            ...STATES.map((s) => ({
              value: s,
              label: (
                <span data-testid={`monitor-count-${s}`} data-count={m.summary[s]}>
                  {t('monitor.stateCount', { state: label(t, 'monitor.state', s), count: m.summary[s] })}
                </span>
              ),
            })),
          ]}
        />
        <Input.Search
          allowClear
          defaultValue={q}
          aria-label={t('monitor.search')}
          placeholder={t('monitor.search')}
          data-testid="monitor-search"
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: 260 }}
        />
        <Button onClick={() => void exportRecord()} data-testid="export-record">
          {t('monitor.exportRecord')}
        </Button>
      </Space>
      <Table<MonitorCandidate>
        rowKey="candidateId"
        size="small"
        data-testid="monitor-table"
        dataSource={m.candidates}
        onRow={(row) => ({ 'data-ticket': row.ticketNo, 'data-state': row.state }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: m.total,
          showTotal: (count) => t('common.total', { count }),
          onChange: (p, s) => filter({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('roster.field.ticketNo'), dataIndex: 'ticketNo' },
          { title: t('roster.field.name'), dataIndex: 'name' },
          {
            title: t('monitor.state'),
            dataIndex: 'state',
            render: (s: MonitorState) => (
              <Tag color={STATE_COLOURS[s]} data-testid="monitor-state">
                {label(t, 'monitor.state', s)}
              </Tag>
            ),
          },
          {
            title: t('monitor.answered'),
            dataIndex: 'answeredCount',
            render: (n: number, row) => (
              <span>
                {n}
                {row.currentPosition ? ` · ${t('monitor.at', { position: row.currentPosition })}` : ''}
              </span>
            ),
          },
          {
            title: t('monitor.lastSave'),
            dataIndex: 'lastSaveAt',
            render: (v: string | null) => (v ? formatTime(v, language) : '—'),
          },
          {
            title: t('monitor.deadline'),
            dataIndex: 'deadline',
            render: (v: string | null, row) =>
              row.paused
                ? t('monitor.pausedSince', { time: formatTime(row.pausedAt, language) })
                : row.signedIn
                  ? `${formatTime(v, language)}${row.extraSeconds ? ` (+${Math.round(row.extraSeconds / 60)}′)` : ''}`
                  : '—',
          },
          {
            title: t('monitor.events'),
            dataIndex: 'eventsCount',
            render: (n: number, row) =>
              n ? (
                <span title={row.latestEvents.map((e) => label(t, 'monitor.event', e.type)).join('、')}>
                  {t('monitor.eventsCount', {
                    count: n,
                    latest: label(t, 'monitor.event', row.latestEvents[0]?.type ?? ''),
                  })}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('monitor.actions'),
            key: 'actions',
            render: (_: unknown, row) => {
              if (!row.attemptId) return null;
              const running = row.status === 'in_progress';
              const act = (kind: ProctorAction['kind'], danger = false) => (
                <Button
                  size="small"
                  danger={danger}
                  onClick={() => setActing({ kind, row })}
                  data-testid={`monitor-${kind}`}
                >
                  {t(`monitor.${kind}`)}
                </Button>
              );
              return (
                <Space size="small" wrap>
                  {running && (row.paused ? act('resume') : act('pause', true))}
                  {running && act('extend')}
                  {act('irregularity')}
                  {running && act('end', true)}
                  {row.status === 'submitted' && row.submittedBy === 'proctor' && act('reopen')}
                </Space>
              );
            },
          },
        ]}
      />
      {acting && <ActionDialog sessionId={id} {...acting} onClose={() => setActing(null)} />}
    </div>
  );
}

/** Pause, resume or extend one candidate: each with a reason, for the session record and the audit log. */
function ActionDialog({
  sessionId,
  kind,
  row,
  onClose,
}: {
  sessionId: string;
  kind: ProctorAction['kind'];
  row: MonitorCandidate;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    reason: string;
    minutes?: number;
    category?: (typeof IRREGULARITY_CATEGORIES)[number];
  }>();
  const act = useProctorAction(sessionId);
  return (
    <Modal
      afterOpenChange={focusFirstField}
      open
      title={t(`monitor.${kind}Title`, { name: row.name, ticket: row.ticketNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`monitor.${kind}`)}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      okButtonProps={{ 'data-testid': 'monitor-action-submit' } as ButtonProps}
    >
      <Typography.Paragraph>{t(`monitor.${kind}Hint`)}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ minutes: 10 }}
        onFinish={(v) =>
          act.mutate(
            kind === 'extend'
              ? { kind, attemptId: row.attemptId!, reason: v.reason.trim(), minutes: v.minutes ?? 10 }
              : kind === 'irregularity'
                ? { kind, attemptId: row.attemptId!, category: v.category!, description: v.reason.trim() }
                : { kind, attemptId: row.attemptId!, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t(`monitor.${kind}Done`, { name: row.name }));
                onClose();
              },
              onError: (err) => void message.error(errorText(t, err)),
            },
          )
        }
      >
        {kind === 'irregularity' && (
          <Form.Item
            name="category"
            label={t('monitor.category')}
            rules={[{ required: true, message: t('monitor.categoryHint') }]}
          >
            <RequiredSelect
              data-testid="monitor-category"
              options={IRREGULARITY_CATEGORIES.map((c) => ({ value: c, label: label(t, 'monitor.category', c) }))}
            />
          </Form.Item>
        )}
        {kind === 'extend' && (
          <Form.Item
            name="minutes"
            label={t('monitor.minutes')}
            rules={[{ required: true, type: 'integer', min: 1, max: 240, message: t('monitor.minutesHint') }]}
          >
            <InputNumber min={1} max={240} data-testid="monitor-minutes" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t(kind === 'irregularity' ? 'monitor.description' : 'monitor.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('monitor.reasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="monitor-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
