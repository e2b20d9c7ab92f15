import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ItemResponse, KnowledgeNodeView } from '@jianding/api-client';
import { api, sessions, unwrap } from '../../api/client';
import { keys, useItem, useKnowledgeMap } from '../../api/queries';
import { mayOpen } from '../../auth/access';
import { useI18n } from '../../i18n/i18n';
import { CandidatePreview } from '../../ui/CandidatePreview';
import { errorText, issuesOf } from '../../ui/errors';
import { ITEM_TYPES, label, LETTERS } from '../../ui/labels';
import { StatusTag } from '../../ui/StatusTag';
import { ItemHistory } from './ItemHistory';
import { blankValues, contentOf, createBody, formValuesOf, issuesFor, type ItemFormValues } from './item-form';
import { ReviewActions } from '../review/ReviewActions';

const leaves = (nodes: readonly KnowledgeNodeView[]): KnowledgeNodeView[] =>
  nodes.flatMap((n) => (n.children?.length ? leaves(n.children) : [n]));

/** One item: the editor with the candidate's view beside it, its workflow actions, and its history with a diff. */
export default function ItemPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [params] = useSearchParams();
  const item = useItem(id);
  const [tab, setTab] = useState(params.get('tab') ?? 'edit');
  if (id && !item.data)
    return item.error ? (
      <Alert type="error" message={errorText(t, item.error)} />
    ) : (
      <Typography.Paragraph>{t('app.loading')}</Typography.Paragraph>
    );
  const occupation = item.data?.occupation ?? params.get('occupation') ?? '';
  const level = item.data?.level ?? params.get('level') ?? '';
  return (
    <div>
      <Typography.Title level={1}>
        {item.data ? t('editor.title', { version: item.data.version }) : t('editor.titleNew')}{' '}
        {item.data && <StatusTag status={item.data.status} />}
      </Typography.Title>
      {item.data ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'edit',
              label: t('editor.tabEdit'),
              children: <ItemEditor key={item.data.versionId} item={item.data} occupation={occupation} level={level} />,
            },
            {
              key: 'history',
              label: <span data-testid="tab-history">{t('editor.tabHistory')}</span>,
              children: <ItemHistory id={item.data.id} />,
            },
          ]}
        />
      ) : (
        <ItemEditor occupation={occupation} level={level} />
      )}
    </div>
  );
}

function ItemEditor({ item, occupation, level }: { item?: ItemResponse; occupation: string; level: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const roles = sessions.session?.user.roles ?? [];
  const author = mayOpen(roles, 'itemEdit');
  const map = useKnowledgeMap(occupation, level);
  const points = useMemo(() => leaves(map.data?.knowledgeMap.areas ?? []), [map.data]);
  const [form] = Form.useForm<ItemFormValues>();
  const initial = useMemo(() => (item ? formValuesOf(item) : blankValues()), [item]);
  const values = Form.useWatch([], form) ?? initial;
  const type = values.type ?? initial.type;
  const [issues, setIssues] = useState<{ field: string; message: string }[]>([]);
  useEffect(() => setIssues([]), [item?.versionId]);

  const save = useMutation({
    mutationFn: async (v: ItemFormValues) =>
      item
        ? unwrap(
            api.PATCH('/api/v1/items/{id}', {
              params: { path: { id: item.id } },
              body: { ...contentOf(v), changeNote: v.changeNote || undefined },
            }),
          )
        : unwrap(api.POST('/api/v1/items', { body: createBody(occupation, level, v) })),
    onSuccess: (saved) => {
      setIssues([]);
      void message.success(t('editor.saved', { version: saved.version }));
      client.setQueryData(keys.item(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['items'] });
      void client.invalidateQueries({ queryKey: keys.versions(saved.id) });
      if (!item) navigate(`/items/${saved.id}`, { replace: true });
    },
    onError: (err) => setIssues(issuesOf(err)),
  });
  const submit = useMutation({
    mutationFn: (itemId: string) => unwrap(api.POST('/api/v1/items/{id}/submit', { params: { path: { id: itemId } } })),
    onSuccess: (saved) => {
      void message.success(t('editor.submittedOk'));
      client.setQueryData(keys.item(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['items'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const locked = item?.status === 'in_review' || item?.status === 'retired' || !author;
  const help = (field: string, exact = false) => {
    const mine = issuesFor(issues, field, exact);
    return mine.length
      ? {
          validateStatus: 'error' as const,
          help: <span data-testid={`issue-${field}`}>{mine.map((i) => i.message).join(' ')}</span>,
        }
      : {};
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={14}>
        {item?.status === 'in_review' && (
          <Alert type="info" showIcon className="jd-gap" message={t('editor.inReviewLocked')} />
        )}
        {!author && <Alert type="info" showIcon className="jd-gap" message={t('editor.readOnly')} />}
        {item?.status === 'draft' && item.reviewReason && (
          <Alert
            type="warning"
            showIcon
            className="jd-gap"
            data-testid="editor-rejected"
            message={t('editor.rejected', { reason: item.reviewReason })}
          />
        )}
        {item?.approvedVersion && item.approvedVersion.version !== item.version && (
          <Alert
            type="info"
            className="jd-gap"
            message={t('editor.inUse', { version: item.approvedVersion.version })}
          />
        )}
        {save.error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="jd-gap"
            data-testid="editor-error"
            message={issues.length ? t('editor.invalid') : errorText(t, save.error)}
          />
        )}
        <Form<ItemFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          disabled={locked}
          onFinish={(v) => save.mutate(v)}
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="type" label={t('items.type')}>
                <Select
                  disabled={!!item || locked}
                  data-testid="editor-type"
                  options={ITEM_TYPES.map((v) => ({ value: v, label: label(t, 'type', v) }))}
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="knowledgePoint" label={t('items.knowledgePoint')} {...help('knowledgePoint')}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  data-testid="editor-kp"
                  options={points.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="difficulty" label={t('items.difficulty')} {...help('difficulty')}>
                <InputNumber min={1} max={5} data-testid="editor-difficulty" />
              </Form.Item>
            </Col>
          </Row>
          {type === 'task' ? (
            <>
              <Form.Item name="title" label={t('editor.taskTitle')} {...help('title')}>
                <Input data-testid="editor-title" />
              </Form.Item>
              <Form.Item name="stem" label={t('editor.taskStem')} {...help('stem')}>
                <Input.TextArea rows={4} data-testid="editor-stem" />
              </Form.Item>
              <Form.Item name="materials" label={t('editor.materials')} {...help('materials')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="minutes" label={t('editor.minutes')} {...help('minutes')}>
                    <InputNumber min={1} data-testid="editor-minutes" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="totalPoints" label={t('editor.totalPoints')} {...help('totalPoints')}>
                    <InputNumber min={1} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="set" label={t('editor.set')} {...help('set')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('editor.rubric')} {...help('rubric')}>
                <Form.List name="rubric">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Space key={f.key} align="baseline" className="jd-row">
                          <Form.Item name={[f.name, 'points']} noStyle>
                            <InputNumber
                              min={0}
                              placeholder={t('editor.rubricPoints')}
                              aria-label={`${t('editor.rubricPoints')} ${i + 1}`}
                              data-testid={`rubric-points-${i}`}
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'criterion']} noStyle>
                            <Input
                              placeholder={t('editor.rubricCriterion')}
                              aria-label={`${t('editor.rubricCriterion')} ${i + 1}`}
                              style={{ width: 360 }}
                              data-testid={`rubric-criterion-${i}`}
                            />
                          </Form.Item>
                          <Button onClick={() => remove(f.name)} aria-label={`${t('map.remove')} ${i + 1}`}>
                            {t('map.remove')}
                          </Button>
                        </Space>
                      ))}
                      <Button onClick={() => add({ points: undefined, criterion: '' })}>{t('editor.addRubric')}</Button>
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="stem" label={t('editor.stem')} {...help('stem')}>
                <Input.TextArea rows={3} data-testid="editor-stem" />
              </Form.Item>
              {type !== 'judge' && (
                <>
                  {issuesFor(issues, 'options', true).map((i) => (
                    <Typography.Paragraph key={i.message} type="danger" data-testid="issue-options">
                      {i.message}
                    </Typography.Paragraph>
                  ))}
                  <Form.List name="options">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f, i) => (
                          <Form.Item
                            key={f.key}
                            label={t('editor.option', { letter: LETTERS[i] })}
                            {...help(`options.${LETTERS[i]}`, true)}
                          >
                            <Space.Compact block>
                              <Form.Item name={f.name} noStyle>
                                <Input
                                  aria-label={t('editor.option', { letter: LETTERS[i] })}
                                  data-testid={`editor-option-${LETTERS[i]}`}
                                />
                              </Form.Item>
                              <Button
                                onClick={() => remove(f.name)}
                                aria-label={t('editor.removeOption', { letter: LETTERS[i] })}
                              >
                                {t('map.remove')}
                              </Button>
                            </Space.Compact>
                          </Form.Item>
                        ))}
                        {fields.length < LETTERS.length && (
                          <Button onClick={() => add('')}>{t('editor.addOption')}</Button>
                        )}
                      </>
                    )}
                  </Form.List>
                </>
              )}
              {type === 'judge' && (
                <Form.Item name="answerJudge" label={t('editor.answer')} {...help('answer')}>
                  <Radio.Group
                    data-testid="editor-answer"
                    options={[
                      { value: true, label: t('editor.true') },
                      { value: false, label: t('editor.false') },
                    ]}
                  />
                </Form.Item>
              )}
              {type === 'single' && (
                <Form.Item name="answerSingle" label={t('editor.answer')} {...help('answer')}>
                  <Radio.Group
                    data-testid="editor-answer"
                    options={(values.options ?? []).map((_, i) => ({ value: LETTERS[i], label: LETTERS[i] }))}
                  />
                </Form.Item>
              )}
              {type === 'multiple' && (
                <Form.Item name="answerMultiple" label={t('editor.answer')} {...help('answer')}>
                  <Checkbox.Group
                    data-testid="editor-answer"
                    options={(values.options ?? []).map((_, i) => ({ value: LETTERS[i], label: LETTERS[i] }))}
                  />
                </Form.Item>
              )}
              <Form.Item name="explanation" label={t('editor.explanation')} {...help('explanation')}>
                <Input.TextArea rows={2} data-testid="editor-explanation" />
              </Form.Item>
            </>
          )}
          <Form.Item name="ref" label={t('editor.ref')} {...help('ref')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          {item && (
            <Form.Item name="changeNote" label={t('editor.changeNote')}>
              <Input data-testid="editor-note" maxLength={500} />
            </Form.Item>
          )}
          {author && (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="editor-save">
                {item ? t('editor.saveVersion') : t('editor.save')}
              </Button>
              {item?.status === 'draft' && (
                <Button
                  onClick={() => submit.mutate(item.id)}
                  loading={submit.isPending}
                  data-testid="editor-submit"
                  disabled={false}
                >
                  {t('editor.submit')}
                </Button>
              )}
            </Space>
          )}
        </Form>
        {item?.status === 'in_review' && mayOpen(roles, 'review') && (
          <Card size="small" className="jd-gap-top" title={t('review.title')}>
            <ReviewActions item={item} />
          </Card>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Title level={2} className="jd-h2">
          {t('editor.preview')}
        </Typography.Title>
        <CandidatePreview
          content={{
            ...values,
            type,
            rubric: (values.rubric ?? []).map((r) => ({ points: r?.points ?? 0, criterion: r?.criterion ?? '' })),
            answer:
              type === 'judge' ? values.answerJudge : type === 'single' ? values.answerSingle : values.answerMultiple,
          }}
          showKey
        />
      </Col>
    </Row>
  );
}
