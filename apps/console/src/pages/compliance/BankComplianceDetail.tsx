import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import type {
  BankComplianceResponse,
  FlaggedItemView,
  PointNeedView,
  ShortfallView,
  StratumNeedView,
  UsageItemView,
} from '@jianding/api-client';
import { useBankCompliance } from '../../api/centre';
import { EmptyText } from '../../ui/EmptyText';
import { useI18n, type Translate } from '../../i18n/i18n';
import { TAG } from '../../ui/tag-colours';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { coverageByArea, shortPoints } from './coverage';
import { practicalName, ThresholdBar } from './ThresholdBar';

export function BankComplianceDetail({
  occupation,
  level,
  policy,
}: {
  occupation: string;
  level: string;
  policy?: string;
}) {
  const { t, language } = useI18n();
  const report = useBankCompliance(occupation, level, policy);
  const back = (
    <Link
      to={policy ? `/compliance?policy=${encodeURIComponent(policy)}` : '/compliance'}
      data-testid="compliance-back"
    >
      {t('compliance.back')}
    </Link>
  );
  if (report.error)
    return (
      <div>
        <Typography.Title level={1}>{t('compliance.title')}</Typography.Title>
        <Alert type="error" role="alert" showIcon message={errorText(t, report.error)} />
        {back}
      </div>
    );
  if (!report.data) return <Loading />;
  const r: BankComplianceResponse = report.data;
  const coverage = coverageByArea(r.strata, r.points);
  const short = shortPoints(r.points);
  const shortStrata = r.strata.filter((s) => s.available < s.needed);
  return (
    <div>
      <Typography.Title level={1}>
        {t('compliance.bankTitle', {
          occupation: `${r.bank.occupation.code} ${r.bank.occupation.name}`,
          level: label(t, 'level', r.bank.level),
        })}
      </Typography.Title>
      {back}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ margin: '12px 0' }}>
        <Descriptions.Item label={t('compliance.policy')}>
          {r.policy} {r.policyName}
        </Descriptions.Item>
        <Descriptions.Item label={t('compliance.state')}>
          <Tag color={r.met ? TAG.ok : TAG.bad} data-testid="bank-met" data-met={String(r.met)}>
            {r.met ? t('compliance.canDraw') : t('compliance.cannotDraw')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('compliance.mapVersion')}>{r.bank.knowledgeMapVersion}</Descriptions.Item>
      </Descriptions>
      <Space size="large" wrap align="start">
        <Card size="small" title={t('compliance.theory')}>
          <ThresholdBar {...r.theory} name={t('compliance.theory')} testId="bank-theory-bar" />
          <Typography.Text type="secondary">
            {t('compliance.byType', {
              judge: r.theory.byType.judge,
              single: r.theory.byType.single,
              multiple: r.theory.byType.multiple,
            })}
          </Typography.Text>
        </Card>
        <Card size="small" title={t('compliance.practical')}>
          {r.practical.kind ? (
            <ThresholdBar {...r.practical} name={practicalName(t, r.practical.kind)} testId="bank-practical-bar" />
          ) : (
            <Typography.Text type="secondary">{t('compliance.noPracticalRule')}</Typography.Text>
          )}
        </Card>
      </Space>

      {(r.shortfalls.length > 0 || short.length > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          message={t('compliance.quotaProblems')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="shortfalls">
              {r.shortfalls
                .filter((s) => !s.point || !short.some((p) => p.point === s.point))
                .map((s, i) => (
                  <li key={`s${i}`}>{shortfallText(t, s)}</li>
                ))}
              {short.map((p) => (
                <li key={p.point}>
                  {t('compliance.pointShort', {
                    point: p.point,
                    name: p.name,
                    approved: p.approved,
                    needed: p.needed ?? 0,
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Typography.Title level={2} style={{ marginTop: 24 }}>
        {t('compliance.coverageTitle')}
      </Typography.Title>
      {coverage.length > 0 ? (
        <figure style={{ margin: 0 }}>
          <div
            role="img"
            aria-label={t('compliance.chartLabel', {
              summary: coverage
                .map((c) =>
                  c.needed === null
                    ? t('compliance.chartAreaApproved', { area: c.stratum, approved: c.approved })
                    : t('compliance.chartArea', { area: c.stratum, approved: c.approved, needed: c.needed }),
                )
                .join('；'),
            })}
            style={{ width: '100%', height: 260 }}
            data-testid="coverage-chart"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={coverage} margin={{ top: 8, right: 16, left: 0, bottom: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="stratum" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="approved" name={t('compliance.approved')} fill="#1f5fa8" isAnimationActive={false} />
                {coverage.some((c) => c.needed !== null) && (
                  <Bar dataKey="needed" name={t('compliance.needed')} fill="#d4380d" isAnimationActive={false} />
                )}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption>
            <Typography.Text type="secondary">{t('compliance.chartCaption')}</Typography.Text>
          </figcaption>
        </figure>
      ) : (
        <Typography.Paragraph type="secondary">{t('compliance.noMap')}</Typography.Paragraph>
      )}

      {r.strata.length > 0 && (
        <Table<StratumNeedView>
          size="small"
          rowKey={(s) => `${s.stratum}-${s.type}`}
          data-testid="strata-table"
          dataSource={r.strata}
          pagination={false}
          title={() => t('compliance.strataTitle')}
          onRow={(s) => ({ 'data-short': String(s.available < s.needed) }) as React.HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { title: t('compliance.stratum'), dataIndex: 'stratum' },
            { title: t('items.type'), dataIndex: 'type', render: (v: string) => label(t, 'type', v) },
            { title: t('compliance.needed'), dataIndex: 'needed' },
            { title: t('compliance.approved'), dataIndex: 'available' },
            {
              title: t('compliance.state'),
              key: 'state',
              render: (_, s) =>
                s.available < s.needed ? (
                  <Tag color={TAG.bad}>{t('compliance.short', { missing: s.needed - s.available })}</Tag>
                ) : (
                  <Tag color={TAG.ok}>{t('compliance.enough')}</Tag>
                ),
            },
          ]}
        />
      )}
      {shortStrata.length === 0 && short.length === 0 && r.shortfalls.length === 0 && r.strata.length > 0 && (
        <Typography.Paragraph data-testid="quota-ok">{t('compliance.quotaOk')}</Typography.Paragraph>
      )}

      <Typography.Title level={2} style={{ marginTop: 24 }}>
        {t('compliance.pointsTitle')}
      </Typography.Title>
      <Table<PointNeedView>
        size="small"
        rowKey="point"
        data-testid="points-table"
        dataSource={r.points}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(p) =>
          ({
            'data-point': p.point,
            'data-short': String(p.needed !== undefined && p.approved < p.needed),
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
        columns={[
          { title: t('compliance.point'), dataIndex: 'point', width: 120 },
          { title: t('map.name'), dataIndex: 'name' },
          { title: t('map.importance'), dataIndex: 'importance', width: 90, render: (v: string | null) => v ?? '' },
          { title: t('compliance.stratum'), dataIndex: 'stratum', width: 110 },
          { title: t('compliance.approved'), dataIndex: 'approved', width: 90 },
          {
            title: t('compliance.state'),
            key: 'state',
            width: 150,
            render: (_, p) =>
              p.needed !== undefined && p.approved < p.needed ? (
                <Tag color={TAG.bad} data-testid="point-short">
                  {t('compliance.pointCannotFill')}
                </Tag>
              ) : p.approved === 0 ? (
                <Tag>{t('compliance.noItems')}</Tag>
              ) : null,
          },
        ]}
      />

      <UsageTable
        title={t('compliance.unusedTitle', { count: r.usage.unused.count })}
        rows={r.usage.unused.items}
        testId="unused-table"
        language={language}
      />
      <UsageTable
        title={t('compliance.overUsedTitle', { count: r.usage.overUsed.count, max: r.usage.maxUses })}
        rows={r.usage.overUsed.items}
        testId="overused-table"
        language={language}
      />

      <Typography.Title level={2} style={{ marginTop: 24 }}>
        {t('compliance.flaggedTitle', { count: r.statistics.flagged.count, items: r.statistics.items })}
      </Typography.Title>
      <Table<FlaggedItemView>
        size="small"
        rowKey="itemId"
        data-testid="flagged-table"
        dataSource={r.statistics.flagged.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('compliance.noFlags')}</EmptyText> }}
        columns={[
          { title: t('compliance.item'), key: 'item', render: (_, i) => <ItemLink id={i.itemId} ref_={i.ref} /> },
          { title: t('items.type'), dataIndex: 'type', width: 90, render: (v: string) => label(t, 'type', v) },
          { title: t('compliance.n'), dataIndex: 'n', width: 90 },
          { title: t('compliance.pValue'), dataIndex: 'pValue', width: 100, render: (v: number) => v.toFixed(2) },
          {
            title: t('compliance.discrimination'),
            dataIndex: 'pointBiserial',
            width: 110,
            render: (v: number | null) => (v === null ? '' : v.toFixed(2)),
          },
          {
            title: t('compliance.flags'),
            dataIndex: 'flags',
            render: (flags: string[]) =>
              flags.map((f) => (
                <Tag key={f} color={TAG.warn}>
                  {label(t, 'compliance.flag', f)}
                </Tag>
              )),
          },
        ]}
      />
    </div>
  );
}

function shortfallText(t: Translate, s: ShortfallView): string {
  const where = [s.stratum, s.point, s.type ? label(t, 'type', s.type) : undefined].filter(Boolean).join(' · ');
  return t('compliance.shortfall', {
    where: where || t('compliance.wholeBank'),
    needed: s.needed,
    available: s.available,
    message: s.message,
  });
}

function ItemLink({ id, ref_ }: { id: string; ref_: string | null }) {
  return (
    <Link to={`/items/${id}`} data-testid="item-link">
      {ref_ || id.slice(0, 8)}
    </Link>
  );
}

function UsageTable({
  title,
  rows,
  testId,
  language,
}: {
  title: string;
  rows: UsageItemView[];
  testId: string;
  language: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 24 }}>
        {title}
      </Typography.Title>
      <Table<UsageItemView>
        size="small"
        rowKey="itemId"
        data-testid={testId}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('common.none')}</EmptyText> }}
        columns={[
          { title: t('compliance.item'), key: 'item', render: (_, i) => <ItemLink id={i.itemId} ref_={i.ref} /> },
          { title: t('items.type'), dataIndex: 'type', width: 90, render: (v: string) => label(t, 'type', v) },
          { title: t('compliance.uses'), dataIndex: 'uses', width: 90 },
          {
            title: t('compliance.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 180,
            render: (v: string | null) => formatTime(v, language) || t('compliance.never'),
          },
        ]}
      />
    </>
  );
}
