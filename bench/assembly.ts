/**
 * Paper assembly benchmark (issue 4), all measured in one run against the local MariaDB and Redis:
 *
 *   (a) in-process draws per second on one core (bench/assembly-inprocess.ts);
 *   (b) the naive way many exam systems draw: one `SELECT … WHERE bank_id=? AND type=? ORDER BY RAND() LIMIT n`
 *       per section on MariaDB, papers per second, from the same 1,200-item bank stored in the real schema;
 *   (c) end to end: 5,000 per-candidate papers through BullMQ with 2 worker processes into MariaDB (approve →
 *       request ready), next to a plain bulk insert of the same paper rows (the storage floor).
 *
 * It creates and drops its own database and Redis prefix. Needs the compiled worker: `npm run bench:assembly`
 * builds first. Last line: one JSON object.
 *
 *   TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/ TEST_REDIS_URL=redis://127.0.0.1:6379 npm run bench:assembly
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { existsSync } from 'fs';
import IORedis from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import { join } from 'path';
import { AppModule } from '../apps/api/src/app.module';
import { loadConfig } from '../apps/api/src/config/config';
import { Db } from '../apps/api/src/database/db.service';
import { BankEntity, OccupationEntity, PolicyEntity } from '../apps/api/src/modules/banks/bank.entities';
import { InstitutionsService } from '../apps/api/src/modules/institutions/institutions.service';
import { ItemEntity, ItemVersionEntity } from '../apps/api/src/modules/items/item.entities';
import { PaperRequestEntity } from '../apps/api/src/modules/papers/paper.entities';
import { PaperRequestsService } from '../apps/api/src/modules/papers/paper-requests.service';
import { syntheticBank, syntheticMap } from '../libs/assembly/src/testing/synthetic-bank';
import { benchInProcess, benchSolve } from './assembly-inprocess';

const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const E2E_PAPERS = Number(process.env.BENCH_PAPERS ?? 5000);
const WORKERS = 2;
const SQL_SECONDS = 3;
const root = join(__dirname, '..');

const seconds = (startNs: bigint) => Number(process.hrtime.bigint() - startNs) / 1e9;

/** The synthetic 1,200-item bank (300 judge + 900 single, 4 areas, 8 strata, 40 points) in the real tables. */
async function seedBank(db: Db): Promise<{ occupation: string; bankId: string }> {
  const now = Date.now();
  const policyId = `bench-${randomBytes(3).toString('hex')}`;
  const policy = {
    id: policyId,
    name: 'bench',
    source: 'bench',
    theoryMinItems: 1200,
    practical: null,
    retentionYears: 5,
    passMark: 60,
    multipleCredit: 'all-or-nothing',
    showResultToCandidate: true,
  };
  const occupation = Object.assign(new OccupationEntity(), {
    id: randomUUID(),
    code: `B-${randomBytes(3).toString('hex')}`,
    name: 'bench',
    special: false,
    createdAt: now,
  });
  const bank = Object.assign(new BankEntity(), {
    id: randomUUID(),
    occupationId: occupation.id,
    level: '4',
    policyId,
    knowledgeMap: JSON.stringify(syntheticMap()),
    knowledgeMapVersion: 1,
    template: null,
    createdAt: now,
    updatedAt: now,
  });
  const snapshot = syntheticBank({ seed: 'bench-bank', judge: 300, single: 900, enemyPairs: 60 });
  const items = snapshot.map((s) =>
    Object.assign(new ItemEntity(), {
      id: s.itemId,
      bankId: bank.id,
      type: s.type,
      ref: null,
      latestVersionId: s.versionId,
      latestNo: 1,
      approvedVersionId: s.versionId,
      practicalSetId: null,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: 'bench',
      createdAt: now,
      updatedAt: now,
    }),
  );
  const versions = snapshot.map((s, k) => {
    const options = s.type === 'judge' ? [] : Array.from({ length: s.optionCount }, (_, o) => `选项 ${k}-${o}`);
    const content = {
      type: s.type,
      stem: `第 ${k} 题（${s.knowledgePoint}）`,
      options,
      answer: s.type === 'judge' ? k % 2 === 0 : 'A',
      knowledgePoint: s.knowledgePoint,
      difficulty: s.difficulty,
      enemies: s.enemies,
    };
    return Object.assign(new ItemVersionEntity(), {
      id: s.versionId,
      itemId: s.itemId,
      bankId: bank.id,
      no: 1,
      type: s.type,
      status: 'approved',
      content: JSON.stringify(content),
      stemKey: randomBytes(32).toString('hex'),
      knowledgePoint: s.knowledgePoint,
      difficulty: s.difficulty,
      authorId: 'bench',
      changeNote: null,
      reviewerId: 'bench',
      reviewedAt: now,
      reviewReason: null,
      createdAt: now,
      updatedAt: now,
    });
  });
  await db.transaction(async (tx) => {
    await tx.insert(PolicyEntity, {
      id: policyId,
      definition: JSON.stringify(policy),
      createdBy: null,
      createdAt: now,
    });
    await tx.insert(OccupationEntity, occupation);
    await tx.insert(BankEntity, bank);
    for (let k = 0; k < items.length; k += 300) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ItemEntity)
        .values(items.slice(k, k + 300))
        .updateEntity(false)
        .execute();
      await tx
        .createQueryBuilder()
        .insert()
        .into(ItemVersionEntity)
        .values(versions.slice(k, k + 300))
        .updateEntity(false)
        .execute();
    }
  });
  return { occupation: occupation.code, bankId: bank.id };
}

/** (b) One ORDER BY RAND() query per section, papers per second on one connection. */
async function sqlRand(
  conn: Connection,
  bankId: string,
): Promise<{ papers: number; seconds: number; papersPerSec: number }> {
  const draw = async () => {
    const [judge] = await conn.execute(`SELECT id FROM items WHERE bank_id = ? AND type = ? ORDER BY RAND() LIMIT 20`, [
      bankId,
      'judge',
    ]);
    const [single] = await conn.execute(
      `SELECT id FROM items WHERE bank_id = ? AND type = ? ORDER BY RAND() LIMIT 80`,
      [bankId, 'single'],
    );
    return (judge as unknown[]).length + (single as unknown[]).length;
  };
  for (let i = 0; i < 20; i++) await draw(); // warm-up
  const started = process.hrtime.bigint();
  let papers = 0;
  while (seconds(started) < SQL_SECONDS) {
    if ((await draw()) !== 100) throw new Error('the naive draw did not return 100 items');
    papers++;
  }
  const s = seconds(started);
  return { papers, seconds: s, papersPerSec: papers / s };
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/worker.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Worker up')) {
        seen = '';
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'apps/api/dist/worker.js')))
    throw new Error('Build first: npx tsc -b (npm run bench:assembly does)');
  const dbName = `jd_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(MYSQL_SERVER);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${dbName}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    REDIS_URL,
    QUEUE_PREFIX: dbName,
    RUN_JOBS: 'false',
    LOG_LEVEL: 'info',
    DEMO: 'false',
    SERVE_CLIENT: 'false',
    AUDIT_VERIFY_EVERY_MINUTES: '0',
    RETENTION_PURGE_EVERY_MINUTES: '0',
  };
  const workers: ChildProcess[] = [];
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(loadConfig({ ...env, LOG_LEVEL: 'warn' }), 'cli'),
    { logger: ['error', 'warn'] },
  );
  const conn = await createConnection(url.toString());
  try {
    const db = app.get(Db);
    // (a) in-process, one core.
    const inProcess = await benchInProcess({ seconds: 3 });
    const solve = await benchSolve();

    // (b) the naive SQL draw on the same bank.
    const { occupation, bankId } = await seedBank(db);
    const sql = await sqlRand(conn, bankId);

    // (c) end to end through BullMQ with two worker processes.
    for (let w = 0; w < WORKERS; w++) workers.push(await startWorker({ ...env, RUN_MIGRATIONS: 'false' }));
    const inst = await app
      .get(InstitutionsService)
      .create(
        { id: null, name: 'bench' },
        {
          code: `BI-${randomBytes(3).toString('hex')}`,
          name: 'bench',
          type: 'training',
          scope: [{ occupation, levels: ['4'] }],
        },
      );
    const requests = app.get(PaperRequestsService);
    const principal = {
      kind: 'staff' as const,
      userId: randomUUID(),
      username: 'bench',
      roles: ['institution' as const],
      institutionId: inst.id,
    };
    const examDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await requests.create(principal, {
      occupation,
      level: '4',
      examDate,
      perCandidate: true,
      candidates: E2E_PAPERS,
    });
    const started = process.hrtime.bigint();
    await requests.approve({ id: null, name: 'bench-centre' }, id, {});
    let req: PaperRequestEntity | null = null;
    for (;;) {
      req = await db.manager.findOneBy(PaperRequestEntity, { id });
      if (req?.status !== 'assembling') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const e2eSeconds = seconds(started);
    if (req?.status !== 'ready') throw new Error(`request ended ${req?.status}: ${req?.reason}`);
    const [[{ n }]] = (await conn.query(`SELECT COUNT(*) AS n FROM papers WHERE request_id = ?`, [id])) as unknown as [
      [{ n: number }],
    ];
    if (Number(n) !== E2E_PAPERS) throw new Error(`expected ${E2E_PAPERS} papers, found ${n}`);

    // The storage floor: the same rows, bulk-inserted into a copy of the table (100 rows a statement, 500 a transaction).
    const [rows] = (await conn.query(`SELECT * FROM papers WHERE request_id = ? ORDER BY form`, [id])) as unknown as [
      Record<string, unknown>[],
    ];
    await conn.query('CREATE TABLE papers_floor LIKE papers');
    const columns = Object.keys(rows[0]);
    const floorStarted = process.hrtime.bigint();
    for (let t = 0; t < rows.length; t += 500) {
      await conn.beginTransaction();
      for (let k = t; k < Math.min(rows.length, t + 500); k += 100) {
        const slice = rows.slice(k, Math.min(k + 100, t + 500));
        await conn.query(`INSERT INTO papers_floor (${columns.map((c) => `\`${c}\``).join(',')}) VALUES ?`, [
          slice.map((r) => columns.map((c) => r[c])),
        ]);
      }
      await conn.commit();
    }
    const floorSeconds = seconds(floorStarted);
    const mib = rows.reduce((sum, r) => sum + String(r.body).length, 0) / 2 ** 20;

    const table: Array<[string, string]> = [
      ['bank', '1,200 items (300 judge + 900 single), 4 areas, 8 strata, 40 points'],
      ['paper', '20 judge × 1 + 80 single × 1, options shuffled'],
      [
        '(a) in-process, 1 core',
        `${inProcess.papersPerSec.toFixed(0)} papers/s (${inProcess.papers} in ${inProcess.seconds.toFixed(2)} s)`,
      ],
      [
        '(b) ORDER BY RAND() on MariaDB',
        `${sql.papersPerSec.toFixed(0)} papers/s (${sql.papers} in ${sql.seconds.toFixed(2)} s, 2 queries a paper)`,
      ],
      [
        'allocation solve',
        `${solve.warmMs.toFixed(0)} ms once per request (first in process ${solve.coldMs.toFixed(0)} ms; bank with a judge-only area)`,
      ],
      ['(a) / (b)', `${(inProcess.papersPerSec / sql.papersPerSec).toFixed(1)}× (target ≥ 10×)`],
      [
        '(c) end to end, BullMQ',
        `${E2E_PAPERS} papers in ${e2eSeconds.toFixed(2)} s = ${(E2E_PAPERS / e2eSeconds).toFixed(0)} papers/s with ${WORKERS} worker processes (target < 20 s)`,
      ],
      [
        '    bulk insert floor',
        `${floorSeconds.toFixed(2)} s for the same ${rows.length} rows (${mib.toFixed(1)} MiB of paper JSON); e2e = ${(e2eSeconds / floorSeconds).toFixed(2)}× floor (target ≤ 3×)`,
      ],
    ];
    const width = Math.max(...table.map(([k]) => k.length));
    for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(
      JSON.stringify({
        inProcessPapersPerSec: Math.round(inProcess.papersPerSec),
        solveMs: Math.round(solve.warmMs),
        sqlRandPapersPerSec: Math.round(sql.papersPerSec),
        e2ePapers: E2E_PAPERS,
        e2eSeconds: Number(e2eSeconds.toFixed(3)),
        bulkInsertFloorSeconds: Number(floorSeconds.toFixed(3)),
      }),
    );
  } finally {
    for (const w of workers) {
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGTERM');
      await exited;
    }
    await conn.end();
    await app.close();
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${dbName}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
