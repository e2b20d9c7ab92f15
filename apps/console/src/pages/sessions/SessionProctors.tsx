import { App, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAssignProctors, useSessionProctors } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';

/**
 * 监考员: a proctor sees and acts on only the sessions assigned to them. The owning institution and the centre choose
 * among the institution's own proctors and the centre's; everyone else sees who proctors.
 */
export function SessionProctors({ sessionId, mayAssign }: { sessionId: string; mayAssign: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const proctors = useSessionProctors(sessionId);
  const assign = useAssignProctors(sessionId);
  // Until the user changes the choice, it is what the server has.
  const [edited, setEdited] = useState<string[] | null>(null);
  const assigned = proctors.data?.assigned ?? [];
  const chosen = edited ?? assigned.map((p) => p.userId);
  const nameOf = (p: { username: string; displayName: string }) =>
    p.displayName && p.displayName !== p.username ? `${p.displayName}（${p.username}）` : p.username;
  return (
    <section aria-labelledby="proctors-title" className="jd-gap">
      <Typography.Title level={2} className="jd-h2" id="proctors-title">
        {t('proctors.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('proctors.hint')}</Typography.Paragraph>
      {mayAssign ? (
        <Space wrap align="start">
          <Select
            mode="multiple"
            aria-labelledby="proctors-title"
            style={{ minWidth: 320 }}
            loading={proctors.isLoading}
            value={chosen}
            onChange={setEdited}
            optionFilterProp="label"
            placeholder={t('proctors.placeholder')}
            notFoundContent={t('proctors.none')}
            data-testid="proctors-select"
            options={[...(proctors.data?.eligible ?? []), ...assigned]
              .filter((p, i, all) => all.findIndex((q) => q.userId === p.userId) === i)
              .map((p) => ({ value: p.userId, label: nameOf(p) }))}
          />
          <Button
            type="primary"
            loading={assign.isPending}
            data-testid="proctors-save"
            onClick={() =>
              assign.mutate(chosen, {
                onSuccess: () => {
                  setEdited(null);
                  void message.success(t('proctors.saved'));
                },
                onError: (err) => void message.error(errorText(t, err)),
              })
            }
          >
            {t('common.save')}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph data-testid="proctors-list">
          {assigned.length ? assigned.map(nameOf).join('、') : t('proctors.nobody')}
        </Typography.Paragraph>
      )}
    </section>
  );
}
