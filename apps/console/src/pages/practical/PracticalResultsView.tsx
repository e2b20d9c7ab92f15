import type { ButtonProps } from 'antd';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download, sessions } from '../../api/client';
import {
  useDecide,
  usePracticalResults,
  useReviewScore,
  useScoring,
  type PracticalResultRow,
  type TaskResult,
} from '../../api/practical';
import { useSession } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { focusFirstField } from '../../ui/focus';
import { label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import './practical.css';

const STATUS_CLASS: Record<string, string> = {
  scoring: 'jd-tag-gold',
  needs_decision: 'jd-tag-red',
  decided: 'jd-tag-blue',
  scored: 'jd-tag-green',
};

/** "王建国 40 · 李秀英 42 · 张志强 —": each examiner's signed total of a task. */
const totalsOf = (task: TaskResult) => task.sheets.map((s) => `${s.name} ${s.total ?? '—'}`).join(' · ');

/** The session's name: the centre and institution read the session, the chief examiner their scoring desk. */
function useSessionName(id: string, chief: boolean): string {
  const session = useSession(id, !chief);
  const scoring = useScoring(id, chief);
  return (chief ? scoring.data?.sessionName : session.data?.name) ?? '';
}

/**
 * 实操成绩: per candidate each task's panel score and state with every examiner's signed total, then theory,
 * practical, the comprehensive review (levels 2 and 1) and the result. The chief decides a task whose totals spread
 * too far; the centre enters review scores.
 */
export function PracticalResultsView({ chief = false }: { chief?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const isCentre = !chief && !!sessions.session?.user.roles.includes('centre');
  const results = usePracticalResults(id);
  const name = useSessionName(id, chief);
  const [deciding, setDeciding] = useState<{ row: PracticalResultRow; task: TaskResult } | null>(null);
  const [reviewing, setReviewing] = useState<PracticalResultRow | null>(null);

  if (results.isLoading) return <Loading />;
  if (results.error || !results.data)
    return (
      <Alert type="error" role="alert" message={errorText(t, results.error)} data-testid="practical-results-error" />
    );
  const r = results.data;
  const positions = r.items[0]?.tasks.map((x) => ({ position: x.position, points: x.points })) ?? [];

  const taskCell = (row: PracticalResultRow, position: number) => {
    const task = row.tasks.find((x) => x.position === position);
    if (!task) return null;
    return (
      <div data-testid={`task-${row.ticketNo}-${position}`} data-status={task.status}>
        <span className="jd-task-score">{task.score ?? '—'}</span>{' '}
        <Tag className={STATUS_CLASS[task.status]}>{label(t, 'practical.status', task.status)}</Tag>
        <div className="jd-task-sheets">{t('practical.sheets', { totals: totalsOf(task) })}</div>
        {task.spread !== null && <div className="jd-task-sheets">{t('practical.spread', { spread: task.spread })}</div>}
        {task.decisionReason && (
          <div className="jd-task-sheets">{t('practical.decisionReason', { reason: task.decisionReason })}</div>
        )}
        {chief && task.status === 'needs_decision' && (
          <Button
            size="small"
            danger
            onClick={() => setDeciding({ row, task })}
            data-testid={`decide-${row.ticketNo}-${position}`}
          >
            {t('practical.decide')}
          </Button>
        )}
      </div>
    );
  };

  return (
    <div>
      <Typography.Title level={1}>{t('practical.title', { name })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('practical.lead', {
          aggregate: label(t, 'practical.aggregate', r.aggregate),
          tolerance: Math.round(r.spreadTolerance * 100),
          review: r.reviewNeeded ? t('practical.reviewNote') : '',
        })}
      </Typography.Paragraph>
      <Space wrap className="jd-block jd-gap">
        {chief ? (
          <Link to={`/scoring/${id}`}>{t('scoring.back')}</Link>
        ) : (
          <Link to={`/results/${id}`}>{t('practical.back')}</Link>
        )}
        <Button
          onClick={() =>
            void download(
              api.GET('/api/v1/exam-sessions/{id}/practical-results/export', {
                params: { path: { id } },
                parseAs: 'blob',
              }),
              `practical-results-${id}.xlsx`,
            ).catch((err: unknown) => void message.error(errorText(t, err)))
          }
          data-testid="practical-export"
        >
          {t('practical.export')}
        </Button>
      </Space>
      <Table<PracticalResultRow>
        rowKey="ticketNo"
        size="small"
        data-testid="practical-results"
        dataSource={r.items}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <span className="jd-empty-text">{t('practical.empty')}</span> }}
        onRow={(row) => ({ 'data-ticket': row.ticketNo }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('roster.field.ticketNo'), dataIndex: 'ticketNo' },
          { title: t('roster.field.name'), dataIndex: 'name' },
          { title: t('roster.field.idNumber'), dataIndex: 'idNumber' },
          ...positions.map((p) => ({
            title: t('practical.task', p),
            key: `task-${p.position}`,
            render: (_: unknown, row: PracticalResultRow) => taskCell(row, p.position),
          })),
          {
            title: t('practical.theory'),
            dataIndex: 'theory',
            render: (v: number | null) => <span data-testid="practical-theory">{v ?? '—'}</span>,
          },
          {
            title: t('practical.practical'),
            dataIndex: 'practical',
            render: (v: number | null) => <span data-testid="practical-total">{v ?? '—'}</span>,
          },
          ...(r.reviewNeeded
            ? [
                {
                  title: t('practical.review'),
                  dataIndex: 'review',
                  render: (v: number | null, row: PracticalResultRow) => (
                    <Space size="small">
                      <span data-testid="practical-review">{v ?? '—'}</span>
                      {isCentre && (
                        <Button size="small" onClick={() => setReviewing(row)} data-testid={`review-${row.ticketNo}`}>
                          {t('practical.enterReview')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: t('results.passFail'),
            dataIndex: 'passed',
            render: (v: boolean | null) =>
              v === null ? (
                '—'
              ) : (
                <Tag className={v ? 'jd-tag-green' : 'jd-tag-red'} data-testid="practical-passed">
                  {v ? t('results.pass') : t('results.fail')}
                </Tag>
              ),
          },
        ]}
      />
      {deciding && <DecisionDialog sessionId={id} {...deciding} onClose={() => setDeciding(null)} />}
      {reviewing && <ReviewDialog sessionId={id} row={reviewing} onClose={() => setReviewing(null)} />}
    </div>
  );
}

/** The chief's reasoned score for a task whose signed totals spread beyond the tolerance. */
function DecisionDialog({
  sessionId,
  row,
  task,
  onClose,
}: {
  sessionId: string;
  row: PracticalResultRow;
  task: TaskResult;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; reason: string }>();
  const decide = useDecide(sessionId);
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t('practical.decideTitle', { name: row.name, ticket: row.ticketNo, position: task.position })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('practical.decide')}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      okButtonProps={{ 'data-testid': 'decision-submit' } as ButtonProps}
    >
      <Typography.Paragraph>
        {t('practical.decideLead', { totals: totalsOf(task), spread: task.spread ?? '—' })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            { ticketNo: row.ticketNo, position: task.position, score: v.score, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('practical.decided', { position: task.position }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="score"
          label={t('practical.decideScore', { points: task.points })}
          rules={[
            { required: true, message: t('practical.decideScoreRequired') },
            {
              validator: (_, v: number | null | undefined) =>
                v === null || v === undefined || Math.round(v * 2) === v * 2
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('scoring.halfPoints'))),
            },
          ]}
        >
          <InputNumber min={0} max={task.points} step={0.5} data-testid="decision-score" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('practical.decideReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('practical.decideReasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-reason" />
        </Form.Item>
      </Form>
      {decide.error && <Alert type="error" role="alert" showIcon message={errorText(t, decide.error)} />}
    </Modal>
  );
}

/** The centre's comprehensive review (综合评审) score of a level 2 or 1 candidate. */
function ReviewDialog({
  sessionId,
  row,
  onClose,
}: {
  sessionId: string;
  row: PracticalResultRow;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number }>();
  const review = useReviewScore(sessionId);
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t('practical.reviewTitle', { name: row.name, ticket: row.ticketNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ 'data-testid': 'review-submit' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ score: row.review ?? undefined }}
        onFinish={(v) =>
          review.mutate(
            { ticketNo: row.ticketNo, score: v.score },
            {
              onSuccess: () => {
                void message.success(t('practical.reviewSaved', { name: row.name }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="score"
          label={t('practical.reviewScore')}
          rules={[{ required: true, message: t('practical.reviewScoreRequired') }]}
        >
          <InputNumber min={0} max={100} step={0.5} precision={1} data-testid="review-score" />
        </Form.Item>
      </Form>
      {review.error && <Alert type="error" role="alert" showIcon message={errorText(t, review.error)} />}
    </Modal>
  );
}
