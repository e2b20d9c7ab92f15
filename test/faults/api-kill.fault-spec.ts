import { AnswerLogEntity } from '../../apps/api/src/modules/exam/exam.entities';
import { bootApp, TestContext } from '../support/app';
import { createSession, roster, seedDemoWorld, signIn } from '../support/exam-factories';
import { OwnRedis } from '../support/redis-server';
import { ApiProcess, buildOnce, report, sleep } from './harness';

const CANDIDATES = 24;
const KILLS = 2;
/** Saves run this long before the first kill, between kills, and after the last restart. */
const PHASE_MS = 3000;

interface Ack {
  attemptId: string;
  seq: number;
  position: number;
  answer: boolean;
}

/**
 * kill -9 of the API process under a steady load of answer saves, twice. Each candidate behaves as the exam client
 * does: one save at a time, the same sequence number again after any failure, the next one only after a 200. Every
 * acknowledged save must be in the answer log afterwards, exactly once.
 */
describe('Fault: the API killed under save load', () => {
  let redis: OwnRedis;
  let ctx: TestContext;
  let api: ApiProcess;

  beforeAll(async () => {
    buildOnce();
    redis = await OwnRedis.start();
    ctx = await bootApp({ REDIS_URL: redis.url, RUN_JOBS: 'false' });
    api = await ApiProcess.start({ REDIS_URL: redis.url, RUN_JOBS: 'false' });
  });
  afterAll(async () => {
    await api?.kill('SIGTERM');
    await ctx?.close();
    await redis?.down();
  });

  it('loses no acknowledged answer, stores none twice, and saves resume once the API is back', async () => {
    const world = await seedDemoWorld(ctx);
    const s = await createSession(ctx, world, { candidates: roster(CANDIDATES), durationMinutes: 90 });
    const candidates = await Promise.all(
      s.candidates.map(async (c) => {
        const session = await signIn(ctx, c);
        const view = (await session.get('/exam/attempt').expect(200)).body as {
          attemptId: string;
          items: { position: number; type: string }[];
        };
        return {
          token: session.token,
          attemptId: view.attemptId,
          judge: view.items.filter((i) => i.type === 'judge').map((i) => i.position),
        };
      }),
    );

    const acks: Ack[] = [];
    const kills: number[] = [];
    const firstOkAfterKill: (number | undefined)[] = [];
    let running = true;
    const client = async (c: (typeof candidates)[number]) => {
      let seq = 0;
      while (running) {
        const next = { seq: seq + 1, position: c.judge[seq % c.judge.length], answer: seq % 2 === 0 };
        const sentAt = Date.now();
        try {
          const res = await fetch(`${api.url}/api/v1/exam/attempt/answers/${next.position}`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ answer: next.answer, seq: next.seq, clientTime: new Date().toISOString() }),
          });
          if (res.status === 200) {
            const body = (await res.json()) as { seq: number };
            if (body.seq !== next.seq) throw new Error(`acknowledged seq ${body.seq} for ${next.seq}`);
            acks.push({ attemptId: c.attemptId, ...next });
            seq = next.seq;
            // Recovery: the first save sent after the process was gone and acknowledged by its successor.
            const k = kills.length - 1;
            if (k >= 0 && sentAt > kills[k] && firstOkAfterKill[k] === undefined) firstOkAfterKill[k] = Date.now();
            continue;
          }
          await res.arrayBuffer();
        } catch {
          // Connection refused or reset: the process is down. The exam client keeps the answer and tries again.
        }
        await sleep(100);
      }
    };

    const clients = candidates.map(client);
    for (let k = 0; k < KILLS; k++) {
      await sleep(PHASE_MS);
      await api.kill();
      kills.push(Date.now());
      // What a supervisor (systemd, the cluster primary, an orchestrator) does: start it again at once.
      await api.up();
    }
    await sleep(PHASE_MS);
    running = false;
    await Promise.all(clients);

    const stored = await ctx.db.manager.find(AnswerLogEntity, {
      select: { attemptId: true, seq: true, position: true, answer: true },
      where: candidates.map((c) => ({ attemptId: c.attemptId })),
    });
    const byKey = new Map<string, number>();
    for (const r of stored) byKey.set(`${r.attemptId}:${r.seq}`, (byKey.get(`${r.attemptId}:${r.seq}`) ?? 0) + 1);
    const storedAnswer = new Map(stored.map((r) => [`${r.attemptId}:${r.seq}`, r]));
    const lost = acks.filter((a) => {
      const row = storedAnswer.get(`${a.attemptId}:${a.seq}`);
      return !row || row.position !== a.position || JSON.parse(row.answer) !== a.answer;
    });
    const duplicates = [...byKey.values()].filter((n) => n > 1).length;
    const recovery = kills.map((t, i) => ((firstOkAfterKill[i] ?? NaN) - t) / 1000);
    report('api-kill', {
      candidates: CANDIDATES,
      kills: KILLS,
      acknowledged: acks.length,
      lost: lost.length,
      duplicates,
      'recovery after kill (s)': recovery.map((r) => r.toFixed(1)).join(' / '),
    });
    expect(acks.length).toBeGreaterThan(CANDIDATES * KILLS);
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
    for (const r of recovery) expect(Number.isFinite(r)).toBe(true);
  });
});
