/**
 * Import throughput: builds a 10,000-row xlsx in memory (demo bank items with varied stems), then
 * times parseImport + validateImportBatch. Not a test (timing is machine-dependent); run with
 *   SWC_NODE_PROJECT=libs/itembank/tsconfig.json node -r @swc-node/register libs/itembank/bench/import-bench.ts [rows] [format]
 */
import { exportItems, generateDemoBank, leafPoints, parseImport, validateImportBatch, type ExportableItem, type ImportFormat } from '../src';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const format = (process.argv[3] ?? 'xlsx') as ImportFormat;
  const bank = generateDemoBank('bench');
  const theory = bank.items.filter((i) => i.content.type !== 'task');
  const items: ExportableItem[] = [];
  for (let n = 0; items.length < rows; n++) {
    const source = theory[n % theory.length];
    const round = Math.floor(n / theory.length);
    // Enemies are dropped: copies would point at refs that the copy renames.
    items.push({ id: `B${n}`, content: { ...source.content, stem: `${source.content.stem}（第${round + 1}套）`, ref: `B${n}`, enemies: undefined } });
  }
  const file = await exportItems(items, format);
  const knowledgePoints = new Set(leafPoints(bank.knowledgeMap).map((p) => p.code));

  const runs: number[] = [];
  let result = await parseImport(file, format);
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    result = await parseImport(file, format);
    const errors = validateImportBatch(result.rows, { knowledgePoints, existingStems: new Map(), existingItemIds: new Set(), fileRefs: result.refs });
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.errors.length + errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify([...result.errors, ...errors].slice(0, 3))}`);
  }
  const best = Math.min(...runs);
  console.log(`${format}: ${result.rows.length} rows, ${(file.length / 1024).toFixed(0)} KiB; parse+validate ${runs.map((r) => r.toFixed(0)).join(' / ')} ms; best ${Math.round((result.rows.length / best) * 1000)} rows/s`);
}

void main();
