/** Filter values a page keeps in its URL, so a filtered table can be shared and survives a reload. */
export type FilterPatch = Record<string, string | number | boolean | undefined>;

/**
 * The search parameters after a filter change: an empty, undefined or false value removes its key, and any change
 * other than the page itself goes back to the first page.
 */
export function withFilters(params: URLSearchParams, patch: FilterPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '' || v === false) next.delete(k);
    else next.set(k, String(v));
  }
  if (!('page' in patch)) next.delete('page');
  return next;
}

/**
 * The search parameters as the URL holds them now. A filter's handler may run before the page has re-rendered with
 * the previous change (two quick changes in a row), so it builds on the URL rather than on the render's copy.
 */
export const liveParams = (): URLSearchParams => new URLSearchParams(window.location.search);
