import { Alert, App, Button, Checkbox, Progress, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ImportErrorView } from '@jianding/api-client';
import { api, ApiError, download, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { BankPicker } from '../../ui/BankPicker';
import { errorText } from '../../ui/errors';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading' }
  | { kind: 'queued'; percent: number }
  | { kind: 'refused'; errors: ImportErrorView[]; warnings: string[] }
  | { kind: 'done'; imported: number; warnings: string[] }
  | { kind: 'failed'; message: string };

const POLL_MS = 500;

/** Multipart body for the import routes: openapi-fetch sends a FormData as it is. */
function formOf(file: File, occupation: string, level: string): FormData {
  const body = new FormData();
  body.append('occupation', occupation);
  body.append('level', level);
  body.append('file', file, file.name);
  return body;
}

/** Template → upload → every bad row (and a download of them) or the count with a link to the imported items. */
export default function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const occupation = params.get('occupation') ?? undefined;
  const level = params.get('level') ?? undefined;
  const [file, setFile] = useState<File | null>(null);
  const [submitAll, setSubmitAll] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // The start button turns off while the file is read: the outcome takes the focus, so Tab goes on from there.
  const outcome = useRef<HTMLDivElement>(null);
  // antd's Upload blurs its button when it opens the file chooser: the focus comes back to it afterwards.
  const chooser = useRef<HTMLButtonElement>(null);
  const refocusChooser = () => setTimeout(() => chooser.current?.focus());
  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'refused' || phase.kind === 'failed') outcome.current?.focus();
  }, [phase.kind]);

  const finish = (result: { imported?: number; errors?: ImportErrorView[]; warnings?: string[] }) => {
    if (result.errors?.length) setPhase({ kind: 'refused', errors: result.errors, warnings: result.warnings ?? [] });
    else {
      setPhase({ kind: 'done', imported: result.imported ?? 0, warnings: result.warnings ?? [] });
      void client.invalidateQueries({ queryKey: ['items'] });
      void client.invalidateQueries({ queryKey: ['compliance'] });
    }
  };

  const poll = async (jobId: string) => {
    for (;;) {
      const job = await unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId } } }));
      if (job.status === 'completed') return finish((job.result ?? {}) as Parameters<typeof finish>[0]);
      if (job.status === 'failed') return setPhase({ kind: 'failed', message: job.error ?? '' });
      setPhase({ kind: 'queued', percent: job.progress });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const start = async () => {
    if (!file || !occupation || !level) return;
    setPhase({ kind: 'uploading' });
    try {
      const res = await unwrap(
        api.POST('/api/v1/items/import', {
          params: { query: submitAll ? { status: 'in_review' } : {} },
          body: formOf(file, occupation, level) as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
      if ('jobId' in res) await poll(res.jobId);
      else finish(res);
    } catch (err) {
      const details =
        err instanceof ApiError
          ? (err.details as { errors?: ImportErrorView[]; warnings?: string[] } | undefined)
          : undefined;
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID' && details?.errors)
        setPhase({ kind: 'refused', errors: details.errors, warnings: details.warnings ?? [] });
      else setPhase({ kind: 'failed', message: errorText(t, err) });
    }
  };

  const downloadBadRows = () =>
    download(
      api.POST('/api/v1/items/import/bad-rows', {
        body: formOf(file!, occupation!, level!) as never,
        bodySerializer: (b: unknown) => b as FormData,
        parseAs: 'blob',
      }),
      'bad-rows.xlsx',
    ).catch((err) => message.error(errorText(t, err)));

  const step = phase.kind === 'idle' || phase.kind === 'uploading' || phase.kind === 'queued' ? (file ? 1 : 0) : 2;
  const bankQuery = occupation && level ? `occupation=${encodeURIComponent(occupation)}&level=${level}` : '';
  return (
    <div>
      <Typography.Title level={1}>{t('import.title')}</Typography.Title>
      <Steps
        current={step}
        className="jd-gap"
        items={[
          { title: t('import.stepTemplate') },
          { title: t('import.stepUpload') },
          { title: t('import.stepResult') },
        ]}
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Button
            data-testid="download-template"
            onClick={() =>
              download(
                api.GET('/api/v1/items/import-template', { params: { query: { format: 'xlsx' } }, parseAs: 'blob' }),
                'import-template.xlsx',
              ).catch((err) => message.error(errorText(t, err)))
            }
          >
            {t('import.template')}
          </Button>
          <Typography.Paragraph type="secondary" className="jd-gap-top">
            {t('import.templateHint')}
          </Typography.Paragraph>
        </div>
        <BankPicker
          occupation={occupation}
          level={level}
          allowClear={false}
          onChange={(o, l) => setParams(o && l ? { occupation: o, level: l } : {})}
        />
        <Space wrap>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setPhase({ kind: 'idle' });
              refocusChooser();
              return false;
            }}
          >
            <Button ref={chooser} onClick={refocusChooser} data-testid="choose-file">
              {t('import.choose')}
            </Button>
          </Upload>
          {file && (
            <Typography.Text data-testid="chosen-file">{t('import.chosen', { name: file.name })}</Typography.Text>
          )}
          <Checkbox checked={submitAll} onChange={(e) => setSubmitAll(e.target.checked)}>
            {t('import.submitAll')}
          </Checkbox>
          <Button
            type="primary"
            disabled={!file || !occupation || !level || phase.kind === 'uploading' || phase.kind === 'queued'}
            loading={phase.kind === 'uploading'}
            onClick={() => void start()}
            data-testid="start-import"
          >
            {t('import.start')}
          </Button>
        </Space>
        {phase.kind === 'uploading' && <Typography.Text role="status">{t('import.uploading')}</Typography.Text>}
        {phase.kind === 'queued' && (
          <div role="status" data-testid="import-progress">
            <Typography.Text>{t('import.processing', { percent: phase.percent })}</Typography.Text>
            <Progress percent={phase.percent} />
          </div>
        )}
        <div ref={outcome} tabIndex={-1} className="jd-outcome" data-testid="import-outcome">
          {phase.kind === 'failed' && <Alert type="error" showIcon role="alert" message={phase.message} />}
          {phase.kind === 'refused' && (
            <>
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="import-refused"
                message={t('import.refused', { count: phase.errors.length })}
                action={
                  <Button onClick={() => void downloadBadRows()} data-testid="download-bad-rows">
                    {t('import.downloadBad')}
                  </Button>
                }
              />
              <Table<ImportErrorView>
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                size="small"
                data-testid="import-errors"
                dataSource={phase.errors}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  { title: t('import.column'), dataIndex: 'column', width: 120 },
                  { title: t('import.reason'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
          {phase.kind === 'done' && (
            <Result
              status="success"
              title={<span data-testid="import-done">{t('import.done', { count: phase.imported })}</span>}
              extra={
                <Space>
                  <Link to={`/items?${bankQuery}`} data-testid="import-view-items">
                    {t('import.viewItems')}
                  </Link>
                  <Button onClick={() => (setFile(null), setPhase({ kind: 'idle' }))}>{t('import.again')}</Button>
                </Space>
              }
            />
          )}
          {(phase.kind === 'done' || phase.kind === 'refused') && phase.warnings.length > 0 && (
            <Alert type="info" message={t('import.warnings')} description={phase.warnings.join('\n')} />
          )}
        </div>
      </Space>
    </div>
  );
}
