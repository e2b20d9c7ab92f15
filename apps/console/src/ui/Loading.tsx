import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="jd-loading" role="status">
      <Spin />
      <span>{t('app.loading')}</span>
    </div>
  );
}
