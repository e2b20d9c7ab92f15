/**
 * Item bank benchmark (issue 3), measured in one run against the local MariaDB, in its own throwaway database:
 *
 *   (1) import: a 10,000-row xlsx through the real service (parse + validate + bank checks + multi-row INSERTs in one
 *       transaction, audit entry included), rows per second — next to the in-process parse + validate of the same
 *       size (bench/itembank-import.ts) as the baseline;
 *   (2) compliance: the all-banks report over 500 banks × 1,200 approved items (600,000 items and 600,000 versions,
 *       loaded with multi-row INSERTs; load time reported apart), next to a plain `SELECT COUNT(*) FROM item_versions`.
 *
 * Targets: import ≥ 5,000 rows/s; all-banks report < 1 s. Last line: one JSON object.
 *
 *   TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/ npm run bench:itembank
 */
import 'reflect-metadata';
import { exportItems, type ExportableItem } from '@jianding/itembank';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'crypto';
import { createConnection } from 'mysql2/promise';
import { AppModule } from '../apps/api/src/app.module';
import { generateDemoBank } from '../apps/api/src/demo/generate-demo-bank';
import { loadConfig } from '../apps/api/src/config/config';
import { Db } from '../apps/api/src/database/db.service';
import { BanksService } from '../apps/api/src/modules/banks/banks.service';
import { ComplianceService } from '../apps/api/src/modules/banks/compliance.service';
import { ItemTransferService } from '../apps/api/src/modules/items/items-transfer.service';
import { UserEntity } from '../apps/api/src/modules/users/user.entity';
import { benchImport } from './itembank-import';

const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const IMPORT_RUNS = 3;
const BANKS = Number(process.env.BENCH_BANKS ?? 500);
const ITEMS_PER_BANK = 1200;
const REPORT_RUNS = 5;
const LOAD_CHUNK = 2000;
const LOAD_CONNECTIONS = 4;

const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `rows` distinct theory items from the demo bank, each copy's stems made unique (as the library's bench does). */
function importFileItems(rows: number, round: string): ExportableItem[] {
  const theory = generateDemoBank('bench').items.filter((i) => i.content.type !== 'task');
  const items: ExportableItem[] = [];
  for (let n = 0; items.length < rows; n++) {
    const source = theory[n % theory.length];
    items.push({
      id: `B${n}`,
      content: {
        ...source.content,
        stem: `${source.content.stem}（${round}第${Math.floor(n / theory.length) + 1}套）`,
        ref: `B${n}`,
        enemies: undefined,
      },
    });
  }
  return items;
}

/** (1) Imports through ItemTransferService into fresh banks; the best of IMPORT_RUNS. */
async function benchServiceImport(
  app: INestApplicationContext,
  authorId: string,
): Promise<{ runsMs: number[]; rowsPerSec: number; fileKiB: number }> {
  const banks = app.get(BanksService);
  const transfer = app.get(ItemTransferService);
  const actor = { id: authorId, name: 'bench-author' };
  const map = generateDemoBank('bench').knowledgeMap;
  const runsMs: number[] = [];
  let fileKiB = 0;
  for (let run = 0; run <= IMPORT_RUNS; run++) {
    const code = `IMP-${randomBytes(3).toString('hex')}`;
    await banks.createOccupation(actor, { code, name: 'bench import' });
    await banks.putKnowledgeMap(actor, code, '4', map);
    const { bank } = await banks.ensure(code, '4');
    const file = await exportItems(importFileItems(IMPORT_ROWS, code), 'xlsx');
    fileKiB = Math.round(file.length / 1024);
    const started = process.hrtime.bigint();
    const result = await transfer.importFile(actor, bank.id, file, 'xlsx', { fileName: 'bench.xlsx' });
    const took = ms(started);
    if (result.errors.length || result.imported !== IMPORT_ROWS)
      throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    if (run > 0) runsMs.push(took); // run 0 warms up the JIT and the connection pool
  }
  return { runsMs, rowsPerSec: Math.round((IMPORT_ROWS / Math.min(...runsMs)) * 1000), fileKiB };
}

/** (2a) BANKS banks (100 occupations × levels 5–1) × ITEMS_PER_BANK approved items, multi-row INSERTs on LOAD_CONNECTIONS connections. */
async function loadBanks(db: Db): Promise<{ ms: number; items: number }> {
  const started = process.hrtime.bigint();
  const now = Date.now();
  const levels = ['5', '4', '3', '2', '1'];
  const occupations = Array.from({ length: Math.ceil(BANKS / levels.length) }, (_, i) => ({
    id: randomUUID(),
    code: `CMP-${String(i).padStart(4, '0')}`,
  }));
  const banks = Array.from({ length: BANKS }, (_, i) => ({
    id: randomUUID(),
    occupationId: occupations[Math.floor(i / levels.length)].id,
    level: levels[i % levels.length],
  }));
  await db.manager.query(
    `INSERT INTO occupations (id, code, name, special, created_at) VALUES ${occupations.map(() => '(?,?,?,0,?)').join(',')}`,
    occupations.flatMap((o) => [o.id, o.code, '压测工种', now]),
  );
  await db.manager.query(
    `INSERT INTO banks (id, occupation_id, level, policy_id, knowledge_map, knowledge_map_version, template, created_at, updated_at) VALUES ${banks.map(() => '(?,?,?,NULL,NULL,0,NULL,?,?)').join(',')}`,
    banks.flatMap((b) => [b.id, b.occupationId, b.level, now, now]),
  );

  const types = ['judge', 'single', 'single', 'multiple'];
  let next = 0;
  const total = BANKS * ITEMS_PER_BANK;
  const worker = async (): Promise<void> => {
    for (;;) {
      const start = next;
      next += LOAD_CHUNK;
      if (start >= total) return;
      const count = Math.min(LOAD_CHUNK, total - start);
      const itemRows: unknown[] = [];
      const versionRows: unknown[] = [];
      for (let k = start; k < start + count; k++) {
        const bank = banks[Math.floor(k / ITEMS_PER_BANK)];
        const n = k % ITEMS_PER_BANK;
        const type = n < 30 ? 'task' : types[n % types.length];
        const itemId = randomUUID();
        const versionId = randomUUID();
        const point = `A-0${n % 4}-00${n % 7}`;
        const content = `{"type":"${type}","stem":"第${n}题","knowledgePoint":"${point}","difficulty":3}`;
        itemRows.push(
          itemId,
          bank.id,
          type,
          versionId,
          versionId,
          type === 'task' ? `${bank.id.slice(0, 30)}-S${n % 10}` : null,
          n % 97 === 0 ? 0 : n % 50,
          now,
          now,
        );
        versionRows.push(versionId, itemId, bank.id, type, content, randomBytes(32).toString('hex'), point, now, now);
      }
      await db.manager.query(
        `INSERT INTO items (id, bank_id, type, ref, latest_version_id, latest_no, approved_version_id, practical_set_id, usage_count, last_used_at, created_by, created_at, updated_at) VALUES ${Array.from({ length: count }, () => "(?,?,?,NULL,?,1,?,?,?,NULL,'bench',?,?)").join(',')}`,
        itemRows,
      );
      await db.manager.query(
        `INSERT INTO item_versions (id, item_id, bank_id, no, type, status, content, stem_key, knowledge_point, difficulty, author_id, change_note, reviewer_id, reviewed_at, review_reason, created_at, updated_at) VALUES ${Array.from({ length: count }, () => "(?,?,?,1,?,'approved',?,?,?,3,'bench',NULL,'bench',NULL,NULL,?,?)").join(',')}`,
        versionRows,
      );
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONNECTIONS }, worker));
  await db.manager.query('ANALYZE TABLE items, item_versions, banks, occupations');
  return { ms: ms(started), items: total };
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ runsMs: number[]; last: T }> {
  let last = await work(); // warm-up
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    last = await work();
    runsMs.push(ms(started));
  }
  return { runsMs, last };
}

async function main(): Promise<void> {
  const admin = await createConnection(MYSQL_SERVER);
  const name = `jd_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${name}`;
  let app: INestApplicationContext | undefined;
  try {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url.toString(),
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      DEMO: 'false',
      AUDIT_VERIFY_EVERY_MINUTES: '0',
      RETENTION_PURGE_EVERY_MINUTES: '0',
    });
    app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ ...config, bootstrapAdmin: undefined }, 'cli'),
      { logger: ['error', 'warn'] },
    );
    const db = app.get(Db);
    const now = Date.now();
    const authorId = randomUUID();
    await db.manager.insert(UserEntity, {
      id: authorId,
      username: 'bench-author',
      displayName: 'bench',
      passwordHash: 'x',
      roles: ['author'],
      institutionId: null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });

    const baseline = await benchImport({ rows: IMPORT_ROWS, format: 'xlsx', runs: IMPORT_RUNS });
    const service = await benchServiceImport(app, authorId);

    const load = await loadBanks(db);
    const count = await timed(REPORT_RUNS, async () =>
      Number((await db.manager.query('SELECT COUNT(*) AS n FROM item_versions'))[0].n),
    );
    const compliance = app.get(ComplianceService);
    const report = await timed(REPORT_RUNS, () => compliance.allBanks('chengdu-2024'));
    const reportMs = median(report.runsMs);
    if (report.last.total < BANKS) throw new Error(`the report has ${report.last.total} banks, expected ≥ ${BANKS}`);

    const rows: Array<[string, string]> = [
      ['import file', `${IMPORT_ROWS} theory rows, xlsx, ${service.fileKiB} KiB (demo-bank items, unique stems)`],
      ['baseline: parse + validate in process', `${baseline.runsMs.join(' / ')} ms → ${baseline.rowsPerSec} rows/s`],
      [
        'import via service (MariaDB, 1 tx)',
        `${service.runsMs.map((x) => Math.round(x)).join(' / ')} ms → ${service.rowsPerSec} rows/s (best)`,
      ],
      [
        'storage share of the import',
        `${Math.round((1 - baseline.rowsPerSec ** -1 / service.rowsPerSec ** -1) * 100)} %`,
      ],
      ['import target ≥ 5,000 rows/s', service.rowsPerSec >= 5000 ? 'met' : 'NOT met'],
      [
        'compliance load',
        `${BANKS} banks × ${ITEMS_PER_BANK} = ${load.items} items + versions in ${(load.ms / 1000).toFixed(1)} s (${Math.round(load.items / (load.ms / 1000))} items/s)`,
      ],
      [
        'baseline: SELECT COUNT(*) item_versions',
        `${count.runsMs.map((x) => x.toFixed(0)).join(' / ')} ms (median ${median(count.runsMs).toFixed(0)}; ${count.last} rows)`,
      ],
      [
        'all-banks report (1 GROUP BY query)',
        `${report.runsMs.map((x) => x.toFixed(0)).join(' / ')} ms (median ${reportMs.toFixed(0)}); ${report.last.met} of ${report.last.total} banks meet chengdu-2024`,
      ],
      ['report target < 1,000 ms', reportMs < 1000 ? 'met' : 'NOT met'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(JSON.stringify({ importRowsPerSec: service.rowsPerSec, complianceAllBanksMs: Math.round(reportMs) }));
  } finally {
    await app?.close();
    if (process.env.BENCH_KEEP_DB) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
