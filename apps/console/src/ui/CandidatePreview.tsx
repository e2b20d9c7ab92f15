import { Card, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { label, LETTERS } from './labels';

export interface PreviewContent {
  type: string;
  stem?: string;
  options?: string[];
  answer?: unknown;
  title?: string;
  materials?: string;
  minutes?: number;
  rubric?: { points: number; criterion: string }[];
}

/** The key as a person reads it: √/× for true/false, letters for choices. */
export function keyText(type: string, answer: unknown): string {
  if (type === 'judge') return answer === true ? '√' : answer === false ? '×' : '';
  if (Array.isArray(answer)) return answer.join('');
  return typeof answer === 'string' ? answer : '';
}

/**
 * An item as the exam client shows it to a candidate (type and stem, then the options as lettered choices), with the
 * key underneath when `showKey` is set; a practical task shows its task card and rubric.
 */
export function CandidatePreview({ content, showKey }: { content: PreviewContent; showKey?: boolean }) {
  const { t } = useI18n();
  const key = keyText(content.type, content.answer);
  if (content.type === 'task') {
    return (
      <Card
        size="small"
        className="jd-preview"
        data-testid="candidate-preview"
        title={content.title || label(t, 'type', 'task')}
      >
        <Typography.Paragraph className="jd-preview-stem">{content.stem}</Typography.Paragraph>
        {content.materials && (
          <Typography.Paragraph>
            {t('editor.materials')}：{content.materials}
          </Typography.Paragraph>
        )}
        {content.minutes ? (
          <Typography.Paragraph>
            {t('editor.minutes')}：{content.minutes}
          </Typography.Paragraph>
        ) : null}
        <ol>
          {(content.rubric ?? []).map((r, i) => (
            <li key={i}>
              {r.criterion}（{r.points}）
            </li>
          ))}
        </ol>
      </Card>
    );
  }
  const options = content.type === 'judge' ? [t('editor.true'), t('editor.false')] : (content.options ?? []);
  const letters = content.type === 'judge' ? ['√', '×'] : options.map((_, i) => LETTERS[i]);
  // Read-only: the choices look as the exam client lays them out, without inputs a reviewer could tab into.
  return (
    <Card size="small" className="jd-preview" data-testid="candidate-preview" title={label(t, 'type', content.type)}>
      <Typography.Paragraph className="jd-preview-stem">{content.stem}</Typography.Paragraph>
      <ul
        className={`jd-preview-options ${content.type === 'multiple' ? 'jd-preview-multiple' : ''}`}
        aria-label={t('editor.preview')}
      >
        {options.map((text, i) => (
          <li key={i}>
            <span className="jd-preview-letter">{letters[i]}.</span> {text}
          </li>
        ))}
      </ul>
      {showKey && key && (
        <Typography.Paragraph strong className="jd-gap-top" data-testid="preview-key">
          {t('editor.previewKey', { key })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
