import { Select } from 'antd';
import { useState } from 'react';
import { useInstitutions } from '../api/centre';
import { useI18n } from '../i18n/i18n';

/** An institution on file, found by code or name as one types (server-side search). */
export function InstitutionSelect({
  value,
  onChange,
  testId,
  placeholder,
  id,
}: {
  value?: string | null;
  onChange?: (v?: string) => void;
  testId: string;
  placeholder?: string;
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useInstitutions({ page: 1, pageSize: 20, ...(q ? { q } : {}) });
  return (
    <Select
      id={id}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      placeholder={placeholder}
      aria-label={placeholder ?? t('users.institution')}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v)}
      style={{ minWidth: 240 }}
      data-testid={testId}
      notFoundContent={t('users.noInstitution')}
      options={(list.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
    />
  );
}

/** Institution id → "code name" for tables: the first 500 on file, which covers a province's filings. */
export function useInstitutionNames(): (id: string | null) => string | null {
  const list = useInstitutions({ page: 1, pageSize: 500 });
  const byId = new Map((list.data?.items ?? []).map((i) => [i.id, `${i.code} ${i.name}`]));
  return (id) => (id ? (byId.get(id) ?? id.slice(0, 8)) : null);
}
