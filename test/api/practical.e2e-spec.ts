import ExcelJS from 'exceljs';
import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
import { binaryBody as binary, bootApp, Session, TestContext, unique } from '../support/app';
import { createSession, ExamWorld, HandItem, HandTask, roster, seedHandWorld, signIn } from '../support/exam-factories';

const ITEMS: HandItem[] = [
  { type: 'judge', stem: '判断一', answer: true, points: 50 },
  { type: 'judge', stem: '判断二', answer: false, points: 50 },
];

/** Task 1 is worth 60 (40 + 20), task 2 worth 40 (30 + 10): the practical paper totals 100. */
const TASKS: HandTask[] = [
  {
    title: '照明电路安装',
    rubric: [
      { points: 40, criterion: '接线正确' },
      { points: 20, criterion: '安全文明操作' },
    ],
  },
  {
    title: '电动机控制',
    rubric: [
      { points: 30, criterion: '控制功能' },
      { points: 10, criterion: '工艺' },
    ],
  },
];

const HOUR = 3_600_000;

interface Examiner {
  id: string;
  session: Session;
}

describe('Practical assessment (examiners, panels, score sheets, results)', () => {
  let ctx: TestContext;
  let world: ExamWorld;
  let centre: Session;

  async function register(
    opts: { occupations?: string[]; level?: string; institutionId?: string | null } = {},
  ): Promise<Examiner> {
    const session = await ctx.newUser(['examiner']);
    const res = await centre
      .post('/examiners')
      .send({
        userId: session.user.id,
        name: unique('考评员'),
        certificateNo: unique('KPY-').slice(0, 40),
        occupations: opts.occupations ?? [world.occupationCode],
        level: opts.level ?? '3',
        institutionId: opts.institutionId ?? null,
      })
      .expect(201);
    return { id: res.body.id as string, session };
  }

  const sheetPath = (sessionId: string, ticketNo: string, position: number) =>
    `/exam-sessions/${sessionId}/practical-sheets/${encodeURIComponent(ticketNo)}/${position}`;

  async function score(e: Examiner, sessionId: string, ticketNo: string, position: number, points: number[]) {
    await e.session
      .put(sheetPath(sessionId, ticketNo, position))
      .send({ criteria: points.map((p, index) => ({ index, points: p })) })
      .expect(200);
    return e.session.post(`${sheetPath(sessionId, ticketNo, position)}/sign`).expect(200);
  }

  beforeAll(async () => {
    ctx = await bootApp();
    world = await seedHandWorld(ctx, ITEMS, { practical: TASKS });
    centre = await ctx.newUser(['centre']);
  });
  afterAll(() => ctx.close());

  describe('the examiner register', () => {
    it('registers a user holding the examiner role, once per user and per certificate', async () => {
      const user = await ctx.newUser(['examiner']);
      const body = {
        userId: user.user.id,
        name: '王建国',
        certificateNo: unique('CERT-').slice(0, 40),
        occupations: [world.occupationCode],
        level: '2',
      };
      const created = await centre.post('/examiners').send(body).expect(201);
      expect(created.body).toMatchObject({ name: '王建国', level: '2', active: true, institutionId: null });
      const again = await centre
        .post('/examiners')
        .send({ ...body, certificateNo: unique('CERT-').slice(0, 40) })
        .expect(409);
      expect(again.body.code).toBe('EXAMINER_EXISTS');
      const other = await ctx.newUser(['examiner']);
      const sameCert = await centre
        .post('/examiners')
        .send({ ...body, userId: other.user.id })
        .expect(409);
      expect(sameCert.body.code).toBe('EXAMINER_EXISTS');

      const listed = await centre.get(`/examiners?occupation=${world.occupationCode}&q=王建国`).expect(200);
      expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);
      const otherOcc = await centre.get('/examiners?occupation=0-00-00-00').expect(200);
      expect(otherOcc.body.items.map((e: { id: string }) => e.id)).not.toContain(created.body.id);

      const off = await centre.patch(`/examiners/${created.body.id}`).send({ active: false }).expect(200);
      expect(off.body.active).toBe(false);
      const audit = await ctx.db.manager.findBy(AuditEntryEntity, { entityId: created.body.id });
      expect(audit.map((a) => a.action).sort()).toEqual(['examiner.register', 'examiner.update']);
    });

    it('offers the centre the examiner accounts not yet in the register', async () => {
      const fresh = await ctx.newUser(['examiner']);
      const offered = await centre.get('/examiners/accounts').expect(200);
      const ids = offered.body.map((a: { userId: string }) => a.userId);
      expect(ids).toContain(fresh.user.id);
      const done = await register();
      const after = (await centre.get('/examiners/accounts').expect(200)).body.map((a: { userId: string }) => a.userId);
      expect(after).not.toContain(done.session.user.id);
      const byName = await centre.get(`/examiners/accounts?q=${encodeURIComponent(fresh.user.username)}`).expect(200);
      expect(byName.body.map((a: { userId: string }) => a.userId)).toEqual([fresh.user.id]);
      await done.session.get('/examiners/accounts').expect(403);
    });

    it('refuses a user without the examiner role, a level below 三级, and anyone but the centre', async () => {
      const author = await ctx.newUser(['author']);
      const body = {
        userId: author.user.id,
        name: '李四',
        certificateNo: unique('CERT-').slice(0, 40),
        occupations: [world.occupationCode],
        level: '3',
      };
      expect((await centre.post('/examiners').send(body).expect(400)).body.code).toBe('EXAMINER_USER_INVALID');
      const examinerUser = await ctx.newUser(['examiner']);
      const low = await centre.post('/examiners').send({ ...body, userId: examinerUser.user.id, level: '4' });
      expect(low.status).toBe(400);
      expect(low.body.code).toBe('VALIDATION_FAILED');
      const inst = await ctx.newUser(['institution'], { institutionId: world.institutionId });
      await inst
        .post('/examiners')
        .send({ ...body, userId: examinerUser.user.id })
        .expect(403);
      await inst.get('/examiners').expect(403);
    });
  });

  describe('dispatching a panel', () => {
    it('refuses panels that break a rule, each with its code, and accepts a lawful one', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const [a, b, c, d] = await Promise.all([register(), register(), register(), register()]);
      const own = await register({ institutionId: world.institutionId });
      const elsewhere = await register({ occupations: ['0-00-00-00'] });
      const put = (examiners: string[], chief = examiners[0]) =>
        centre.put(`/exam-sessions/${s.id}/panel`).send({ examiners, chief });

      expect((await put([a.id, b.id])).body.code).toBe('PANEL_TOO_SMALL');
      expect((await put([a.id, b.id, c.id, d.id])).body.code).toBe('PANEL_EVEN');
      expect((await put([a.id, b.id, c.id], d.id)).body.code).toBe('PANEL_CHIEF_NOT_MEMBER');
      const conflict = await put([a.id, b.id, own.id]);
      expect(conflict.status).toBe(422);
      expect(conflict.body).toMatchObject({ code: 'EXAMINER_CONFLICT', details: { examinerIds: [own.id] } });
      expect((await put([a.id, b.id, elsewhere.id])).body.code).toBe('EXAMINER_UNQUALIFIED');
      await centre.patch(`/examiners/${c.id}`).send({ active: false }).expect(200);
      expect((await put([a.id, b.id, c.id])).body.code).toBe('EXAMINER_UNQUALIFIED');
      await centre.patch(`/examiners/${c.id}`).send({ active: true }).expect(200);

      const ok = await put([a.id, b.id, c.id], b.id).expect(200);
      expect(ok.body.chief).toBe(b.id);
      expect(ok.body.examiners.map((e: { examinerId: string }) => e.examinerId).sort()).toEqual(
        [a.id, b.id, c.id].sort(),
      );
      const inst = await ctx.newUser(['institution'], { institutionId: world.institutionId });
      expect((await inst.get(`/exam-sessions/${s.id}/panel`).expect(200)).body.chief).toBe(b.id);
      await inst
        .put(`/exam-sessions/${s.id}/panel`)
        .send({ examiners: [a.id, b.id, c.id], chief: a.id })
        .expect(403);
      await d.session.get(`/exam-sessions/${s.id}/panel`).expect(403);
      await a.session.get(`/exam-sessions/${s.id}/panel`).expect(200);
    });

    it('rotates a third of the panel between sessions and keeps an examiner from a site a third time running', async () => {
      const w = await seedHandWorld(ctx, ITEMS, { practical: TASKS });
      const at = Date.now() + 10 * HOUR;
      const s1 = await createSession(ctx, w, { startsAt: at, candidates: roster(1) });
      const s2 = await createSession(ctx, w, { startsAt: at + HOUR, candidates: roster(1), staff: s1.staff });
      const s3 = await createSession(ctx, w, { startsAt: at + 2 * HOUR, candidates: roster(1), staff: s1.staff });
      const reg = () => register({ occupations: [w.occupationCode] });
      const [a, b, c, d, e, f] = await Promise.all([reg(), reg(), reg(), reg(), reg(), reg()]);
      const put = (sessionId: string, examiners: Examiner[]) =>
        centre
          .put(`/exam-sessions/${sessionId}/panel`)
          .send({ examiners: examiners.map((x) => x.id), chief: examiners[0].id });

      await put(s1.id, [a, b, c]).expect(200);
      const same = await put(s2.id, [a, b, c]).expect(422);
      expect(same.body.code).toBe('ROTATION_TOO_LOW');
      await put(s2.id, [a, b, d]).expect(200);
      const third = await put(s3.id, [a, e, f]).expect(422);
      expect(third.body).toMatchObject({ code: 'EXAMINER_REPEAT_SITE', details: { examinerIds: [a.id] } });
      await put(s3.id, [d, e, f]).expect(200);
    });

    it('needs 一级 examiners for level 2, and only levels 2 and 1 take a review score', async () => {
      const w = await seedHandWorld(ctx, ITEMS, { practical: TASKS, level: '2' });
      const s = await createSession(ctx, w, { candidates: roster(1) });
      const top = () => register({ occupations: [w.occupationCode], level: '1' });
      const [a, b] = await Promise.all([top(), top()]);
      const three = await register({ occupations: [w.occupationCode], level: '3' });
      const refused = await centre
        .put(`/exam-sessions/${s.id}/panel`)
        .send({ examiners: [a.id, b.id, three.id], chief: a.id })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'EXAMINER_UNQUALIFIED', details: { examinerIds: [three.id] } });

      const ticket = s.candidates[0].ticketNo;
      await centre.put(`/exam-sessions/${s.id}/reviews/${ticket}`).send({ score: 72.5 }).expect(200);
      const res = await centre.get(`/exam-sessions/${s.id}/practical-results`).expect(200);
      expect(res.body.reviewNeeded).toBe(true);
      expect(res.body.items[0]).toMatchObject({ ticketNo: ticket, review: 72.5, passed: null });

      const four = await createSession(ctx, world, { candidates: roster(1) });
      const notNeeded = await centre
        .put(`/exam-sessions/${four.id}/reviews/${four.candidates[0].ticketNo}`)
        .send({ score: 80 })
        .expect(409);
      expect(notNeeded.body.code).toBe('REVIEW_NOT_NEEDED');
    });
  });

  describe('scoring and results', () => {
    let s: Awaited<ReturnType<typeof createSession>>;
    let panel: Examiner[];
    let outsider: Examiner;
    let t1: string;
    let t2: string;

    beforeAll(async () => {
      s = await createSession(ctx, world, { candidates: roster(2), startsAt: Date.now() - 60_000 });
      [t1, t2] = s.candidates.map((c) => c.ticketNo);
      panel = await Promise.all([register(), register(), register()]);
      outsider = await register();
      await centre
        .put(`/exam-sessions/${s.id}/panel`)
        .send({ examiners: panel.map((e) => e.id), chief: panel[0].id })
        .expect(200);
      // Candidate 1 sits the theory part and answers both items right: 100.
      const cand = await signIn(ctx, s.candidates[0]);
      await cand.put('/exam/attempt/answers/1').send({ answer: true, seq: 1 }).expect(200);
      await cand.put('/exam/attempt/answers/2').send({ answer: false, seq: 2 }).expect(200);
      await cand.post('/exam/attempt/submit').expect(200);
    });

    it('shows an examiner the tasks with their rubrics and the roster, and lists the session among their assignments', async () => {
      const desk = await panel[1].session.get(`/exam-sessions/${s.id}/practical-sheets`).expect(200);
      expect(desk.body.tasks.map((t: { points: number }) => t.points)).toEqual([60, 40]);
      expect(desk.body.tasks[0].rubric).toEqual(TASKS[0].rubric);
      expect(desk.body.candidates.map((c: { ticketNo: string }) => c.ticketNo)).toEqual([t1, t2]);
      expect(desk.body.chief).toBe(false);
      const mine = await panel[1].session.get('/practical/assignments').expect(200);
      expect(mine.body).toEqual([expect.objectContaining({ sessionId: s.id, chief: false })]);
      const off = await outsider.session.get(`/exam-sessions/${s.id}/practical-sheets`).expect(403);
      expect(off.body.code).toBe('NOT_ON_PANEL');
      await centre.get(`/exam-sessions/${s.id}/practical-sheets`).expect(403);
    });

    it('keeps drafts until signed, refuses out-of-rubric points and incomplete signatures, and never changes a signed sheet', async () => {
      const e = panel[2];
      const bad = await e.session
        .put(sheetPath(s.id, t1, 1))
        .send({ criteria: [{ index: 0, points: 41 }] })
        .expect(400);
      expect(bad.body.code).toBe('CRITERION_INVALID');
      expect(
        (
          await e.session
            .put(sheetPath(s.id, t1, 9))
            .send({ criteria: [] })
            .expect(404)
        ).body.code,
      ).toBe('POSITION_NOT_FOUND');
      expect(
        (
          await e.session
            .put(sheetPath(s.id, 'NOPE', 1))
            .send({ criteria: [] })
            .expect(404)
        ).body.code,
      ).toBe('CANDIDATE_NOT_FOUND');
      await outsider.session
        .put(sheetPath(s.id, t1, 1))
        .send({ criteria: [] })
        .expect(403);

      const draft = await e.session
        .put(sheetPath(s.id, t1, 1))
        .send({ criteria: [{ index: 0, points: 30 }] })
        .expect(200);
      expect(draft.body).toMatchObject({ total: 30, complete: false, signedAt: null });
      const early = await e.session.post(`${sheetPath(s.id, t1, 1)}/sign`).expect(422);
      expect(early.body).toMatchObject({ code: 'SHEET_INCOMPLETE', details: { missing: [1] } });

      const signed = await score(e, s.id, t1, 1, [36, 18]);
      expect(signed.body).toMatchObject({ total: 54, complete: true });
      expect(signed.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
      const again = await e.session
        .put(sheetPath(s.id, t1, 1))
        .send({ criteria: [{ index: 0, points: 40 }] })
        .expect(409);
      expect(again.body.code).toBe('SHEET_SIGNED');
      const audit = await ctx.db.manager.findBy(AuditEntryEntity, { action: 'practical.sheet.sign' });
      expect(
        audit.some((a) => (JSON.parse(a.data!) as { contentHash: string }).contentHash === signed.body.contentHash),
      ).toBe(true);
      // Signed sheets lock the panel.
      const locked = await centre
        .put(`/exam-sessions/${s.id}/panel`)
        .send({ examiners: panel.map((x) => x.id), chief: panel[1].id })
        .expect(409);
      expect(locked.body.code).toBe('PANEL_LOCKED');
    });

    it("hides the other examiners' totals from an examiner until their own sheet is signed", async () => {
      const viewOf = async (e: Examiner) => {
        const desk = await e.session.get(`/exam-sessions/${s.id}/practical-sheets`).expect(200);
        const cand = desk.body.candidates.find((c: { ticketNo: string }) => c.ticketNo === t1);
        return cand.tasks[0] as {
          mine: unknown;
          others: { examinerId: string; total: number | null; signedAt: string | null }[];
        };
      };
      const before = await viewOf(panel[1]);
      const third = before.others.find((o) => o.examinerId === panel[2].id)!;
      expect(third.signedAt).not.toBeNull();
      expect(third.total).toBeNull();
      await score(panel[1], s.id, t1, 1, [34, 18]);
      const after = await viewOf(panel[1]);
      expect(after.others.find((o) => o.examinerId === panel[2].id)!.total).toBe(54);
    });

    it("scores by the panel's mean, sends a wide spread to the chief, and combines theory and practical", async () => {
      // Candidate 1: task 1 signed 54 and 52 above, the chief gives 50 → mean 52; task 2: 30, 31, 32 → 31.
      await score(panel[0], s.id, t1, 1, [32, 18]);
      await score(panel[0], s.id, t1, 2, [22, 8]);
      await score(panel[1], s.id, t1, 2, [22, 9]);
      await score(panel[2], s.id, t1, 2, [23, 9]);
      // Candidate 2: task 1 spreads 20 → 45 (25 > 20 % of 60); task 2 all 20.
      await score(panel[0], s.id, t2, 1, [10, 10]);
      await score(panel[1], s.id, t2, 1, [25, 15]);
      await score(panel[2], s.id, t2, 1, [30, 15]);
      for (const e of panel) await score(e, s.id, t2, 2, [15, 5]);

      const pending = await centre.get(`/exam-sessions/${s.id}/practical-results`).expect(200);
      const [r1, r2] = pending.body.items as {
        ticketNo: string;
        tasks: { status: string; score: number | null; spread: number | null }[];
        theory: number | null;
        practical: number | null;
        passed: boolean | null;
      }[];
      expect(r1).toMatchObject({ ticketNo: t1, theory: 100, practical: 83, passed: true });
      expect(r1.tasks.map((t) => t.score)).toEqual([52, 31]);
      expect(r2.tasks[0]).toMatchObject({ status: 'needs_decision', score: null, spread: 25 });
      expect(r2).toMatchObject({ practical: null, theory: null, passed: null });

      const decision = { score: 40, reason: '复核录像，第一位考评员漏记接线步骤' };
      const notChief = await panel[1].session
        .post(`${sheetPath(s.id, t2, 1)}/decision`)
        .send(decision)
        .expect(403);
      expect(notChief.body.code).toBe('NOT_PANEL_CHIEF');
      const notNeeded = await panel[0].session
        .post(`${sheetPath(s.id, t1, 1)}/decision`)
        .send(decision)
        .expect(409);
      expect(notNeeded.body.code).toBe('DECISION_NOT_NEEDED');
      const tooHigh = await panel[0].session
        .post(`${sheetPath(s.id, t2, 1)}/decision`)
        .send({ ...decision, score: 61 })
        .expect(400);
      expect(tooHigh.body.code).toBe('DECISION_INVALID');
      await panel[0].session
        .post(`${sheetPath(s.id, t2, 1)}/decision`)
        .send(decision)
        .expect(200);
      const twice = await panel[0].session
        .post(`${sheetPath(s.id, t2, 1)}/decision`)
        .send(decision)
        .expect(409);
      expect(twice.body.code).toBe('DECISION_NOT_NEEDED');

      const done = await panel[0].session.get(`/exam-sessions/${s.id}/practical-results`).expect(200);
      const d2 = done.body.items[1];
      expect(d2.tasks[0]).toMatchObject({ status: 'decided', score: 40, decisionReason: decision.reason });
      // Practical 60 passes on its own; without a theory score the result is still open.
      expect(d2).toMatchObject({ practical: 60, theory: null, passed: null });
      const totals = Object.fromEntries(
        d2.tasks[0].sheets.map((x: { examinerId: string; total: number }) => [x.examinerId, x.total]),
      );
      expect(totals).toEqual({ [panel[0].id]: 20, [panel[1].id]: 40, [panel[2].id]: 45 });
    });

    it('shows results to the centre, the own institution and the chief only', async () => {
      await s.staff.get(`/exam-sessions/${s.id}/practical-results`).expect(200);
      const w2 = await seedHandWorld(ctx, ITEMS);
      const stranger = await ctx.newUser(['institution'], { institutionId: w2.institutionId });
      expect((await stranger.get(`/exam-sessions/${s.id}/practical-results`).expect(404)).body.code).toBe(
        'SESSION_NOT_FOUND',
      );
      expect((await panel[2].session.get(`/exam-sessions/${s.id}/practical-results`).expect(403)).body.code).toBe(
        'NOT_PANEL_CHIEF',
      );
      await outsider.session.get(`/exam-sessions/${s.id}/practical-results`).expect(403);
      const proctor = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      await proctor.get(`/exam-sessions/${s.id}/practical-results`).expect(403);
    });

    it('exports the result list for the notice (成绩公示) as a spreadsheet', async () => {
      const res = await s.staff
        .get(`/exam-sessions/${s.id}/practical-results/export`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
      expect(rows[0].slice(1)).toEqual(['准考证号', '姓名', '身份证号', '理论知识', '操作技能', '是否合格']);
      expect(rows[1].slice(1, 2)).toEqual([t1]);
      expect(rows[1].slice(4)).toEqual([100, 83, '合格']);
      expect(rows[2].slice(4)).toEqual(['', 60, '待定']);
      await panel[1].session.get(`/exam-sessions/${s.id}/practical-results/export`).expect(403);
    });

    it('refuses practical routes on a session whose request drew no practical paper', async () => {
      const theoryOnly = await seedHandWorld(ctx, ITEMS);
      const t = await createSession(ctx, theoryOnly, { candidates: roster(1) });
      const res = await centre
        .put(`/exam-sessions/${t.id}/panel`)
        .send({ examiners: panel.map((e) => e.id), chief: panel[0].id })
        .expect(409);
      expect(res.body.code).toBe('PRACTICAL_NOT_IN_SESSION');
    });
  });
});
