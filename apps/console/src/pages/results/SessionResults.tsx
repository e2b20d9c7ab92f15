import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download, sessions } from '../../api/client';
import {
  useDecideCorrection,
  useRequestCorrection,
  useResults,
  useScoreHistory,
  useSession,
  useSessionCorrections,
  type ResultRow,
  type ScoreCorrection,
  type ScoreRecord,
} from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { scoreDistribution } from './distribution';
import { ScoreChart } from './ScoreChart';
import './results.css';
import { focusFirstField } from '../../ui/focus';

/** A session's results: summary, distribution, the table with corrections and history, exports. */
export function SessionResults() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const roles = sessions.session?.user.roles ?? [];
  const isCentre = roles.includes('centre');
  const session = useSession(id);
  const results = useResults(id);
  const corrections = useSessionCorrections(id);
  const buckets = useMemo(() => scoreDistribution((results.data?.items ?? []).map((r) => r.score)), [results.data]);
  const [correcting, setCorrecting] = useState<ResultRow | null>(null);
  const [historyOf, setHistoryOf] = useState<ResultRow | null>(null);
  const [rejecting, setRejecting] = useState<ScoreCorrection | null>(null);
  const decide = useDecideCorrection(id);

  if (results.isLoading || session.isLoading) return <Loading />;
  if (results.error || !results.data)
    return <Alert type="error" role="alert" message={errorText(t, results.error)} data-testid="results-error" />;
  const r = results.data;
  const byAttempt = new Map(r.items.map((row) => [row.attemptId, row]));
  const fail = (err: unknown) => void message.error(errorText(t, err));

  const exportResults = () =>
    download(
      api.GET('/api/v1/exam-sessions/{id}/results/export', { params: { path: { id } }, parseAs: 'blob' }),
      `results-${id}.xlsx`,
    ).catch(fail);
  const exportLog = (format: 'jsonl' | 'xlsx') =>
    download(
      api.GET('/api/v1/exam-sessions/{id}/answer-log', {
        params: { path: { id }, query: { format } },
        parseAs: 'blob',
      }),
      `answer-log-${id}.${format}`,
    ).catch(fail);

  return (
    <div>
      <Typography.Title level={1}>{t('results.title', { name: session.data?.name ?? '' })}</Typography.Title>
      <Space size="large" wrap className="jd-block jd-gap" data-testid="results-summary">
        <Statistic title={t('results.candidates')} value={r.summary.candidates} />
        <Statistic title={t('results.submitted')} value={r.summary.submitted} />
        <Statistic title={t('results.passed')} value={r.summary.passed} />
        <Statistic title={t('results.mean')} value={r.summary.meanScore ?? '—'} />
      </Space>
      <Space wrap className="jd-block jd-gap">
        <Button type="primary" onClick={() => void exportResults()} data-testid="export-results">
          {t('results.export')}
        </Button>
        {isCentre && (
          <>
            <Button onClick={() => void exportLog('xlsx')} data-testid="export-log-xlsx">
              {t('results.exportLogXlsx')}
            </Button>
            <Button onClick={() => void exportLog('jsonl')} data-testid="export-log-jsonl">
              {t('results.exportLogJsonl')}
            </Button>
          </>
        )}
        <Link to={`/sessions/${id}`}>{t('results.toSession')}</Link>
        <Link to={`/results/${id}/practical`} data-testid="open-practical-results">
          {t('practical.open')}
        </Link>
      </Space>

      <section aria-labelledby="distribution-title">
        <Typography.Title level={2} className="jd-h2" id="distribution-title">
          {t('results.distribution')}
        </Typography.Title>
        <ScoreChart buckets={buckets} />
      </section>

      <section aria-labelledby="scores-title">
        <Typography.Title level={2} className="jd-h2" id="scores-title">
          {t('results.scores')}
        </Typography.Title>
        <Table<ResultRow>
          rowKey="candidateId"
          size="small"
          data-testid="results-table"
          dataSource={r.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          rowClassName={() => 'jd-result-row'}
          onRow={(row) => ({ 'data-ticket': row.ticketNo }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('roster.field.ticketNo'), dataIndex: 'ticketNo' },
            { title: t('roster.field.name'), dataIndex: 'name' },
            { title: t('roster.field.idNumber'), dataIndex: 'idNumber' },
            { title: t('results.status'), dataIndex: 'status', render: (v: string) => label(t, 'results.status', v) },
            {
              title: t('results.score'),
              dataIndex: 'score',
              render: (v: number | null, row) => (
                <span data-testid="result-score">
                  {v ?? '—'}
                  {row.scoreKind === 'correction' && (
                    <Tag className="jd-tag-gap jd-tag-blue">{t('results.corrected')}</Tag>
                  )}
                </span>
              ),
            },
            {
              title: t('results.passFail'),
              dataIndex: 'passed',
              render: (v: boolean | null) =>
                v === null ? (
                  ''
                ) : (
                  <Tag className={v ? 'jd-tag-green' : 'jd-tag-red'}>{v ? t('results.pass') : t('results.fail')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, row) =>
                row.attemptId && row.scoreRecordId ? (
                  <Space size="small" wrap>
                    <Button size="small" onClick={() => setHistoryOf(row)} data-testid={`history-${row.ticketNo}`}>
                      {t('results.history')}
                    </Button>
                    <Button size="small" onClick={() => setCorrecting(row)} data-testid={`correct-${row.ticketNo}`}>
                      {t('results.requestCorrection')}
                    </Button>
                    {isCentre && (
                      <Link to={`/results/${id}/attempts/${row.attemptId}/log`} data-testid={`log-${row.ticketNo}`}>
                        {t('results.answerLog')}
                      </Link>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
      </section>

      <section aria-labelledby="corrections-title">
        <Typography.Title level={2} className="jd-h2" id="corrections-title">
          {t('corrections.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('corrections.lead')}</Typography.Paragraph>
        <Table<ScoreCorrection>
          rowKey="id"
          size="small"
          data-testid="corrections-table"
          loading={corrections.isLoading}
          dataSource={corrections.data?.items ?? []}
          locale={{ emptyText: <span className="jd-empty-text">{t('corrections.empty')}</span> }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(c) => ({ 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('roster.field.ticketNo'),
              key: 'ticket',
              render: (_: unknown, c) => byAttempt.get(c.attemptId)?.ticketNo ?? '',
            },
            { title: t('corrections.from'), dataIndex: 'previousScore' },
            { title: t('corrections.to'), dataIndex: 'score' },
            { title: t('corrections.reason'), dataIndex: 'reason' },
            {
              title: t('corrections.requestedAt'),
              dataIndex: 'requestedAt',
              render: (v: string) => formatTime(v, language),
            },
            {
              title: t('corrections.status'),
              dataIndex: 'status',
              render: (v: string, c) => (
                <span data-testid="correction-status">
                  <Tag className={v === 'approved' ? 'jd-tag-green' : v === 'rejected' ? 'jd-tag-red' : 'jd-tag-gold'}>
                    {label(t, 'corrections.status', v)}
                  </Tag>
                  {c.decisionReason ? ` ${c.decisionReason}` : ''}
                </span>
              ),
            },
            ...(isCentre
              ? [
                  {
                    title: t('common.actions'),
                    key: 'decide',
                    render: (_: unknown, c: ScoreCorrection) =>
                      c.status === 'requested' ? (
                        <Space size="small">
                          <Button
                            size="small"
                            type="primary"
                            loading={decide.isPending}
                            onClick={() =>
                              decide.mutate(
                                { id: c.id, approve: true },
                                { onSuccess: () => void message.success(t('corrections.approved')), onError: fail },
                              )
                            }
                            data-testid={`approve-correction-${c.id}`}
                          >
                            {t('corrections.approve')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() => setRejecting(c)}
                            data-testid={`reject-correction-${c.id}`}
                          >
                            {t('corrections.reject')}
                          </Button>
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </section>

      {correcting && <CorrectionDialog sessionId={id} row={correcting} onClose={() => setCorrecting(null)} />}
      {rejecting && (
        <RejectDialog
          onClose={() => setRejecting(null)}
          pending={decide.isPending}
          error={decide.error}
          onReject={(reason) =>
            decide.mutate(
              { id: rejecting.id, approve: false, reason },
              {
                onSuccess: () => {
                  setRejecting(null);
                  void message.success(t('corrections.rejected'));
                },
              },
            )
          }
        />
      )}
      <Drawer
        open={!!historyOf}
        onClose={() => setHistoryOf(null)}
        title={historyOf ? t('results.historyOf', { name: historyOf.name, ticket: historyOf.ticketNo }) : ''}
        width={560}
      >
        {historyOf && <ScoreHistory attemptId={historyOf.attemptId!} />}
      </Drawer>
    </div>
  );
}

/** Every score record of an attempt, oldest first: the original stays next to every approved correction. */
function ScoreHistory({ attemptId }: { attemptId: string }) {
  const { t, language } = useI18n();
  const history = useScoreHistory(attemptId);
  if (history.isLoading) return <Loading />;
  if (history.error || !history.data) return <Alert type="error" role="alert" message={errorText(t, history.error)} />;
  const current = history.data.currentRecordId;
  return (
    <Table<ScoreRecord>
      rowKey="id"
      size="small"
      data-testid="score-history"
      pagination={false}
      dataSource={history.data.records}
      onRow={(rec) => ({ 'data-kind': rec.kind }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('results.kind'), dataIndex: 'kind', render: (v: string) => label(t, 'results.kind', v) },
        { title: t('results.score'), dataIndex: 'score' },
        {
          title: t('results.passFail'),
          dataIndex: 'passed',
          render: (v: boolean) => (v ? t('results.pass') : t('results.fail')),
        },
        { title: t('corrections.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
        { title: t('results.recordedAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, language) },
        {
          title: t('results.inForce'),
          key: 'current',
          render: (_: unknown, rec) =>
            rec.id === current ? <Tag className="jd-tag-blue">{t('results.inForce')}</Tag> : '',
        },
      ]}
    />
  );
}

function CorrectionDialog({ sessionId, row, onClose }: { sessionId: string; row: ResultRow; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; reason: string }>();
  const request = useRequestCorrection(sessionId);
  return (
    <Modal
      afterOpenChange={focusFirstField}
      open
      title={t('corrections.requestTitle', { name: row.name, ticket: row.ticketNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('corrections.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={request.isPending}
      okButtonProps={{ 'data-testid': 'correction-submit' } as ButtonProps}
    >
      <Typography.Paragraph>{t('corrections.current', { score: row.score ?? '—' })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          request.mutate(
            { attemptId: row.attemptId!, score: v.score, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('corrections.requested'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="score"
          label={t('corrections.newScore')}
          rules={[{ required: true, message: t('corrections.scoreRequired') }]}
        >
          <InputNumber min={0} max={100} step={0.5} data-testid="correction-score" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('corrections.reasonRequired')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('corrections.reasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="correction-reason" />
        </Form.Item>
      </Form>
      {request.error && <Alert type="error" role="alert" message={errorText(t, request.error)} />}
    </Modal>
  );
}

function RejectDialog({
  onClose,
  onReject,
  pending,
  error,
}: {
  onClose: () => void;
  onReject: (reason: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      afterOpenChange={focusFirstField}
      open
      title={t('corrections.rejectTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('corrections.reject')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      okButtonProps={{ danger: true, 'data-testid': 'reject-correction-confirm' } as ButtonProps}
    >
      <Form form={form} layout="vertical" onFinish={(v) => onReject(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('corrections.rejectReason')}
          rules={[{ required: true, whitespace: true, message: t('corrections.reasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="reject-correction-reason" />
        </Form.Item>
      </Form>
      {!!error && <Alert type="error" role="alert" message={errorText(t, error)} />}
    </Modal>
  );
}
