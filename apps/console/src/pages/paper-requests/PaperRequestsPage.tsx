import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BadgeProps } from 'antd';
import { Alert, App, Badge, Button, Descriptions, Progress, Result, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PaperRequestStatus, PaperRequestSummaryView } from '@jianding/api-client';
import { api, sessions, unwrap } from '../../api/client';
import { paperKeys, usePaperRequest, usePaperRequests, usePapers, type PaperRequestListQuery } from '../../api/papers';
import { useCompliance } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { liveParams, withFilters } from '../../ui/url-filters';
import { PaperLoader, PaperStatusTag } from '../papers/PaperContent';
import { NewRequest } from './NewRequest';
import { RejectDialog } from './RejectDialog';

const STATUSES: PaperRequestStatus[] = ['submitted', 'assembling', 'ready', 'failed', 'rejected'];
// Badges, not coloured tags: antd's green and orange tag text does not reach 4.5:1 on its own background.
const BADGES: Record<PaperRequestStatus, BadgeProps['status']> = {
  submitted: 'default',
  assembling: 'processing',
  ready: 'success',
  failed: 'error',
  rejected: 'warning',
};

const isCentre = () => sessions.session?.user.roles.includes('centre') ?? false;

export function RequestStatusTag({ status }: { status: PaperRequestStatus }) {
  const { t } = useI18n();
  return (
    <span data-request-status={status}>
      <Badge status={BADGES[status]} text={label(t, 'requests.status', status)} />
    </span>
  );
}

/** Paper requests: an institution asks within its filed scope; the centre approves or rejects and watches the draw. */
export default function PaperRequestsPage() {
  return (
    <Routes>
      <Route index element={<RequestList />} />
      <Route path=":id" element={<RequestDetail />} />
      <Route path=":id/papers/:paperId" element={<InstitutionPaper />} />
    </Routes>
  );
}

function RequestList() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const centre = isCentre();
  const status = params.get('status') as PaperRequestStatus | null;
  const query: PaperRequestListQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    ...(status ? { status } : {}),
  };
  const requests = usePaperRequests(query);

  return (
    <div>
      <Typography.Title level={1}>{t('requests.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {centre ? t('requests.leadCentre') : t('requests.leadInstitution')}
      </Typography.Paragraph>
      <Space wrap className="jd-toolbar">
        <Select
          allowClear
          placeholder={t('requests.statusLabel')}
          aria-label={t('requests.statusLabel')}
          value={status ?? undefined}
          onChange={(v?: string) => setParams(withFilters(liveParams(), { status: v }))}
          style={{ width: 160 }}
          data-testid="requests-status"
          options={STATUSES.map((s) => ({ value: s, label: label(t, 'requests.status', s) }))}
        />
        {!centre && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-request">
            {t('requests.new')}
          </Button>
        )}
      </Space>
      <Table<PaperRequestSummaryView>
        rowKey="id"
        data-testid="requests-table"
        loading={requests.isFetching}
        dataSource={requests.data?.items ?? []}
        locale={{ emptyText: t('requests.empty') }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: requests.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => setParams(withFilters(liveParams(), { page, pageSize })),
        }}
        onRow={(r) => ({ 'data-testid': 'request-row', 'data-request-id': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          ...(centre
            ? [
                {
                  title: t('requests.institution'),
                  key: 'institution',
                  render: (_: unknown, r: PaperRequestSummaryView) =>
                    r.institution ? `${r.institution.code} ${r.institution.name}` : r.institutionId,
                },
              ]
            : []),
          {
            title: t('common.bank'),
            key: 'bank',
            render: (_, r) => (
              <Link to={`/paper-requests/${r.id}`} data-testid="request-link">
                {r.occupation} · {label(t, 'level', r.level)}
              </Link>
            ),
          },
          { title: t('requests.examDate'), dataIndex: 'examDate', width: 120 },
          { title: t('requests.papers'), key: 'papers', render: (_, r) => <PaperCount request={r} /> },
          {
            title: t('requests.statusLabel'),
            key: 'status',
            render: (_, r) => (
              <>
                <RequestStatusTag status={r.status} />
                {r.reason && <div className="jd-reason">{r.reason}</div>}
              </>
            ),
          },
          { title: t('requests.createdAt'), key: 'createdAt', render: (_, r) => formatTime(r.createdAt, language) },
          ...(centre
            ? [
                {
                  title: t('requests.compliance'),
                  key: 'compliance',
                  render: (_: unknown, r: PaperRequestSummaryView) =>
                    r.status === 'submitted' ? <BankCompliance occupation={r.occupation} level={r.level} /> : null,
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: PaperRequestSummaryView) =>
                    r.status === 'submitted' ? <Decide request={r} /> : null,
                },
              ]
            : []),
        ]}
      />
      {creating && <NewRequest onClose={() => setCreating(false)} />}
    </div>
  );
}

function PaperCount({ request: r }: { request: PaperRequestSummaryView }) {
  const { t } = useI18n();
  return (
    <>
      {r.perCandidate
        ? t('requests.perCandidateCount', { count: r.candidates })
        : t('requests.formsCount', { count: r.forms })}
    </>
  );
}

/** The bank's compliance verdict next to a submitted request: a bank below its threshold cannot be drawn from. */
function BankCompliance({ occupation, level }: { occupation: string; level: string }) {
  const { t } = useI18n();
  const report = useCompliance(occupation, level, true);
  if (report.error) return <Typography.Text type="danger">{errorText(t, report.error)}</Typography.Text>;
  if (!report.data) return <span>{t('app.loading')}</span>;
  const r = report.data;
  return (
    <span data-testid="request-compliance" data-met={String(r.met)}>
      <Badge
        status={r.met ? 'success' : 'error'}
        text={`${r.met ? t('banks.met') : t('banks.notMet')} · ${t('banks.theory', { approved: r.theory.approved, required: r.theory.required })}`}
      />
      {r.shortfalls.length > 0 && <div>{t('banks.shortfalls', { count: r.shortfalls.length })}</div>}
    </span>
  );
}

/** Approve (queues the draw and opens the request to watch it) or reject with a required reason. */
function Decide({ request }: { request: PaperRequestSummaryView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [rejecting, setRejecting] = useState(false);
  const approve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/paper-requests/{id}/approve', { params: { path: { id: request.id } }, body: {} as never }),
      ),
    onSuccess: (r) => {
      void message.success(t('requests.approved'));
      client.setQueryData(paperKeys.request(r.id), r);
      void client.invalidateQueries({ queryKey: ['paper-requests'] });
      void navigate(`/paper-requests/${r.id}`);
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  return (
    <Space>
      <Button
        type="primary"
        onClick={() => approve.mutate()}
        loading={approve.isPending}
        data-testid={`approve-${request.id}`}
      >
        {t('requests.approve')}
      </Button>
      <Button danger onClick={() => setRejecting(true)} data-testid={`reject-${request.id}`}>
        {t('requests.reject')}
      </Button>
      {rejecting && <RejectDialog id={request.id} onClose={() => setRejecting(false)} />}
    </Space>
  );
}

function RequestDetail() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const request = usePaperRequest(id);
  const centre = isCentre();
  if (request.error)
    return (
      <Result
        status="warning"
        title={errorText(t, request.error)}
        extra={<Link to="/paper-requests">{t('requests.back')}</Link>}
      />
    );
  const r = request.data;
  return (
    <div>
      <Typography.Paragraph>
        <Link to="/paper-requests">{t('requests.back')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1}>
        {r
          ? t('requests.detailTitle', { bank: `${r.occupation} · ${label(t, 'level', r.level)}`, date: r.examDate })
          : t('requests.title')}
      </Typography.Title>
      {r && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="request-meta">
            <Descriptions.Item label={t('requests.institution')}>
              {r.institution ? `${r.institution.code} ${r.institution.name}` : r.institutionId}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.statusLabel')}>
              <RequestStatusTag status={r.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.examDate')}>{r.examDate}</Descriptions.Item>
            <Descriptions.Item label={t('requests.papers')}>
              <PaperCount request={r} />
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.createdAt')}>{formatTime(r.createdAt, language)}</Descriptions.Item>
            <Descriptions.Item label={t('requests.decidedAt')}>
              {formatTime(r.decidedAt, language) || t('common.none')}
            </Descriptions.Item>
            {r.snapshotHash && (
              <Descriptions.Item label={t('papers.snapshotHash')}>
                <Typography.Text code>{r.snapshotHash}</Typography.Text>
              </Descriptions.Item>
            )}
            {r.assemblerVersion && (
              <Descriptions.Item label={t('papers.assemblerVersion')}>{r.assemblerVersion}</Descriptions.Item>
            )}
          </Descriptions>
          {centre && r.status === 'submitted' && (
            <Space wrap className="jd-toolbar">
              <BankCompliance occupation={r.occupation} level={r.level} />
              <Decide request={r} />
            </Space>
          )}
          {r.status === 'assembling' && (
            <div className="jd-progress" data-testid="request-assembling">
              <Typography.Paragraph>{t('requests.assembling')}</Typography.Paragraph>
              <Progress
                percent={r.progress}
                status="active"
                aria-label={t('requests.progress')}
                data-testid="request-progress"
                data-progress={r.progress}
              />
            </div>
          )}
          {r.status === 'ready' && (
            <Progress
              percent={100}
              aria-label={t('requests.progress')}
              data-testid="request-progress"
              data-progress={100}
            />
          )}
          {(r.status === 'failed' || r.status === 'rejected') && (
            <Alert
              type={r.status === 'failed' ? 'error' : 'warning'}
              showIcon
              role="alert"
              data-testid="request-reason"
              message={r.status === 'failed' ? t('requests.failed') : t('requests.rejectedTitle')}
              description={r.reason}
            />
          )}
          {r.status === 'ready' &&
            (centre ? <CentrePapers requestId={r.id} /> : <InstitutionPapers ids={r.papers} requestId={r.id} />)}
        </>
      )}
    </div>
  );
}

function CentrePapers({ requestId }: { requestId: string }) {
  const { t, language } = useI18n();
  const papers = usePapers({ requestId, page: 1, pageSize: 100 });
  return (
    <>
      <Typography.Title level={2} className="jd-section-title">
        {t('requests.drawnPapers')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        data-testid="request-papers"
        loading={papers.isFetching}
        dataSource={papers.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('papers.label'),
            key: 'label',
            render: (_, p) => (
              <Link to={`/papers/${p.id}`} data-testid="request-paper-link" data-paper-id={p.id}>
                {p.label} · {label(t, 'papers.kind', p.kind)}
              </Link>
            ),
          },
          { title: t('papers.statusLabel'), key: 'status', render: (_, p) => <PaperStatusTag status={p.status} /> },
          { title: t('papers.drawnAt'), key: 'drawnAt', render: (_, p) => formatTime(p.drawnAt, language) },
          {
            title: t('papers.contentHash'),
            key: 'hash',
            render: (_, p) => <Typography.Text code>{p.contentHash.slice(0, 16)}…</Typography.Text>,
          },
        ]}
      />
    </>
  );
}

function InstitutionPapers({ ids, requestId }: { ids: string[]; requestId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2} className="jd-section-title">
        {t('requests.drawnPapers')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.sealedNote')}</Typography.Paragraph>
      <ul className="jd-paper-list" data-testid="request-papers">
        {ids.map((id, k) => (
          <li key={id}>
            <Link to={`/paper-requests/${requestId}/papers/${id}`} data-testid="request-paper-link" data-paper-id={id}>
              {t('requests.paperN', { n: k + 1 })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** An institution's view of one of its papers: the content once released, PAPER_SEALED before. */
function InstitutionPaper() {
  const { id = '', paperId = '' } = useParams();
  const { t } = useI18n();
  return (
    <div>
      <Typography.Paragraph>
        <Link to={`/paper-requests/${id}`}>{t('requests.backToRequest')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1}>{t('requests.paperTitle')}</Typography.Title>
      <PaperLoader id={paperId} />
    </div>
  );
}
