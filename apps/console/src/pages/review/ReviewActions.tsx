import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { ItemResponse } from '@jianding/api-client';
import { api, sessions, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { keepFocus, focusFirstField } from '../../ui/focus';

/** Approve, or send back with a required reason. A reviewer's own item gets neither: it says why. */
export function ReviewActions({ item, onDone }: { item: ItemResponse; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const done = (saved: ItemResponse, text: string) => {
    void message.success(text);
    // The row leaves the queue with its buttons: the focus goes on to the next row's first action.
    keepFocus(() => document.querySelector('[data-testid="review-table"] [data-testid^="approve-"]'));
    client.setQueryData(keys.item(saved.id), saved);
    void client.invalidateQueries({ queryKey: ['review-queue'] });
    void client.invalidateQueries({ queryKey: ['items'] });
    void client.invalidateQueries({ queryKey: ['compliance'] });
    onDone?.();
  };
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/items/{id}/approve', { params: { path: { id: item.id } } })),
    onSuccess: (saved) => done(saved, t('review.approved')),
    onError: (err) => void message.error(errorText(t, err)),
  });
  const reject = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/items/{id}/reject', { params: { path: { id: item.id } }, body: { reason } })),
    onSuccess: (saved) => {
      setRejecting(false);
      done(saved, t('review.rejected'));
    },
  });

  if (item.authorId === sessions.session?.user.id)
    return <Alert type="warning" showIcon message={t('review.selfForbidden')} data-testid="self-review" />;
  return (
    <>
      <Space>
        <Button
          type="primary"
          onClick={() => approve.mutate()}
          loading={approve.isPending}
          data-testid={`approve-${item.id}`}
        >
          {t('review.approve')}
        </Button>
        <Button danger onClick={() => setRejecting(true)} data-testid={`reject-${item.id}`}>
          {t('review.reject')}
        </Button>
      </Space>
      <Modal
        open={rejecting}
        destroyOnHidden
        title={t('review.rejectTitle')}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        afterOpenChange={focusFirstField}
        okText={t('review.reject')}
        cancelText={t('common.cancel')}
        confirmLoading={reject.isPending}
        okButtonProps={{ danger: true, 'data-testid': 'reject-confirm' } as ButtonProps}
      >
        <div>
          <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(v.reason.trim())}>
            <Form.Item
              name="reason"
              label={t('review.rejectReason')}
              rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}
            >
              <Input.TextArea rows={3} autoFocus data-testid="reject-reason" maxLength={1000} />
            </Form.Item>
          </Form>
          {reject.error && <Alert type="error" role="alert" message={errorText(t, reject.error)} />}
        </div>
      </Modal>
    </>
  );
}
