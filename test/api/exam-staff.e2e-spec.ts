import ExcelJS from 'exceljs';
import { randomUUID } from 'crypto';
import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
import {
  AnswerLogEntity,
  AttemptEntity,
  CandidateEntity,
  ScoreRecordEntity,
} from '../../apps/api/src/modules/exam/exam.entities';
import { ItemStatisticEntity } from '../../apps/api/src/modules/items/item.entities';
import { binaryBody as binary, bootApp, Session, TestContext } from '../support/app';
import {
  assignedProctor,
  createSession,
  ExamWorld,
  HandItem,
  idNumber,
  partialCreditPolicy,
  roster,
  seedHandWorld,
  signIn,
} from '../support/exam-factories';

/**
 * Six items, 100 points. Position 3 is shown with options reordered [C, A, D, B], position 5 with [B, A, D, C], so
 * the candidate's letters differ from the stored keys.
 */
const ITEMS: HandItem[] = [
  { type: 'judge', stem: '判断一', answer: true, points: 10 },
  { type: 'judge', stem: '判断二', answer: false, points: 10 },
  {
    type: 'single',
    stem: '单选一',
    options: ['甲', '乙', '丙', '丁'],
    answer: 'B',
    points: 20,
    optionOrder: [2, 0, 3, 1],
  },
  { type: 'single', stem: '单选二', options: ['甲', '乙', '丙'], answer: 'A', points: 20 },
  {
    type: 'multiple',
    stem: '多选一',
    options: ['甲', '乙', '丙', '丁'],
    answer: ['A', 'C'],
    points: 20,
    optionOrder: [1, 0, 3, 2],
  },
  { type: 'multiple', stem: '多选二', options: ['甲', '乙', '丙', '丁'], answer: ['B', 'C', 'D'], points: 20 },
];

/** Hand-scored: 1 right (10), 2 wrong, 3 right as shown "D" = original B (20), 4 wrong, 5 right as ["B","D"] = A, C (20), 6 a correct subset. */
const ANSWERS: [number, unknown][] = [
  [1, true],
  [2, true],
  [3, 'D'],
  [4, 'B'],
  [5, ['B', 'D']],
  [6, ['B', 'C']],
];

async function answerAll(cand: Session, answers: [number, unknown][]) {
  let seq = 0;
  for (const [position, answer] of answers)
    await cand
      .put(`/exam/attempt/answers/${position}`)
      .send({ answer, seq: ++seq, clientTime: new Date().toISOString() })
      .expect(200);
}

describe('Exam sessions (staff API)', () => {
  let ctx: TestContext;
  let world: ExamWorld;
  let centre: Session;
  beforeAll(async () => {
    ctx = await bootApp({ EXAM_SAVE_GRACE_SECONDS: '1' });
    world = await seedHandWorld(ctx, ITEMS);
    centre = await ctx.newUser(['centre']);
  });
  afterAll(() => ctx.close());

  describe('scheduling', () => {
    it("creates a session on the institution's ready request, masking ID numbers and storing only a keyed hash", async () => {
      const s = await createSession(ctx, world, { candidates: roster(2) });
      const body = s.body as { candidates: { idNumber: string; ticketNo: string }[]; candidateCount: number };
      expect(body.candidateCount).toBe(2);
      expect(body.candidates[0].idNumber).toBe(`**************${s.candidates[0].idNumber.slice(-4)}`);
      const rows = await ctx.db.manager.findBy(CandidateEntity, { sessionId: s.id });
      for (const r of rows) {
        expect(r.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(r)).not.toContain(
          s.candidates.find((c) => c.ticketNo === r.ticketNo)!.idNumber.slice(0, 14),
        );
      }
      const got = await centre.get(`/exam-sessions/${s.id}`).expect(200);
      expect(JSON.stringify(got.body)).not.toContain(s.candidates[0].idNumber);
      const list = await s.staff.get('/exam-sessions?pageSize=100').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(s.id);
    });

    it('refuses a bad ID number (GB 11643 check digit) with its index, and saves nothing', async () => {
      const staff = await ctx.newUser(['institution'], { institutionId: world.institutionId });
      const good = idNumber(5);
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await staff.post('/exam-sessions').send({
        paperRequestId: world.requestId,
        startsAt: new Date().toISOString(),
        durationMinutes: 60,
        candidates: [
          { ticketNo: 'A001', name: '张三', idNumber: good },
          { ticketNo: 'A002', name: '李四', idNumber: bad },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ID_NUMBER_INVALID');
      expect(res.body.details.errors).toEqual([
        expect.objectContaining({ index: 1, field: 'idNumber', code: 'ID_NUMBER_INVALID' }),
      ]);
    });

    it("refuses another institution's request and a request that is not ready", async () => {
      const other = await seedHandWorld(ctx, ITEMS);
      const staff = await ctx.newUser(['institution'], { institutionId: world.institutionId });
      const res = await staff.post('/exam-sessions').send({
        paperRequestId: other.requestId,
        startsAt: new Date().toISOString(),
        durationMinutes: 60,
        candidates: [],
      });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('PAPER_REQUEST_NOT_FOUND');
      const proctor = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      expect((await proctor.post('/exam-sessions').send({})).status).toBe(403);
    });

    it('imports a roster from CSV and xlsx all or nothing, reporting every bad row', async () => {
      const s = await createSession(ctx, world, { candidates: [] });
      const [a, b, c] = roster(3);
      const badCsv = `\uFEFF姓名,准考证号,身份证号\n${a.name},${a.ticketNo},${a.idNumber}\n${b.name},${b.ticketNo},123\n,${c.ticketNo},${c.idNumber}\n`;
      const bad = await s.staff
        .post(`/exam-sessions/${s.id}/candidates/import`)
        .attach('file', Buffer.from(badCsv), 'roster.csv');
      expect(bad.status).toBe(400);
      expect(bad.body.details.errors).toEqual([
        expect.objectContaining({ row: 3, field: 'idNumber', code: 'ID_NUMBER_INVALID' }),
        expect.objectContaining({ row: 4, field: 'name', code: 'NAME_INVALID' }),
      ]);
      expect(await ctx.db.manager.countBy(CandidateEntity, { sessionId: s.id })).toBe(0);

      const csv = `ticketNo,name,idNumber\r\n${a.ticketNo},${a.name},${a.idNumber}\r\n`;
      expect(
        (
          await s.staff
            .post(`/exam-sessions/${s.id}/candidates/import`)
            .attach('file', Buffer.from(csv), 'roster.csv')
            .expect(200)
        ).body,
      ).toEqual({ imported: 1, total: 1 });

      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('名单');
      sheet.addRow(['准考证号', '姓名', '身份证号']);
      sheet.addRow([b.ticketNo, b.name, b.idNumber]);
      sheet.addRow([c.ticketNo, c.name, c.idNumber]);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      expect(
        (await s.staff.post(`/exam-sessions/${s.id}/candidates/import`).attach('file', xlsx, 'roster.xlsx').expect(200))
          .body,
      ).toEqual({ imported: 2, total: 3 });
      // The same tickets again: duplicates, nothing added.
      const again = await s.staff.post(`/exam-sessions/${s.id}/candidates/import`).attach('file', xlsx, 'roster.xlsx');
      expect(again.body.code).toBe('TICKET_NO_DUPLICATE');
      const seats = (
        await ctx.db.manager.find(CandidateEntity, { where: { sessionId: s.id }, order: { seat: 'ASC' } })
      ).map((r) => [r.ticketNo, r.seat]);
      expect(seats).toEqual([
        [a.ticketNo, 0],
        [b.ticketNo, 1],
        [c.ticketNo, 2],
      ]);
      // An imported candidate can sign in.
      await signIn(ctx, c);
    });
  });

  describe('scoring', () => {
    it('scores every item type against the hand-computed result (all-or-nothing by default)', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS);
      expect((await cand.post('/exam/attempt/submit').expect(200)).body).toEqual({
        submitted: true,
        score: 50,
        passed: false,
      });
      const results = await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200);
      expect(results.body.items[0]).toMatchObject({
        score: 50,
        passed: false,
        scoreKind: 'auto',
        status: 'submitted',
        submittedBy: 'candidate',
      });
      const record = await ctx.db.manager.findOneByOrFail(ScoreRecordEntity, {
        attemptId: results.body.items[0].attemptId,
      });
      expect(JSON.parse(record.detail).items.map((d: { credit: number }) => d.credit)).toEqual([10, 0, 20, 0, 20, 0]);
    });

    it('gives half the points for a correct subset under a partial-credit policy', async () => {
      const partial = await seedHandWorld(ctx, ITEMS, { policyId: await partialCreditPolicy(ctx) });
      const s = await createSession(ctx, partial, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      // 6 is a subset (+10); a wrong letter in 5 gives nothing even with a right one.
      await answerAll(cand, [...ANSWERS.slice(0, 4), [5, ['B', 'C']], [6, ['B', 'C']]]);
      expect((await cand.post('/exam/attempt/submit').expect(200)).body).toEqual({
        submitted: true,
        score: 40,
        passed: false,
      });
      const other = await signIn(ctx, (await createSession(ctx, partial, { candidates: roster(1) })).candidates[0]);
      await answerAll(other, ANSWERS);
      expect((await other.post('/exam/attempt/submit').expect(200)).body).toEqual({
        submitted: true,
        score: 60,
        passed: true,
      });
    });

    it('records a correction requested by the institution and approved by the centre as a new record; the original stays', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS);
      await cand.post('/exam/attempt/submit').expect(200);
      const attemptId = (await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200)).body.items[0]
        .attemptId as string;
      const original = await ctx.db.manager.findOneByOrFail(ScoreRecordEntity, { attemptId, kind: 'auto' });

      // Refusals by the rules of libs/exam: off the scale, no change, and another institution cannot see it at all.
      const off = await s.staff.post(`/attempts/${attemptId}/score-corrections`).send({ score: 100.5, reason: '理由' });
      expect([off.status, off.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const same = await s.staff.post(`/attempts/${attemptId}/score-corrections`).send({ score: 50, reason: '理由' });
      expect([same.status, same.body.code]).toEqual([400, 'CORRECTION_UNCHANGED']);
      const other = await ctx.newUser(['institution'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      const foreign = await other.post(`/attempts/${attemptId}/score-corrections`).send({ score: 70, reason: '理由' });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'SESSION_NOT_FOUND']);
      const proctor = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      expect(
        (await proctor.post(`/attempts/${attemptId}/score-corrections`).send({ score: 70, reason: '理由' })).status,
      ).toBe(403);

      const requested = await s.staff
        .post(`/attempts/${attemptId}/score-corrections`)
        .send({ score: 70, reason: '第6题答案有争议，按专家组意见给分' })
        .expect(201);
      expect(requested.body).toMatchObject({
        status: 'requested',
        previousScore: 50,
        score: 70,
        requestedBy: s.staff.user.id,
        recordId: null,
      });
      // Nothing changes until the centre decides; a second request waits for the first.
      expect((await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200)).body.items[0]).toMatchObject({
        score: 50,
        scoreKind: 'auto',
      });
      const twice = await s.staff.post(`/attempts/${attemptId}/score-corrections`).send({ score: 80, reason: '再次' });
      expect([twice.status, twice.body.code]).toEqual([409, 'CORRECTION_PENDING']);
      // Only the centre approves.
      expect((await s.staff.post(`/score-corrections/${requested.body.id}/approve`).send({})).status).toBe(403);
      const pending = await centre.get(`/exam-sessions/${s.id}/score-corrections?status=requested`).expect(200);
      expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([requested.body.id]);

      const approved = await centre.post(`/score-corrections/${requested.body.id}/approve`).send({}).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: centre.user.id });
      const again = await centre.post(`/score-corrections/${requested.body.id}/approve`).send({});
      expect([again.status, again.body.code]).toEqual([409, 'CORRECTION_DECIDED']);
      const still = await ctx.db.manager.findOneByOrFail(ScoreRecordEntity, { id: original.id });
      expect(still).toEqual(original);
      const history = await s.staff.get(`/attempts/${attemptId}/scores`).expect(200);
      expect(history.body.currentRecordId).toBe(approved.body.recordId);
      expect(history.body.records.map((r: { kind: string; score: number }) => [r.kind, r.score])).toEqual([
        ['auto', 50],
        ['correction', 70],
      ]);
      expect(history.body.records[1]).toMatchObject({
        reason: '第6题答案有争议，按专家组意见给分',
        createdBy: centre.user.id,
      });
      const results = await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200);
      expect(results.body.items[0]).toMatchObject({ score: 70, passed: true, scoreKind: 'correction' });
      const listed = await s.staff.get(`/attempts/${attemptId}/score-corrections`).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: requested.body.id, status: 'approved' })]);
      const audit = await centre.get(`/audit?entity=attempt&id=${attemptId}`).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['score.correction_request', 'score.correct']),
      );
      expect(audit.body.items.find((e: { action: string }) => e.action === 'score.correct')).toMatchObject({
        data: { previousRecordId: original.id, score: '70', requestedBy: s.staff.user.id },
      });
    });

    it('lets the centre reject a request with a reason, keeps the score, and refuses self-approval', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS);
      await cand.post('/exam/attempt/submit').expect(200);
      const attemptId = (await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200)).body.items[0]
        .attemptId as string;
      const asked = await s.staff
        .post(`/attempts/${attemptId}/score-corrections`)
        .send({ score: 90, reason: '考生申诉' })
        .expect(201);
      const blank = await centre.post(`/score-corrections/${asked.body.id}/reject`).send({ reason: ' ' });
      expect([blank.status, blank.body.code]).toEqual([400, 'REASON_REQUIRED']);
      const rejected = await centre
        .post(`/score-corrections/${asked.body.id}/reject`)
        .send({ reason: '申诉理由不成立' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '申诉理由不成立', recordId: null });
      const history = await s.staff.get(`/attempts/${attemptId}/scores`).expect(200);
      expect(history.body.records.map((r: { kind: string }) => r.kind)).toEqual(['auto']);

      // The centre may request too, but another centre user decides it.
      const own = await centre
        .post(`/attempts/${attemptId}/score-corrections`)
        .send({ score: 60, reason: '复核发现漏判' })
        .expect(201);
      const self = await centre.post(`/score-corrections/${own.body.id}/approve`).send({});
      expect([self.status, self.body.code]).toEqual([403, 'CORRECTION_SELF_APPROVAL']);
      const second = await ctx.newUser(['centre']);
      await second.post(`/score-corrections/${own.body.id}/approve`).send({}).expect(200);
      const results = await s.staff.get(`/exam-sessions/${s.id}/results`).expect(200);
      expect(results.body.items[0]).toMatchObject({ score: 60, passed: true, scoreKind: 'correction' });
    });

    it('exports the results as a spreadsheet with masked ID numbers, for the institution and the centre only', async () => {
      const s = await createSession(ctx, world, { candidates: roster(2) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS);
      await cand.post('/exam/attempt/submit').expect(200);
      const res = await s.staff.get(`/exam-sessions/${s.id}/results/export`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const rows: string[][] = [];
      wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(rows[0].slice(0, 6)).toEqual(['准考证号', '姓名', '身份证号', '状态', '成绩', '是否合格']);
      expect(rows).toHaveLength(3);
      const first = rows.find((r) => r[0] === s.candidates[0].ticketNo)!;
      expect(first.slice(3, 6)).toEqual(['已交卷', '50', '不合格']);
      expect(rows.find((r) => r[0] === s.candidates[1].ticketNo)![3]).toBe('缺考');
      expect(JSON.stringify(rows)).not.toContain(s.candidates[0].idNumber);
      expect(first[2]).toBe(`**************${s.candidates[0].idNumber.slice(-4)}`);
      const proctor = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      expect((await proctor.get(`/exam-sessions/${s.id}/results/export`)).status).toBe(403);
      const other = await ctx.newUser(['institution'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      expect((await other.get(`/exam-sessions/${s.id}/results/export`)).status).toBe(404);
    });

    it('computes p-value and point-biserial per item after the session, stores them on the items and flags items in the bank report', async () => {
      const s = await createSession(ctx, world, { candidates: roster(3) });
      const plans: [number, unknown][][] = [
        ANSWERS, // 50
        [
          [1, true],
          [2, false],
          [3, 'D'],
          [4, 'A'],
          [5, ['B', 'D']],
          [6, ['B', 'C', 'D']],
        ], // 100
        [
          [1, false],
          [2, true],
        ], // 0
      ];
      for (const [i, plan] of plans.entries()) {
        const cand = await signIn(ctx, s.candidates[i]);
        await answerAll(cand, plan);
        await cand.post('/exam/attempt/submit').expect(200);
      }
      const stats = await s.staff.post(`/exam-sessions/${s.id}/item-statistics`).expect(200);
      expect(stats.body.attempts).toBe(3);
      const byStem = new Map(stats.body.items.map((x: { itemId: string }) => [x.itemId, x]));
      const ids = (
        await ctx.db.manager.findOneByOrFail(ScoreRecordEntity, {
          attemptId: (await s.staff.get(`/exam-sessions/${s.id}/results`)).body.items[0].attemptId,
        })
      ).detail;
      const itemIds = (JSON.parse(ids).items as { itemId: string }[]).map((d) => d.itemId);
      // Item 1: right, right, wrong → p = 2/3; item 4: only the top scorer → p = 1/3 with a positive correlation.
      expect(byStem.get(itemIds[0])).toMatchObject({ n: 3, pValue: 0.6667 });
      expect(byStem.get(itemIds[3])).toMatchObject({ n: 3, pValue: 0.3333 });
      expect((byStem.get(itemIds[3]) as { pointBiserial: number }).pointBiserial).toBeGreaterThan(0.5);

      // Stored on the items; computing the session again replaces its rows instead of adding to them.
      const first = await centre.get(`/items/${itemIds[0]}`).expect(200);
      expect(first.body.statistics).toEqual({
        n: 3,
        sessions: 1,
        pValue: 0.6667,
        pointBiserial: 0.8322,
        flags: [],
        computedAt: expect.any(String),
      });
      await s.staff.post(`/exam-sessions/${s.id}/item-statistics`).expect(200);
      expect((await centre.get(`/items/${itemIds[0]}`).expect(200)).body.statistics).toMatchObject({
        n: 3,
        sessions: 1,
        pValue: 0.6667,
      });
      expect(await ctx.db.manager.countBy(ItemStatisticEntity, { sessionId: s.id })).toBe(6);

      // A second session: nobody gets item 2 (judge, key false) right, and item 3 only the weakest candidate (shown "D").
      const next = await createSession(ctx, world, { candidates: roster(3), staff: s.staff });
      const nextPlans: [number, unknown][][] = [
        [
          [1, true],
          [2, true],
          [3, 'A'],
          [4, 'A'],
          [5, ['B', 'D']],
          [6, ['B', 'C', 'D']],
        ], // 70
        [
          [1, true],
          [2, true],
          [3, 'A'],
          [4, 'A'],
        ], // 30
        [
          [1, false],
          [2, true],
          [3, 'D'],
        ], // 20
      ];
      for (const [i, plan] of nextPlans.entries()) {
        const cand = await signIn(ctx, next.candidates[i]);
        await answerAll(cand, plan);
        await cand.post('/exam/attempt/submit').expect(200);
      }
      await next.staff.post(`/exam-sessions/${next.id}/item-statistics`).expect(200);
      // Item 2: p = (3 × 0.3333 + 3 × 0) / 6; the second session has no correlation, so r stays the first one's.
      expect((await centre.get(`/items/${itemIds[1]}`).expect(200)).body.statistics).toMatchObject({
        n: 6,
        sessions: 2,
        pValue: 0.1667,
        pointBiserial: 0.8322,
        flags: ['too_hard'],
      });
      // Item 3: r = (3 × 0.7857 + 3 × −0.822) / 6 ≈ −0.018.
      const hard = await centre.get(`/items/${itemIds[2]}`).expect(200);
      expect(hard.body.statistics).toMatchObject({ n: 6, sessions: 2, pValue: 0.5, flags: ['low_discrimination'] });
      expect(hard.body.statistics.pointBiserial).toBeCloseTo(-0.018, 3);

      const report = await centre.get(`/banks/${first.body.occupation}/${first.body.level}/compliance`).expect(200);
      expect(report.body.statistics.items).toBe(6);
      expect(report.body.statistics.flagged.count).toBe(2);
      expect(report.body.statistics.flagged.items).toEqual(
        expect.arrayContaining([
          {
            itemId: itemIds[1],
            ref: null,
            type: 'judge',
            n: 6,
            pValue: 0.1667,
            pointBiserial: 0.8322,
            flags: ['too_hard'],
          },
          expect.objectContaining({
            itemId: itemIds[2],
            type: 'single',
            n: 6,
            pValue: 0.5,
            flags: ['low_discrimination'],
          }),
        ]),
      );
    });
  });

  describe('proctor assignment', () => {
    it('shows a proctor only the sessions they are assigned to, whether the institution or the centre employs them', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const other = await createSession(ctx, world, { candidates: roster(1), staff: s.staff });
      const own = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      const centreProctor = await ctx.newUser(['proctor']);
      const idle = await ctx.newUser(['proctor'], { institutionId: world.institutionId });

      const offered = await s.staff.get(`/exam-sessions/${s.id}/proctors`).expect(200);
      const eligible = offered.body.eligible.map((u: { userId: string }) => u.userId);
      expect(eligible).toEqual(expect.arrayContaining([own.user.id, centreProctor.user.id, idle.user.id]));
      const assigned = await s.staff
        .put(`/exam-sessions/${s.id}/proctors`)
        .send({ userIds: [own.user.id, centreProctor.user.id] })
        .expect(200);
      expect(assigned.body.assigned.map((u: { userId: string }) => u.userId).sort()).toEqual(
        [own.user.id, centreProctor.user.id].sort(),
      );

      for (const p of [own, centreProctor]) {
        await p.get(`/exam-sessions/${s.id}/monitor`).expect(200);
        expect((await p.get(`/exam-sessions/${other.id}/monitor`).expect(404)).body.code).toBe('SESSION_NOT_FOUND');
        const list = await p.get('/exam-sessions?pageSize=100').expect(200);
        expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
        // A proctor sees who else proctors, but is offered nobody to assign and cannot assign.
        expect((await p.get(`/exam-sessions/${s.id}/proctors`).expect(200)).body.eligible).toEqual([]);
        await p.put(`/exam-sessions/${s.id}/proctors`).send({ userIds: [] }).expect(403);
      }
      await idle.get(`/exam-sessions/${s.id}/monitor`).expect(404);
      expect((await idle.get('/exam-sessions?pageSize=100').expect(200)).body.total).toBe(0);

      // Unassigning takes the session away again.
      await centre
        .put(`/exam-sessions/${s.id}/proctors`)
        .send({ userIds: [own.user.id] })
        .expect(200);
      await centreProctor.get(`/exam-sessions/${s.id}/monitor`).expect(404);
      const audit = await ctx.db.manager.findBy(AuditEntryEntity, { entityId: s.id, action: 'session.proctors' });
      expect(audit).toHaveLength(2);
    });

    it("refuses another institution's proctor and users without the role, and other institutions' staff", async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const elsewhere = await seedHandWorld(ctx, ITEMS);
      const foreign = await ctx.newUser(['proctor'], { institutionId: elsewhere.institutionId });
      const author = await ctx.newUser(['author']);
      const refused = await s.staff
        .put(`/exam-sessions/${s.id}/proctors`)
        .send({ userIds: [foreign.user.id, author.user.id] })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'PROCTOR_INVALID' });
      expect(refused.body.details.userIds.sort()).toEqual([foreign.user.id, author.user.id].sort());
      const stranger = await ctx.newUser(['institution'], { institutionId: elsewhere.institutionId });
      await stranger.put(`/exam-sessions/${s.id}/proctors`).send({ userIds: [] }).expect(404);
      expect((await s.staff.get(`/exam-sessions/${s.id}/proctors`).expect(200)).body.assigned).toEqual([]);
    });
  });

  describe('monitoring and logs', () => {
    it('shows the proctor who is in, the last save, answered count and events', async () => {
      const s = await createSession(ctx, world, { candidates: roster(2) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS.slice(0, 3));
      await cand
        .post('/exam/attempt/events')
        .send({ type: 'visibility_hidden', at: new Date().toISOString() })
        .expect(202);
      const proctor = await assignedProctor(ctx, world, s);
      const m = await proctor.get(`/exam-sessions/${s.id}/monitor`).expect(200);
      const [inRoom, absent] = m.body.candidates;
      expect(inRoom).toMatchObject({
        ticketNo: s.candidates[0].ticketNo,
        signedIn: true,
        status: 'in_progress',
        answeredCount: 3,
        eventsCount: 1,
      });
      expect(inRoom.lastSaveAt).toEqual(expect.any(String));
      expect(inRoom.latestEvents[0]).toMatchObject({ type: 'visibility_hidden' });
      expect(absent).toMatchObject({ signedIn: false, answeredCount: 0, status: 'not_started' });
      expect((await proctor.get(`/exam-sessions/${s.id}/results`)).status).toBe(403);
      const stranger = await ctx.newUser(['institution'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      expect((await stranger.get(`/exam-sessions/${s.id}/monitor`)).status).toBe(404);
    });

    it('sorts the roster into states, counts them, and filters and pages by state, ticket or name', async () => {
      const s = await createSession(ctx, world, { candidates: roster(4) });
      const proctor = await assignedProctor(ctx, world, s);
      const answering = await signIn(ctx, s.candidates[0]);
      await answerAll(answering, ANSWERS.slice(0, 1));
      const quiet = await signIn(ctx, s.candidates[1]);
      const quietId = (await quiet.get('/exam/attempt').expect(200)).body.attemptId;
      // Nothing heard from this candidate for longer than the idle time.
      await ctx.db.manager.update(AttemptEntity, { id: quietId }, { lastSeenAt: Date.now() - 10 * 60_000 });
      const paused = await signIn(ctx, s.candidates[2]);
      const pausedId = (await paused.get('/exam/attempt').expect(200)).body.attemptId;
      await proctor.post(`/attempts/${pausedId}/pause`).send({ reason: '如厕' }).expect(200);

      const all = (await proctor.get(`/exam-sessions/${s.id}/monitor`).expect(200)).body;
      expect(all.summary).toEqual({ candidates: 4, not_started: 1, answering: 1, idle: 1, paused: 1, submitted: 0 });
      expect(all.total).toBe(4);
      expect(all.candidates.map((c: { state: string }) => c.state)).toEqual([
        'answering',
        'idle',
        'paused',
        'not_started',
      ]);

      const idle = (await proctor.get(`/exam-sessions/${s.id}/monitor?state=idle`).expect(200)).body;
      expect(idle.total).toBe(1);
      expect(idle.candidates.map((c: { ticketNo: string }) => c.ticketNo)).toEqual([s.candidates[1].ticketNo]);
      expect(idle.summary.candidates).toBe(4);
      const byTicket = (await proctor.get(`/exam-sessions/${s.id}/monitor?q=${s.candidates[3].ticketNo}`).expect(200))
        .body;
      expect(byTicket.candidates.map((c: { ticketNo: string }) => c.ticketNo)).toEqual([s.candidates[3].ticketNo]);
      const second = (await proctor.get(`/exam-sessions/${s.id}/monitor?page=2&pageSize=3`).expect(200)).body;
      expect(second.total).toBe(4);
      expect(second.candidates.map((c: { ticketNo: string }) => c.ticketNo)).toEqual([s.candidates[3].ticketNo]);
      expect((await proctor.get(`/exam-sessions/${s.id}/monitor?state=asleep`)).body.code).toBe('VALIDATION_FAILED');
    });

    it('streams the live view as Server-Sent Events, and refuses a stranger before the stream opens', async () => {
      const s = await createSession(ctx, world, { candidates: roster(2) });
      await signIn(ctx, s.candidates[0]);
      const proctor = await assignedProctor(ctx, world, s);
      // Read the stream until the first event has arrived, then hang up.
      const res = await ctx.http
        .get(`/api/v1/exam-sessions/${s.id}/monitor/stream?state=answering`)
        .set('Authorization', `Bearer ${proctor.token}`)
        .buffer(true)
        .parse((stream, done) => {
          let text = '';
          stream.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('\n\n')) {
              done(null, text);
              (stream as unknown as { destroy(): void }).destroy();
            }
          });
          stream.on('error', () => undefined);
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      const event = String(res.body);
      expect(event).toMatch(/^event: monitor$/m);
      const data = JSON.parse(/^data: (.*)$/m.exec(event)![1]) as {
        summary: { candidates: number; answering: number };
        candidates: { ticketNo: string }[];
      };
      expect(data.summary).toMatchObject({ candidates: 2, answering: 1 });
      expect(data.candidates.map((c) => c.ticketNo)).toEqual([s.candidates[0].ticketNo]);

      const stranger = await ctx.newUser(['proctor'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      const refused = await stranger.get(`/exam-sessions/${s.id}/monitor/stream`);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('SESSION_NOT_FOUND');
    });

    it('reopens an attempt a proctor ended by mistake, with the time it had left, and scores it again on the next submit', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1), durationMinutes: 60 });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS.slice(0, 1));
      const before = (await cand.get('/exam/attempt').expect(200)).body as {
        attemptId: string;
        remainingSeconds: number;
      };
      const proctor = await assignedProctor(ctx, world, s);
      await proctor.post(`/attempts/${before.attemptId}/end`).send({ reason: '点错了考生' }).expect(200);
      // Twenty minutes pass before the mistake is noticed.
      await ctx.db.manager.update(AttemptEntity, { id: before.attemptId }, { submittedAt: Date.now() - 20 * 60_000 });

      const reopened = await proctor
        .post(`/attempts/${before.attemptId}/reopen`)
        .send({ reason: '误收卷，恢复作答' })
        .expect(200);
      expect(reopened.body).toMatchObject({ attemptId: before.attemptId, reopened: true });
      const again = (await cand.get('/exam/attempt').expect(200)).body as { status: string; remainingSeconds: number };
      expect(again.status).toBe('in_progress');
      // The twenty minutes count as a pause: about the time left at the end (the test's own seconds aside).
      expect(again.remainingSeconds).toBeGreaterThanOrEqual(before.remainingSeconds + 20 * 60 - 30);
      expect(again.remainingSeconds).toBeLessThanOrEqual(before.remainingSeconds + 20 * 60 + 5);
      await cand.put('/exam/attempt/answers/2').send({ answer: false, seq: 2 }).expect(200);
      const submitted = await cand.post('/exam/attempt/submit').expect(200);
      expect(submitted.body.score).toBeGreaterThan(0);
      const history = await ctx.db.manager.findBy(ScoreRecordEntity, { attemptId: before.attemptId });
      expect(history).toHaveLength(2);

      // A candidate's own submission is final, and so is a repeat of the reopen.
      const refused = await proctor
        .post(`/attempts/${before.attemptId}/reopen`)
        .send({ reason: '再次恢复' })
        .expect(409);
      expect(refused.body.code).toBe('ATTEMPT_NOT_ENDED');
      const record = (await proctor.get(`/exam-sessions/${s.id}/record`).expect(200)).body;
      expect(record.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['ended_by_proctor', 'reopened']),
      );
      const stranger = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
      await stranger.post(`/attempts/${before.attemptId}/reopen`).send({ reason: '越权' }).expect(404);
    });

    it('records an irregularity and ends an attempt on the proctor’s word; the session record holds it all and exports', async () => {
      const s = await createSession(ctx, world, { candidates: roster(2) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS.slice(0, 1));
      await cand
        .post('/exam/attempt/events')
        .send({ type: 'visibility_hidden', at: new Date().toISOString() })
        .expect(202);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId as string;
      const proctor = await assignedProctor(ctx, world, s);

      const bad = await proctor
        .post(`/attempts/${attemptId}/irregularities`)
        .send({ category: 'weather', description: '下雨' });
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const noted = await proctor
        .post(`/attempts/${attemptId}/irregularities`)
        .send({ category: 'candidate', description: '考生携带手机进入考场' })
        .expect(201);
      expect(noted.body).toMatchObject({ attemptId, category: 'candidate', description: '考生携带手机进入考场' });
      const ended = await proctor.post(`/attempts/${attemptId}/end`).send({ reason: '严重违纪，终止考试' }).expect(200);
      expect(ended.body).toMatchObject({ attemptId, submitted: true, passed: false });
      expect((await proctor.post(`/attempts/${attemptId}/end`).send({ reason: '再次收卷' })).body.code).toBe(
        'ATTEMPT_SUBMITTED',
      );
      const late = await cand.put('/exam/attempt/answers/2').send({ answer: true, seq: 2 });
      expect(late.body.code).toBe('ATTEMPT_SUBMITTED');

      const record = (await proctor.get(`/exam-sessions/${s.id}/record`).expect(200)).body;
      expect(record.summary).toMatchObject({ candidates: 2, submitted: 1, not_started: 1 });
      expect(record.candidates[0]).toMatchObject({ state: 'submitted', submittedBy: 'proctor', answeredCount: 1 });
      expect(record.candidates[1]).toMatchObject({ state: 'not_started', startedAt: null });
      expect(record.events.map((e: { type: string }) => e.type)).toEqual([
        'visibility_hidden',
        'irregularity',
        'ended_by_proctor',
      ]);
      expect(record.events[1].detail).toMatchObject({ category: 'candidate', by: proctor.user.username });

      const file = await proctor.get(`/exam-sessions/${s.id}/record/export`).buffer(true).parse(binary).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body as unknown as ExcelJS.Buffer);
      const sheet = (n: number) => {
        const rows: string[][] = [];
        wb.worksheets[n].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
        return rows;
      };
      expect(sheet(0)).toHaveLength(3);
      expect(sheet(0)[1].slice(0, 4)).toEqual([
        s.candidates[0].ticketNo,
        s.candidates[0].name,
        expect.any(String),
        '已交卷',
      ]);
      expect(
        sheet(1)
          .slice(1)
          .map((r) => r[3]),
      ).toEqual(['切换标签页', '违纪/异常记录', '监考收卷']);

      const audit = (await centre.get(`/audit?entity=attempt&id=${attemptId}`).expect(200)).body.items as {
        action: string;
      }[];
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['attempt.irregularity', 'attempt.end']));
      const stranger = await ctx.newUser(['proctor'], {
        institutionId: (await seedHandWorld(ctx, ITEMS)).institutionId,
      });
      expect(
        (await stranger.post(`/attempts/${attemptId}/irregularities`).send({ category: 'staff', description: '越权' }))
          .status,
      ).toBe(404);
      expect((await stranger.get(`/exam-sessions/${s.id}/record`)).status).toBe(404);
    });

    it('gives the centre every change in order and exports the session log as JSONL and xlsx', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, [
        [3, 'A'],
        [3, 'D'],
        [1, true],
      ]);
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId;
      const log = await centre.get(`/attempts/${attemptId}/answer-log`).expect(200);
      expect(
        log.body.items.map((l: { seq: number; position: number; answer: unknown }) => [l.seq, l.position, l.answer]),
      ).toEqual([
        [1, 3, 'A'],
        [2, 3, 'D'],
        [3, 1, true],
      ]);
      expect((await s.staff.get(`/attempts/${attemptId}/answer-log`)).status).toBe(403);
      const jsonl = await centre.get(`/exam-sessions/${s.id}/answer-log?format=jsonl`).expect(200);
      const lines = jsonl.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ ticketNo: s.candidates[0].ticketNo, seq: 1, position: 3, answer: 'A' });
      const xlsx = await centre
        .get(`/exam-sessions/${s.id}/answer-log?format=xlsx`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as ArrayBuffer);
      expect(wb.worksheets[0].rowCount).toBe(4);
    });

    it('purges only log rows past retention and records the count in the audit log', async () => {
      const s = await createSession(ctx, world, { candidates: roster(1) });
      const cand = await signIn(ctx, s.candidates[0]);
      await answerAll(cand, ANSWERS.slice(0, 2));
      const attemptId = (await cand.get('/exam/attempt').expect(200)).body.attemptId;
      const now = Date.now();
      const expired = [1, 2].map((k) =>
        Object.assign(new AnswerLogEntity(), {
          id: randomUUID(),
          attemptId,
          seq: 1000 + k,
          position: 1,
          answer: 'true',
          clientTime: null,
          serverTime: now - 1000,
          purgeAfter: now - 1,
        }),
      );
      await ctx.db.manager.insert(AnswerLogEntity, expired);
      const run = await centre.post('/answer-log/purge').expect(202);
      let job = { status: 'queued', result: null as null | { deleted: number } };
      for (let i = 0; i < 100 && job.status !== 'completed' && job.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await centre.get(`/jobs/${run.body.jobId}`)).body;
      }
      expect(job.status).toBe('completed');
      expect(job.result?.deleted).toBeGreaterThanOrEqual(2);
      const left = await ctx.db.manager.find(AnswerLogEntity, { where: { attemptId }, order: { seq: 'ASC' } });
      expect(left.map((l) => l.seq)).toEqual([1, 2]);
      const entry = await ctx.db.manager.findOneByOrFail(AuditEntryEntity, {
        action: 'answer_log.purge',
        entityId: run.body.jobId,
      });
      expect(entry.actorName).toBe('system');
      expect(JSON.parse(entry.data).deleted).toBe(job.result?.deleted);
    });
  });
});
