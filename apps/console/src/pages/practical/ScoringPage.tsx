import { Alert, Button, Collapse, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import {
  useAssignments,
  useScoring,
  type Assignment,
  type PracticalTask,
  type ScoringCandidate,
} from '../../api/practical';
import { useI18n } from '../../i18n/i18n';
import { EmptyText } from '../../ui/EmptyText';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { TAG } from '../../ui/tag-colours';
import { PracticalResultsView } from './PracticalResultsView';
import { sheetState } from './sheet';
import { SheetDialog } from './SheetDialog';
import { TaskBrief } from './TaskBrief';
import './practical.css';

/** 评分: the examiner's panels, each session's scoring desk, and for the chief the session's practical results. */
export default function ScoringPage() {
  return (
    <Routes>
      <Route index element={<Assignments />} />
      <Route path=":id" element={<ScoringDesk />} />
      <Route path=":id/results" element={<PracticalResultsView chief />} />
    </Routes>
  );
}

function Assignments() {
  const { t, language } = useI18n();
  const list = useAssignments();
  return (
    <div>
      <Typography.Title level={1}>{t('nav.scoring')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('scoring.lead')}</Typography.Paragraph>
      {list.error && <Alert type="error" role="alert" message={errorText(t, list.error)} />}
      <Table<Assignment>
        rowKey="sessionId"
        data-testid="assignments-table"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('scoring.empty')}</EmptyText> }}
        columns={[
          {
            title: t('scoring.session'),
            dataIndex: 'name',
            render: (name: string, a) => (
              <Link to={`/scoring/${a.sessionId}`} data-testid="assignment-link">
                {name}
              </Link>
            ),
          },
          { title: t('scoring.startsAt'), dataIndex: 'startsAt', render: (v: string) => formatTime(v, language) },
          { title: t('common.occupation'), dataIndex: 'occupationName' },
          { title: t('common.level'), dataIndex: 'level', render: (v: string) => label(t, 'level', v) },
          {
            title: t('scoring.role'),
            dataIndex: 'chief',
            render: (chief: boolean) => (
              <Tag color={chief ? TAG.info : undefined}>{chief ? t('scoring.chief') : t('scoring.member')}</Tag>
            ),
          },
        ]}
      />
    </div>
  );
}

/** One session's candidates × tasks: each cell opens the examiner's own score sheet for that candidate's task. */
function ScoringDesk() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const scoring = useScoring(id);
  const [open, setOpen] = useState<{ ticketNo: string; position: number } | null>(null);
  if (scoring.isLoading) return <Loading />;
  if (scoring.error || !scoring.data)
    return <Alert type="error" role="alert" message={errorText(t, scoring.error)} data-testid="scoring-error" />;
  const s = scoring.data;

  const cell = (c: ScoringCandidate, task: PracticalTask) => {
    const sheet = c.tasks.find((x) => x.position === task.position);
    const state = sheetState(sheet?.mine);
    const text = state === 'none' ? t('scoring.cell.none') : t(`scoring.cell.${state}`, { total: sheet!.mine!.total });
    const signedByOthers = sheet?.others.filter((o) => o.signedAt).length ?? 0;
    return (
      <div>
        <Button
          size="small"
          type={state === 'signed' ? 'default' : 'primary'}
          ghost={state === 'draft'}
          onClick={() => setOpen({ ticketNo: c.ticketNo, position: task.position })}
          data-testid={`sheet-${c.ticketNo}-${task.position}`}
          data-state={state}
          aria-label={t('scoring.cellLabel', {
            name: c.name,
            ticket: c.ticketNo,
            position: task.position,
            state: text,
          })}
        >
          {text}
        </Button>
        {!!sheet?.others.length && (
          <div className="jd-sheet-others">
            {t('scoring.othersCount', { signed: signedByOthers, count: sheet.others.length })}
          </div>
        )}
      </div>
    );
  };

  return (
    <div>
      <Typography.Title level={1}>{t('scoring.deskTitle', { name: s.sessionName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('scoring.deskLead')}</Typography.Paragraph>
      <Space wrap className="jd-block jd-gap">
        <Link to="/scoring">{t('scoring.back')}</Link>
        {s.chief && (
          <Link to={`/scoring/${id}/results`} data-testid="open-chief-results">
            {t('scoring.results')}
          </Link>
        )}
      </Space>
      <section aria-labelledby="tasks-title" className="jd-gap">
        <Typography.Title level={2} className="jd-h2" id="tasks-title">
          {t('scoring.tasks')}
        </Typography.Title>
        <Collapse
          size="small"
          items={s.tasks.map((task) => ({
            key: String(task.position),
            label: t('scoring.taskHeading', {
              position: task.position,
              title: task.title,
              points: task.points,
              minutes: task.minutes,
            }),
            children: <TaskBrief task={task} />,
          }))}
        />
      </section>
      <section aria-labelledby="desk-title">
        <Typography.Title level={2} className="jd-h2" id="desk-title">
          {t('scoring.candidates')}
        </Typography.Title>
        <Table<ScoringCandidate>
          rowKey="ticketNo"
          size="small"
          data-testid="scoring-desk"
          dataSource={s.candidates}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(c) => ({ 'data-ticket': c.ticketNo }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('roster.field.ticketNo'), dataIndex: 'ticketNo' },
            { title: t('roster.field.name'), dataIndex: 'name' },
            ...s.tasks.map((task) => ({
              title: t('scoring.taskColumn', { position: task.position, points: task.points }),
              key: `task-${task.position}`,
              render: (_: unknown, c: ScoringCandidate) => cell(c, task),
            })),
          ]}
        />
      </section>
      {open && <SheetDialog sessionId={id} {...open} onClose={() => setOpen(null)} />}
    </div>
  );
}
