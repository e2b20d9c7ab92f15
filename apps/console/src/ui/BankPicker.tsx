import { Select } from 'antd';
import { useBanks } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { label } from './labels';

/** Picks a bank (occupation × level); the value is carried in the page's URL as `occupation` and `level`. */
export function BankPicker({
  occupation,
  level,
  onChange,
  allowClear = true,
}: {
  occupation?: string;
  level?: string;
  onChange: (occupation?: string, level?: string) => void;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  const banks = useBanks();
  return (
    <Select
      allowClear={allowClear}
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 280 }}
      placeholder={t('common.selectBank')}
      aria-label={t('common.bank')}
      data-testid="bank-picker"
      value={occupation && level ? `${occupation}|${level}` : undefined}
      onChange={(v?: string) => {
        const [o, l] = v ? v.split('|') : [];
        onChange(o, l);
      }}
      options={(banks.data?.items ?? []).map((b) => ({
        value: `${b.occupation.code}|${b.level}`,
        label: `${b.occupation.code} ${b.occupation.name} · ${label(t, 'level', b.level)}`,
      }))}
    />
  );
}
