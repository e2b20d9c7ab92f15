import { hasMessage, type Translate } from '../i18n/i18n';

/** A dictionary label for a value built at run time (`status.approved`, `role.author`), or the value itself. */
export function label(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

export const LEVELS = ['5', '4', '3', '2', '1', 'S'] as const;
export const ITEM_TYPES = ['judge', 'single', 'multiple', 'task'] as const;
export const ITEM_STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
export const LETTERS = 'ABCDEFGH';

export const formatTime = (iso: string | null | undefined, language: string): string =>
  iso ? new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) : '';
