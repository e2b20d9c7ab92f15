import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Form, Input, Modal, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BankComplianceLineView, BankResponse } from '@jianding/api-client';
import { api, sessions, unwrap } from '../../api/client';
import { keys, useBanks, useBanksCompliance, useOccupations } from '../../api/queries';
import { COMPLIANCE_ROLES, hasAnyRole, mayOpen } from '../../auth/access';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { focusFirstField } from '../../ui/focus';
import { label, LEVELS } from '../../ui/labels';

/** Occupations and their banks with the compliance state as a badge, filterable by occupation. */
export default function BanksPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const occupation = params.get('occupation') ?? undefined;
  const occupations = useOccupations();
  const banks = useBanks(occupation);
  const roles = sessions.session?.user.roles ?? [];
  const author = mayOpen(roles, 'knowledgeMap');
  const [creating, setCreating] = useState(false);
  const [opening, setOpening] = useState(false);
  const showCompliance = hasAnyRole(roles, COMPLIANCE_ROLES);
  const compliance = useBanksCompliance(occupation, showCompliance);
  const lines = new Map((compliance.data?.banks ?? []).map((l) => [l.bankId, l]));

  return (
    <div>
      <Typography.Title level={1}>{t('banks.title')}</Typography.Title>
      <Space wrap className="jd-toolbar">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 260 }}
          aria-label={t('banks.filterOccupation')}
          placeholder={t('banks.filterOccupation')}
          value={occupation}
          onChange={(v?: string) => setParams(v ? { occupation: v } : {})}
          options={(occupations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
          data-testid="banks-filter"
        />
        {author && (
          <>
            <Button onClick={() => setCreating(true)} data-testid="new-occupation">
              {t('banks.newOccupation')}
            </Button>
            <Button type="primary" onClick={() => setOpening(true)} data-testid="new-bank">
              {t('banks.newBank')}
            </Button>
          </>
        )}
      </Space>
      <Table<BankResponse>
        rowKey="id"
        loading={banks.isLoading}
        dataSource={banks.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('banks.empty') }}
        data-testid="banks-table"
        columns={[
          {
            title: t('common.occupation'),
            key: 'occupation',
            render: (_, b) => `${b.occupation.code} ${b.occupation.name}`,
          },
          { title: t('common.level'), dataIndex: 'level', render: (l: string) => label(t, 'level', l) },
          {
            title: t('banks.mapVersion'),
            dataIndex: 'knowledgeMapVersion',
            render: (v: number, b) => (b.hasKnowledgeMap ? v : t('banks.noMap')),
          },
          { title: t('banks.policy'), dataIndex: 'effectivePolicyId' },
          ...(showCompliance
            ? [
                {
                  title: t('banks.compliance'),
                  key: 'compliance',
                  render: (_: unknown, b: BankResponse) => (
                    <ComplianceBadge bank={b} line={lines.get(b.id)} loading={compliance.isLoading} />
                  ),
                },
              ]
            : []),
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, b) => (
              <Space wrap>
                {author && (
                  <Link to={`/banks/${b.occupation.code}/${b.level}/knowledge-map`}>{t('banks.editMap')}</Link>
                )}
                <Link to={`/items?occupation=${encodeURIComponent(b.occupation.code)}&level=${b.level}`}>
                  {t('banks.items')}
                </Link>
                {author && (
                  <Link to={`/import?occupation=${encodeURIComponent(b.occupation.code)}&level=${b.level}`}>
                    {t('banks.import')}
                  </Link>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NewOccupation open={creating} onClose={() => setCreating(false)} />
      <OpenBank open={opening} onClose={() => setOpening(false)} />
    </div>
  );
}

/** The bank's thresholds from the batched report; the per-knowledge-point quotas are in the bank's own report. */
function ComplianceBadge({
  bank,
  line,
  loading,
}: {
  bank: BankResponse;
  line?: BankComplianceLineView;
  loading: boolean;
}) {
  const { t } = useI18n();
  if (!bank.hasKnowledgeMap) return <Badge status="default" text={t('banks.noMap')} />;
  if (!line) return <Badge status={loading ? 'processing' : 'default'} text={loading ? t('app.loading') : '—'} />;
  const detail = [
    t('banks.theory', { approved: line.theory.approved, required: line.theory.required }),
    ...(line.practical.kind
      ? [t('banks.practical', { approved: line.practical.approved, required: line.practical.required })]
      : []),
  ].join(' · ');
  return (
    <Tooltip title={detail} trigger={['hover', 'focus']}>
      <span data-testid={`compliance-${bank.occupation.code}-${bank.level}`} data-met={String(line.met)} tabIndex={0}>
        <Badge
          status={line.met ? 'success' : 'error'}
          text={`${line.met ? t('banks.met') : t('banks.notMet')} · ${detail}`}
        />
      </span>
    </Tooltip>
  );
}

function NewOccupation({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const create = useMutation({
    mutationFn: (body: { code: string; name: string }) =>
      unwrap(api.POST('/api/v1/occupations', { body: { ...body, special: false } })),
    onSuccess: (o) => {
      void message.success(t('banks.created', { code: o.code }));
      void client.invalidateQueries({ queryKey: keys.occupations });
      form.resetFields();
      create.reset();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      destroyOnHidden
      afterOpenChange={focusFirstField}
      title={t('banks.newOccupation')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'occupation-save' } as ButtonProps}
    >
      <div>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="code" label={t('banks.occupationCode')} rules={[{ required: true }]}>
            <Input data-testid="occupation-code" placeholder="6-31-01-03" />
          </Form.Item>
          <Form.Item name="name" label={t('banks.occupationName')} rules={[{ required: true }]}>
            <Input data-testid="occupation-name" />
          </Form.Item>
          {create.error && (
            <Typography.Text type="danger" role="alert">
              {errorText(t, create.error)}
            </Typography.Text>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** A bank comes into being with its first knowledge map: pick the occupation and level, then write the map. */
function OpenBank({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const occupations = useOccupations();
  const [form] = Form.useForm<{ occupation: string; level: string }>();
  return (
    <Modal
      open={open}
      destroyOnHidden
      afterOpenChange={focusFirstField}
      title={t('banks.newBank')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('map.open')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'bank-open' } as ButtonProps}
    >
      <div>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => navigate(`/banks/${encodeURIComponent(v.occupation)}/${v.level}/knowledge-map`)}
        >
          <Form.Item name="occupation" label={t('map.newOccupation')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="bank-occupation"
              options={(occupations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('map.newLevel')} rules={[{ required: true }]}>
            <Select data-testid="bank-level" options={LEVELS.map((l) => ({ value: l, label: label(t, 'level', l) }))} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
