import { Alert, App, Button, Descriptions, Result, Space, Table, Typography, Upload } from 'antd';
import { SessionProctors } from './SessionProctors';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, sessions } from '../../api/client';
import { useImportRoster, useSession, type RosterCandidate } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import './sessions.css';

/** A row problem of a roster import, as the API reports it (all or nothing). */
export interface RosterIssueView {
  row?: number;
  field: string;
  code: string;
  message: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'refused'; issues: RosterIssueView[]; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; imported: number; total: number };

/** One session: when and where, its roster with masked ID numbers, the roster import, and links to slips and results. */
export function SessionDetail() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const session = useSession(id);
  const importer = useImportRoster(id);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const mayImport = !!sessions.session?.user.roles.includes('institution');

  if (session.isLoading) return <Loading />;
  if (session.error || !session.data)
    return <Alert type="error" role="alert" message={errorText(t, session.error)} data-testid="session-error" />;
  const s = session.data;

  const start = () => {
    if (!file) return;
    setPhase({ kind: 'idle' });
    importer.mutate(file, {
      onSuccess: (r) => {
        setPhase({ kind: 'done', imported: r.imported, total: r.total });
        void message.success(t('roster.done', { count: r.imported }));
      },
      onError: (err) => {
        const issues =
          err instanceof ApiError ? (err.details as { errors?: RosterIssueView[] } | undefined)?.errors : undefined;
        if (issues?.length) setPhase({ kind: 'refused', issues, message: errorText(t, err) });
        else setPhase({ kind: 'failed', message: errorText(t, err) });
      },
    });
  };

  return (
    <div>
      <Typography.Title level={1} data-testid="session-title">
        {s.name}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        className="jd-gap"
        items={[
          { key: 'room', label: t('sessions.room'), children: s.room ?? '' },
          { key: 'starts', label: t('sessions.startsAt'), children: formatTime(s.startsAt, language) },
          { key: 'ends', label: t('sessions.endsAt'), children: formatTime(s.endsAt, language) },
          { key: 'duration', label: t('sessions.duration'), children: s.durationMinutes },
          {
            key: 'show',
            label: t('sessions.showResultShort'),
            children: s.showResult ? t('common.yes') : t('common.no'),
          },
          { key: 'seb', label: t('sessions.sebShort'), children: s.seb ? t('common.yes') : t('common.no') },
        ]}
      />
      <Space wrap className="jd-gap">
        <Link to={`/sessions/${s.id}/slips`} data-testid="open-slips">
          {t('slips.open')}
        </Link>
        <Link to={`/results/${s.id}`} data-testid="open-results">
          {t('results.open')}
        </Link>
        <Link to={`/results/${s.id}/practical`} data-testid="open-practical-results">
          {t('practical.open')}
        </Link>
      </Space>

      <SessionProctors
        sessionId={s.id}
        mayAssign={!!sessions.session?.user.roles.some((r) => r === 'institution' || r === 'centre')}
      />

      {mayImport && (
        <section aria-labelledby="roster-import-title" className="jd-gap">
          <Typography.Title level={2} className="jd-h2" id="roster-import-title">
            {t('roster.import')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('roster.hint')}</Typography.Paragraph>
          <Space wrap>
            <Upload
              accept=".xlsx,.csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                setPhase({ kind: 'idle' });
                return false;
              }}
            >
              <Button data-testid="roster-choose">{t('import.choose')}</Button>
            </Upload>
            {file && (
              <Typography.Text data-testid="roster-file">{t('import.chosen', { name: file.name })}</Typography.Text>
            )}
            <Button
              type="primary"
              disabled={!file}
              loading={importer.isPending}
              onClick={start}
              data-testid="roster-start"
            >
              {t('roster.start')}
            </Button>
          </Space>
          {phase.kind === 'failed' && (
            <Alert type="error" showIcon role="alert" className="jd-gap-top" message={phase.message} />
          )}
          {phase.kind === 'refused' && (
            <>
              <Alert
                type="error"
                showIcon
                role="alert"
                className="jd-gap-top"
                data-testid="roster-refused"
                message={t('roster.refused', { count: phase.issues.length })}
              />
              <Table<RosterIssueView>
                rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
                size="small"
                data-testid="roster-errors"
                dataSource={phase.issues}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  {
                    title: t('import.column'),
                    dataIndex: 'field',
                    width: 120,
                    render: (f: string) => label(t, 'roster.field', f),
                  },
                  {
                    title: t('import.reason'),
                    dataIndex: 'code',
                    render: (code: string, e) => label(t, 'roster.issue', code) || e.message,
                  },
                ]}
              />
            </>
          )}
          {phase.kind === 'done' && (
            <Result
              status="success"
              className="jd-compact-result"
              title={
                <span data-testid="roster-done">
                  {t('roster.doneTotal', { count: phase.imported, total: phase.total })}
                </span>
              }
            />
          )}
        </section>
      )}

      <section aria-labelledby="roster-title">
        <Typography.Title level={2} className="jd-h2" id="roster-title">
          {t('roster.title', { count: s.candidateCount })}
        </Typography.Title>
        <Table<RosterCandidate>
          rowKey="id"
          size="small"
          data-testid="roster-table"
          dataSource={s.candidates}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <span className="jd-empty-text">{t('roster.empty')}</span> }}
          columns={[
            { title: t('roster.seat'), dataIndex: 'seat', width: 70, render: (n: number) => n + 1 },
            { title: t('roster.field.ticketNo'), dataIndex: 'ticketNo' },
            { title: t('roster.field.name'), dataIndex: 'name' },
            {
              title: t('roster.field.idNumber'),
              dataIndex: 'idNumber',
              render: (v: string) => <span data-testid="masked-id">{v}</span>,
            },
          ]}
        />
      </section>
    </div>
  );
}
