import { validateItem, type Lookup, type StemIndex } from '../validate-item';
import type { ImportError, ParsedRow } from './parse-import';

export interface ImportBatchContext {
  /** Leaf codes of the target bank's knowledge map. */
  knowledgePoints: Lookup;
  /** Normalised stems already in the target bank → the id of the item holding each. */
  existingStems?: StemIndex;
  /** Ids of items already in the bank, which an enemy may name instead of an in-file ref. */
  existingItemIds?: Lookup;
  /**
   * Every ref in the file, including rows that failed to parse (`ImportResult.refs`), so that an enemy
   * naming a broken row is not reported a second time as unknown.
   */
  fileRefs?: Iterable<string>;
}

/**
 * Checks parsed rows against the bank and against each other: every {@link validateItem} rule, enemies
 * that name neither a ref in the file nor an existing item, and stems repeated within the file or
 * already in the bank. Returns every problem with its row and the column as written in the file,
 * sorted by row; [] means the batch can be imported.
 */
export function validateImportBatch(rows: readonly ParsedRow[], ctx: ImportBatchContext): ImportError[] {
  const refs = new Set<string>(ctx.fileRefs ?? []);
  for (const r of rows) if (r.content.ref) refs.add(r.content.ref);
  const knownEnemies: Lookup = { has: (key) => refs.has(key) || (ctx.existingItemIds?.has(key) ?? false) };

  // validateItem already normalises each stem to look it up; keep that key instead of computing it twice.
  const looked = { stem: '' };
  const existingStems: StemIndex = {
    get: (key) => {
      looked.stem = key;
      return ctx.existingStems?.get(key);
    },
  };
  const errors: ImportError[] = [];
  const stemRows = new Map<string, number>();
  for (const r of rows) {
    const column = (field: string): string => r.columns[field] ?? r.columns[field.replace(/[.[].*$/u, '')] ?? field;
    looked.stem = '';
    for (const issue of validateItem(r.content, {
      knowledgePoints: ctx.knowledgePoints,
      existingStems,
      knownEnemies,
    })) {
      errors.push({ row: r.row, column: column(issue.field), code: issue.code, message: issue.message });
    }
    const stem = looked.stem;
    if (stem === '') continue;
    const first = stemRows.get(stem);
    if (first !== undefined) {
      errors.push({
        row: r.row,
        column: column('stem'),
        code: 'STEM_DUPLICATE',
        message: `The same stem is already in row ${first} of this file. 题干与第 ${first} 行相同。`,
      });
    } else {
      stemRows.set(stem, r.row);
    }
  }
  // Stable sort: within a row, issues keep validateItem's field order.
  return errors.sort((a, b) => a.row - b.row);
}
