import { ApiError } from '@jianding/api-client';
import type { Translate } from '../../i18n/i18n';
import { errorText } from '../../ui/errors';

/** The examiners a panel refusal names (`details.examinerIds`), or none. */
export function examinerIdsOf(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const ids = (err.details as { examinerIds?: unknown } | undefined)?.examinerIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * A refused panel in words: the dictionary's message for the code, then the examiners it concerns by name (an id the
 * dialog does not know stays an id, shortened, so nothing is hidden).
 */
export function refusalMessage(t: Translate, err: unknown, names: ReadonlyMap<string, string>): string {
  const message = errorText(t, err);
  const ids = examinerIdsOf(err);
  if (ids.length === 0) return message;
  const who = ids.map((id) => names.get(id) ?? id.slice(0, 8)).join('、');
  return `${message}${t('panel.concerned', { names: who })}`;
}

/** Whether a panel of this many examiners may be dispatched: at least 3, an odd number (the API says the same). */
export const panelSizeOk = (count: number): boolean => count >= 3 && count % 2 === 1;
