import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, Space, Table, Typography } from 'antd';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import type { PaperSummaryView, PaperVerifyResponse } from '@jianding/api-client';
import { api, unwrap } from '../../api/client';
import { paperKeys, useAudit, usePapers } from '../../api/papers';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { liveParams, withFilters } from '../../ui/url-filters';
import { PaperLoader, PaperStatusTag } from './PaperContent';

const short = (hash: string | null | undefined) => (hash ? `${hash.slice(0, 12)}…` : '');

/** The centre's papers: every drawn paper with its provenance; a paper's content, its re-derivation, release and trail. */
export default function PapersPage() {
  return (
    <Routes>
      <Route index element={<PaperList />} />
      <Route path=":id" element={<PaperDetail />} />
    </Routes>
  );
}

function PaperList() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    ...(params.get('requestId') ? { requestId: params.get('requestId')! } : {}),
  };
  const papers = usePapers(query);
  const who = (u: PaperSummaryView['requestedBy'], at: string | null) =>
    u ? (
      <>
        <div>{u.username ?? u.id}</div>
        <Typography.Text type="secondary">{formatTime(at, language)}</Typography.Text>
      </>
    ) : (
      t('common.none')
    );
  return (
    <div>
      <Typography.Title level={1}>{t('papers.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('papers.lead')}</Typography.Paragraph>
      <Space wrap className="jd-toolbar">
        <Input.Search
          allowClear
          placeholder={t('papers.requestFilter')}
          aria-label={t('papers.requestFilter')}
          defaultValue={query.requestId}
          onSearch={(v) => setParams(withFilters(liveParams(), { requestId: v.trim() }))}
          style={{ width: 360 }}
          enterButton={t('common.search')}
          data-testid="papers-request-filter"
        />
      </Space>
      <Table<PaperSummaryView>
        rowKey="id"
        data-testid="papers-table"
        loading={papers.isFetching}
        dataSource={papers.data?.items ?? []}
        scroll={{ x: 1400 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: papers.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => setParams(withFilters(liveParams(), { page, pageSize })),
        }}
        columns={[
          {
            title: t('papers.label'),
            key: 'label',
            fixed: 'left',
            render: (_, p) => (
              <Link to={`/papers/${p.id}`} data-testid="paper-link" data-paper-id={p.id}>
                {p.label} · {label(t, 'papers.kind', p.kind)}
              </Link>
            ),
          },
          {
            title: t('papers.institution'),
            key: 'institution',
            render: (_, p) => (p.institution ? `${p.institution.code} ${p.institution.name}` : ''),
          },
          { title: t('papers.examDate'), dataIndex: 'examDate', width: 110 },
          { title: t('papers.requestedBy'), key: 'requestedBy', render: (_, p) => who(p.requestedBy, p.requestedAt) },
          { title: t('papers.approvedBy'), key: 'approvedBy', render: (_, p) => who(p.approvedBy, p.approvedAt) },
          { title: t('papers.drawnAt'), key: 'drawnAt', render: (_, p) => formatTime(p.drawnAt, language) },
          {
            title: t('papers.seed'),
            key: 'seed',
            render: (_, p) => (
              <Typography.Text code copyable={{ text: p.seed }}>
                {short(p.seed)}
              </Typography.Text>
            ),
          },
          {
            title: t('papers.snapshotHash'),
            key: 'snapshotHash',
            render: (_, p) => (
              <Typography.Text code copyable={{ text: p.snapshotHash }}>
                {short(p.snapshotHash)}
              </Typography.Text>
            ),
          },
          { title: t('papers.assemblerVersion'), dataIndex: 'assemblerVersion' },
          {
            title: t('papers.statusLabel'),
            key: 'status',
            render: (_, p) => (
              <>
                <PaperStatusTag status={p.status} />
                {p.releasedAt && <div>{formatTime(p.releasedAt, language)}</div>}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

function PaperDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/papers/{id}/verify', { params: { path: { id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['audit'] }),
  });
  const release = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/papers/{id}/release', { params: { path: { id } } })),
    onSuccess: () => {
      void message.success(t('papers.released'));
      void client.invalidateQueries({ queryKey: paperKeys.paper(id) });
      void client.invalidateQueries({ queryKey: ['papers'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const confirmRelease = () =>
    modal.confirm({
      title: t('papers.releaseTitle'),
      content: t('papers.releaseConfirm'),
      okText: t('papers.release'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'release-confirm' } as ButtonProps,
      onOk: () => release.mutateAsync(),
    });

  return (
    <div>
      <Typography.Paragraph>
        <Link to="/papers">{t('papers.back')}</Link>
      </Typography.Paragraph>
      <PaperLoader id={id}>
        {(paper) => (
          <>
            <Typography.Title level={1}>{t('papers.detailTitle', { label: paper.label })}</Typography.Title>
            <Space wrap className="jd-toolbar">
              <Button
                type="primary"
                onClick={() => verify.mutate()}
                loading={verify.isPending}
                data-testid="paper-verify"
              >
                {t('papers.verify')}
              </Button>
              {paper.status !== 'released' && (
                <Button onClick={confirmRelease} data-testid="paper-release">
                  {t('papers.release')}
                </Button>
              )}
            </Space>
            {verify.error && <Alert type="error" showIcon role="alert" message={errorText(t, verify.error)} />}
            {verify.data && <VerifyResult result={verify.data} />}
          </>
        )}
      </PaperLoader>
      <PaperTrail id={id} />
    </div>
  );
}

function VerifyResult({ result }: { result: PaperVerifyResponse }) {
  const { t } = useI18n();
  return (
    <Alert
      className="jd-verify"
      type={result.match ? 'success' : 'error'}
      showIcon
      role="status"
      data-testid="verify-result"
      data-match={String(result.match)}
      message={result.match ? t('papers.match') : t('papers.mismatch')}
      description={
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('papers.contentHash')}>
            <Typography.Text code>{result.contentHash}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('papers.storedHash')}>
            <Typography.Text code>{result.storedHash}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('papers.rederivedHash')}>
            <Typography.Text code data-testid="verify-rederived">
              {result.rederivedHash ?? t('common.none')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('papers.bodyIdentical')}>
            {result.bodyIdentical ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('papers.assemblerVersion')}>
            {result.assemblerVersion} / {result.currentAssemblerVersion}
          </Descriptions.Item>
          {result.error && <Descriptions.Item label={t('papers.verifyError')}>{result.error}</Descriptions.Item>}
        </Descriptions>
      }
    />
  );
}

/** Who drew, saw, was refused, released or re-derived this paper: its entries in the audit log. */
function PaperTrail({ id }: { id: string }) {
  const { t, language } = useI18n();
  const trail = useAudit({ entity: 'paper', id, page: 1, pageSize: 100 });
  return (
    <>
      <Typography.Title level={2} className="jd-section-title">
        {t('papers.trail')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        data-testid="paper-trail"
        loading={trail.isFetching}
        dataSource={trail.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('papers.trailEmpty') }}
        columns={[
          { title: t('audit.at'), key: 'at', render: (_, e) => formatTime(e.at, language) },
          { title: t('audit.actor'), key: 'actor', render: (_, e) => e.actor.name },
          {
            title: t('audit.action'),
            key: 'action',
            render: (_, e) => (
              <span data-testid="trail-action" data-action={e.action}>
                {label(t, 'audit.actionName', e.action)}
              </span>
            ),
          },
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
        ]}
      />
    </>
  );
}
