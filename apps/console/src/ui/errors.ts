import { ApiError } from '@jianding/api-client';
import { hasMessage, type Translate } from '../i18n/i18n';

/** The message for a refusal: the dictionary's wording for its code when there is one, else the API's own message. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('error.network');
    const key = `error.${err.code ?? ''}`;
    if (hasMessage(key)) return t(key);
    return t('common.error', { message: err.message });
  }
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}

/** Validation issues of a 422 (`details` = [{code, field, message}]), or [] for any other error. */
export function issuesOf(err: unknown): { code: string; field: string; message: string }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as unknown[]).filter(
    (d): d is { code: string; field: string; message: string } =>
      typeof d === 'object' && d !== null && 'field' in d && 'message' in d,
  );
}
