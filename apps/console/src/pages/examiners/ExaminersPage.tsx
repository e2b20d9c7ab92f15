import type { ButtonProps } from 'antd';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  EXAMINER_LEVELS,
  useExaminerMutations,
  useExaminers,
  useExaminerAccounts,
  type Examiner,
} from '../../api/practical';
import { useOccupations } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { EmptyText } from '../../ui/EmptyText';
import { errorText } from '../../ui/errors';
import { focusFirstField } from '../../ui/focus';
import { InstitutionSelect, useInstitutionNames } from '../../ui/InstitutionSelect';
import { label } from '../../ui/labels';
import { RequiredSelect } from '../../ui/RequiredSelect';
import { TAG } from '../../ui/tag-colours';
import { FilterPatch, liveParams, withFilters } from '../../ui/url-filters';
import { queryOf } from './register';

type Dialog = { kind: 'new' } | { kind: 'edit'; examiner: Examiner };

/** Occupation code → "code name", for the register's cells and choices. */
function useOccupationNames() {
  const occupations = useOccupations();
  const items = occupations.data?.items ?? [];
  return { items, nameOf: (code: string) => items.find((o) => o.code === code)?.name };
}

/** 考评员库: the centre registers examiners, edits them, and activates or deactivates them; filtered on the server. */
export default function ExaminersPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const list = useExaminers(query);
  const { update } = useExaminerMutations();
  const occupations = useOccupationNames();
  const institutionOf = useInstitutionNames();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState(query.q ?? '');
  const set = (patch: FilterPatch) => setParams(withFilters(liveParams(), patch));

  const toggleActive = (e: Examiner) =>
    modal.confirm({
      title: t(e.active ? 'examiners.deactivateTitle' : 'examiners.activateTitle', { name: e.name }),
      content: t(e.active ? 'examiners.deactivateBody' : 'examiners.activateBody'),
      okText: t(e.active ? 'examiners.deactivate' : 'examiners.activate'),
      okButtonProps: { danger: e.active, 'data-testid': 'examiner-active-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      onOk: () =>
        update
          .mutateAsync({ id: e.id, body: { active: !e.active } })
          .then(
            () => void message.success(t(e.active ? 'examiners.deactivated' : 'examiners.activated', { name: e.name })),
          )
          .catch((err: unknown) => void message.error(errorText(t, err))),
    });

  return (
    <div>
      <Typography.Title level={1}>{t('examiners.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('examiners.lead')}</Typography.Paragraph>
      <Space wrap className="jd-toolbar" role="search" aria-label={t('common.search')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('common.occupation')}
          aria-label={t('common.occupation')}
          value={query.occupation}
          onChange={(v?: string) => set({ occupation: v })}
          style={{ width: 220 }}
          data-testid="filter-occupation"
          options={occupations.items.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
        />
        <Select
          allowClear
          placeholder={t('examiners.level')}
          aria-label={t('examiners.level')}
          value={query.level}
          onChange={(v?: string) => set({ level: v })}
          style={{ width: 160 }}
          data-testid="filter-level"
          options={EXAMINER_LEVELS.map((l) => ({ value: l, label: label(t, 'level', l) }))}
        />
        <Select
          allowClear
          placeholder={t('examiners.state')}
          aria-label={t('examiners.state')}
          value={query.active}
          onChange={(v?: string) => set({ active: v })}
          style={{ width: 120 }}
          data-testid="filter-active"
          options={[
            { value: 'true', label: t('examiners.active') },
            { value: 'false', label: t('examiners.inactive') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('examiners.search')}
          aria-label={t('examiners.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 240 }}
          enterButton={t('common.search')}
          data-testid="filter-q"
        />
        <Button type="primary" onClick={() => setDialog({ kind: 'new' })} data-testid="new-examiner">
          {t('examiners.new')}
        </Button>
      </Space>
      {list.error && <Alert type="error" role="alert" message={errorText(t, list.error)} className="jd-gap" />}
      <Table<Examiner>
        rowKey="id"
        data-testid="examiners-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyText>{t('examiners.empty')}</EmptyText> }}
        onRow={(e) =>
          ({
            'data-certificate': e.certificateNo,
            'data-active': String(e.active),
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          { title: t('examiners.name'), dataIndex: 'name', width: 120 },
          { title: t('examiners.certificateNo'), dataIndex: 'certificateNo', width: 170 },
          {
            title: t('examiners.occupations'),
            key: 'occupations',
            render: (_, e) =>
              e.occupations.map((code) => (
                <div key={code}>
                  {code} {occupations.nameOf(code) ?? ''}
                </div>
              )),
          },
          {
            title: t('examiners.level'),
            dataIndex: 'level',
            width: 140,
            render: (v: string) => label(t, 'level', v),
          },
          {
            title: t('examiners.institution'),
            key: 'institution',
            render: (_, e) => institutionOf(e.institutionId) ?? t('examiners.centre'),
          },
          {
            title: t('examiners.state'),
            key: 'active',
            width: 90,
            render: (_, e) => (
              <Tag color={e.active ? TAG.ok : undefined} data-testid="examiner-active">
                {e.active ? t('examiners.active') : t('examiners.inactive')}
              </Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_, e) => (
              <Space wrap size="small">
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: 'edit', examiner: e })}
                  data-testid="edit-examiner"
                >
                  {t('examiners.edit')}
                </Button>
                <Button size="small" danger={e.active} onClick={() => toggleActive(e)} data-testid="toggle-examiner">
                  {e.active ? t('examiners.deactivate') : t('examiners.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <ExaminerDialog
          examiner={dialog.kind === 'edit' ? dialog.examiner : undefined}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

interface ExaminerForm {
  userId?: string;
  name: string;
  certificateNo: string;
  occupations: string[];
  level: string;
  institutionId?: string | null;
}

/** A new register entry (the account, name, certificate, occupations, level, institution), or an entry's changes. */
function ExaminerDialog({ examiner, onClose }: { examiner?: Examiner; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExaminerForm>();
  const { create, update } = useExaminerMutations();
  const occupations = useOccupationNames();
  const saving = examiner ? update : create;
  const submit = (v: ExaminerForm) => {
    const common = {
      name: v.name.trim(),
      occupations: v.occupations,
      level: v.level as Examiner['level'],
      institutionId: v.institutionId ?? null,
    };
    const done = (saved: Examiner) => {
      void message.success(t(examiner ? 'examiners.saved' : 'examiners.created', { name: saved.name }));
      onClose();
    };
    if (examiner) update.mutate({ id: examiner.id, body: common }, { onSuccess: done });
    else create.mutate({ userId: v.userId!, certificateNo: v.certificateNo.trim(), ...common }, { onSuccess: done });
  };
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      width={640}
      title={examiner ? t('examiners.editTitle', { name: examiner.name }) : t('examiners.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving.isPending}
      okButtonProps={{ 'data-testid': 'examiner-save' } as ButtonProps}
    >
      <Form<ExaminerForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          examiner
            ? {
                name: examiner.name,
                certificateNo: examiner.certificateNo,
                occupations: examiner.occupations,
                level: examiner.level,
                institutionId: examiner.institutionId,
              }
            : { occupations: [] }
        }
      >
        {!examiner && (
          <AccountField onPicked={(name) => !form.getFieldValue('name') && form.setFieldValue('name', name)} />
        )}
        <Form.Item
          name="name"
          label={t('examiners.name')}
          rules={[{ required: true, whitespace: true, message: t('examiners.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="examiner-name" />
        </Form.Item>
        <Form.Item
          name="certificateNo"
          label={t('examiners.certificateNo')}
          rules={[
            { required: true, whitespace: true, message: t('examiners.certificateRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, message: t('examiners.certificateFormat') },
          ]}
        >
          <Input maxLength={64} disabled={!!examiner} data-testid="examiner-certificate" />
        </Form.Item>
        <Form.Item
          name="occupations"
          label={t('examiners.occupations')}
          rules={[{ required: true, type: 'array', min: 1, message: t('examiners.occupationsRequired') }]}
        >
          <RequiredSelect
            mode="multiple"
            optionFilterProp="label"
            data-testid="examiner-occupations"
            loading={occupations.items.length === 0}
            options={occupations.items.map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('examiners.level')}
          rules={[{ required: true, message: t('examiners.levelRequired') }]}
        >
          <RequiredSelect
            data-testid="examiner-level"
            options={EXAMINER_LEVELS.map((l) => ({ value: l, label: label(t, 'level', l) }))}
          />
        </Form.Item>
        <Form.Item name="institutionId" label={t('examiners.institution')} extra={t('examiners.institutionHint')}>
          <InstitutionSelect testId="examiner-institution" placeholder={t('examiners.centre')} />
        </Form.Item>
      </Form>
      {saving.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, saving.error)} data-testid="examiner-error" />
      )}
    </Modal>
  );
}

/** The account the examiner signs in with: one of the accounts holding the examiner role, not yet registered. */
function AccountField({ onPicked }: { onPicked: (displayName: string) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const users = useExaminerAccounts(q);
  const items = users.data ?? [];
  return (
    <Form.Item
      name="userId"
      label={t('examiners.user')}
      extra={t('examiners.userHint')}
      rules={[{ required: true, message: t('examiners.userRequired') }]}
    >
      <RequiredSelect
        showSearch
        filterOption={false}
        onSearch={setQ}
        loading={users.isFetching}
        data-testid="examiner-user"
        notFoundContent={users.isFetching ? undefined : t('examiners.noUsers')}
        onChange={(id: string) => {
          const u = items.find((x) => x.userId === id);
          if (u) onPicked(u.displayName || u.username);
        }}
        options={items.map((u) => ({
          value: u.userId,
          label: u.displayName ? `${u.displayName}（${u.username}）` : u.username,
        }))}
      />
    </Form.Item>
  );
}
