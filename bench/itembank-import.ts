/**
 * In-process import throughput of the pure library: builds an N-row file in memory from demo-bank items
 * with varied stems, then times parseImport + validateImportBatch on it, with no storage. It is the lower
 * bound on what `POST /items/import` spends per row before the database. Not a test (timing depends on
 * the machine); run with
 *
 *   npx tsc -b && SWC_NODE_PROJECT=apps/api/tsconfig.json node -r @swc-node/register bench/itembank-import.ts [rows=10000] [format=xlsx] [runs=3]
 *
 * It prints a table, then one JSON object as its last line.
 */
import {
  exportItems,
  leafPoints,
  parseImport,
  validateImportBatch,
  type ExportableItem,
  type ImportFormat,
} from '@jianding/itembank';
import { generateDemoBank } from '../apps/api/src/demo/generate-demo-bank';

export interface ImportBenchResult {
  bench: 'itembank-import';
  format: ImportFormat;
  rows: number;
  fileKiB: number;
  /** Wall time of each timed run (parse + validate), after one untimed warm-up run. */
  runsMs: number[];
  parseMs: number;
  validateMs: number;
  /** Rows per second of the fastest run. */
  rowsPerSec: number;
}

const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

/** `rows` distinct theory items: the demo bank repeated, each copy's stems made unique by a suffix. */
function benchItems(rows: number): { items: ExportableItem[]; knowledgePoints: Set<string> } {
  const bank = generateDemoBank('bench');
  const theory = bank.items.filter((i) => i.content.type !== 'task');
  const items: ExportableItem[] = [];
  for (let n = 0; items.length < rows; n++) {
    const source = theory[n % theory.length];
    const round = Math.floor(n / theory.length);
    // Enemies are dropped: they would name refs that the copies rename.
    items.push({
      id: `B${n}`,
      content: {
        ...source.content,
        stem: `${source.content.stem}（第${round + 1}套）`,
        ref: `B${n}`,
        enemies: undefined,
      },
    });
  }
  return { items, knowledgePoints: new Set(leafPoints(bank.knowledgeMap).map((p) => p.code)) };
}

export async function benchImport(
  opts: { rows?: number; format?: ImportFormat; runs?: number } = {},
): Promise<ImportBenchResult> {
  const rows = opts.rows ?? 10_000;
  const format = opts.format ?? 'xlsx';
  const { items, knowledgePoints } = benchItems(rows);
  const file = await exportItems(items, format);

  const once = async (): Promise<{ total: number; parse: number; validate: number; parsed: number }> => {
    const start = process.hrtime.bigint();
    const result = await parseImport(file, format);
    const parse = ms(start);
    const validateStart = process.hrtime.bigint();
    const errors = validateImportBatch(result.rows, {
      knowledgePoints,
      existingStems: new Map(),
      existingItemIds: new Set(),
      fileRefs: result.refs,
    });
    const validate = ms(validateStart);
    // A bench that silently measured a failing import would measure the wrong thing.
    if (result.errors.length + errors.length > 0)
      throw new Error(`unexpected errors: ${JSON.stringify([...result.errors, ...errors].slice(0, 3))}`);
    return { total: ms(start), parse, validate, parsed: result.rows.length };
  };

  await once(); // warm-up: let the JIT settle before timing
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let run = 0; run < (opts.runs ?? 3); run++) runs.push(await once());
  const best = runs.reduce((a, b) => (b.total < a.total ? b : a));
  return {
    bench: 'itembank-import',
    format,
    rows: best.parsed,
    fileKiB: Math.round(file.length / 1024),
    runsMs: runs.map((r) => Math.round(r.total)),
    parseMs: Math.round(best.parse),
    validateMs: Math.round(best.validate),
    rowsPerSec: Math.round((best.parsed / best.total) * 1000),
  };
}

if (require.main === module) {
  void (async () => {
    const result = await benchImport({
      rows: Number(process.argv[2] ?? 10_000),
      format: (process.argv[3] ?? 'xlsx') as ImportFormat,
      runs: Number(process.argv[4] ?? 3),
    });
    const table: Array<[string, string]> = [
      ['file', `${result.rows} theory rows, ${result.format}, ${result.fileKiB} KiB (demo-bank items, unique stems)`],
      ['runs (parse + validate)', `${result.runsMs.join(' / ')} ms`],
      ['best: parse', `${result.parseMs} ms`],
      ['best: validate batch', `${result.validateMs} ms`],
      ['rows / s (in process)', String(result.rowsPerSec)],
      [
        'target (issue 3, API)',
        result.rowsPerSec >= 5_000
          ? '≥ 5,000 rows/s: met before storage'
          : '≥ 5,000 rows/s: NOT met even before storage',
      ],
    ];
    const width = Math.max(...table.map(([k]) => k.length));
    for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(JSON.stringify(result));
  })().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
