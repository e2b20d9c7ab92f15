import { createHash } from 'crypto';
import { Like } from 'typeorm';
import {
  AnswerLogEntity,
  AttemptAnswerEntity,
  AttemptEntity,
  ExamSessionEntity,
  IntegrityEventEntity,
} from '../../apps/api/src/modules/exam/exam.entities';
import { TokensService } from '../../apps/api/src/modules/auth/tokens.service';
import { JobRunEntity } from '../../apps/api/src/modules/jobs/job-run.entity';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { bootApp, Session, TestContext } from '../support/app';
import {
  assignedProctor,
  candidateLogin,
  createSession,
  ExamWorld,
  freshIp,
  HandItem,
  roster,
  seedDemoWorld,
  seedHandWorld,
  signIn,
} from '../support/exam-factories';

const ITEMS: HandItem[] = [
  { type: 'judge', stem: '安全电压的最高等级为 42 V。', answer: true, points: 20 },
  {
    type: 'single',
    stem: '我国交流电的频率为（　　）Hz。',
    options: ['60', '50', '100', '25'],
    answer: 'B',
    points: 40,
    optionOrder: [2, 0, 3, 1],
  },
  {
    type: 'multiple',
    stem: '属于绝缘材料的有（　　）。',
    options: ['橡胶', '铜', '云母', '铝'],
    answer: ['A', 'C'],
    points: 40,
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsOf(v, into));
  return into;
}

describe('Exam delivery (candidate API)', () => {
  let ctx: TestContext;
  let world: ExamWorld;
  beforeAll(async () => {
    ctx = await bootApp({ EXAM_SAVE_GRACE_SECONDS: '1' });
    world = await seedHandWorld(ctx, ITEMS);
  });
  afterAll(() => ctx.close());

  const setEndsAt = (sessionId: string, endsAt: number) =>
    ctx.db.manager.update(ExamSessionEntity, { id: sessionId }, { endsAt });
  const attemptRow = (id: string) => ctx.db.manager.findOneByOrFail(AttemptEntity, { id });
  /** The attempt once the deadline jobs have submitted it, or as it is after 20 s. */
  const submittedRow = async (id: string) => {
    let row = await attemptRow(id);
    for (let i = 0; i < 100 && row.status !== 'submitted'; i++) {
      await sleep(200);
      row = await attemptRow(id);
    }
    return row;
  };
  /** The session's deadline job run once it has completed, or as it is after 20 s. */
  const sessionDeadlineRun = async (sessionId: string, endsAt: number) => {
    const key = `exam.session-deadline:deadline:${sessionId}:${endsAt}`;
    let run = await ctx.db.manager.findOneByOrFail(JobRunEntity, { key });
    for (let i = 0; i < 100 && run.status !== 'completed'; i++) {
      await sleep(200);
      run = await ctx.db.manager.findOneByOrFail(JobRunEntity, { key });
    }
    return run;
  };

  describe('sign-in', () => {
    it('refuses sign-in before the start and after the end with SESSION_NOT_OPEN', async () => {
      const early = await createSession(ctx, world, { startsAt: Date.now() + 3_600_000 });
      const res = await candidateLogin(ctx, early.candidates[0]);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SESSION_NOT_OPEN');

      const late = await createSession(ctx, world, { startsAt: Date.now() - 3 * 3_600_000, durationMinutes: 60 });
      const after = await candidateLogin(ctx, late.candidates[0]);
      expect(after.status).toBe(403);
      expect(after.body.code).toBe('SESSION_NOT_OPEN');
    });

    it('refuses a wrong ID number with CANDIDATE_CREDENTIALS_INVALID and throttles a ticket after repeated failures', async () => {
      const s = await createSession(ctx, world);
      const c = s.candidates[0];
      const wrong = await candidateLogin(ctx, { ticketNo: c.ticketNo, idNumber: s.candidates[1].idNumber });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('CANDIDATE_CREDENTIALS_INVALID');
      for (let i = 0; i < ctx.config.login.maxFailures; i++)
        await candidateLogin(ctx, { ticketNo: c.ticketNo, idNumber: '110105199001011234' });
      const blocked = await candidateLogin(ctx, c);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
      // Another candidate of the same session is not affected.
      expect((await candidateLogin(ctx, s.candidates[2])).status).toBe(200);
    });

    it('ends the first device when the candidate signs in on a second one, and logs it', async () => {
      const s = await createSession(ctx, world);
      const first = await signIn(ctx, s.candidates[0]);
      const firstView = await first.get('/exam/attempt').expect(200);
      const second = await signIn(ctx, s.candidates[0]);
      const old = await first.get('/exam/attempt');
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('SESSION_REPLACED');
      const oldSave = await first
        .put('/exam/attempt/answers/1')
        .send({ answer: true, seq: 1, clientTime: new Date().toISOString() });
      expect(oldSave.body.code).toBe('SESSION_REPLACED');
      const now = await second.get('/exam/attempt').expect(200);
      expect(now.body.attemptId).toBe(firstView.body.attemptId);
      const events = await ctx.db.manager.findBy(IntegrityEventEntity, {
        attemptId: now.body.attemptId,
        type: 'device_replaced',
      });
      expect(events).toHaveLength(1);
      const centre = await ctx.newUser(['centre']);
      const audit = await centre.get(`/audit?entity=attempt&id=${now.body.attemptId}`).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('attempt.device_replaced');
    });

    it('requires the Safe Exam Browser config-key hash when the session sets a key', async () => {
      const key = 'seb-config-key-0123456789abcdef';
      const s = await createSession(ctx, world, { sebConfigKey: key });
      const c = s.candidates[0];
      const plain = await candidateLogin(ctx, c);
      expect(plain.status).toBe(403);
      expect(plain.body.code).toBe('SEB_REQUIRED');
      const hash = (path: string) => createHash('sha256').update(`http://exam.example${path}${key}`).digest('hex');
      const ok = await ctx.http
        .post('/api/v1/exam/login')
        .set('Host', 'exam.example')
        .set('X-Forwarded-For', freshIp())
        .set('X-SafeExamBrowser-ConfigKeyHash', hash('/api/v1/exam/login'))
        .send({ ticketNo: c.ticketNo, idNumber: c.idNumber })
        .expect(200);
      const token = ok.body.token as string;
      const noHeader = await ctx.http
        .get('/api/v1/exam/attempt')
        .set('Host', 'exam.example')
        .set('Authorization', `Bearer ${token}`);
      expect(noHeader.status).toBe(403);
      expect(noHeader.body.code).toBe('SEB_REQUIRED');
      await ctx.http
        .get('/api/v1/exam/attempt')
        .set('Host', 'exam.example')
        .set('Authorization', `Bearer ${token}`)
        .set('X-SafeExamBrowser-ConfigKeyHash', hash('/api/v1/exam/attempt'))
        .expect(200);
      // Behind a trusted proxy the URL is the one the browser used, https included.
      const https = createHash('sha256').update(`https://exam.example/api/v1/exam/login${key}`).digest('hex');
      const proxied = () =>
        ctx.http
          .post('/api/v1/exam/login')
          .set('Host', 'exam.example')
          .set('X-Forwarded-For', freshIp())
          .set('X-Forwarded-Proto', 'https');
      await proxied()
        .set('X-SafeExamBrowser-ConfigKeyHash', https)
        .send({ ticketNo: c.ticketNo, idNumber: c.idNumber })
        .expect(200);
      expect(
        (
          await proxied()
            .set('X-SafeExamBrowser-ConfigKeyHash', hash('/api/v1/exam/login'))
            .send({ ticketNo: c.ticketNo, idNumber: c.idNumber })
        ).body.code,
      ).toBe('SEB_REQUIRED');
    });
  });

  describe('the attempt', () => {
    it('carries no key, explanation, version id or knowledge point anywhere', async () => {
      const s = await createSession(ctx, world);
      const cand = await signIn(ctx, s.candidates[0]);
      const res = await cand.get('/exam/attempt').expect(200);
      const keys = keysOf(res.body);
      for (const forbidden of [
        'answer',
        'answerKey',
        'correct',
        'correctAnswer',
        'key_answer',
        'explanation',
        'versionId',
        'itemId',
        'knowledgePoint',
        'optionOrder',
        'seed',
      ]) {
        expect(keys.has(forbidden)).toBe(false);
      }
      const strings = stringsOf(res.body);
      for (const c of world.contents.values()) expect(strings).not.toContain(c.explanation);
      expect(res.body).toMatchObject({
        candidate: { name: s.candidates[0].name, ticketNo: s.candidates[0].ticketNo },
        status: 'in_progress',
        currentPosition: 1,
        lastSeq: 0,
        answers: [],
        policy: { showResult: true },
      });
      expect(res.body.remainingSeconds).toBeGreaterThan(0);
      expect(res.body.session.occupationName).toBe('电工');
      expect(res.body.session.level).toBe('4');
      // Options as drawn: position 2 shows original C, A, D, B under the letters A–D; judge items have none.
      expect(res.body.items[0]).toEqual({ position: 1, type: 'judge', stem: ITEMS[0].stem, options: [], points: 20 });
      expect(res.body.items[1].options).toEqual([
        { key: 'A', text: '100' },
        { key: 'B', text: '60' },
        { key: 'C', text: '25' },
        { key: 'D', text: '50' },
      ]);
    });

    it('gives each candidate of a shared form their own option order, and scores them in their own letters', async () => {
      const demo = await seedDemoWorld(ctx, { forms: 2 });
      const s = await createSession(ctx, demo, { candidates: roster(4) });
      const views = [];
      for (const c of s.candidates.slice(0, 4)) {
        const cand = await signIn(ctx, c);
        views.push({ cand, body: (await cand.get('/exam/attempt').expect(200)).body });
      }
      // Seats 0 and 2 share form A; their option orders differ somewhere.
      const [a, , c] = views;
      expect(a.body.items.map((i: { stem: string }) => i.stem)).toEqual(
        c.body.items.map((i: { stem: string }) => i.stem),
      );
      const order = (v: typeof a) =>
        v.body.items.map((i: { options: { text: string }[] }) => i.options.map((o) => o.text).join('|')).join('/');
      expect(order(a)).not.toEqual(order(c));
      // Answer everything right by option text, in the letters this candidate saw: full marks.
      const byStem = new Map([...demo.contents.values()].map((v) => [v.stem, v]));
      let seq = 0;
      for (const item of c.body.items as {
        position: number;
        type: string;
        stem: string;
        options: { key: string; text: string }[];
      }[]) {
        const content = byStem.get(item.stem)!;
        let answer: unknown = content.answer;
        if (item.type !== 'judge') {
          const keys = (Array.isArray(content.answer) ? content.answer : [content.answer]) as string[];
          const texts = keys.map((k) => content.options![k.charCodeAt(0) - 65]);
          const shown = item.options.filter((o) => texts.includes(o.text)).map((o) => o.key);
          answer = item.type === 'single' ? shown[0] : shown;
        }
        await c.cand
          .put(`/exam/attempt/answers/${item.position}`)
          .send({ answer, seq: ++seq, clientTime: new Date().toISOString() })
          .expect(200);
      }
      const done = await c.cand.post('/exam/attempt/submit').expect(200);
      expect(done.body).toEqual({ submitted: true, score: 100, passed: true });
      const paper = await ctx.db.manager.findOneByOrFail(PaperEntity, { id: demo.papers[0].id });
      expect(paper.status).toBe('released');
    });

    it("does not let a candidate reach another candidate's attempt by path, query, body or a borrowed token", async () => {
      const s = await createSession(ctx, world);
      const alice = await signIn(ctx, s.candidates[0]);
      const bob = await signIn(ctx, s.candidates[1]);
      const aliceId = (await alice.get('/exam/attempt').expect(200)).body.attemptId as string;
      const bobId = (await bob.get('/exam/attempt').expect(200)).body.attemptId as string;
      expect((await alice.get(`/exam/attempt?attemptId=${bobId}`).expect(200)).body.attemptId).toBe(aliceId);
      const body = await alice.put('/exam/attempt/answers/1').send({ answer: true, seq: 1, attemptId: bobId });
      expect(body.status).toBe(400);
      expect((await alice.get(`/attempts/${bobId}/answer-log`)).status).toBe(403);
      expect((await alice.get(`/exam-sessions/${s.id}/results`)).status).toBe(403);
      // A token naming Bob's attempt with Alice's device is not Bob's live device.
      const aliceDevice = (await attemptRow(aliceId)).deviceId;
      const forged = ctx.app
        .get(TokensService)
        .issue({ kind: 'candidate', attemptId: bobId, deviceId: aliceDevice }).token;
      const res = await new Session(ctx.http, forged, { id: 'x', username: 'x', roles: [] }).get('/exam/attempt');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_REPLACED');
      // A staff token is not a candidate token.
      const staff = await ctx.newUser(['centre']);
      expect((await staff.get('/exam/attempt')).body.code).toBe('ROLE_REQUIRED');
    });
  });

  describe('saving answers', () => {
    let cand: Session;
    let attemptId: string;
    beforeAll(async () => {
      const s = await createSession(ctx, world);
      cand = await signIn(ctx, s.candidates[0]);
      attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId;
    });
    const put = (position: number, answer: unknown, seq: number) =>
      cand.put(`/exam/attempt/answers/${position}`).send({ answer, seq, clientTime: new Date().toISOString() });

    it('acknowledges a save with its seq after it is stored, and a replayed seq with the same acknowledgement', async () => {
      const first = await put(2, 'A', 1).expect(200);
      expect(first.body).toEqual({ seq: 1, savedAt: expect.any(String) });
      const stored = await ctx.db.manager.findOneByOrFail(AttemptAnswerEntity, { attemptId, position: 2 });
      expect(JSON.parse(stored.answer)).toBe('A');
      const replay = await put(2, 'A', 1).expect(200);
      expect(replay.body).toEqual(first.body);
      expect(await ctx.db.manager.countBy(AnswerLogEntity, { attemptId, seq: 1 })).toBe(1);
    });

    it('never lets an older seq overwrite a newer answer, but still logs it', async () => {
      await put(3, ['A', 'C'], 5).expect(200);
      await put(3, ['B'], 4).expect(200);
      const current = await ctx.db.manager.findOneByOrFail(AttemptAnswerEntity, { attemptId, position: 3 });
      expect(JSON.parse(current.answer)).toEqual(['A', 'C']);
      expect(current.seq).toBe(5);
      const log = await ctx.db.manager.find(AnswerLogEntity, { where: { attemptId }, order: { seq: 'ASC' } });
      expect(log.map((l) => [l.seq, l.position, JSON.parse(l.answer)])).toEqual([
        [1, 2, 'A'],
        [4, 3, ['B']],
        [5, 3, ['A', 'C']],
      ]);
      const view = (await cand.get('/exam/attempt').expect(200)).body;
      expect(view.lastSeq).toBe(5);
      expect(view.answers).toEqual([
        { position: 2, answer: 'A', seq: 1 },
        { position: 3, answer: ['A', 'C'], seq: 5 },
      ]);
    });

    it('keeps the last of many concurrent saves to one position', async () => {
      const seqs = Array.from({ length: 20 }, (_, i) => 100 + i);
      await Promise.all(seqs.map((seq) => put(1, seq % 2 === 0, seq).expect(200)));
      const current = await ctx.db.manager.findOneByOrFail(AttemptAnswerEntity, { attemptId, position: 1 });
      expect(current.seq).toBe(119);
      expect(JSON.parse(current.answer)).toBe(false);
      expect((await attemptRow(attemptId)).lastSeq).toBe(119);
    });

    it('acknowledges every save of many candidates saving at once, and logs each one (no batch lost to lock waits)', async () => {
      const s = await createSession(ctx, world, { candidates: roster(24) });
      const sessions = await Promise.all(s.candidates.map((c) => signIn(ctx, c)));
      const ids = await Promise.all(
        sessions.map(async (c) => (await c.get('/exam/attempt').expect(200)).body.attemptId as string),
      );
      const rounds = 6;
      const results = await Promise.all(
        sessions.flatMap((c) =>
          Array.from({ length: rounds }, (_, r) =>
            c
              .put(`/exam/attempt/answers/${(r % 3) + 1}`)
              .send({ answer: r % 3 === 0 ? true : r % 3 === 1 ? 'B' : ['A', 'C'], seq: r + 1 }),
          ),
        ),
      );
      expect(results.filter((res) => res.status !== 200).map((res) => res.body)).toEqual([]);
      for (const id of ids) {
        expect(await ctx.db.manager.countBy(AnswerLogEntity, { attemptId: id })).toBe(rounds);
        expect((await attemptRow(id)).lastSeq).toBe(rounds);
      }
    });

    it('refuses answers that do not fit the item with ANSWER_INVALID and clears with null', async () => {
      for (const [position, answer] of [
        [1, 'A'],
        [2, 'E'],
        [2, ['A']],
        [3, ['A', 'A']],
        [3, 'A'],
        [3, []],
      ] as [number, unknown][]) {
        const res = await put(position, answer, 200);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('ANSWER_INVALID');
      }
      expect((await put(9, true, 200)).body.code).toBe('POSITION_NOT_FOUND');
      await put(2, null, 201).expect(200);
      const current = await ctx.db.manager.findOneByOrFail(AttemptAnswerEntity, { attemptId, position: 2 });
      expect(current.answer).toBe('null');
    });

    it('records the cursor and integrity events, and refuses an unknown event type', async () => {
      await cand.put('/exam/attempt/cursor').send({ position: 3 }).expect(204);
      expect((await cand.get('/exam/attempt').expect(200)).body.currentPosition).toBe(3);
      await cand
        .post('/exam/attempt/events')
        .send({ type: 'fullscreen_exit', at: new Date().toISOString(), detail: { reason: 'esc' } })
        .expect(202);
      await cand.post('/exam/attempt/events').send({ type: 'paste', at: new Date().toISOString() }).expect(202);
      expect(
        (await cand.post('/exam/attempt/events').send({ type: 'screenshot', at: new Date().toISOString() })).status,
      ).toBe(400);
      const events = await ctx.db.manager.findBy(IntegrityEventEntity, { attemptId });
      expect(events.map((e) => e.type).sort()).toEqual(['fullscreen_exit', 'paste']);
    });
  });

  describe('the candidate hot routes (ordinary routes of the one pipeline)', () => {
    let cand: Session;
    beforeAll(async () => {
      const s = await createSession(ctx, world);
      cand = await signIn(ctx, s.candidates[0]);
      await cand.get('/exam/attempt').expect(200);
    });

    it('answer a save with the security headers and Cache-Control of every other route', async () => {
      const save = await cand
        .put('/exam/attempt/answers/1')
        .send({ answer: true, seq: 1, clientTime: new Date().toISOString() })
        .expect(200);
      const regular = await cand.put('/exam/attempt/cursor').send({ position: 1 }).expect(204);
      const security = [
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'x-dns-prefetch-control',
        'x-permitted-cross-domain-policies',
        'origin-agent-cluster',
        'x-xss-protection',
      ];
      for (const h of security) {
        expect(regular.headers[h]).toBeDefined();
        expect(save.headers[h]).toBe(regular.headers[h]);
      }
      expect(save.headers['cache-control']).toBe('no-store');
      expect(save.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(save.headers['x-powered-by']).toBeUndefined();
    });

    it('validate the sign-in body and throttle failures by the address the trusted proxy reports', async () => {
      const s = await createSession(ctx, world);
      const c = s.candidates[1];
      const post = (body: unknown, ip = freshIp()) =>
        ctx.http
          .post('/api/v1/exam/login')
          .set('X-Forwarded-For', ip)
          .send(body as object);
      const ok = await post({ ticketNo: ` ${c.ticketNo} `, idNumber: c.idNumber }).expect(200);
      await ctx.http.get('/api/v1/exam/attempt').set('Authorization', `Bearer ${ok.body.token}`).expect(200);
      for (const [body, field] of [
        [{ ticketNo: '', idNumber: c.idNumber }, 'ticketNo'],
        [{ ticketNo: c.ticketNo, idNumber: 'x'.repeat(33) }, 'idNumber'],
        [{ ticketNo: c.ticketNo }, 'idNumber'],
        [{ ticketNo: 7, idNumber: c.idNumber }, 'ticketNo'],
        [{ ticketNo: c.ticketNo, idNumber: c.idNumber, extra: 1 }, 'extra'],
      ] as [object, string][]) {
        const res = await post(body);
        expect([res.status, res.body.code, res.body.message]).toEqual([
          400,
          'VALIDATION_FAILED',
          'The request is not valid',
        ]);
        expect(res.body.details).toEqual([expect.stringContaining(field)]);
      }
      expect((await post({ ticketNo: c.ticketNo, idNumber: '110105199003071230' })).body.code).toBe(
        'CANDIDATE_CREDENTIALS_INVALID',
      );
      // Failures count against the address the trusted proxy reports (req.ip).
      const ip = freshIp();
      for (let i = 0; i < 5; i++)
        await post({ ticketNo: 'NOPE0001', idNumber: `11010519900307${String(1000 + i)}` }, ip);
      const blocked = await post({ ticketNo: c.ticketNo, idNumber: c.idNumber }, ip);
      expect([blocked.status, blocked.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      await post({ ticketNo: c.ticketNo, idNumber: c.idNumber }).expect(200);
    });

    it('load the attempt as a serialised object: saved answers as values, the body exactly its JSON', async () => {
      await cand.put('/exam/attempt/answers/2').send({ answer: 'B', seq: 100 }).expect(200);
      const res = await cand.get('/exam/attempt').expect(200);
      expect(res.body.answers).toContainEqual({ position: 2, answer: 'B', seq: 100 });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toBe(JSON.stringify(res.body));
    });

    it('answer malformed save bodies with stable codes and accept what the schema accepts', async () => {
      const put = (body: string | object, type = 'application/json') =>
        cand
          .put('/exam/attempt/answers/1')
          .set('Content-Type', type)
          .send(typeof body === 'string' ? body : JSON.stringify(body));
      const extra = await put({ answer: true, seq: 2, extra: 1 });
      expect(extra.status).toBe(400);
      expect(extra.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: [expect.stringContaining('"extra"')],
      });
      expect((await put({ answer: true, seq: 0 })).body.details).toEqual([expect.stringMatching(/^seq: /)]);
      expect((await put({ answer: true, seq: 2.5 })).body.details).toEqual([expect.stringMatching(/^seq: /)]);
      expect((await put({ answer: true, seq: 2, clientTime: 'x'.repeat(41) })).body.details).toEqual([
        expect.stringMatching(/^clientTime: /),
      ]);
      expect((await put('{"answer": tru')).body).toEqual({
        statusCode: 400,
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON',
      });
      expect((await put([1, 2])).body.code).toBe('VALIDATION_FAILED');
      // clientTime is optional and may be null.
      expect((await put({ answer: false, seq: 4, clientTime: null })).body).toEqual({
        seq: 4,
        savedAt: expect.any(String),
      });
      expect((await put({ answer: false, seq: 5 })).status).toBe(200);
      expect((await put('seq=6', 'text/plain')).body.code).toBe('VALIDATION_FAILED');
    });

    it('refuse what the guard refuses: no token, a bad token, a staff token; and a bad position', async () => {
      const body = { answer: true, seq: 50 };
      const none = await ctx.http.put('/api/v1/exam/attempt/answers/1').send(body);
      expect([none.status, none.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      const forged = await ctx.http
        .put('/api/v1/exam/attempt/answers/1')
        .set('Authorization', `Bearer ${cand.token}x`)
        .send(body);
      expect([forged.status, forged.body.code]).toEqual([401, 'TOKEN_INVALID']);
      const staff = await (await ctx.newUser(['centre'])).put('/exam/attempt/answers/1').send(body);
      expect([staff.status, staff.body.code]).toEqual([403, 'ROLE_REQUIRED']);
      expect((await cand.put('/exam/attempt/answers/x1').send(body)).status).toBe(400);
    });
  });

  describe('deadline and submit', () => {
    it('refuses a save after the deadline and its grace with DEADLINE_PASSED', async () => {
      const s = await createSession(ctx, world);
      const cand = await signIn(ctx, s.candidates[0]);
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      await setEndsAt(s.id, Date.now() - 5_000);
      const res = await cand.put('/exam/attempt/answers/1').send({ answer: false, seq: 2 });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DEADLINE_PASSED');
    });

    it("submits abandoned attempts at the deadline through the session's one delayed job", async () => {
      const s = await createSession(ctx, world, { durationMinutes: 1 });
      const endsAt = Date.now() + 2_000;
      await setEndsAt(s.id, endsAt);
      const cand = await signIn(ctx, s.candidates[0]);
      const other = await signIn(ctx, s.candidates[1]);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId;
      const otherId = (await other.get('/exam/attempt').expect(200)).body.attemptId;
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      // One delayed job for the session, none per candidate.
      const runs = await ctx.db.manager.find(JobRunEntity, {
        where: [
          { key: Like(`exam.session-deadline:deadline:${s.id}:%`) },
          { key: Like(`exam.attempt-deadline:deadline:${attemptId}:%`) },
          { key: Like(`exam.attempt-deadline:deadline:${otherId}:%`) },
        ],
      });
      // Queued at creation for the planned end, and again by the first sign-in for the end the session now has.
      expect(runs.map((r) => r.key).sort()).toEqual(
        [
          `exam.session-deadline:deadline:${s.id}:${Date.parse(String(s.body.endsAt))}`,
          `exam.session-deadline:deadline:${s.id}:${endsAt}`,
        ].sort(),
      );
      // The browsers go away; nobody calls submit.
      const row = await submittedRow(attemptId);
      expect(row.status).toBe('submitted');
      expect(row.submittedBy).toBe('deadline');
      expect((await attemptRow(otherId)).status).toBe('submitted');
      const results = await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200);
      expect(results.body.items[0]).toMatchObject({
        attemptId,
        status: 'submitted',
        score: 20,
        passed: false,
        submittedBy: 'deadline',
      });
    });

    it("lets a proctor extend one candidate: the session's deadline job leaves that attempt alone and saves go on", async () => {
      const s = await createSession(ctx, world, { durationMinutes: 1 });
      // The proctor exists first: hashing a password is the slowest step, and all of it must fit before the end.
      const proctor = await assignedProctor(ctx, world, s);
      const endsAt = Date.now() + 3_000;
      await setEndsAt(s.id, endsAt);
      const cand = await signIn(ctx, s.candidates[0]);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId;
      const ext = await proctor
        .post(`/attempts/${attemptId}/extend`)
        .send({ minutes: 10, reason: '停电十分钟' })
        .expect(200);
      expect(ext.body).toMatchObject({ attemptId, extraSeconds: 600 });
      // The session's deadline job runs at the old end and leaves the extended attempt alone.
      const run = await sessionDeadlineRun(s.id, endsAt);
      expect(run.status).toBe('completed');
      expect(JSON.parse(run.result!)).toEqual({ submitted: 0, extended: 1, reason: 'deadline' });
      expect((await attemptRow(attemptId)).status).toBe('in_progress');
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      const view = (await cand.get('/exam/attempt').expect(200)).body;
      expect(view.remainingSeconds).toBeGreaterThan(500);
      expect(
        await ctx.db.manager.countBy(JobRunEntity, {
          key: `exam.attempt-deadline:deadline:${attemptId}:${endsAt + 600_000}`,
        }),
      ).toBe(1);
      const centre = await ctx.newUser(['centre']);
      const audit = await centre.get(`/audit?entity=attempt&id=${attemptId}`).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'attempt.extend',
        data: { minutes: 10, reason: '停电十分钟' },
      });
      // Another institution's proctor cannot.
      const stranger = await ctx.newUser(['proctor'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      expect((await stranger.post(`/attempts/${attemptId}/extend`).send({ minutes: 5, reason: 'no' })).status).toBe(
        404,
      );
    });

    it('submits once: the same result again, the score only when the session shows results, no saves after', async () => {
      const shown = await createSession(ctx, world);
      const cand = await signIn(ctx, shown.candidates[0]);
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      await cand.put('/exam/attempt/answers/2').send({ answer: 'D', seq: 2 }).expect(200);
      const first = await cand.post('/exam/attempt/submit').expect(200);
      expect(first.body).toEqual({ submitted: true, score: 60, passed: true });
      expect((await cand.post('/exam/attempt/submit').expect(200)).body).toEqual(first.body);
      const late = await cand.put('/exam/attempt/answers/3').send({ answer: ['A'], seq: 3 });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('ATTEMPT_SUBMITTED');
      // The acknowledged seq replays to its stored acknowledgement even now.
      expect((await cand.put('/exam/attempt/answers/2').send({ answer: 'D', seq: 2 })).status).toBe(200);
      const view = (await cand.get('/exam/attempt').expect(200)).body;
      expect(view).toMatchObject({ status: 'submitted', remainingSeconds: 0, result: { score: 60, passed: true } });

      const hidden = await createSession(ctx, world, { showResult: false });
      const other = await signIn(ctx, hidden.candidates[0]);
      expect((await other.post('/exam/attempt/submit').expect(200)).body).toEqual({ submitted: true });
      const v2 = (await other.get('/exam/attempt').expect(200)).body;
      expect(v2.policy).toEqual({ showResult: false });
      expect(v2.result).toBeUndefined();
    });
  });
  describe('a proctor pauses and resumes one candidate', () => {
    it('holds saves and submit with ATTEMPT_PAUSED while the countdown stands still; the resume moves the deadline by the pause', async () => {
      const s = await createSession(ctx, world);
      const proctor = await assignedProctor(ctx, world, s);
      const cand = await signIn(ctx, s.candidates[0]);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId as string;

      expect((await proctor.post(`/attempts/${attemptId}/pause`).send({})).body.code).toBe('VALIDATION_FAILED');
      const paused = await proctor.post(`/attempts/${attemptId}/pause`).send({ reason: '考场停电' }).expect(200);
      expect(paused.body).toMatchObject({ attemptId, paused: true, pausedSeconds: 0, deadline: null });
      expect(Date.parse(paused.body.pausedAt)).toBeGreaterThan(Date.now() - 10_000);

      const held = await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 });
      expect(held.status).toBe(409);
      expect(held.body.code).toBe('ATTEMPT_PAUSED');
      expect(await ctx.db.manager.countBy(AnswerLogEntity, { attemptId })).toBe(0);
      const submit = await cand.post('/exam/attempt/submit');
      expect(submit.status).toBe(409);
      expect(submit.body.code).toBe('ATTEMPT_PAUSED');
      expect((await proctor.post(`/attempts/${attemptId}/pause`).send({ reason: '再停' })).body.code).toBe(
        'ATTEMPT_PAUSED',
      );

      // The countdown stands still while paused.
      const during = (await cand.get('/exam/attempt').expect(200)).body;
      expect(during.paused).toBe(true);
      await sleep(2_100);
      const later = (await cand.get('/exam/attempt').expect(200)).body;
      expect(later.remainingSeconds).toBe(during.remainingSeconds);
      const monitor = (await proctor.get(`/exam-sessions/${s.id}/monitor`).expect(200)).body;
      expect(monitor.candidates.find((c: { attemptId: string }) => c.attemptId === attemptId)).toMatchObject({
        paused: true,
        deadline: null,
        status: 'in_progress',
      });

      const resumed = await proctor.post(`/attempts/${attemptId}/resume`).send({ reason: '恢复供电' }).expect(200);
      const row = await attemptRow(attemptId);
      expect(row.pausedAt).toBeNull();
      expect(row.pausedMs).toBeGreaterThanOrEqual(2_000);
      expect(resumed.body).toMatchObject({ attemptId, paused: false, pausedAt: null });
      expect(resumed.body.pausedSeconds).toBe(Math.floor(row.pausedMs / 1000));
      const session = await ctx.db.manager.findOneByOrFail(ExamSessionEntity, { id: s.id });
      expect(resumed.body.deadline).toBe(new Date(session.endsAt + row.pausedMs).toISOString());
      // The time the attempt stood still is given back, and the held answer goes through now.
      const after = (await cand.get('/exam/attempt').expect(200)).body;
      expect(after.paused).toBe(false);
      expect(Math.abs(after.remainingSeconds - during.remainingSeconds)).toBeLessThanOrEqual(2);
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      expect((await proctor.post(`/attempts/${attemptId}/resume`).send({ reason: '再恢复' })).body.code).toBe(
        'ATTEMPT_NOT_PAUSED',
      );

      const events = await ctx.db.manager.findBy(IntegrityEventEntity, { attemptId });
      expect(events.map((e) => e.type).sort()).toEqual(['paused', 'resumed']);
      const centre = await ctx.newUser(['centre']);
      const audit = (await centre.get(`/audit?entity=attempt&id=${attemptId}`).expect(200)).body.items as {
        action: string;
        data: { reason: string };
      }[];
      expect(audit.map((a) => [a.action, a.data.reason])).toEqual(
        expect.arrayContaining([
          ['attempt.pause', '考场停电'],
          ['attempt.resume', '恢复供电'],
        ]),
      );
      // Another institution's proctor reaches neither action.
      const stranger = await ctx.newUser(['proctor'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      expect((await stranger.post(`/attempts/${attemptId}/pause`).send({ reason: '越权' })).status).toBe(404);
    });

    it('is not submitted at the session end while paused, may sign in again, and is submitted at the moved deadline', async () => {
      const s = await createSession(ctx, world, { durationMinutes: 1 });
      const proctor = await assignedProctor(ctx, world, s);
      const endsAt = Date.now() + 3_000;
      await setEndsAt(s.id, endsAt);
      const cand = await signIn(ctx, s.candidates[0]);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId as string;
      await proctor.post(`/attempts/${attemptId}/pause`).send({ reason: '设备故障' }).expect(200);

      // The session's deadline job passes over the paused attempt.
      const run = await sessionDeadlineRun(s.id, endsAt);
      expect(run.status).toBe('completed');
      expect(JSON.parse(run.result!)).toMatchObject({ submitted: 0, extended: 1 });
      expect((await attemptRow(attemptId)).status).toBe('in_progress');

      // Past the session's end, the paused candidate signs in on another computer.
      const moved = await signIn(ctx, s.candidates[0]);
      const view = (await moved.get('/exam/attempt').expect(200)).body;
      expect(view).toMatchObject({ attemptId, paused: true, status: 'in_progress' });
      expect(view.remainingSeconds).toBeGreaterThan(0);

      const resumed = await proctor.post(`/attempts/${attemptId}/resume`).send({ reason: '换机完成' }).expect(200);
      const deadline = Date.parse(resumed.body.deadline);
      expect(deadline).toBeGreaterThan(Date.now());
      await moved.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      expect(
        await ctx.db.manager.countBy(JobRunEntity, { key: `exam.attempt-deadline:deadline:${attemptId}:${deadline}` }),
      ).toBe(1);
      const row = await submittedRow(attemptId);
      expect(row).toMatchObject({ status: 'submitted', submittedBy: 'deadline' });
      expect(row.submittedAt!).toBeGreaterThanOrEqual(deadline);
    });
  });
});
