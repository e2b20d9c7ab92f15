// The score sheet form's arithmetic, kept apart from the page so it is tested on its own.

/** One InputNumber per rubric line: a number once scored, else empty. */
export type SheetValues = readonly (number | null | undefined)[];

const scored = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The criteria as the API takes them: the scored lines only (a draft may leave some out), by rubric index. */
export function criteriaOf(values: SheetValues): { index: number; points: number }[] {
  return values.flatMap((points, index) => (scored(points) ? [{ index, points }] : []));
}

/** The running total of the scored lines, to one decimal as the API totals a sheet. */
export function runningTotal(values: SheetValues): number {
  return Math.round(values.filter(scored).reduce((sum, v) => sum + v, 0) * 10) / 10;
}

/** The rubric lines (numbered from 1, as the form shows them) still without points: signing needs none. */
export function missingLines(rubricLength: number, values: SheetValues): number[] {
  return Array.from({ length: rubricLength }, (_, i) => i)
    .filter((i) => !scored(values[i]))
    .map((i) => i + 1);
}

/** The form's values from a saved sheet: each line's points, or empty where the draft left it out. */
export function valuesOf(
  rubricLength: number,
  criteria: readonly { index: number; points: number }[] = [],
): (number | null)[] {
  const byIndex = new Map(criteria.map((c) => [c.index, c.points]));
  return Array.from({ length: rubricLength }, (_, i) => byIndex.get(i) ?? null);
}

export type SheetState = 'none' | 'draft' | 'signed';

/** Where the examiner's own sheet stands: not begun, a draft, or signed. */
export const sheetState = (mine: { signedAt: string | null } | null | undefined): SheetState =>
  !mine ? 'none' : mine.signedAt ? 'signed' : 'draft';
