import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { PolicyResponse } from '@jianding/api-client';
import { ApiError, sessions } from '../../api/client';
import { useCreatePolicy, usePolicies, type CreatePolicyBody } from '../../api/centre';
import { useI18n } from '../../i18n/i18n';
import { TAG } from '../../ui/tag-colours';
import { focusFirstField } from '../../ui/focus';
import { errorText, issuesOf } from '../../ui/errors';

/** The five presets of the regulations and the admins' own policies; an admin adds one with per-field checks. */
export default function PoliciesPage() {
  const { t } = useI18n();
  const policies = usePolicies();
  const [creating, setCreating] = useState(false);
  const admin = (sessions.session?.user.roles ?? []).includes('admin');
  const defaultId = policies.data?.defaultPolicyId;
  const practical = (p: PolicyResponse) =>
    p.practical
      ? t(p.practical.kind === 'sets' ? 'policies.practicalSets' : 'policies.practicalTasks', { min: p.practical.min })
      : t('common.none');
  return (
    <div>
      <Typography.Title level={1}>{t('policies.title')}</Typography.Title>
      <Typography.Paragraph>{t('policies.lead')}</Typography.Paragraph>
      {admin && (
        <Space className="jd-toolbar">
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-policy">
            {t('policies.new')}
          </Button>
        </Space>
      )}
      <Table<PolicyResponse>
        rowKey="id"
        data-testid="policies-table"
        loading={policies.isLoading}
        dataSource={policies.data?.items ?? []}
        pagination={false}
        onRow={(p) => ({ 'data-policy': p.id }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            title: t('policies.id'),
            dataIndex: 'id',
            render: (id: string, p) => (
              <Space size={4} wrap>
                <span>{id}</span>
                {p.preset ? <Tag color={TAG.info}>{t('policies.preset')}</Tag> : <Tag>{t('policies.custom')}</Tag>}
                {id === defaultId && <Tag color={TAG.ok}>{t('policies.default')}</Tag>}
              </Space>
            ),
          },
          { title: t('policies.name'), dataIndex: 'name' },
          { title: t('policies.theoryMin'), dataIndex: 'theoryMinItems', width: 110 },
          { title: t('policies.practical'), key: 'practical', width: 120, render: (_, p) => practical(p) },
          {
            title: t('policies.retention'),
            key: 'retention',
            width: 150,
            render: (_, p) => (
              <span>
                {t('policies.years', { n: p.retentionYears })}
                {p.retentionNote && (
                  <div>
                    <Typography.Text type="secondary">{p.retentionNote}</Typography.Text>
                  </div>
                )}
              </span>
            ),
          },
          { title: t('policies.passMark'), dataIndex: 'passMark', width: 90 },
          {
            title: t('policies.multipleCredit'),
            dataIndex: 'multipleCredit',
            width: 120,
            render: (v: string) => t(v === 'partial' ? 'policies.credit.partial' : 'policies.credit.all'),
          },
          { title: t('policies.source'), dataIndex: 'source' },
        ]}
      />
      {creating && <NewPolicyDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

interface PolicyForm {
  id: string;
  name: string;
  source: string;
  theoryMinItems: number;
  practicalKind: 'none' | 'sets' | 'tasks';
  practicalMin?: number;
  retentionYears: number;
  retentionNote?: string;
  passMark: number;
  multipleCredit: 'all-or-nothing' | 'partial';
  showResultToCandidate: boolean;
}

const FIELDS: readonly (keyof PolicyForm)[] = [
  'id',
  'name',
  'source',
  'theoryMinItems',
  'practicalKind',
  'practicalMin',
  'retentionYears',
  'retentionNote',
  'passMark',
  'multipleCredit',
  'showResultToCandidate',
];

const FORM_FIELD: Record<string, keyof PolicyForm> = {
  practical: 'practicalKind',
  'practical.kind': 'practicalKind',
  'practical.min': 'practicalMin',
};

function NewPolicyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyForm>();
  const create = useCreatePolicy();
  const kind = Form.useWatch('practicalKind', form);
  const submit = (v: PolicyForm) => {
    const body: CreatePolicyBody = {
      id: v.id.trim(),
      name: v.name.trim(),
      source: v.source.trim(),
      theoryMinItems: v.theoryMinItems,
      practical: v.practicalKind === 'none' ? null : { kind: v.practicalKind, min: v.practicalMin },
      retentionYears: v.retentionYears,
      ...(v.retentionNote?.trim() ? { retentionNote: v.retentionNote.trim() } : {}),
      passMark: v.passMark,
      multipleCredit: v.multipleCredit,
      showResultToCandidate: v.showResultToCandidate,
    };
    create.mutate(body, {
      onSuccess: (p) => {
        void message.success(t('policies.created', { id: p.id }));
        onClose();
      },
      onError: (err) => {
        // The API's per-field issues land on their fields; the rest shows above the buttons.
        if (err instanceof ApiError && err.code === 'POLICY_EXISTS')
          form.setFields([{ name: 'id', errors: [t('error.POLICY_EXISTS')] }]);
        form.setFields(
          issuesOf(err)
            .map((i) => ({
              name: FORM_FIELD[i.field] ?? (i.field as keyof PolicyForm),
              errors: [i.code === 'POLICY_ID_RESERVED' ? t('error.POLICY_ID_RESERVED') : i.message],
            }))
            .filter((f) => FIELDS.includes(f.name)),
        );
      },
    });
  };
  const int = (min: number, max: number, required: string) => [
    { required: true, message: required },
    { type: 'integer' as const, min, max, message: t('policies.intRange', { min, max }) },
  ];
  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      width={640}
      title={t('policies.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'policy-save' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          practicalKind: 'none',
          passMark: 60,
          retentionYears: 5,
          multipleCredit: 'all-or-nothing',
          showResultToCandidate: true,
        }}
      >
        <Form.Item
          name="id"
          label={t('policies.id')}
          extra={t('policies.idHint')}
          rules={[
            { required: true, whitespace: true, message: t('policies.idRequired') },
            { pattern: /^[a-z0-9][a-z0-9-]{1,62}$/, message: t('policies.idFormat') },
          ]}
        >
          <Input autoFocus placeholder="shanghai-2025" data-testid="policy-id" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('policies.name')}
          rules={[{ required: true, whitespace: true, message: t('policies.nameRequired') }]}
        >
          <Input data-testid="policy-name" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('policies.source')}
          extra={t('policies.sourceHint')}
          rules={[{ required: true, whitespace: true, message: t('policies.sourceRequired') }]}
        >
          <Input data-testid="policy-source" maxLength={500} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="theoryMinItems"
            label={t('policies.theoryMin')}
            rules={int(1, 1_000_000, t('policies.numberRequired'))}
          >
            <InputNumber data-testid="policy-theory-min" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="practicalKind" label={t('policies.practical')}>
            <Select
              style={{ width: 160 }}
              data-testid="policy-practical-kind"
              options={[
                { value: 'none', label: t('common.none') },
                { value: 'sets', label: t('policies.kind.sets') },
                { value: 'tasks', label: t('policies.kind.tasks') },
              ]}
            />
          </Form.Item>
          {kind && kind !== 'none' && (
            <Form.Item
              name="practicalMin"
              label={t('policies.practicalMin')}
              rules={int(1, 100_000, t('policies.numberRequired'))}
            >
              <InputNumber data-testid="policy-practical-min" style={{ width: 140 }} />
            </Form.Item>
          )}
        </Space>
        <Space wrap align="start">
          <Form.Item
            name="retentionYears"
            label={t('policies.retentionYears')}
            rules={int(1, 100, t('policies.numberRequired'))}
          >
            <InputNumber data-testid="policy-retention" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="passMark"
            label={t('policies.passMark')}
            rules={[
              { required: true, message: t('policies.numberRequired') },
              { type: 'number', min: 0, max: 100, message: t('policies.intRange', { min: 0, max: 100 }) },
            ]}
          >
            <InputNumber data-testid="policy-pass-mark" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="multipleCredit" label={t('policies.multipleCredit')}>
            <Select
              style={{ width: 160 }}
              data-testid="policy-credit"
              options={[
                { value: 'all-or-nothing', label: t('policies.credit.all') },
                { value: 'partial', label: t('policies.credit.partial') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="retentionNote" label={t('policies.retentionNote')}>
          <Input data-testid="policy-retention-note" maxLength={500} />
        </Form.Item>
        <Form.Item name="showResultToCandidate" label={t('policies.showResult')} valuePropName="checked">
          <Switch data-testid="policy-show-result" />
        </Form.Item>
      </Form>
      {create.error && (
        <Alert type="error" role="alert" showIcon message={errorText(t, create.error)} data-testid="policy-error" />
      )}
    </Modal>
  );
}
