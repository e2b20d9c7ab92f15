import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, sessions, unwrap } from '../../api/client';
import { useInstitution, type CreatePaperRequestBody } from '../../api/papers';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { examDateAllowed, ineligibility, scopeOptions } from './scope';

interface RequestForm {
  bank: string;
  mode: 'forms' | 'perCandidate';
  forms?: number;
  candidates?: number;
  examDate: Dayjs;
  includePractical?: boolean;
}

/** The institution's request form: only the banks of its filed scope, exam dates within its validity. */
export function NewRequest({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const inst = useInstitution(sessions.session?.user.institutionId ?? undefined);
  const [form] = Form.useForm<RequestForm>();
  const mode = Form.useWatch('mode', form) ?? 'forms';
  const create = useMutation({
    mutationFn: (body: CreatePaperRequestBody) => unwrap(api.POST('/api/v1/paper-requests', { body })),
    onSuccess: (r) => {
      void message.success(t('requests.created'));
      void client.invalidateQueries({ queryKey: ['paper-requests'] });
      onClose();
      void navigate(`/paper-requests/${r.id}`);
    },
  });
  const submit = (v: RequestForm) => {
    const [occupation, level] = v.bank.split('|');
    // `forms` has a default in the contract (so the generated type requires it); per candidate it must be absent.
    create.mutate({
      occupation,
      level: level as CreatePaperRequestBody['level'],
      examDate: v.examDate.format('YYYY-MM-DD'),
      ...(v.mode === 'perCandidate' ? { perCandidate: true, candidates: v.candidates } : { forms: v.forms }),
      ...(v.includePractical ? { includePractical: true } : {}),
    } as CreatePaperRequestBody);
  };

  const today = dayjs().format('YYYY-MM-DD');
  const blocked = inst.data ? ineligibility(inst.data, today) : null;
  const validUntil = inst.data?.validUntil.slice(0, 10);
  return (
    <Modal
      open
      title={t('requests.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('requests.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !inst.data || !!blocked, 'data-testid': 'request-submit' } as ButtonProps}
      width={560}
    >
      {inst.error && <Alert type="error" role="alert" showIcon message={errorText(t, inst.error)} />}
      {!inst.data && !inst.error && <Loading />}
      {inst.data && (
        <>
          {blocked && (
            <Alert
              type="error"
              role="alert"
              showIcon
              data-testid="request-blocked"
              message={t(blocked === 'suspended' ? 'requests.blockedSuspended' : 'requests.blockedExpired')}
            />
          )}
          <Alert
            type="info"
            showIcon
            className="jd-scope-note"
            message={t('requests.scopeNote', { name: inst.data.name, until: validUntil ?? '' })}
          />
          <Form<RequestForm>
            form={form}
            name="request"
            layout="vertical"
            onFinish={submit}
            disabled={!!blocked}
            initialValues={{ mode: 'forms', forms: 2 }}
          >
            <Form.Item
              name="bank"
              label={t('requests.bank')}
              // A validator, not `required`: antd would put aria-required on the Select's wrapper, where it is not allowed.
              rules={[
                {
                  validator: (_, v?: string) =>
                    v ? Promise.resolve() : Promise.reject(new Error(t('requests.bankRequired'))),
                },
              ]}
            >
              <Select
                autoFocus
                showSearch
                optionFilterProp="label"
                data-testid="request-bank"
                placeholder={t('common.selectBank')}
                options={scopeOptions(inst.data).map((o) => ({
                  value: `${o.occupation}|${o.level}`,
                  label: `${o.occupation} · ${label(t, 'level', o.level)}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="mode" label={t('requests.mode')}>
              <Radio.Group data-testid="request-mode">
                <Radio value="forms">{t('requests.modeForms')}</Radio>
                <Radio value="perCandidate">{t('requests.modePerCandidate')}</Radio>
              </Radio.Group>
            </Form.Item>
            {mode === 'forms' ? (
              <Form.Item
                name="forms"
                label={t('requests.forms')}
                rules={[{ required: true, message: t('requests.formsRequired') }]}
              >
                <InputNumber min={1} max={26} precision={0} data-testid="request-forms" />
              </Form.Item>
            ) : (
              <Form.Item
                name="candidates"
                label={t('requests.candidates')}
                rules={[{ required: true, message: t('requests.candidatesRequired') }]}
              >
                <InputNumber min={1} max={20000} precision={0} data-testid="request-candidates" />
              </Form.Item>
            )}
            <Form.Item
              name="examDate"
              label={t('requests.examDate')}
              rules={[{ required: true, message: t('requests.examDateRequired') }]}
            >
              <DatePicker
                format="YYYY-MM-DD"
                data-testid="request-date"
                disabledDate={(d) => !examDateAllowed(d.format('YYYY-MM-DD'), today, validUntil)}
              />
            </Form.Item>
            <Form.Item name="includePractical" valuePropName="checked">
              <Checkbox data-testid="request-practical">{t('requests.includePractical')}</Checkbox>
            </Form.Item>
          </Form>
          {create.error && (
            <Alert
              type="error"
              role="alert"
              showIcon
              data-testid="request-error"
              message={errorText(t, create.error)}
            />
          )}
        </>
      )}
    </Modal>
  );
}
