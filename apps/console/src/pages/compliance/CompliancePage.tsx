import { Alert, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import type { BankComplianceLineView } from '@jianding/api-client';
import { useAllCompliance, usePolicies } from '../../api/centre';
import { EmptyText } from '../../ui/EmptyText';
import { useI18n } from '../../i18n/i18n';
import { TAG } from '../../ui/tag-colours';
import { errorText } from '../../ui/errors';
import { label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { BankComplianceDetail } from './BankComplianceDetail';
import { practicalName, ThresholdBar } from './ThresholdBar';

/** Every bank against its policy; a bank's detail (quotas, knowledge points, usage, item statistics) under it. */
export default function CompliancePage() {
  return (
    <Routes>
      <Route index element={<AllBanks />} />
      <Route path=":occupation/:level" element={<BankRoute />} />
    </Routes>
  );
}

function BankRoute() {
  const { occupation = '', level = '' } = useParams();
  const [params] = useSearchParams();
  return <BankComplianceDetail occupation={occupation} level={level} policy={params.get('policy') ?? undefined} />;
}

function AllBanks() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const policy = params.get('policy') ?? undefined;
  const report = useAllCompliance(policy);
  const policies = usePolicies();
  const suffix = policy ? `?policy=${encodeURIComponent(policy)}` : '';
  return (
    <div>
      <Typography.Title level={1}>{t('compliance.title')}</Typography.Title>
      <Typography.Paragraph>{t('compliance.lead')}</Typography.Paragraph>
      <div>
        <Space wrap className="jd-toolbar">
          <Select
            allowClear
            style={{ minWidth: 320 }}
            placeholder={t('compliance.ownPolicy')}
            aria-label={t('compliance.policy')}
            value={policy}
            onChange={(v?: string) => setParams(v ? { policy: v } : {})}
            data-testid="compliance-policy"
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
          />
        </Space>
      </div>
      {report.error && <Alert type="error" role="alert" showIcon message={errorText(t, report.error)} />}
      {report.isLoading && <Loading />}
      {report.data && (
        <>
          <div>
            <Space size="large" wrap className="jd-toolbar" data-testid="compliance-summary">
              <Statistic title={t('compliance.total')} value={report.data.total} />
              <Statistic title={t('compliance.met')} value={report.data.met} />
              <Statistic title={t('compliance.notMet')} value={report.data.notMet} />
            </Space>
          </div>
          <Table<BankComplianceLineView>
            rowKey="bankId"
            data-testid="compliance-table"
            dataSource={report.data.banks}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyText>{t('compliance.empty')}</EmptyText> }}
            onRow={(b) =>
              ({ 'data-bank': `${b.occupation.code}-${b.level}` }) as React.HTMLAttributes<HTMLTableRowElement>
            }
            columns={[
              {
                title: t('common.bank'),
                key: 'bank',
                render: (_, b) => (
                  <Link
                    to={`${encodeURIComponent(b.occupation.code)}/${b.level}${suffix}`}
                    data-testid="compliance-bank-link"
                  >
                    {b.occupation.code} {b.occupation.name} · {label(t, 'level', b.level)}
                  </Link>
                ),
              },
              { title: t('compliance.policy'), dataIndex: 'policy', width: 130 },
              {
                title: t('compliance.state'),
                key: 'met',
                width: 100,
                render: (_, b) => (
                  <Tag color={b.met ? TAG.ok : TAG.bad} data-testid="compliance-met" data-met={String(b.met)}>
                    {b.met ? t('banks.met') : t('banks.notMet')}
                  </Tag>
                ),
              },
              {
                title: t('compliance.theory'),
                key: 'theory',
                width: 200,
                render: (_, b) => <ThresholdBar {...b.theory} name={t('compliance.theory')} testId="theory-bar" />,
              },
              {
                title: t('compliance.practical'),
                key: 'practical',
                width: 200,
                render: (_, b) =>
                  b.practical.kind ? (
                    <ThresholdBar {...b.practical} name={practicalName(t, b.practical.kind)} testId="practical-bar" />
                  ) : (
                    <Typography.Text type="secondary">{t('compliance.noPracticalRule')}</Typography.Text>
                  ),
              },
              {
                title: t('compliance.usage'),
                key: 'usage',
                width: 160,
                render: (_, b) => (
                  <span>
                    {t('compliance.unusedCount', { count: b.usage.unused })}
                    <br />
                    {t('compliance.overUsedCount', { count: b.usage.overUsed, max: b.usage.maxUses })}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
      <Card size="small" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('compliance.detailHint')}</Typography.Text>
      </Card>
    </div>
  );
}
