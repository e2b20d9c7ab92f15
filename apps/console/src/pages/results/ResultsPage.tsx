import { Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';

// Placeholder until the page is built (console part 2).
export default function ResultsPage() {
  const { t } = useI18n();
  return <Typography.Title level={1}>{t('nav.results')}</Typography.Title>;
}
