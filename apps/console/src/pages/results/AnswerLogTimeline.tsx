import { Alert, Empty, Space, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useAnswerLog, useResults } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import './results.css';

const answerText = (a: unknown, none: string): string =>
  a === null || a === undefined
    ? none
    : Array.isArray(a)
      ? a.join('')
      : typeof a === 'boolean'
        ? a
          ? '√'
          : '×'
        : String(a);

/** 作答记录: every change of one attempt in order, with the candidate's clock and the server's. */
export function AnswerLogTimeline() {
  const { id = '', attemptId = '' } = useParams();
  const { t, language } = useI18n();
  const log = useAnswerLog(attemptId);
  const results = useResults(id);
  const row = results.data?.items.find((r) => r.attemptId === attemptId);
  if (log.isLoading) return <Loading />;
  if (log.error || !log.data) return <Alert type="error" role="alert" message={errorText(t, log.error)} />;
  const items = log.data.items;
  return (
    <div>
      <Typography.Title level={1}>
        {t('log.title', { name: row?.name ?? '', ticket: row?.ticketNo ?? '' })}
      </Typography.Title>
      <Space className="jd-gap" wrap>
        <Typography.Text>{t('log.count', { count: items.length })}</Typography.Text>
        <Link to={`/results/${id}`}>{t('log.back')}</Link>
      </Space>
      {items.length === 0 ? (
        <Empty description={<span className="jd-empty-text">{t('log.empty')}</span>} />
      ) : (
        <Timeline
          data-testid="answer-log"
          items={items.map((e) => ({
            key: e.seq,
            children: (
              <div data-testid="log-entry" data-seq={e.seq} data-position={e.position}>
                <Typography.Text strong>
                  {t('log.entry', { seq: e.seq, position: e.position, answer: answerText(e.answer, t('log.cleared')) })}
                </Typography.Text>
                <div className="jd-timeline-meta">
                  {t('log.times', {
                    client: e.clientTime ? formatTime(e.clientTime, language) : '—',
                    server: formatTime(e.serverTime, language),
                  })}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}
