import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { api, sessions, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { label } from '../../ui/labels';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function AccountPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = sessions.session?.user;
  const [form] = Form.useForm<PasswordForm>();
  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      unwrap(
        api.POST('/api/v1/account/password', {
          body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
        }),
      ),
    onSuccess: () => {
      void message.success(t('account.changed'));
      form.resetFields();
    },
  });
  return (
    <div>
      <Typography.Title level={1}>{t('account.title')}</Typography.Title>
      <Typography.Paragraph>{t('account.user', { username: user?.username ?? '' })}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('account.roles', { roles: (user?.roles ?? []).map((r) => label(t, 'role', r)).join('、') })}
      </Typography.Paragraph>
      <Card title={t('account.change')} className="jd-narrow">
        {change.error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="jd-gap"
            message={errorText(t, change.error)}
            data-testid="password-error"
          />
        )}
        {change.isSuccess && (
          <Alert
            type="success"
            showIcon
            className="jd-gap"
            message={t('account.changed')}
            data-testid="password-changed"
          />
        )}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => change.mutate(v)}>
          <Form.Item name="currentPassword" label={t('account.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.new')}
            rules={[{ required: true }, { min: 10, message: t('account.tooShort') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('account.change')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
