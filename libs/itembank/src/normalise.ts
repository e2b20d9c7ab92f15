/**
 * Text normalisation used to compare stems and option texts the way a person would.
 *
 * NFKC does the full-width → half-width fold (`ＡＢＣ１２３` → `ABC123`, ideographic space → space)
 * and also folds other compatibility forms (`①` → `1`), which is what we want for duplicate detection.
 */

const PUNCTUATION = /\p{P}/gu;
const WHITESPACE = /\s+/gu;
/** A space next to a non-ASCII character: Chinese does not separate words, so such a space is noise. */
const SPACE_BY_WIDE = / (?=\P{ASCII})|(?<=\P{ASCII}) /gu;

/** Full-width → half-width (and other compatibility folds). */
export function toHalfWidth(text: string): string {
  return text.normalize('NFKC');
}

/**
 * Key under which two stems count as the same question: trimmed, whitespace folded (and dropped
 * next to Chinese characters), full-width folded, punctuation (Chinese and ASCII) removed, case-folded. Blanks such as `（  ）` and `____`
 * disappear, so `电压的单位是（ ）。` and `电压的单位是()` collide, as a reviewer would expect.
 * Symbols (`≥ + Ω ℃`) are kept: they change the meaning.
 */
export function normaliseStem(stem: string): string {
  return toHalfWidth(stem)
    .toLowerCase()
    .replace(PUNCTUATION, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .replace(SPACE_BY_WIDE, '');
}

/**
 * Key for comparing option texts. Lighter than {@link normaliseStem}: punctuation is kept because
 * options such as `-5 V` and `5 V` differ only by it.
 */
export function normaliseOption(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(WHITESPACE, ' ').trim();
}
