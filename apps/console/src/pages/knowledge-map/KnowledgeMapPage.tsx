import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { keys, useKnowledgeMap } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { errorText, issuesOf } from '../../ui/errors';
import { keepFocus } from '../../ui/focus';
import { label } from '../../ui/labels';
import { areaKeys, depths, fromMap, newArea, newPoint, toMap, update, type EditNode } from './map-tree';

/** The 鉴定要素细目表 edited in place; the lib's validation messages appear on the node they name. */
export default function KnowledgeMapPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { occupation = '', level = '' } = useParams();
  const current = useKnowledgeMap(occupation, level);
  const [nodes, setNodes] = useState<EditNode[] | null>(null);
  // A node just added takes the focus (its name is what comes next); a removed one hands it to "add area".
  const [added, setAdded] = useState<string | null>(null);

  useEffect(() => {
    if (nodes !== null) return;
    if (current.data) setNodes(fromMap(current.data.knowledgeMap.areas));
    else if (current.isError) setNodes([{ ...newArea('A'), weight: 100, children: [newPoint('A-001')] }]);
  }, [current.data, current.isError, nodes]);

  const save = useMutation({
    mutationFn: (tree: EditNode[]) =>
      unwrap(
        api.PUT('/api/v1/banks/{occupation}/{level}/knowledge-map', {
          params: { path: { occupation, level } },
          body: toMap(tree),
        }),
      ),
    onSuccess: (saved) => {
      void message.success(t('map.saved', { version: saved.version }));
      client.setQueryData(keys.knowledgeMap(occupation, level), saved);
      void client.invalidateQueries({ queryKey: ['banks'] });
      void client.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
  const issues = issuesOf(save.error);
  const codes = new Set<string>();
  const collect = (list: EditNode[]) => list.forEach((n) => (codes.add(n.code.trim()), collect(n.children ?? [])));
  collect(nodes ?? []);
  const onNode = (code: string) => issues.filter((i) => i.field === code.trim());
  const elsewhere = issues.filter((i) => !codes.has(i.field));

  const edit = (key: string, patch: Partial<EditNode>) =>
    setNodes((list) => update(list ?? [], key, (n) => ({ ...n, ...patch })));
  const addChild = (key: string, kind: 'area' | 'point') => {
    let child: EditNode | undefined;
    const next = update(nodes ?? [], key, (n) => {
      child ??=
        kind === 'area'
          ? newArea(`${n.code}-0${(n.children?.length ?? 0) + 1}`)
          : newPoint(`${n.code}-00${(n.children?.length ?? 0) + 1}`);
      return { ...n, children: [...(n.children ?? []), child] };
    });
    setNodes(next);
    if (child) setAdded(child.key);
  };
  const remove = (key: string) => {
    setNodes((list) => update(list ?? [], key, () => null));
    keepFocus(() => document.querySelector('[data-testid="map-add-area"]'));
  };

  if (!nodes) return <Typography.Paragraph>{t('app.loading')}</Typography.Paragraph>;
  const depthOf = depths(nodes);
  return (
    <div>
      <Typography.Title level={1}>{t('map.title', { occupation, level: label(t, 'level', level) })}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="map-version">
        {current.data ? t('map.version', { version: current.data.version }) : t('map.new')} ·{' '}
        <Link to={`/items?occupation=${encodeURIComponent(occupation)}&level=${level}`} className="jd-text-link">
          {t('banks.items')}
        </Link>
      </Typography.Paragraph>
      {save.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="jd-gap"
          data-testid="map-error"
          message={issues.length ? t('map.invalid') : errorText(t, save.error)}
          description={
            elsewhere.length ? elsewhere.map((i) => <div key={i.code + i.field}>{i.message}</div>) : undefined
          }
        />
      )}
      <Table<EditNode>
        rowKey="key"
        dataSource={nodes}
        pagination={false}
        size="small"
        data-testid="map-table"
        expandable={{
          expandedRowKeys: areaKeys(nodes),
          showExpandColumn: true,
          expandIcon: () => null,
          indentSize: 20,
        }}
        columns={[
          {
            title: t('map.code'),
            key: 'code',
            width: 260,
            render: (_, n) => {
              const mine = onNode(n.code);
              return (
                <div style={{ paddingLeft: (depthOf.get(n.key) ?? 0) * 24 }}>
                  <Input
                    value={n.code}
                    onChange={(e) => edit(n.key, { code: e.target.value })}
                    status={mine.length ? 'error' : undefined}
                    aria-label={`${t('map.code')} ${n.code}`}
                    data-testid={`map-code-${n.code}`}
                  />
                  {mine.map((i) => (
                    <Typography.Text
                      key={i.code}
                      type="danger"
                      className="jd-node-issue"
                      data-testid={`map-issue-${n.code}`}
                    >
                      {i.message}
                    </Typography.Text>
                  ))}
                </div>
              );
            },
          },
          {
            title: t('map.name'),
            key: 'name',
            render: (_, n) => (
              <Input
                value={n.name}
                onChange={(e) => edit(n.key, { name: e.target.value })}
                autoFocus={n.key === added}
                aria-label={`${t('map.name')} ${n.code}`}
                data-testid={`map-name-${n.code}`}
              />
            ),
          },
          {
            title: t('map.weight'),
            key: 'weight',
            width: 130,
            render: (_, n) =>
              n.kind === 'area' ? (
                <InputNumber
                  min={0}
                  max={100}
                  value={n.weight ?? null}
                  onChange={(v) => edit(n.key, { weight: v })}
                  aria-label={`${t('map.weight')} ${n.code}`}
                  data-testid={`map-weight-${n.code}`}
                />
              ) : null,
          },
          {
            title: t('map.importance'),
            key: 'importance',
            width: 140,
            render: (_, n) =>
              n.kind === 'point' ? (
                <Select
                  allowClear
                  value={n.importance}
                  onChange={(v?: 'X' | 'Y' | 'Z') => edit(n.key, { importance: v })}
                  aria-label={`${t('map.importance')} ${n.code}`}
                  data-testid={`map-importance-${n.code}`}
                  options={(['X', 'Y', 'Z'] as const).map((v) => ({ value: v, label: t(`map.importance.${v}`) }))}
                  style={{ width: 120 }}
                />
              ) : null,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, n) => (
              <Space wrap size="small">
                {n.kind === 'area' && !(n.children ?? []).some((c) => c.kind === 'point') && (
                  <Button size="small" onClick={() => addChild(n.key, 'area')}>
                    {t('map.addSubArea')}
                  </Button>
                )}
                {n.kind === 'area' && !(n.children ?? []).some((c) => c.kind === 'area') && (
                  <Button size="small" onClick={() => addChild(n.key, 'point')} data-testid={`map-add-point-${n.code}`}>
                    {t('map.addPoint')}
                  </Button>
                )}
                <Button size="small" danger onClick={() => remove(n.key)} aria-label={`${t('map.remove')} ${n.code}`}>
                  {t('map.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Space className="jd-toolbar jd-gap-top">
        <Button
          onClick={() => {
            const area = newArea(String.fromCharCode(65 + nodes.length));
            setAdded(area.key);
            setNodes([...nodes, area]);
          }}
          data-testid="map-add-area"
        >
          {t('map.addArea')}
        </Button>
        <Button type="primary" onClick={() => save.mutate(nodes)} loading={save.isPending} data-testid="map-save">
          {t('map.save')}
        </Button>
      </Space>
    </div>
  );
}
