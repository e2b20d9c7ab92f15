import { ItemEntity } from '../../apps/api/src/modules/items/item.entities';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { bootApp, Session, TestContext } from '../support/app';
import {
  inDays,
  seedBank,
  SeededBank,
  SeededInstitution,
  seedInstitution,
  seedPolicy,
  waitForRequest,
} from '../support/papers-factories';

describe('Paper requests and papers', () => {
  let ctx: TestContext;
  let centre: Session;
  let bank: SeededBank;
  let inst: SeededInstitution;

  beforeAll(async () => {
    ctx = await bootApp();
    centre = await ctx.newUser(['centre']);
    bank = await seedBank(ctx);
    inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
  });
  afterAll(() => ctx.close());

  const ask = (who: Session, extra: Record<string, unknown> = {}) =>
    who
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level, examDate: inDays(20), ...extra });

  async function readyRequest(extra: Record<string, unknown> = {}) {
    const created = await ask(inst.user, extra);
    expect(created.status).toBe(201);
    await centre.post(`/paper-requests/${created.body.id}/approve`).send({}).expect(200);
    return waitForRequest(centre, created.body.id);
  }

  describe('refusals', () => {
    it('refuses a level outside the filed scope with OUT_OF_SCOPE', async () => {
      const res = await ask(inst.user, { level: '3' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
    });

    it('refuses an exam after the filing expires with INSTITUTION_EXPIRED', async () => {
      const expiring = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }], {
        validFrom: inDays(-400),
        validUntil: inDays(10),
      });
      const res = await ask(expiring.user, { examDate: inDays(30) });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('INSTITUTION_EXPIRED');
      expect((await ask(expiring.user, { examDate: inDays(5) })).status).toBe(201);
    });

    it('refuses a suspended institution with INSTITUTION_SUSPENDED', async () => {
      const suspended = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
      await centre.patch(`/institutions/${suspended.id}`).send({ status: 'suspended', reason: '停业整顿' }).expect(200);
      const res = await ask(suspended.user);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('INSTITUTION_SUSPENDED');
    });

    it('refuses an occupation without a bank with BANK_NOT_FOUND', async () => {
      const other = await seedInstitution(ctx, centre, [{ occupation: 'X-00-00-00', levels: ['4'] }]);
      const res = await other.user
        .post('/paper-requests')
        .send({ occupation: 'X-00-00-00', level: '4', examDate: inDays(20) });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('BANK_NOT_FOUND');
    });

    it('refuses a bank below its policy threshold with BANK_BELOW_THRESHOLD and the report', async () => {
      const small = await seedBank(ctx, { theory: 300 });
      const small2 = await seedInstitution(ctx, centre, [{ occupation: small.occupation, levels: [small.level] }]);
      const res = await small2.user
        .post('/paper-requests')
        .send({ occupation: small.occupation, level: small.level, examDate: inDays(20) });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('BANK_BELOW_THRESHOLD');
      expect(res.body.details).toMatchObject({
        policy: 'chengdu-2024',
        thresholdMet: false,
        theory: { approved: 300, required: 1200, met: false },
      });
    });

    it('refuses a non-institution caller and a request for both forms and per-candidate papers', async () => {
      expect((await ask(centre)).status).toBe(403);
      expect((await ask(inst.user, { forms: 2, perCandidate: true, candidates: 3 })).body.code).toBe(
        'FORMS_OR_PER_CANDIDATE',
      );
      expect((await ask(inst.user, { examDate: '2020-01-01' })).body.code).toBe('EXAM_DATE_PAST');
    });
  });

  describe('approval and assembly', () => {
    it('draws A/B forms and the practical paper after approval, only the centre approving', async () => {
      const created = await ask(inst.user, { forms: 2, includePractical: true });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), status: 'submitted' });
      expect((await inst.user.post(`/paper-requests/${created.body.id}/approve`).send({})).status).toBe(403);
      const approved = await centre.post(`/paper-requests/${created.body.id}/approve`).send({});
      expect(approved.status).toBe(200);
      expect(['assembling', 'ready']).toContain(approved.body.status);
      expect((await centre.post(`/paper-requests/${created.body.id}/approve`).send({})).body.code).toBe(
        'PAPER_REQUEST_DECIDED',
      );

      const done = await waitForRequest(inst.user, created.body.id);
      expect(done).toMatchObject({
        status: 'ready',
        progress: 100,
        policy: 'chengdu-2024',
        assemblerVersion: expect.any(String),
        snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(done.papers).toHaveLength(3);
      const list = await centre.get(`/papers?requestId=${created.body.id}`);
      expect(list.body.items.map((p: { kind: string; label: string }) => `${p.kind}:${p.label}`).sort()).toEqual([
        'practical:P',
        'theory:A',
        'theory:B',
      ]);
      expect(list.body.items[0]).toMatchObject({
        institution: { id: inst.id, code: inst.code },
        requestedBy: { id: inst.user.user.id, username: inst.user.user.username },
        approvedBy: { id: centre.user.id, username: centre.user.username },
        requestSeed: expect.stringMatching(/^[0-9a-f]{64}$/),
        seed: expect.stringMatching(/^[0-9a-f]{64}$/),
        snapshotHash: done.snapshotHash,
      });

      const actions = (await centre.get(`/audit?entity=paper-request&id=${created.body.id}`)).body.items.map(
        (e: { action: string }) => e.action,
      );
      expect(actions).toEqual(['paper-request.ready', 'paper-request.approve', 'paper-request.create']);
    });

    it('draws one paper per candidate, counts item usage once per drawn paper, and lists them for the centre', async () => {
      const usage = async () =>
        (await ctx.db.manager.find(ItemEntity, { where: { bankId: bank.bankId } })).reduce(
          (n, i) => n + i.usageCount,
          0,
        );
      const before = await usage();
      const done = await readyRequest({ perCandidate: true, candidates: 30 });
      expect(done.status).toBe('ready');
      expect(done.papers).toHaveLength(30);
      expect(await usage()).toBe(before + 30 * 100);
      const list = await centre.get(`/papers?requestId=${done.id}&pageSize=100`);
      expect(list.body.total).toBe(30);
      expect(list.body.items.map((p: { label: string }) => p.label).sort()).toEqual(
        Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`),
      );
      expect(new Set(list.body.items.map((p: { contentHash: string }) => p.contentHash)).size).toBe(30);
      expect((await centre.get(`/papers?institution=${inst.id}&pageSize=1`)).body.total).toBeGreaterThanOrEqual(30);
    });

    it('records a rejection with its reason', async () => {
      const created = await ask(inst.user);
      expect((await centre.post(`/paper-requests/${created.body.id}/reject`).send({})).status).toBe(400);
      const res = await centre.post(`/paper-requests/${created.body.id}/reject`).send({ reason: '考点未备案' });
      expect(res.body).toMatchObject({ status: 'rejected', reason: '考点未备案', papers: [] });
    });

    it('fails a request that the exposure cap leaves without an allocation, saying what can be drawn', async () => {
      const exposed = await seedBank(ctx, { policyId: await seedPolicy(ctx, 100), practical: false });
      const owner = await seedInstitution(ctx, centre, [{ occupation: exposed.occupation, levels: [exposed.level] }]);
      const first = await owner.user
        .post('/paper-requests')
        .send({ occupation: exposed.occupation, level: exposed.level, examDate: inDays(20) });
      await centre.post(`/paper-requests/${first.body.id}/approve`).send({}).expect(200);
      expect((await waitForRequest(centre, first.body.id)).status).toBe('ready');
      // Every item now used more often than a cap of 0 allows.
      await ctx.db.transaction((tx) => tx.update(ItemEntity, { bankId: exposed.bankId }, { usageCount: 1 }));
      const second = await owner.user
        .post('/paper-requests')
        .send({ occupation: exposed.occupation, level: exposed.level, examDate: inDays(20) });
      await centre.post(`/paper-requests/${second.body.id}/approve`).send({ exposureCap: 0 }).expect(200);
      const failed = await waitForRequest(owner.user, second.body.id);
      expect(failed.status).toBe('failed');
      expect(failed.reason).toMatch(
        /^EXPOSURE_INFEASIBLE: The paper needs 20 judge items but the bank holds 0 that can be drawn \(A 0, /,
      );
      expect(failed.reason).toContain('over the exposure cap');
      expect(failed.papers).toEqual([]);
    });
  });

  describe('papers', () => {
    let request: Awaited<ReturnType<typeof waitForRequest>>;
    beforeAll(async () => {
      request = await readyRequest({ forms: 2 });
    });

    it('shows the centre the paper with keys in the letters the candidate sees', async () => {
      const res = await centre.get(`/papers/${request.papers[0]}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind: 'theory', status: 'sealed', totalPoints: 100, seed: expect.any(String) });
      expect(res.body.positions).toHaveLength(100);
      const single = res.body.positions.find((p: { type: string }) => p.type === 'single');
      expect(single.options.map((o: { key: string }) => o.key)).toEqual(
        ['A', 'B', 'C', 'D'].slice(0, single.options.length),
      );
      // The shown key points at the option text that is the original key.
      const version = await ctx.db.manager.query(`SELECT content FROM item_versions WHERE id = ?`, [single.versionId]);
      const content = JSON.parse(version[0].content) as { options: string[]; answer: string };
      const originalText = content.options[content.answer.charCodeAt(0) - 65];
      expect(single.options.find((o: { key: string }) => o.key === single.answer).text).toBe(originalText);
      const audit = await centre.get(`/audit?entity=paper&id=${request.papers[0]}`);
      expect(audit.body.items[0]).toMatchObject({ action: 'paper.read', actor: { id: centre.user.id } });
    });

    it('keeps a paper sealed from its institution until release, then shows it without keys', async () => {
      const id = request.papers[1];
      const sealed = await inst.user.get(`/papers/${id}`);
      expect(sealed.status).toBe(403);
      expect(sealed.body.code).toBe('PAPER_SEALED');
      expect((await inst.user.post(`/papers/${id}/release`)).status).toBe(403);
      const released = await centre.post(`/papers/${id}/release`);
      expect(released.body).toMatchObject({ id, status: 'released', releasedAt: expect.any(String) });
      const res = await inst.user.get(`/papers/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.seed).toBeUndefined();
      for (const p of res.body.positions) {
        expect(p.answer).toBeUndefined();
        expect(p.explanation).toBeUndefined();
        expect(p.versionId).toBeUndefined();
      }
      const actions = (await centre.get(`/audit?entity=paper&id=${id}`)).body.items.map(
        (e: { action: string; actor: { id: string } }) => `${e.action}:${e.actor.id}`,
      );
      expect(actions).toEqual([
        `paper.read:${inst.user.user.id}`,
        `paper.release:${centre.user.id}`,
        `paper.read-refused:${inst.user.user.id}`,
      ]);
    });

    it('hides another institution’s requests and papers', async () => {
      const other = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
      expect((await other.user.get(`/paper-requests/${request.id}`)).status).toBe(404);
      expect((await other.user.get(`/papers/${request.papers[1]}`)).status).toBe(404);
      expect((await other.user.get('/paper-requests')).body.items.map((r: { id: string }) => r.id)).not.toContain(
        request.id,
      );
      expect(
        (await inst.user.get('/paper-requests?pageSize=500')).body.items.map((r: { id: string }) => r.id),
      ).toContain(request.id);
      expect((await other.user.get('/papers')).status).toBe(403);
    });

    it('re-derives a paper from its record, and reports a paper edited in the database as a mismatch', async () => {
      const id = request.papers[1];
      const ok = await centre.post(`/papers/${id}/verify`);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ match: true, bodyIdentical: true });
      expect(ok.body.rederivedHash).toBe(ok.body.contentHash);
      expect(ok.body.storedHash).toBe(ok.body.contentHash);

      const repo = ctx.db.manager.getRepository(PaperEntity);
      const row = await repo.findOneByOrFail({ id });
      const body = JSON.parse(row.body) as { positions: { versionId: string }[] };
      // Someone with database access swaps two questions.
      [body.positions[0].versionId, body.positions[1].versionId] = [
        body.positions[1].versionId,
        body.positions[0].versionId,
      ];
      await repo.update({ id }, { body: JSON.stringify(body) });
      const bad = await centre.post(`/papers/${id}/verify`);
      expect(bad.body).toMatchObject({
        match: false,
        contentHash: row.contentHash,
        rederivedHash: row.contentHash,
        bodyIdentical: false,
      });
      expect(bad.body.storedHash).not.toBe(row.contentHash);
      await repo.update({ id }, { body: row.body });
      expect((await centre.post(`/papers/${id}/verify`)).body.match).toBe(true);

      const actions = (await centre.get(`/audit?entity=paper&id=${id}`)).body.items
        .filter((e: { action: string }) => e.action === 'paper.verify')
        .map((e: { data: { match: boolean } }) => e.data.match);
      expect(actions).toEqual([true, false, true]);
    });
  });
});
