import { Alert, Button, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import './slips.css';

/** 准考证: one slip per candidate, one printed page each (slips.css); the print button opens the browser's dialog. */
export function AdmissionSlips() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const session = useSession(id);
  if (session.isLoading) return <Loading />;
  if (session.error || !session.data) return <Alert type="error" role="alert" message={errorText(t, session.error)} />;
  const s = session.data;
  const ends = s.endsAt ? formatTime(s.endsAt, language) : '';
  return (
    <div>
      <div className="jd-no-print">
        <Typography.Title level={1}>{t('slips.title', { name: s.name })}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('slips.hint', { count: s.candidates.length })}</Typography.Paragraph>
        <Space className="jd-gap">
          <Button type="primary" onClick={() => window.print()} data-testid="print-slips">
            {t('slips.print')}
          </Button>
          <Link to={`/sessions/${s.id}`}>{t('slips.back')}</Link>
        </Space>
      </div>
      {s.candidates.length === 0 && <Alert type="info" message={t('roster.empty')} />}
      <div className="jd-slips" data-testid="slips">
        {s.candidates.map((c) => (
          <article className="jd-slip" key={c.id} data-testid="slip" aria-label={t('slips.slipOf', { name: c.name })}>
            <h2 className="jd-slip-title">{t('slips.heading')}</h2>
            <dl className="jd-slip-fields">
              <dt>{t('roster.field.ticketNo')}</dt>
              <dd data-testid="slip-ticket">{c.ticketNo}</dd>
              <dt>{t('roster.field.name')}</dt>
              <dd>{c.name}</dd>
              <dt>{t('roster.field.idNumber')}</dt>
              <dd>{c.idNumber}</dd>
              <dt>{t('slips.session')}</dt>
              <dd>{s.name}</dd>
              <dt>{t('sessions.room')}</dt>
              <dd data-testid="slip-room">{s.room ?? ''}</dd>
              <dt>{t('slips.seat')}</dt>
              <dd>{c.seat + 1}</dd>
              <dt>{t('slips.time')}</dt>
              <dd>
                {formatTime(s.startsAt, language)} – {ends}
              </dd>
            </dl>
            <p className="jd-slip-note">{t('slips.note')}</p>
          </article>
        ))}
      </div>
    </div>
  );
}
