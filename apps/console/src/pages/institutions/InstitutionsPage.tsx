import type { ButtonProps } from 'antd';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { InstitutionView } from '@jianding/api-client';
import { useInstitutionMutations, useInstitutions } from '../../api/centre';
import { EmptyText } from '../../ui/EmptyText';
import { picked } from '../../ui/form-rules';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { TAG } from '../../ui/tag-colours';
import { focusFirstField } from '../../ui/focus';
import { errorText } from '../../ui/errors';
import { label } from '../../ui/labels';
import { FilterPatch, liveParams, withFilters } from '../../ui/url-filters';
import { EXPIRING_DAYS, INSTITUTION_STATUSES, INSTITUTION_TYPES, queryOf, scopeOf, type ScopeRow } from './filing';
import { ScopeFields } from './ScopeFields';

const STATUS_COLOURS: Record<string, string> = { active: TAG.ok, suspended: TAG.warn, revoked: TAG.bad };

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

type Dialog =
  | { kind: 'new' }
  | { kind: 'scope'; institution: InstitutionView }
  | { kind: 'status'; institution: InstitutionView; status: 'suspended' | 'revoked' | 'active' };

/** 评价机构备案: file, change scope and validity, suspend, revoke or reinstate, with the list filtered on the server. */
export default function InstitutionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const list = useInstitutions(query);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState(query.q ?? '');
  const set = (patch: FilterPatch) => setParams(withFilters(liveParams(), patch));
  const soon = Date.now() + EXPIRING_DAYS * 86_400_000;

  return (
    <div>
      <Typography.Title level={1}>{t('inst.title')}</Typography.Title>
      <Space wrap className="jd-toolbar" role="search" aria-label={t('common.search')}>
        <Select
          allowClear
          placeholder={t('inst.status')}
          aria-label={t('inst.status')}
          value={query.status}
          onChange={(v?: string) => set({ status: v })}
          style={{ width: 130 }}
          data-testid="filter-status"
          options={INSTITUTION_STATUSES.map((s) => ({ value: s, label: label(t, 'inst.status', s) }))}
        />
        <Input
          allowClear
          placeholder={t('inst.filterOccupation')}
          aria-label={t('inst.filterOccupation')}
          defaultValue={query.occupation}
          onPressEnter={(e) => set({ occupation: e.currentTarget.value.trim() })}
          onBlur={(e) =>
            e.target.value.trim() !== (query.occupation ?? '') && set({ occupation: e.target.value.trim() })
          }
          style={{ width: 170 }}
          data-testid="filter-occupation"
        />
        <Checkbox
          checked={!!query.expiringWithinDays}
          onChange={(e) => set({ expiring: e.target.checked })}
          data-testid="filter-expiring"
        >
          {t('inst.expiringOnly', { days: EXPIRING_DAYS })}
        </Checkbox>
        <Input.Search
          allowClear
          placeholder={t('inst.search')}
          aria-label={t('inst.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 240 }}
          enterButton={t('common.search')}
          data-testid="filter-q"
        />
        <Button type="primary" onClick={() => setDialog({ kind: 'new' })} data-testid="new-institution">
          {t('inst.new')}
        </Button>
      </Space>
      <Table<InstitutionView>
        rowKey="id"
        data-testid="institutions-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyText>{t('inst.empty')}</EmptyText> }}
        onRow={(i) => ({ 'data-code': i.code }) as React.HTMLAttributes<HTMLTableRowElement>}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          { title: t('inst.code'), dataIndex: 'code', width: 130 },
          { title: t('inst.name'), dataIndex: 'name' },
          { title: t('inst.type'), dataIndex: 'type', width: 120, render: (v: string) => label(t, 'inst.type', v) },
          {
            title: t('inst.scope'),
            key: 'scope',
            render: (_, i) => (
              <div data-testid="institution-scope">
                {i.scope.map((s) => (
                  <div key={s.occupation}>
                    {s.occupation}：{s.levels.map((l) => label(t, 'level', l)).join('、')}
                  </div>
                ))}
              </div>
            ),
          },
          {
            title: t('inst.validity'),
            key: 'validity',
            width: 200,
            render: (_, i) => {
              const until = Date.parse(i.validUntil);
              return (
                <span>
                  {day(i.validFrom)} ~ {day(i.validUntil)}
                  {until < Date.now() ? (
                    <Tag color={TAG.bad}>{t('inst.expired')}</Tag>
                  ) : until <= soon ? (
                    <Tag color={TAG.warn}>{t('inst.expiringSoon')}</Tag>
                  ) : null}
                </span>
              );
            },
          },
          {
            title: t('inst.status'),
            key: 'status',
            width: 160,
            render: (_, i) => (
              <div>
                <Tag color={STATUS_COLOURS[i.status]} data-testid="institution-status" data-status={i.status}>
                  {label(t, 'inst.status', i.status)}
                </Tag>
                {i.statusReason && i.status !== 'active' && (
                  <div>
                    <Typography.Text type="secondary">{i.statusReason}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_, i) =>
              i.status === 'revoked' ? null : (
                <Space wrap size="small">
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: 'scope', institution: i })}
                    data-testid="edit-scope"
                  >
                    {t('inst.editScope')}
                  </Button>
                  {i.status === 'active' ? (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'status', institution: i, status: 'suspended' })}
                      data-testid="suspend"
                    >
                      {t('inst.suspend')}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'status', institution: i, status: 'active' })}
                      data-testid="reinstate"
                    >
                      {t('inst.reinstate')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    danger
                    onClick={() => setDialog({ kind: 'status', institution: i, status: 'revoked' })}
                    data-testid="revoke"
                  >
                    {t('inst.revoke')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {dialog?.kind === 'new' && <FilingDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'scope' && <FilingDialog institution={dialog.institution} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'status' && (
        <StatusDialog institution={dialog.institution} status={dialog.status} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

interface FilingForm {
  code: string;
  name: string;
  type: string;
  scope: ScopeRow[];
  validFrom: string;
  validUntil: string;
}

/** A new filing, or an existing one's name, type, scope and validity. */
function FilingDialog({ institution, onClose }: { institution?: InstitutionView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilingForm>();
  const { create, update } = useInstitutionMutations();
  const saving = institution ? update : create;
  const today = dayjs().format('YYYY-MM-DD');
  const initial: Partial<FilingForm> = institution
    ? {
        code: institution.code,
        name: institution.name,
        type: institution.type,
        scope: institution.scope.map((s) => ({ occupation: s.occupation, levels: s.levels })),
        validFrom: day(institution.validFrom),
        validUntil: day(institution.validUntil),
      }
    : {
        scope: [{ occupation: '', levels: [] }],
        validFrom: today,
        validUntil: dayjs().add(3, 'year').format('YYYY-MM-DD'),
      };
  const submit = (v: FilingForm) => {
    const common = {
      name: v.name.trim(),
      type: v.type as InstitutionView['type'],
      scope: scopeOf(v.scope),
      validFrom: v.validFrom,
      validUntil: v.validUntil,
    };
    const done = (saved: InstitutionView) => {
      void message.success(t(institution ? 'inst.saved' : 'inst.filed', { code: saved.code }));
      onClose();
    };
    if (institution) update.mutate({ id: institution.id, body: common }, { onSuccess: done });
    else create.mutate({ code: v.code.trim(), ...common }, { onSuccess: done });
  };
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      width={720}
      title={institution ? t('inst.editTitle', { code: institution.code }) : t('inst.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving.isPending}
      okButtonProps={{ 'data-testid': 'institution-save' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="institution-form">
        <Form.Item
          name="code"
          label={t('inst.code')}
          rules={[
            { required: true, whitespace: true, message: t('inst.codeRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, message: t('inst.codeFormat') },
          ]}
        >
          <Input autoFocus={!institution} disabled={!!institution} data-testid="institution-code" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('inst.name')}
          rules={[{ required: true, whitespace: true, message: t('inst.nameRequired') }]}
        >
          <Input autoFocus={!!institution} data-testid="institution-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="type" label={t('inst.type')} rules={[picked(t('inst.typeRequired'))]}>
          <Radio.Group
            data-testid="institution-type"
            options={INSTITUTION_TYPES.map((v) => ({ value: v, label: label(t, 'inst.type', v) }))}
          />
        </Form.Item>
        <ScopeFields />
        <Space wrap align="start">
          <Form.Item
            name="validFrom"
            label={t('inst.validFrom')}
            rules={[{ required: true, message: t('inst.dateRequired') }]}
          >
            <Input type="date" data-testid="institution-valid-from" />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('inst.validUntil')}
            dependencies={['validFrom']}
            rules={[
              { required: true, message: t('inst.dateRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v: string) =>
                  !v || !getFieldValue('validFrom') || v > (getFieldValue('validFrom') as string)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('error.VALIDITY_INVALID'))),
              }),
            ]}
            extra={t('inst.validityHint')}
          >
            <Input type="date" data-testid="institution-valid-until" />
          </Form.Item>
        </Space>
      </Form>
      {saving.error && (
        <Alert
          type="error"
          role="alert"
          showIcon
          message={errorText(t, saving.error)}
          data-testid="institution-error"
        />
      )}
    </Modal>
  );
}

const STATUS_WORDS = {
  suspended: { title: 'inst.suspendTitle', ok: 'inst.suspend', done: 'inst.suspendDone' },
  revoked: { title: 'inst.revokeTitle', ok: 'inst.revoke', done: 'inst.revokeDone' },
  active: { title: 'inst.reinstateTitle', ok: 'inst.reinstate', done: 'inst.reinstateDone' },
} as const satisfies Record<string, Record<string, MessageKey>>;

/** Suspend or revoke (a reason is required, as the API says) or reinstate. */
function StatusDialog({
  institution,
  status,
  onClose,
}: {
  institution: InstitutionView;
  status: 'suspended' | 'revoked' | 'active';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { update } = useInstitutionMutations();
  const needsReason = status !== 'active';
  const words = STATUS_WORDS[status];
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t(words.title, { name: institution.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(words.ok)}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ danger: status === 'revoked', 'data-testid': 'status-confirm' } as ButtonProps}
    >
      {status === 'revoked' && <Alert type="warning" showIcon message={t('inst.revokeWarning')} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          update.mutate(
            { id: institution.id, body: { status, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) } },
            {
              onSuccess: () => {
                void message.success(t(words.done, { code: institution.code }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={needsReason ? t('inst.reasonRequiredLabel') : t('inst.reasonOptional')}
          rules={needsReason ? [{ required: true, whitespace: true, message: t('inst.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} autoFocus maxLength={500} data-testid="status-reason" />
        </Form.Item>
      </Form>
      {update.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, update.error)} data-testid="status-error" />
      )}
    </Modal>
  );
}
