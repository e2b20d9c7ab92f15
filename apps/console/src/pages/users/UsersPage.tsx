import type { ButtonProps } from 'antd';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { UserView } from '@jianding/api-client';
import { sessions } from '../../api/client';
import { useUserMutations, useUsers, type UserListQuery } from '../../api/centre';
import { InstitutionSelect } from '../../ui/InstitutionSelect';
import { EmptyText } from '../../ui/EmptyText';
import { picked } from '../../ui/form-rules';
import { useI18n } from '../../i18n/i18n';
import { TAG } from '../../ui/tag-colours';
import { focusFirstField } from '../../ui/focus';
import { errorText } from '../../ui/errors';
import { formatTime, label } from '../../ui/labels';
import { FilterPatch, liveParams, withFilters } from '../../ui/url-filters';

export const ROLES = ['admin', 'author', 'reviewer', 'institution', 'centre', 'proctor', 'examiner'] as const;
type Role = (typeof ROLES)[number];
const MIN_PASSWORD = 10;

function queryOf(params: URLSearchParams): UserListQuery {
  const q: UserListQuery = { page: Number(params.get('page') ?? 1), pageSize: Number(params.get('pageSize') ?? 20) };
  const role = params.get('role');
  if (role) q.role = role as Role;
  const institutionId = params.get('institutionId');
  if (institutionId) q.institutionId = institutionId;
  const active = params.get('active');
  if (active === 'true' || active === 'false') q.active = active === 'true';
  const search = params.get('q');
  if (search) q.q = search;
  return q;
}

type Dialog = { kind: 'new' } | { kind: 'roles'; user: UserView } | { kind: 'password'; user: UserView };

/** Staff accounts: who holds which roles for which institution; create, change roles, deactivate, reset password. */
export default function UsersPage() {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const users = useUsers(query);
  const { update } = useUserMutations();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState(query.q ?? '');
  const set = (patch: FilterPatch) => setParams(withFilters(liveParams(), patch));
  const me = sessions.session?.user.id;

  const toggleActive = (u: UserView) =>
    modal.confirm({
      title: u.active
        ? t('users.deactivateTitle', { name: u.username })
        : t('users.reactivateTitle', { name: u.username }),
      content: u.active ? t('users.deactivateBody') : t('users.reactivateBody'),
      okText: u.active ? t('users.deactivate') : t('users.reactivate'),
      okButtonProps: { danger: u.active, 'data-testid': 'active-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      onOk: () =>
        update
          .mutateAsync({ id: u.id, body: { active: !u.active } })
          .then(
            () => void message.success(t(u.active ? 'users.deactivated' : 'users.reactivated', { name: u.username })),
          )
          .catch((err: unknown) => void message.error(errorText(t, err))),
    });

  return (
    <div>
      <Typography.Title level={1}>{t('users.title')}</Typography.Title>
      <Space wrap className="jd-toolbar" role="search" aria-label={t('common.search')}>
        <Select
          allowClear
          placeholder={t('users.role')}
          aria-label={t('users.role')}
          value={query.role}
          onChange={(v?: string) => set({ role: v })}
          style={{ width: 140 }}
          data-testid="filter-role"
          options={ROLES.map((r) => ({ value: r, label: label(t, 'role', r) }))}
        />
        <InstitutionSelect
          value={query.institutionId}
          onChange={(v) => set({ institutionId: v })}
          testId="filter-institution"
          placeholder={t('users.institution')}
        />
        <Select
          allowClear
          placeholder={t('users.state')}
          aria-label={t('users.state')}
          value={query.active === undefined ? undefined : String(query.active)}
          onChange={(v?: string) => set({ active: v })}
          style={{ width: 130 }}
          data-testid="filter-active"
          options={[
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 220 }}
          enterButton={t('common.search')}
          data-testid="filter-q"
        />
        <Button type="primary" onClick={() => setDialog({ kind: 'new' })} data-testid="new-user">
          {t('users.new')}
        </Button>
      </Space>
      <Table<UserView>
        rowKey="id"
        data-testid="users-table"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        locale={{ emptyText: <EmptyText>{t('users.empty')}</EmptyText> }}
        onRow={(u) => ({ 'data-username': u.username }) as React.HTMLAttributes<HTMLTableRowElement>}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 160 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_, u) => (
              <span data-testid="user-roles">
                {u.roles.map((r) => (
                  <Tag key={r}>{label(t, 'role', r)}</Tag>
                ))}
              </span>
            ),
          },
          {
            title: t('users.institution'),
            key: 'institution',
            render: (_, u) => (u.institution ? `${u.institution.code} ${u.institution.name}` : ''),
          },
          {
            title: t('users.state'),
            key: 'active',
            width: 100,
            render: (_, u) => (
              <Tag color={u.active ? TAG.ok : undefined} data-testid="user-active" data-active={String(u.active)}>
                {u.active ? t('users.active') : t('users.inactive')}
              </Tag>
            ),
          },
          {
            title: t('users.created'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => formatTime(v, language),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 260,
            render: (_, u) => (
              <Space wrap size="small">
                <Button size="small" onClick={() => setDialog({ kind: 'roles', user: u })} data-testid="edit-roles">
                  {t('users.editRoles')}
                </Button>
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: 'password', user: u })}
                  data-testid="reset-password"
                >
                  {t('users.resetPassword')}
                </Button>
                {u.id !== me && (
                  <Button size="small" danger={u.active} onClick={() => toggleActive(u)} data-testid="toggle-active">
                    {u.active ? t('users.deactivate') : t('users.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'new' && <NewUserDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'roles' && <RolesDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <PasswordDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </div>
  );
}

const roleOptions = (t: ReturnType<typeof useI18n>['t']) =>
  ROLES.map((r) => ({ value: r, label: label(t, 'role', r) }));

interface NewUserForm {
  username: string;
  displayName?: string;
  password: string;
  roles: Role[];
  institutionId?: string;
}

function NewUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserForm>();
  const { create } = useUserMutations();
  const roles = Form.useWatch('roles', form) ?? [];
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t('users.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'user-save' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: [] }}
        onFinish={(v) =>
          create.mutate(
            {
              username: v.username.trim(),
              password: v.password,
              roles: v.roles,
              ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
              ...(v.roles.includes('institution') && v.institutionId ? { institutionId: v.institutionId } : {}),
            },
            {
              onSuccess: (u) => {
                void message.success(t('users.createdDone', { name: u.username }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[a-zA-Z0-9._-]{3,64}$/, message: t('users.usernameFormat') },
          ]}
        >
          <Input autoFocus autoComplete="off" data-testid="user-username" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input data-testid="user-display-name" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            { min: MIN_PASSWORD, message: t('users.passwordShort', { min: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[picked(t('users.rolesRequired'))]}>
          <Checkbox.Group options={roleOptions(t)} data-testid="user-roles-input" />
        </Form.Item>
        {roles.includes('institution') && (
          <Form.Item
            name="institutionId"
            label={t('users.institution')}
            rules={[{ required: true, message: t('error.INSTITUTION_REQUIRED') }]}
          >
            <InstitutionSelect testId="user-institution" />
          </Form.Item>
        )}
      </Form>
      {create.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, create.error)} data-testid="user-error" />
      )}
    </Modal>
  );
}

function RolesDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const { update } = useUserMutations();
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t('users.rolesTitle', { name: user.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'roles-save' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: user.roles }}
        onFinish={(v) =>
          update.mutate(
            { id: user.id, body: { roles: v.roles } },
            {
              onSuccess: () => {
                void message.success(t('users.rolesSaved', { name: user.username }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="roles" label={t('users.roles')} rules={[picked(t('users.rolesRequired'))]}>
          <Checkbox.Group options={roleOptions(t)} data-testid="roles-input" />
        </Form.Item>
      </Form>
      {update.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, update.error)} data-testid="roles-error" />
      )}
    </Modal>
  );
}

function PasswordDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { update } = useUserMutations();
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      title={t('users.passwordTitle', { name: user.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'password-save' } as ButtonProps}
    >
      <Typography.Paragraph>{t('users.passwordLead')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          update.mutate(
            { id: user.id, body: { password: v.password } },
            {
              onSuccess: () => {
                void message.success(t('users.passwordReset', { name: user.username }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            { min: MIN_PASSWORD, message: t('users.passwordShort', { min: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoFocus autoComplete="new-password" data-testid="reset-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
      {update.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, update.error)} data-testid="password-error" />
      )}
    </Modal>
  );
}
