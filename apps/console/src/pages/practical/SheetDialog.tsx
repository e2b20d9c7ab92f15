import type { ButtonProps } from 'antd';
import { Alert, App, Button, Descriptions, Form, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useScoring, useSheetMutations, type PracticalTask, type Sheet } from '../../api/practical';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';
import { focusFirstField } from '../../ui/focus';
import { formatTime } from '../../ui/labels';
import { TAG } from '../../ui/tag-colours';
import { criteriaOf, missingLines, runningTotal, valuesOf, type SheetValues } from './sheet';
import { TaskBrief } from './TaskBrief';

type Other = { examinerId: string; name: string; signedAt: string | null; total: number | null };

/**
 * The examiner's own score sheet for one candidate's task: one field per rubric line, a running total, a draft saved
 * at will, and a signature (confirmed, final) after which the sheet is read-only with its hash. The other examiners'
 * signatures show beside it, and their totals once the API gives them (after this examiner has signed).
 */
export function SheetDialog({
  sessionId,
  ticketNo,
  position,
  onClose,
}: {
  sessionId: string;
  ticketNo: string;
  position: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const scoring = useScoring(sessionId);
  const task = scoring.data?.tasks.find((x) => x.position === position);
  const candidate = scoring.data?.candidates.find((c) => c.ticketNo === ticketNo);
  const sheet = candidate?.tasks.find((x) => x.position === position);
  if (!task || !candidate || !sheet) return null;
  const mine = sheet.mine;
  const title = t('scoring.sheetTitle', { name: candidate.name, ticket: ticketNo, position });
  return mine?.signedAt ? (
    <Modal
      open
      width={720}
      title={title}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="sheet-close">
          {t('common.close')}
        </Button>
      }
    >
      <SignedSheet task={task} sheet={mine} />
      <Others others={sheet.others} />
    </Modal>
  ) : (
    <DraftSheet
      sessionId={sessionId}
      ticketNo={ticketNo}
      task={task}
      draft={mine}
      others={sheet.others}
      title={title}
      onClose={onClose}
    />
  );
}

function DraftSheet({
  sessionId,
  ticketNo,
  task,
  draft,
  others,
  title,
  onClose,
}: {
  sessionId: string;
  ticketNo: string;
  task: PracticalTask;
  draft: Sheet | null;
  others: Other[];
  title: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ points: SheetValues }>();
  const { save, sign } = useSheetMutations(sessionId);
  const [issue, setIssue] = useState<string | null>(null);
  const values = Form.useWatch('points', form) ?? valuesOf(task.rubric.length, draft?.criteria);
  const total = runningTotal(values);
  const target = { ticketNo, position: task.position };

  const saveDraft = async () => {
    setIssue(null);
    const v = await form.validateFields();
    save.mutate(
      { ...target, criteria: criteriaOf(v.points) },
      {
        onSuccess: () => void message.success(t('scoring.saved')),
        onError: (err) => setIssue(errorText(t, err)),
      },
    );
  };

  const askToSign = async () => {
    setIssue(null);
    const v = await form.validateFields();
    const missing = missingLines(task.rubric.length, v.points);
    if (missing.length) {
      setIssue(t('scoring.missing', { lines: missing.join('、') }));
      return;
    }
    modal.confirm({
      title: t('scoring.signTitle'),
      content: t('scoring.signBody', { total: runningTotal(v.points) }),
      okText: t('scoring.signOk'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'cancel',
      okButtonProps: { 'data-testid': 'sheet-sign-confirm' } as ButtonProps,
      onOk: () =>
        sign
          .mutateAsync({ ...target, criteria: criteriaOf(v.points) })
          .then(() => void message.success(t('scoring.signedDone')))
          .catch((err: unknown) => setIssue(errorText(t, err))),
    });
  };

  return (
    <Modal
      open
      width={720}
      title={title}
      afterOpenChange={focusFirstField}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose} data-testid="sheet-close">
          {t('common.close')}
        </Button>,
        <Button key="save" onClick={() => void saveDraft()} loading={save.isPending} data-testid="sheet-save">
          {t('scoring.saveDraft')}
        </Button>,
        <Button
          key="sign"
          type="primary"
          onClick={() => void askToSign()}
          loading={sign.isPending}
          data-testid="sheet-sign"
        >
          {t('scoring.sign')}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ points: valuesOf(task.rubric.length, draft?.criteria) }}
        data-testid="sheet-form"
      >
        {task.rubric.map((line, i) => (
          <Form.Item
            key={i}
            name={['points', i]}
            className="jd-criterion"
            label={t('scoring.criterion', { n: i + 1, criterion: line.criterion, points: line.points })}
            rules={[
              {
                validator: (_, v: number | null | undefined) =>
                  v === null || v === undefined || Math.round(v * 2) === v * 2
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('scoring.halfPoints'))),
              },
            ]}
          >
            <InputNumber min={0} max={line.points} step={0.5} data-testid={`criterion-${i}`} />
          </Form.Item>
        ))}
      </Form>
      <div className="jd-sheet-total" role="status" data-testid="sheet-total" data-total={total}>
        {t('scoring.total', { total, points: task.points })}
      </div>
      {issue && <Alert type="error" role="alert" showIcon message={issue} data-testid="sheet-issue" />}
      <Others others={others} />
      <details>
        <summary>{t('scoring.tasks')}</summary>
        <TaskBrief task={task} />
      </details>
    </Modal>
  );
}

/** A signed sheet: each line's points, the total, when it was signed and its hash. Nothing can change it. */
function SignedSheet({ task, sheet }: { task: PracticalTask; sheet: Sheet }) {
  const { t, language } = useI18n();
  const points = valuesOf(task.rubric.length, sheet.criteria);
  return (
    <div data-testid="sheet-signed">
      <Alert type="success" showIcon message={t('scoring.readOnly')} className="jd-gap" />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={task.rubric.map((line, i) => ({
          key: String(i),
          label: t('scoring.criterion', { n: i + 1, criterion: line.criterion, points: line.points }),
          children: points[i] ?? '—',
        }))}
      />
      <div className="jd-sheet-total" data-testid="sheet-total" data-total={sheet.total}>
        {t('scoring.total', { total: sheet.total, points: task.points })}
      </div>
      <Typography.Paragraph>
        {t('scoring.signedAt', { time: formatTime(sheet.signedAt, language) })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('scoring.hash')}：
        <Typography.Text className="jd-sheet-hash" copyable data-testid="sheet-hash">
          {sheet.contentHash ?? ''}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}

/** The other examiners of the panel: signed or not, and their totals when shown. */
function Others({ others }: { others: Other[] }) {
  const { t } = useI18n();
  if (others.length === 0) return null;
  return (
    <section aria-label={t('scoring.others')} className="jd-gap-top">
      <Typography.Title level={3} className="jd-h2">
        {t('scoring.others')}
      </Typography.Title>
      <Table<Other>
        rowKey="examinerId"
        size="small"
        pagination={false}
        data-testid="sheet-others"
        dataSource={others}
        onRow={(o) => ({ 'data-signed': String(!!o.signedAt) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('examiners.name'), dataIndex: 'name' },
          {
            title: t('examiners.state'),
            key: 'signed',
            render: (_: unknown, o) => (
              <Tag color={o.signedAt ? TAG.ok : undefined}>
                {o.signedAt ? t('scoring.otherSigned') : t('scoring.otherUnsigned')}
              </Tag>
            ),
          },
          {
            title: t('scoring.points'),
            dataIndex: 'total',
            render: (v: number | null, o) => (v !== null ? v : o.signedAt ? t('scoring.otherHidden') : '—'),
          },
        ]}
      />
    </section>
  );
}
