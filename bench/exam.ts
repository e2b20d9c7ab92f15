/**
 * Exam delivery under load, against the real API (createHttpApp) on its own MariaDB database and Redis prefix.
 *
 *   npm run bench:exam                      10,000 candidates, 60 s start window, 3 min of saves, 30 s saturation
 *   BENCH_QUICK=1 npm run bench:exam        a smoke run (300 candidates, short phases)
 *
 * Env: BENCH_CANDIDATES, BENCH_START_SECONDS, BENCH_SAVE_SECONDS, BENCH_SAVE_INTERVAL_SECONDS,
 * BENCH_SATURATION_SECONDS, BENCH_SATURATION_CLIENTS, BENCH_API_WORKERS (API_WORKERS of the API, default 1),
 * BENCH_API_NODE_ARGS (extra node options of the API process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
 * TEST_MYSQL_URL (server, default root@127.0.0.1:3306), TEST_REDIS_URL (default redis://127.0.0.1:6379).
 *
 * The API runs as in production: apps/api/src/main.ts in its own process with API_WORKERS HTTP processes. This
 * process migrates and seeds the database and checks for lost saves; the load generator runs in a child process
 * (same file, argv `client`). (A) Realistic: every candidate signs in and loads the
 * attempt at a random moment of the start window, then saves an answer about every 30 s (uniform 15–45 s); at the
 * end every acknowledged save is looked up in answer_log and attempt_answers (lost = 0 means none is missing).
 * (C) Between (A) and (B), a centre user polls the monitor of the whole session: a page of 50, and the roster unpaged.
 * (B) Saturation: 200 clients save as fast as they can; then the same number of raw mysql2 connections insert
 * single rows into a copy of answer_log for as long: the storage floor.
 */
import { ChildProcess, fork, spawn } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { readFileSync, rmSync, writeFileSync } from 'fs';
import http from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { assemble, type SnapshotItem } from '@jianding/assembly';
import { createConnection, createPool } from 'mysql2/promise';
import { createServer, type AddressInfo } from 'net';
import { LeanHttp } from './lean-http';
import { loadConfig } from '../apps/api/src/config/config';
import { Db } from '../apps/api/src/database/db.service';
import { generateDemoBank } from '../apps/api/src/demo/generate-demo-bank';
import { createHttpApp } from '../apps/api/src/http-app';
import { BankEntity, OccupationEntity } from '../apps/api/src/modules/banks/bank.entities';
import { CandidateEntity, ExamSessionEntity } from '../apps/api/src/modules/exam/exam.entities';
import { idCheckDigit } from '@jianding/exam';
import { RosterIdentity } from '../apps/api/src/modules/exam/roster-identity';
import { UsersService } from '../apps/api/src/modules/users/users.service';
import { InstitutionEntity } from '../apps/api/src/modules/institutions/institution.entity';
import { ItemEntity, ItemVersionEntity } from '../apps/api/src/modules/items/item.entities';
import { PaperEntity, PaperRequestEntity } from '../apps/api/src/modules/papers/paper.entities';

const quick = process.env.BENCH_QUICK === '1';
const num = (name: string, full: number, smoke: number) => Number(process.env[name] ?? (quick ? smoke : full));
const SETTINGS = {
  candidates: num('BENCH_CANDIDATES', 10_000, 300),
  startSeconds: num('BENCH_START_SECONDS', 60, 10),
  saveSeconds: num('BENCH_SAVE_SECONDS', 180, 20),
  saveIntervalSeconds: num('BENCH_SAVE_INTERVAL_SECONDS', 30, 5),
  saturationSeconds: num('BENCH_SATURATION_SECONDS', 30, 5),
  saturationClients: num('BENCH_SATURATION_CLIENTS', 200, 100),
  // One API process by default: on a two-core host the other core is MariaDB's and the load generator's, and a second
  // API process only splits the answer batches in two (BENCH_API_WORKERS=2 measured lower saturation and tails here).
  apiWorkers: num('BENCH_API_WORKERS', 1, 1),
};
type Settings = typeof SETTINGS;

export const ticketOf = (k: number) => `B${String(k).padStart(7, '0')}`;
export const idOf = (k: number) => {
  const body = `110105${1960 + (k % 50)}0${1 + (k % 9)}1${k % 10}${String(k % 1000).padStart(3, '0')}`;
  return body + idCheckDigit(body);
};

function pct(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

// ---------------------------------------------------------------------------------------------------------------
// The load generator (child process)

interface ClientResult {
  signIn: number[];
  load: number[];
  save: number[];
  errors: number;
  errorSamples: string[];
  saves: number;
  ackFile: string;
  saturation: { saves: number; errors: number; seconds: number; p50: number; p99: number; samples: string[] };
  raw: { inserts: number; seconds: number };
}

async function client(): Promise<void> {
  const base = process.env.BENCH_BASE!;
  const s = JSON.parse(process.env.BENCH_SETTINGS!) as Settings;
  const url = new URL(base);
  const http = new LeanHttp(url.hostname, Number(url.port), 512);
  const JSON_BODY = 'Content-Type: application/json\r\n';

  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: string; ms: number }> => {
    const started = performance.now();
    try {
      const headers = (body === undefined ? '' : JSON_BODY) + (token ? `Authorization: Bearer ${token}\r\n` : '');
      const res = await http.request(
        method,
        `/api/v1${path}`,
        headers,
        body === undefined ? undefined : JSON.stringify(body),
      );
      return { status: res.status, body: res.body, ms: performance.now() - started };
    } catch (err) {
      return { status: 0, body: (err as Error).message, ms: performance.now() - started };
    }
  };

  const r: ClientResult = {
    signIn: [],
    load: [],
    save: [],
    errors: 0,
    errorSamples: [],
    saves: 0,
    ackFile: join(tmpdir(), `bench-exam-acks-${process.pid}.txt`),
    saturation: { saves: 0, errors: 0, seconds: 0, p50: 0, p99: 0, samples: [] },
    raw: { inserts: 0, seconds: 0 },
  };
  const error = (what: string, res: { status: number; body: string }) => {
    r.errors++;
    if (r.errorSamples.length < 5) r.errorSamples.push(`${what}: ${res.status} ${res.body.slice(0, 160)}`);
  };
  const acks: string[] = [];
  type Shape = { position: number; type: string; n: number };
  const tokens: string[] = [];
  const seqs: number[] = [];
  const shapes: Shape[][] = [];
  const answerFor = (shape: Shape): unknown => {
    if (shape.type === 'judge') return Math.random() < 0.5;
    const letters = 'ABCDEFGH'.slice(0, shape.n).split('');
    if (shape.type === 'single') return letters[Math.floor(Math.random() * letters.length)];
    const pick = letters.filter(() => Math.random() < 0.5);
    return pick.length ? pick : [letters[0]];
  };
  const save = async (k: number, record: boolean): Promise<{ ok: boolean; ms: number }> => {
    const items = shapes[k];
    const shape = items[Math.floor(Math.random() * items.length)];
    const seq = ++seqs[k];
    const res = await call(
      'PUT',
      `/exam/attempt/answers/${shape.position}`,
      { answer: answerFor(shape), seq, clientTime: new Date().toISOString() },
      tokens[k],
    );
    if (res.status === 200) {
      if (record) acks.push(`${k},${seq},${shape.position}`);
      return { ok: true, ms: res.ms };
    }
    if (record) error('save', res);
    else if (r.saturation.samples.length < 5) r.saturation.samples.push(`${res.status} ${res.body.slice(0, 160)}`);
    return { ok: false, ms: res.ms };
  };

  // (A) synchronized start, then a save about every interval.
  const phaseEnd = Date.now() + (s.startSeconds + s.saveSeconds) * 1000;
  const candidates = Array.from({ length: s.candidates }, (_, k) => k);
  await Promise.all(
    candidates.map(async (k) => {
      await new Promise((res) => setTimeout(res, Math.random() * s.startSeconds * 1000));
      const login = await call('POST', '/exam/login', { ticketNo: ticketOf(k), idNumber: idOf(k) });
      if (login.status !== 200) return error('sign-in', login);
      r.signIn.push(login.ms);
      tokens[k] = (JSON.parse(login.body) as { token: string }).token;
      const load = await call('GET', '/exam/attempt', undefined, tokens[k]);
      if (load.status !== 200) return error('load', load);
      r.load.push(load.ms);
      const view = JSON.parse(load.body) as {
        lastSeq: number;
        items: { position: number; type: string; options: unknown[] }[];
      };
      seqs[k] = view.lastSeq;
      shapes[k] = view.items.map((i) => ({ position: i.position, type: i.type, n: i.options.length }));
      for (;;) {
        const wait = s.saveIntervalSeconds * 1000 * (0.5 + Math.random());
        if (Date.now() + wait > phaseEnd) break;
        await new Promise((res) => setTimeout(res, wait));
        const out = await save(k, true);
        if (out.ok) r.save.push(out.ms);
        r.saves++;
      }
    }),
  );
  writeFileSync(r.ackFile, acks.join('\n'));
  process.send!({ phase: 'A' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  // (B) saturation: as fast as possible from a fixed number of clients.
  const ready = candidates.filter((k) => tokens[k] && shapes[k]).slice(0, s.saturationClients);
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + s.saturationSeconds * 1000;
  await Promise.all(
    ready.map(async (k) => {
      while (performance.now() < until) {
        const out = await save(k, false);
        if (out.ok) {
          r.saturation.saves++;
          latencies.push(out.ms);
        } else r.saturation.errors++;
      }
    }),
  );
  r.saturation.seconds = (performance.now() - started) / 1000;
  r.saturation.p50 = pct(latencies, 50);
  r.saturation.p99 = pct(latencies, 99);
  http.close();
  process.send!({ phase: 'B' });

  // The storage floor: the same concurrency inserting single rows into a copy of answer_log with mysql2.
  const db = createPool({ uri: process.env.BENCH_DB_URL!, connectionLimit: s.saturationClients });
  await db.query('CREATE TABLE bench_raw_log LIKE answer_log');
  // Open the connections before the clock starts, a few at a time: the server's listen backlog is small (back_log).
  const warm = [];
  for (let i = 0; i < ready.length; i += 20)
    warm.push(...(await Promise.all(Array.from({ length: Math.min(20, ready.length - i) }, () => db.getConnection()))));
  for (const c of warm) c.release();
  const rawStarted = performance.now();
  const rawUntil = rawStarted + s.saturationSeconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: ready.length }, async (_, c) => {
      const attemptId = randomUUID();
      let seq = 0;
      while (performance.now() < rawUntil) {
        await db.execute(
          'INSERT INTO bench_raw_log (id, attempt_id, seq, position, answer, client_time, server_time, purge_after) VALUES (?,?,?,?,?,?,?,?)',
          [
            randomUUID(),
            attemptId,
            ++seq,
            (c % 100) + 1,
            '"B"',
            new Date().toISOString(),
            Date.now(),
            Date.now() + 1e11,
          ],
        );
        n++;
      }
    }),
  );
  r.raw = { inserts: n, seconds: (performance.now() - rawStarted) / 1000 };
  await db.end();
  process.send!({ phase: 'done', result: r });
}

// ---------------------------------------------------------------------------------------------------------------
// The API, the database and the report (parent process)

export async function seed(db: Db, identity: RosterIdentity, n: number): Promise<{ sessionId: string }> {
  const m = db.manager;
  const now = Date.now();
  const demo = generateDemoBank('bench-exam');
  const occupation = Object.assign(new OccupationEntity(), {
    id: randomUUID(),
    code: demo.occupation.code,
    name: demo.occupation.name,
    special: false,
    createdAt: now,
  });
  const bank = Object.assign(new BankEntity(), {
    id: randomUUID(),
    occupationId: occupation.id,
    level: demo.level,
    policyId: null,
    knowledgeMap: JSON.stringify(demo.knowledgeMap),
    knowledgeMapVersion: 1,
    template: null,
    createdAt: now,
    updatedAt: now,
  });
  const institution = Object.assign(new InstitutionEntity(), {
    id: randomUUID(),
    code: 'BENCH',
    name: '压测考核站',
    type: 'training',
    scope: '[]',
    validFrom: now - 1e9,
    validUntil: now + 1e11,
    status: 'active',
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  });
  await m.insert(OccupationEntity, occupation);
  await m.insert(BankEntity, bank);
  await m.insert(InstitutionEntity, institution);

  const theory = demo.items.filter((i) => i.content.type !== 'task');
  const itemIds = new Map(theory.map((i) => [i.ref, randomUUID()]));
  const versionIds = new Map(theory.map((i) => [i.ref, randomUUID()]));
  const snapshot: SnapshotItem[] = theory.map((i) => {
    const c = i.content as {
      type: 'judge' | 'single' | 'multiple';
      knowledgePoint: string;
      options?: string[];
      enemies?: string[];
    };
    return {
      versionId: versionIds.get(i.ref)!,
      itemId: itemIds.get(i.ref)!,
      type: c.type,
      knowledgePoint: c.knowledgePoint,
      difficulty: 3,
      enemies: (c.enemies ?? []).map((r) => itemIds.get(r) ?? r),
      optionCount: c.options?.length ?? 0,
      usageCount: 0,
    };
  });
  const items = theory.map((i) =>
    Object.assign(new ItemEntity(), {
      id: itemIds.get(i.ref)!,
      bankId: bank.id,
      type: i.content.type,
      ref: i.ref,
      latestVersionId: versionIds.get(i.ref)!,
      latestNo: 1,
      approvedVersionId: versionIds.get(i.ref)!,
      practicalSetId: null,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: 'bench',
      createdAt: now,
      updatedAt: now,
    }),
  );
  const versions = theory.map((i) =>
    Object.assign(new ItemVersionEntity(), {
      id: versionIds.get(i.ref)!,
      itemId: itemIds.get(i.ref)!,
      bankId: bank.id,
      no: 1,
      type: i.content.type,
      status: 'approved',
      content: JSON.stringify(i.content),
      stemKey: randomBytes(16).toString('hex'),
      knowledgePoint: (i.content as { knowledgePoint: string }).knowledgePoint,
      difficulty: 3,
      authorId: 'bench',
      changeNote: null,
      reviewerId: 'bench',
      reviewedAt: now,
      reviewReason: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  for (let i = 0; i < items.length; i += 500) await m.insert(ItemEntity, items.slice(i, i + 500));
  for (let i = 0; i < versions.length; i += 500) await m.insert(ItemVersionEntity, versions.slice(i, i + 500));

  const seed = randomBytes(16).toString('hex');
  const template = {
    durationMinutes: 90,
    sections: [
      { type: 'judge' as const, count: 20, pointsEach: 1 },
      { type: 'single' as const, count: 80, pointsEach: 1 },
    ],
  };
  const drawn = assemble({ snapshot, map: demo.knowledgeMap as never, template, seed, options: { forms: 2 } });
  const requestId = randomUUID();
  await m.insert(
    PaperRequestEntity,
    Object.assign(new PaperRequestEntity(), {
      id: requestId,
      institutionId: institution.id,
      bankId: bank.id,
      examDate: new Date(now).toISOString().slice(0, 10),
      forms: 2,
      perCandidate: false,
      candidateCount: n,
      includePractical: false,
      status: 'ready',
      progress: 100,
      reason: null,
      seed,
      policyId: null,
      mapJson: null,
      templateJson: JSON.stringify(template),
      papersDrawnBefore: 0,
      snapshotHash: drawn.snapshotHash,
      assemblerVersion: drawn.assemblerVersion,
      jobRunId: null,
      requestedBy: 'bench',
      decidedBy: 'bench',
      decidedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
  );
  for (const p of drawn.papers) {
    await m.insert(
      PaperEntity,
      Object.assign(new PaperEntity(), {
        id: randomUUID(),
        requestId,
        kind: 'theory',
        form: p.form,
        label: String.fromCharCode(65 + p.form),
        seed: p.seed,
        assemblerVersion: p.assemblerVersion,
        snapshotHash: p.snapshotHash,
        contentHash: p.contentHash,
        body: JSON.stringify(p),
        status: 'sealed',
        releasedAt: null,
        createdAt: now,
      }),
    );
  }
  const sessionId = randomUUID();
  const minutes = 240;
  await m.insert(
    ExamSessionEntity,
    Object.assign(new ExamSessionEntity(), {
      id: sessionId,
      institutionId: institution.id,
      paperRequestId: requestId,
      name: '压测场次',
      startsAt: now - 60_000,
      durationMinutes: minutes,
      endsAt: now - 60_000 + minutes * 60_000,
      showResult: true,
      sebConfigKey: null,
      createdBy: 'bench',
      createdAt: now,
    }),
  );
  const rows: CandidateEntity[] = [];
  for (let k = 0; k < n; k++) {
    const id = idOf(k);
    rows.push(
      Object.assign(new CandidateEntity(), {
        id: randomUUID(),
        sessionId,
        ticketNo: ticketOf(k),
        name: `考生${k}`,
        idNumberHash: identity.hashId(id),
        idNumberTail: id.slice(-4),
        seat: k,
        createdAt: now,
      }),
    );
  }
  for (let i = 0; i < rows.length; i += 1000)
    await m
      .createQueryBuilder()
      .insert()
      .into(CandidateEntity)
      .values(rows.slice(i, i + 1000))
      .execute();
  return { sessionId };
}

/** Every acknowledged save must be in the log, and each position's stored answer at least as new as its newest ack. */
async function countLost(db: Db, sessionId: string, ackFile: string): Promise<{ acked: number; lost: number }> {
  const lines = readFileSync(ackFile, 'utf8').split('\n').filter(Boolean);
  const attempts: { id: string; ticket_no: string }[] = await db.manager.query(
    'SELECT a.id, c.ticket_no FROM attempts a JOIN candidates c ON c.id = a.candidate_id WHERE a.session_id = ?',
    [sessionId],
  );
  const attemptOf = new Map(attempts.map((a) => [a.ticket_no, a.id]));
  const logged = new Set<string>();
  const current = new Map<string, number>();
  for (const row of (await db.manager.query(
    'SELECT l.attempt_id, l.seq FROM answer_log l JOIN attempts a ON a.id = l.attempt_id WHERE a.session_id = ?',
    [sessionId],
  )) as { attempt_id: string; seq: number }[])
    logged.add(`${row.attempt_id}:${row.seq}`);
  for (const row of (await db.manager.query(
    'SELECT aa.attempt_id, aa.position, aa.seq FROM attempt_answers aa JOIN attempts a ON a.id = aa.attempt_id WHERE a.session_id = ?',
    [sessionId],
  )) as { attempt_id: string; position: number; seq: number }[])
    current.set(`${row.attempt_id}:${row.position}`, Number(row.seq));
  let lost = 0;
  const newest = new Map<string, number>();
  for (const line of lines) {
    const [k, seq, position] = line.split(',').map(Number);
    const attemptId = attemptOf.get(ticketOf(k));
    if (!attemptId || !logged.has(`${attemptId}:${seq}`)) lost++;
    const key = `${attemptId}:${position}`;
    newest.set(key, Math.max(newest.get(key) ?? 0, seq));
  }
  for (const [key, seq] of newest) if ((current.get(key) ?? 0) < seq) lost++;
  return { acked: lines.length, lost };
}

/** User plus system CPU seconds a process has used so far (Linux); 0 where /proc is not there. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/** The production entry point (apps/api/src/main.ts) in its own process, API_WORKERS of them behind one port. */
/**
 * (C) The proctor's live view of the whole session after (A): a centre user polls the monitor of the 10,000-candidate
 * roster, a page of 50 (what the console asks for every 5 s) and, once, the roster unpaged.
 */
async function pollMonitor(app: Awaited<ReturnType<typeof createHttpApp>>, base: string, sessionId: string) {
  const username = `bench-centre-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await app.get(UsersService).create({ id: null, name: 'bench' }, { username, password, roles: ['centre'] });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async (query: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/exam-sessions/${sessionId}/monitor${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (res.status !== 200) throw new Error(`monitor ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const page: number[] = [];
  for (let i = 0; i < 20; i++) page.push(await get(`?page=${1 + (i % 5)}&pageSize=50`));
  const whole = await get('');
  return { pageP50: pct(page, 50), pageP99: pct(page, 99), wholeMs: Math.round(whole) };
}

async function startApi(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const main = join(__dirname, '..', 'apps', 'api', 'src', 'main.ts');
  const child = spawn(process.execPath, [...process.execArgv, ...extra, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const end = Date.now() + 120_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      http
        .get(
          { host: '127.0.0.1', port, path: '/api/health', agent: false },
          (res) => (res.resume(), resolve(res.statusCode === 200)),
        )
        .on('error', () => resolve(false));
    });
    if (up) return child;
    if (child.exitCode !== null || Date.now() > end) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const server = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const dbName = `jd_bench_exam_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${dbName}`;
  let ackFile: string | undefined;
  // The raw baseline needs as many connections as clients next to the API's pool; raised for the run, then restored.
  const [[{ Value: maxConnections }]] = (await admin.query("SHOW VARIABLES LIKE 'max_connections'")) as unknown as [
    { Value: string }[],
  ];
  const needed = SETTINGS.saturationClients + 40 * SETTINGS.apiWorkers + 60;
  if (Number(maxConnections) < needed) await admin.query(`SET GLOBAL max_connections = ${needed}`);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: dbName,
    DB_POOL_SIZE: '40',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Errors only: a failed request is printed with its cause.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    SERVE_CLIENT: 'false',
    DEMO: 'false',
    AUDIT_VERIFY_EVERY_MINUTES: '0',
    RETENTION_PURGE_EVERY_MINUTES: '0',
    LOGIN_MAX_FAILURES: '1000000',
  };
  // This process migrates and seeds the database (and counts lost saves at the end); it does not serve.
  const app = await createHttpApp(loadConfig({ ...process.env, ...env, DB_POOL_SIZE: '4', RUN_JOBS: 'false' }));
  await app.init();
  let api: ChildProcess | undefined;
  try {
    const port = await freePort();
    const seedStarted = Date.now();
    const { sessionId } = await seed(app.get(Db), app.get(RosterIdentity), SETTINGS.candidates);
    api = await startApi(
      {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        API_WORKERS: String(SETTINGS.apiWorkers),
        RUN_MIGRATIONS: 'false',
        KEEP_ALIVE_SECONDS: '120',
      },
      port,
    );
    console.log(
      `seeded ${SETTINGS.candidates} candidates in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; API (${SETTINGS.apiWorkers} process${SETTINGS.apiWorkers > 1 ? 'es' : ''}) on :${port}, database ${dbName}`,
    );
    console.log(
      `(A) ${SETTINGS.candidates} candidates, start window ${SETTINGS.startSeconds} s, a save every ~${SETTINGS.saveIntervalSeconds} s for ${SETTINGS.saveSeconds} s …`,
    );

    const child = fork(__filename, ['client'], {
      env: {
        ...process.env,
        BENCH_BASE: `http://127.0.0.1:${port}`,
        BENCH_SETTINGS: JSON.stringify(SETTINGS),
        BENCH_DB_URL: dbUrl.toString(),
      },
      execArgv: process.execArgv,
    });
    let check: { acked: number; lost: number } = { acked: 0, lost: 0 };
    let monitor = { pageP50: 0, pageP99: 0, wholeMs: 0 };
    // The API process's CPU time over (B): per save, a figure the other processes sharing the host disturb little.
    let cpuAtB = 0;
    let cpuInB = 0;
    const result = await new Promise<ClientResult>((resolve, reject) => {
      child.on('message', (msg: { phase: string; result?: ClientResult }) => {
        if (msg.phase === 'A') {
          ackFile = join(tmpdir(), `bench-exam-acks-${child.pid}.txt`);
          console.log(
            `(B) ${SETTINGS.saturationClients} clients saving flat out for ${SETTINGS.saturationSeconds} s, then raw mysql2 inserts …`,
          );
          void countLost(app.get(Db), sessionId, ackFile).then(async (c) => {
            check = c;
            monitor = await pollMonitor(app, `http://127.0.0.1:${port}`, sessionId);
            cpuAtB = cpuSecondsOf(api!.pid!);
            child.send('go');
          }, reject);
        } else if (msg.phase === 'B') cpuInB = cpuSecondsOf(api!.pid!) - cpuAtB;
        else if (msg.phase === 'done' && msg.result) resolve(msg.result);
      });
      child.on('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    });
    const r = result;
    const saturationSavesPerSec = Math.round(r.saturation.saves / r.saturation.seconds);
    const rawInsertPerSec = Math.round(r.raw.inserts / r.raw.seconds);
    const apiCpuUsPerSave = Math.round((cpuInB * 1e6) / Math.max(r.saturation.saves, 1));
    const rows: [string, string][] = [
      ['candidates', String(SETTINGS.candidates)],
      ['sign-in p50 / p99 ms', `${pct(r.signIn, 50)} / ${pct(r.signIn, 99)}`],
      ['load attempt p50 / p99 ms', `${pct(r.load, 50)} / ${pct(r.load, 99)}`],
      ['saves (A) acknowledged / sent', `${check.acked} / ${r.saves}`],
      ['save p50 / p95 / p99 ms', `${pct(r.save, 50)} / ${pct(r.save, 95)} / ${pct(r.save, 99)}`],
      ['errors (A)', String(r.errors)],
      ['lost acknowledged saves', String(check.lost)],
      ['(C) monitor: page of 50 p50 / p99, all rows ms', `${monitor.pageP50} / ${monitor.pageP99}, ${monitor.wholeMs}`],
      [
        `saturation: ${SETTINGS.saturationClients} clients, saves/s`,
        `${saturationSavesPerSec} (p50 ${r.saturation.p50} ms, p99 ${r.saturation.p99} ms, errors ${r.saturation.errors})`,
      ],
      [`raw mysql2 single-row inserts/s (${SETTINGS.saturationClients} conns)`, String(rawInsertPerSec)],
      ['saturation / raw', `${Math.round((saturationSavesPerSec / Math.max(rawInsertPerSec, 1)) * 100)} %`],
      ['API CPU per save in (B), µs', String(apiCpuUsPerSave)],
    ];
    console.log('');
    for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
    for (const e of r.errorSamples) console.log(`  error sample: ${e}`);
    for (const e of r.saturation.samples) console.log(`  saturation error sample: ${e}`);
    console.log(
      JSON.stringify({
        candidates: SETTINGS.candidates,
        loadP99Ms: pct(r.load, 99),
        saveP50Ms: pct(r.save, 50),
        saveP95Ms: pct(r.save, 95),
        saveP99Ms: pct(r.save, 99),
        errors: r.errors,
        lost: check.lost,
        monitorPageP99Ms: monitor.pageP99,
        monitorWholeMs: monitor.wholeMs,
        saturationSavesPerSec,
        rawInsertPerSec,
        apiCpuUsPerSave,
      }),
    );
  } finally {
    if (ackFile) rmSync(ackFile, { force: true });
    if (api && api.exitCode === null)
      await new Promise((resolve) => (api!.once('exit', resolve), api!.kill('SIGTERM')));
    await app.close();
    const IORedis = (await import('ioredis')).default;
    const redis = new IORedis(redisUrl);
    const keys = await redis.keys(`${dbName}:*`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    await redis.quit();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    if (Number(maxConnections) < needed) await admin.query(`SET GLOBAL max_connections = ${Number(maxConnections)}`);
    await admin.end();
  }
}

if (require.main !== module) {
  // Imported for its seeding helpers.
} else if (process.argv[2] === 'client') {
  client().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
