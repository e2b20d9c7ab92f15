import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, sessions, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';

const endReason = sessions.takeEndReason.bind(sessions);

export function SignInPage() {
  const { t, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [expired] = useState(() => endReason() === 'expired');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(api.POST('/api/v1/auth/login', { body: values }));
      sessions.signIn({ accessToken: res.accessToken, user: res.user });
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="jd-signin">
      <Card className="jd-signin-card">
        <Typography.Title level={1}>{t('signin.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signin.lead')}</Typography.Paragraph>
        {expired && (
          <Alert
            type="warning"
            showIcon
            message={t('signin.expired')}
            data-testid="signin-expired"
            className="jd-gap"
          />
        )}
        {error && (
          <Alert type="error" showIcon message={error} data-testid="signin-error" className="jd-gap" role="alert" />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('signin.username')}
            name="username"
            rules={[{ required: true, message: t('signin.required') }]}
          >
            <Input autoComplete="username" data-testid="signin-username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('signin.password')}
            name="password"
            rules={[{ required: true, message: t('signin.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="signin-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t('signin.submit')}
          </Button>
        </Form>
        <Button
          type="link"
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
          aria-label={t('app.languageLabel')}
        >
          {t('app.language')}
        </Button>
      </Card>
    </main>
  );
}
