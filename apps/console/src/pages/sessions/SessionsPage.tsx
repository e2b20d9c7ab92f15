import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { sessions } from '../../api/client';
import { useCreateSession, useReadyRequests, type PaperRequestSummary, type SessionSummary } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { label } from '../../ui/labels';
import { SessionDetail } from './SessionDetail';
import { AdmissionSlips } from './AdmissionSlips';
import { SessionTable } from './SessionTable';
import { focusFirstField } from '../../ui/focus';
import { RequiredSelect } from '../../ui/RequiredSelect';
import { PanelDialog } from '../practical/PanelDialog';

/**
 * 考试场次: the list, a new session on a ready paper request, a session's roster and its admission slips; the centre
 * dispatches each session's practical panel (考评组) from the list.
 */
export default function SessionsPage() {
  return (
    <Routes>
      <Route index element={<SessionList />} />
      <Route path=":id" element={<SessionDetail />} />
      <Route path=":id/slips" element={<AdmissionSlips />} />
    </Routes>
  );
}

function SessionList() {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const [panelOf, setPanelOf] = useState<SessionSummary | null>(null);
  const isInstitution = !!sessions.session?.user.roles.includes('institution');
  const isCentre = !!sessions.session?.user.roles.includes('centre');
  return (
    <div>
      <Typography.Title level={1}>{t('nav.sessions')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sessions.lead')}</Typography.Paragraph>
      {isInstitution && (
        <div className="jd-toolbar">
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-session">
            {t('sessions.new')}
          </Button>
        </div>
      )}
      <SessionTable
        linkTo={(id) => `/sessions/${id}`}
        testId="sessions-table"
        actions={
          isCentre
            ? (s) => (
                <Button size="small" onClick={() => setPanelOf(s)} data-testid="open-panel">
                  {t('panel.open')}
                </Button>
              )
            : undefined
        }
      />
      {creating && <NewSessionDialog onClose={() => setCreating(false)} />}
      {panelOf && <PanelDialog session={panelOf} onClose={() => setPanelOf(null)} />}
    </div>
  );
}

interface NewSessionForm {
  paperRequestId: string;
  name?: string;
  room?: string;
  startsAt: string;
  durationMinutes: number;
  showResult: boolean;
  sebConfigKey?: string;
}

export function requestLabel(t: ReturnType<typeof useI18n>['t'], r: PaperRequestSummary): string {
  return t('sessions.requestOption', {
    occupation: r.occupation,
    level: label(t, 'level', r.level),
    date: r.examDate,
    id: r.id.slice(0, 8),
  });
}

/** A session on one of the institution's ready paper requests; the roster is imported afterwards. */
function NewSessionDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewSessionForm>();
  const requests = useReadyRequests(true);
  const create = useCreateSession();
  const submit = (v: NewSessionForm) =>
    create.mutate(
      {
        paperRequestId: v.paperRequestId,
        name: v.name?.trim() || undefined,
        room: v.room?.trim() || undefined,
        startsAt: new Date(v.startsAt).toISOString(),
        durationMinutes: v.durationMinutes,
        showResult: v.showResult,
        sebConfigKey: v.sebConfigKey?.trim() || undefined,
        candidates: [],
      },
      {
        onSuccess: (s) => {
          void message.success(t('sessions.created'));
          onClose();
          void navigate(`/sessions/${s.id}`);
        },
      },
    );
  const ready = (requests.data?.items ?? []).filter((r) => r.status === 'ready');
  return (
    <Modal
      open
      title={t('sessions.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('sessions.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'session-create' } as ButtonProps}
      width={560}
      afterOpenChange={focusFirstField}
    >
      <Form<NewSessionForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ durationMinutes: 60, showResult: true }}
      >
        <Form.Item
          name="paperRequestId"
          label={t('sessions.request')}
          rules={[{ required: true, message: t('sessions.requestRequired') }]}
          extra={!requests.isLoading && ready.length === 0 ? t('sessions.noReady') : undefined}
        >
          <RequiredSelect
            data-testid="session-request"
            loading={requests.isLoading}
            options={ready.map((r) => ({ value: r.id, label: requestLabel(t, r) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('sessions.nameOptional')}>
          <Input maxLength={200} data-testid="session-name" />
        </Form.Item>
        <Form.Item
          name="room"
          label={t('sessions.room')}
          rules={[{ required: true, whitespace: true, message: t('sessions.roomRequired') }]}
        >
          <Input maxLength={100} data-testid="session-room" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item
            name="startsAt"
            label={t('sessions.startsAt')}
            rules={[{ required: true, message: t('sessions.startsAtRequired') }]}
          >
            <Input type="datetime-local" data-testid="session-starts" />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('sessions.duration')} rules={[{ required: true }]}>
            <InputNumber min={1} max={600} data-testid="session-duration" />
          </Form.Item>
        </Space>
        <Form.Item name="showResult" valuePropName="checked">
          <Checkbox data-testid="session-show-result">{t('sessions.showResult')}</Checkbox>
        </Form.Item>
        <Form.Item
          name="sebConfigKey"
          label={t('sessions.seb')}
          extra={t('sessions.sebHint')}
          rules={[{ min: 16, max: 128, message: t('sessions.sebLength') }]}
        >
          <Input maxLength={128} data-testid="session-seb" />
        </Form.Item>
      </Form>
      {create.error && <Alert type="error" role="alert" message={errorText(t, create.error)} />}
    </Modal>
  );
}
