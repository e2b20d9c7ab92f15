import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';
import { label } from './labels';

const COLOURS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'success',
  retired: 'warning',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOURS[status]} data-status={status}>
      {label(t, 'status', status)}
    </Tag>
  );
}
