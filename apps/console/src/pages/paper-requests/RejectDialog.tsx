import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api, unwrap } from '../../api/client';
import { paperKeys } from '../../api/papers';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';

/** Rejects a submitted request; the reason is required and goes back to the institution. */
export function RejectDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/paper-requests/{id}/reject', { params: { path: { id } }, body: { reason } })),
    onSuccess: (r) => {
      void message.success(t('requests.rejected'));
      client.setQueryData(paperKeys.request(r.id), r);
      void client.invalidateQueries({ queryKey: ['paper-requests'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('requests.rejectTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('requests.reject')}
      cancelText={t('common.cancel')}
      confirmLoading={reject.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'reject-confirm' } as ButtonProps}
    >
      <Form form={form} layout="vertical" name="reject" onFinish={(v) => reject.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('requests.rejectReason')}
          rules={[{ required: true, whitespace: true, message: t('requests.reasonRequired') }]}
        >
          <Input.TextArea rows={3} autoFocus maxLength={900} data-testid="reject-reason" />
        </Form.Item>
      </Form>
      {reject.error && <Alert type="error" role="alert" showIcon message={errorText(t, reject.error)} />}
    </Modal>
  );
}
