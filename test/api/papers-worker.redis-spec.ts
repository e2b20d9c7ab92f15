import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { bootApp, Session, TestContext } from '../support/app';
import {
  inDays,
  seedBank,
  SeededBank,
  SeededInstitution,
  seedInstitution,
  waitForRequest,
} from '../support/papers-factories';

// Real worker processes on BullMQ: the API here only enqueues (RUN_JOBS=false); `node apps/api/dist/worker.js` draws.
const root = join(__dirname, '../..');
const workerJs = join(root, 'apps/api/dist/worker.js');

function startWorker(concurrency: number): ChildProcess {
  const child = spawn(process.execPath, [workerJs], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      RUN_MIGRATIONS: 'false',
      WORKER_CONCURRENCY: String(concurrency),
      AUDIT_VERIFY_EVERY_MINUTES: '0',
      RETENTION_PURGE_EVERY_MINUTES: '0',
      DEMO: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

describe('Paper assembly in worker processes', () => {
  let ctx: TestContext;
  let centre: Session;
  let bank: SeededBank;
  let inst: SeededInstitution;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The worker runs from the compiled output; build it (incremental, quick when up to date).
    spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
    if (!existsSync(workerJs)) throw new Error(`${workerJs} was not built`);
    ctx = await bootApp({ RUN_JOBS: 'false' });
    centre = await ctx.newUser(['centre']);
    bank = await seedBank(ctx);
    inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await stop(w);
    await ctx?.close();
  });

  async function approve(extra: Record<string, unknown>): Promise<string> {
    const created = await inst.user
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level, examDate: inDays(20), ...extra });
    expect(created.status).toBe(201);
    await centre.post(`/paper-requests/${created.body.id}/approve`).send({}).expect(200);
    return created.body.id as string;
  }

  it('leaves the draw to the worker: approve → ready with papers that verify', async () => {
    const id = await approve({ forms: 2, includePractical: true });
    // Nobody works the queue yet: the API process does not.
    await new Promise((r) => setTimeout(r, 300));
    expect((await centre.get(`/paper-requests/${id}`)).body.status).toBe('assembling');
    workers.push(startWorker(2));
    const done = await waitForRequest(centre, id, 60_000);
    expect(done.status).toBe('ready');
    expect(done.papers).toHaveLength(3);
    for (const paperId of done.papers) expect((await centre.post(`/papers/${paperId}/verify`)).body.match).toBe(true);
    await stop(workers.pop());
  }, 90_000);

  it('survives a worker killed mid-job: another worker finishes with exactly the requested papers', async () => {
    const candidates = 4000;
    const first = startWorker(1);
    workers.push(first);
    const id = await approve({ perCandidate: true, candidates });
    // Wait until papers are being stored, then pull the plug.
    let progress = 0;
    for (let i = 0; i < 3000 && progress === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      progress = (await centre.get(`/paper-requests/${id}`)).body.progress;
    }
    await stop(first, 'SIGKILL');
    const atKill = (await centre.get(`/paper-requests/${id}`)).body;
    expect(atKill.status).toBe('assembling');
    expect(atKill.progress).toBeGreaterThan(0);

    workers.push(startWorker(4));
    const done = await waitForRequest(centre, id, 170_000);
    expect(done.status).toBe('ready');
    expect(done.papers).toHaveLength(candidates);
    const rows = await ctx.db.manager.find(PaperEntity, {
      select: { form: true, kind: true },
      where: { requestId: id },
    });
    expect(rows.filter((r) => r.kind === 'theory')).toHaveLength(candidates);
    expect(new Set(rows.map((r) => r.form)).size).toBe(candidates);
    expect(Math.max(...rows.map((r) => r.form))).toBe(candidates - 1);
    const sample = (await centre.get(`/papers?requestId=${id}&pageSize=5`)).body.items;
    for (const p of sample) expect((await centre.post(`/papers/${p.id}/verify`)).body.match).toBe(true);
  }, 240_000);
});
