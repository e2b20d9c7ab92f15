import type { ButtonProps } from 'antd';
import { Alert, App, Checkbox, Descriptions, Form, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usePaperRequest } from '../../api/papers';
import { useDispatchPanel, useExaminers, usePanel, type Examiner, type Panel } from '../../api/practical';
import type { SessionSummary } from '../../api/sessions';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { picked } from '../../ui/form-rules';
import { focusFirstField } from '../../ui/focus';
import { useInstitutionNames } from '../../ui/InstitutionSelect';
import { formatTime, label } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { TAG } from '../../ui/tag-colours';
import { panelSizeOk, refusalMessage } from './refusal';

interface PanelForm {
  examiners: string[];
  chief?: string;
}

/**
 * 考评组: the centre chooses the session's panel among the active examiners registered for its occupation, an odd
 * number of at least 3 with one chief; a refusal names the rule and the examiners it concerns.
 */
export function PanelDialog({ session, onClose }: { session: SessionSummary; onClose: () => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PanelForm>();
  const request = usePaperRequest(session.paperRequestId);
  const practical = !!request.data?.includePractical;
  const occupation = request.data?.occupation;
  const panel = usePanel(session.id, practical);
  const examiners = useExaminers(
    { occupation: occupation ?? '', active: 'true', page: 1, pageSize: 500 },
    practical && !!occupation,
  );
  const dispatch = useDispatchPanel(session.id);
  const institutionOf = useInstitutionNames();
  const [refusal, setRefusal] = useState<string | null>(null);
  const chosen = Form.useWatch('examiners', form) ?? [];
  const chief = Form.useWatch('chief', form);

  // A chief no longer among the chosen examiners is dropped.
  useEffect(() => {
    if (chief && !chosen.includes(chief)) form.setFieldValue('chief', undefined);
  }, [chosen, chief, form]);

  const pool = examiners.data?.items ?? [];
  const names = new Map<string, string>([
    ...(panel.data?.examiners ?? []).map((m) => [m.examinerId, m.name] as const),
    ...pool.map((e) => [e.id, e.name] as const),
  ]);
  const optionText = (e: Examiner) =>
    t('panel.examinerOption', {
      name: e.name,
      certificate: e.certificateNo,
      level: label(t, 'level', e.level),
      institution: institutionOf(e.institutionId) ?? t('examiners.centre'),
    });
  const locked = !!panel.data?.locked;
  const loading = request.isLoading || (practical && (panel.isLoading || examiners.isLoading));
  const failed = request.error ?? panel.error ?? examiners.error;

  const submit = (v: PanelForm) => {
    setRefusal(null);
    dispatch.mutate(
      { examiners: v.examiners, chief: v.chief! },
      {
        onSuccess: () => {
          void message.success(t('panel.dispatched'));
          onClose();
        },
        onError: (err) => setRefusal(refusalMessage(t, err, names)),
      },
    );
  };

  return (
    <Modal
      open
      afterOpenChange={focusFirstField}
      width={720}
      title={t('panel.title', { name: session.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('panel.dispatch')}
      cancelText={t('common.cancel')}
      confirmLoading={dispatch.isPending}
      okButtonProps={
        { disabled: !practical || locked || pool.length === 0, 'data-testid': 'panel-save' } as ButtonProps
      }
    >
      {loading ? (
        <Loading />
      ) : failed ? (
        <Alert type="error" role="alert" showIcon message={errorText(t, failed)} />
      ) : !practical ? (
        <Alert type="info" showIcon message={t('panel.noPractical')} data-testid="panel-no-practical" />
      ) : (
        <>
          <Typography.Paragraph>
            {t('panel.lead', {
              occupation: occupation ?? '',
              level: label(t, 'level', request.data?.level ?? ''),
            })}
          </Typography.Paragraph>
          <CurrentPanel panel={panel.data} language={language} />
          {locked ? (
            <Alert type="warning" showIcon message={t('panel.locked')} data-testid="panel-locked" />
          ) : pool.length === 0 ? (
            <Alert type="warning" showIcon message={t('panel.noExaminers')} data-testid="panel-no-examiners" />
          ) : (
            <Form<PanelForm>
              form={form}
              layout="vertical"
              onFinish={submit}
              // The current panel is the starting choice.
              initialValues={{
                examiners: panel.data?.examiners.map((m) => m.examinerId) ?? [],
                chief: panel.data?.chief ?? undefined,
              }}
            >
              <Form.Item
                name="examiners"
                label={t('panel.members')}
                extra={t('panel.membersCount', { count: chosen.length })}
                rules={[picked(t('panel.membersRequired'))]}
              >
                <Checkbox.Group data-testid="panel-members">
                  <Space direction="vertical">
                    {pool.map((e) => (
                      <Checkbox key={e.id} value={e.id}>
                        {optionText(e)}
                      </Checkbox>
                    ))}
                  </Space>
                </Checkbox.Group>
              </Form.Item>
              <Form.Item
                name="chief"
                label={t('panel.chiefLabel')}
                extra={chosen.length === 0 ? t('panel.chiefPickFirst') : undefined}
                rules={[picked(t('panel.chiefRequired'))]}
              >
                <Radio.Group data-testid="panel-chief">
                  <Space direction="vertical">
                    {pool
                      .filter((e) => chosen.includes(e.id))
                      .map((e) => (
                        <Radio key={e.id} value={e.id}>
                          {e.name}
                        </Radio>
                      ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              {!panelSizeOk(chosen.length) && chosen.length > 0 && (
                <Typography.Paragraph type="warning">{t('error.PANEL_EVEN')}</Typography.Paragraph>
              )}
            </Form>
          )}
          {refusal && (
            <Alert
              type="error"
              role="alert"
              showIcon
              message={t('panel.refused', { message: refusal })}
              data-testid="panel-refused"
            />
          )}
        </>
      )}
    </Modal>
  );
}

/** Who sits on the panel now, its chief, when it was dispatched, and whether signed sheets lock it. */
function CurrentPanel({ panel, language }: { panel?: Panel; language: string }) {
  const { t } = useI18n();
  if (!panel?.examiners.length)
    return (
      <Typography.Paragraph data-testid="panel-current" data-size="0">
        {t('panel.none')}
      </Typography.Paragraph>
    );
  return (
    <Descriptions
      size="small"
      column={1}
      className="jd-gap"
      data-testid="panel-current"
      data-size={panel.examiners.length}
      items={[
        {
          key: 'members',
          label: t('panel.current'),
          children: (
            <span>
              {panel.examiners.map((m) => (
                <Tag key={m.examinerId} color={m.chief ? TAG.info : undefined}>
                  {m.name}
                  {m.chief ? `（${t('panel.chief')}）` : ''}
                </Tag>
              ))}
            </span>
          ),
        },
        {
          key: 'when',
          label: t('panel.dispatchedAt'),
          children: formatTime(panel.dispatchedAt, language),
        },
      ]}
    />
  );
}
