import { Alert, Badge, Descriptions, Table, Typography } from 'antd';
import type { PaperResponse, TaskPositionResponse, TheoryPositionResponse } from '@jianding/api-client';
import { usePaper } from '../../api/papers';
import { useI18n, type Translate } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';

type Position = TheoryPositionResponse | TaskPositionResponse;
const isTheory = (p: Position): p is TheoryPositionResponse => 'stem' in p;

export const keyOf = (answer: TheoryPositionResponse['answer']): string =>
  answer === undefined
    ? ''
    : Array.isArray(answer)
      ? answer.join('')
      : typeof answer === 'boolean'
        ? String(answer)
        : answer;

export function PaperStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span data-paper-status={status}>
      <Badge status={status === 'released' ? 'success' : 'warning'} text={label(t, 'papers.status', status)} />
    </span>
  );
}

function answerText(t: Translate, answer: TheoryPositionResponse['answer']): string {
  if (typeof answer === 'boolean') return answer ? t('papers.true') : t('papers.false');
  return keyOf(answer);
}

/** A paper as the API returns it to this user: the centre sees keys and provenance, an institution only the content. */
export function PaperBody({ paper }: { paper: PaperResponse }) {
  const { t, language } = useI18n();
  const withKeys = paper.seed !== undefined;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="paper-meta">
        <Descriptions.Item label={t('papers.label')}>{paper.label}</Descriptions.Item>
        <Descriptions.Item label={t('papers.kind')}>{label(t, 'papers.kind', paper.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('papers.statusLabel')}>
          <PaperStatusTag status={paper.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('papers.releasedAt')}>
          {formatTime(paper.releasedAt, language) || t('common.none')}
        </Descriptions.Item>
        {paper.durationMinutes !== undefined && (
          <Descriptions.Item label={t('papers.duration')}>
            {t('papers.minutes', { count: paper.durationMinutes })}
          </Descriptions.Item>
        )}
        {paper.totalPoints !== undefined && (
          <Descriptions.Item label={t('papers.totalPoints')}>{paper.totalPoints}</Descriptions.Item>
        )}
        {withKeys && (
          <Descriptions.Item label={t('papers.seed')}>
            <Typography.Text code copyable data-testid="paper-seed">
              {paper.seed}
            </Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('papers.assemblerVersion')}>{paper.assemblerVersion}</Descriptions.Item>
        <Descriptions.Item label={t('papers.snapshotHash')}>
          <Typography.Text code copyable>
            {paper.snapshotHash}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('papers.contentHash')}>
          <Typography.Text code copyable data-testid="paper-content-hash">
            {paper.contentHash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} className="jd-section-title">
        {t('papers.positions')}
      </Typography.Title>
      <Table<Position>
        rowKey="position"
        size="small"
        data-testid="paper-positions"
        dataSource={paper.positions}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('papers.position'), dataIndex: 'position', width: 70 },
          {
            title: t('papers.content'),
            key: 'content',
            render: (_, p) =>
              isTheory(p) ? (
                <div data-testid="paper-position">
                  <div>{p.stem}</div>
                  {p.options.map((o) => (
                    <div key={o.key}>
                      {o.key}. {o.text}
                    </div>
                  ))}
                </div>
              ) : (
                <div data-testid="paper-position">
                  <strong>{p.title}</strong>
                  <div>{p.task}</div>
                </div>
              ),
          },
          {
            title: t('papers.type'),
            key: 'type',
            width: 90,
            render: (_, p) => (isTheory(p) ? label(t, 'type', p.type) : label(t, 'type', 'task')),
          },
          { title: t('papers.points'), dataIndex: 'points', width: 70 },
          ...(withKeys
            ? [
                {
                  title: t('papers.key'),
                  key: 'key',
                  width: 90,
                  render: (_: unknown, p: Position) =>
                    isTheory(p) ? (
                      <span data-testid="paper-key">{answerText(t, p.answer)}</span>
                    ) : (
                      (p.rubric ?? []).map((r) => `${r.criterion} ${r.points}`).join('；')
                    ),
                },
                {
                  title: t('papers.knowledgePoint'),
                  key: 'kp',
                  width: 120,
                  render: (_: unknown, p: Position) => (isTheory(p) ? p.knowledgePoint : ''),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** Loads a paper and shows it, or the API's refusal (PAPER_SEALED for an institution before release). */
export function PaperLoader({ id, children }: { id: string; children?: (paper: PaperResponse) => React.ReactNode }) {
  const { t } = useI18n();
  const paper = usePaper(id);
  if (paper.error)
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="paper-error"
        data-code={(paper.error as { code?: string }).code}
        message={errorText(t, paper.error)}
      />
    );
  if (!paper.data) return <Loading />;
  return (
    <>
      {children?.(paper.data)}
      <PaperBody paper={paper.data} />
    </>
  );
}
