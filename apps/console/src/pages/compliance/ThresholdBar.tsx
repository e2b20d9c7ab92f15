import { Progress, Typography } from 'antd';
import { useI18n, type Translate } from '../../i18n/i18n';

/** A threshold as a bar: approved vs the policy's minimum, with the numbers in words (and in the bar's label). */
export function ThresholdBar({
  approved,
  required,
  met,
  name,
  testId,
}: {
  approved: number;
  required: number;
  met: boolean;
  name: string;
  testId: string;
}) {
  const { t } = useI18n();
  const percent = required > 0 ? Math.min(100, Math.floor((approved / required) * 100)) : 100;
  const text = t('compliance.barText', { approved, required });
  return (
    <div data-testid={testId} data-met={String(met)} style={{ minWidth: 160 }}>
      <Progress
        percent={percent}
        status={met ? 'success' : 'exception'}
        strokeColor={met ? '#237804' : '#c41d1f'}
        showInfo={false}
        size="small"
        aria-label={`${name}：${text}`}
      />
      <Typography.Text>{text}</Typography.Text>
    </div>
  );
}

export const practicalName = (t: Translate, kind: string | null | undefined) =>
  kind === 'sets' ? t('compliance.practicalSets') : t('compliance.practicalTasks');
