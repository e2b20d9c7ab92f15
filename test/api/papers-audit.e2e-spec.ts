import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
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

// What the console's paper-request queue, papers audit and log browser read: the requesting institution on each
// request, every read/release of a paper in the log, and the log's action and time filters with paging.
describe('Paper requests, paper reads and the audit log browser', () => {
  let ctx: TestContext;
  let centre: Session;
  let bank: SeededBank;
  let inst: SeededInstitution;
  let requestId: string;
  let paperIds: string[];
  let approvedAt: number;

  beforeAll(async () => {
    ctx = await bootApp();
    centre = await ctx.newUser(['centre']);
    bank = await seedBank(ctx, { policyId: await seedPolicy(ctx, 100), practical: false });
    inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
    const created = await inst.user
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level, examDate: inDays(15), forms: 2 });
    expect(created.status).toBe(201);
    requestId = created.body.id as string;
    approvedAt = Date.now();
    await centre.post(`/paper-requests/${requestId}/approve`).send({}).expect(200);
    const ready = await waitForRequest(centre, requestId, 120_000);
    expect(ready.status).toBe('ready');
    paperIds = ready.papers;
    expect(paperIds).toHaveLength(2);
  }, 180_000);
  afterAll(() => ctx?.close());

  it('names the requesting institution on each request, in the list and the detail', async () => {
    const list = await centre.get(`/paper-requests?institution=${inst.id}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].institution).toEqual({ id: inst.id, code: inst.code, name: `机构 ${inst.code}` });
    const own = await inst.user.get(`/paper-requests/${requestId}`).expect(200);
    expect(own.body.institution).toMatchObject({ id: inst.id, code: inst.code });
  });

  it('refuses a request outside the filed scope with OUT_OF_SCOPE', async () => {
    const res = await inst.user
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level === '4' ? '3' : '4', examDate: inDays(15), forms: 2 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
  });

  it("logs who read, was refused and released a paper, and the centre reads that paper's trail", async () => {
    const [paper] = paperIds;
    await centre.get(`/papers/${paper}`).expect(200);
    const sealed = await inst.user.get(`/papers/${paper}`);
    expect(sealed.status).toBe(403);
    expect(sealed.body.code).toBe('PAPER_SEALED');
    await centre.post(`/papers/${paper}/release`).expect(200);
    const opened = await inst.user.get(`/papers/${paper}`).expect(200);
    expect(opened.body.positions[0].answer).toBeUndefined();

    const trail = await centre.get(`/audit?entity=paper&id=${paper}`).expect(200);
    const actions = (trail.body.items as { action: string; actor: { id: string } }[]).map((e) => [
      e.action,
      e.actor.id,
    ]);
    expect(actions).toEqual([
      ['paper.read', inst.user.user.id],
      ['paper.release', centre.user.id],
      ['paper.read-refused', inst.user.user.id],
      ['paper.read', centre.user.id],
    ]);
    // The other paper's trail is its own.
    const other = await centre.get(`/audit?entity=paper&id=${paperIds[1]}`).expect(200);
    expect(other.body.total).toBe(0);
  });

  it('filters the log by action and actor, by a time range, and pages it', async () => {
    const approval = await centre.get(`/audit?action=paper-request.approve&id=${requestId}`).expect(200);
    expect(approval.body.total).toBe(1);
    expect(approval.body.items[0]).toMatchObject({
      action: 'paper-request.approve',
      entity: 'paper-request',
      entityId: requestId,
      actor: { id: centre.user.id },
    });
    const byActor = await centre.get(`/audit?actor=${inst.user.user.id}&action=paper-request.create`).expect(200);
    expect(byActor.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([requestId]);

    const at = Date.parse(approval.body.items[0].at as string);
    expect(at).toBeGreaterThanOrEqual(approvedAt - 1000);
    const inside = await centre
      .get(
        `/audit?id=${requestId}&from=${new Date(at).toISOString()}&to=${encodeURIComponent(new Date(at + 1).toISOString())}`,
      )
      .expect(200);
    expect(inside.body.items.map((e: { action: string }) => e.action)).toContain('paper-request.approve');
    const before = await centre.get(`/audit?id=${requestId}&to=${new Date(at).toISOString()}`).expect(200);
    expect(before.body.items.map((e: { action: string }) => e.action)).not.toContain('paper-request.approve');
    const after = await centre.get(`/audit?id=${requestId}&from=${new Date(at + 1).toISOString()}`).expect(200);
    expect(after.body.items.map((e: { action: string }) => e.action)).not.toContain('paper-request.approve');

    const all = await centre.get('/audit?pageSize=500').expect(200);
    const first = await centre.get('/audit?pageSize=2&page=1').expect(200);
    const second = await centre.get('/audit?pageSize=2&page=2').expect(200);
    expect(first.body.total).toBe(all.body.total);
    expect([...first.body.items, ...second.body.items].map((e: { seq: number }) => e.seq)).toEqual(
      all.body.items.slice(0, 4).map((e: { seq: number }) => e.seq),
    );
  });

  it('refuses a malformed time bound and stays the centre’s alone', async () => {
    const bad = await centre.get('/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const refused = await inst.user.get(`/audit?action=paper.read`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_REQUIRED');
  });

  it('verifies the chain after all of it', async () => {
    const res = await centre.get('/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true });
    expect(res.body.entries).toBe(res.body.headSeq);
    expect(res.body.firstBadId).toBeUndefined();
    expect(res.body.firstBad).toBeUndefined();
  });

  it('names the first bad entry with its stored content when one was edited', async () => {
    const repo = ctx.db.manager.getRepository(AuditEntryEntity);
    const row = await repo.findOneByOrFail({ entityId: requestId, action: 'paper-request.approve' });
    await repo.update({ id: row.id }, { data: row.data.replace('"maxOverlap":0.3', '"maxOverlap":1') });
    try {
      const res = await centre.get('/audit/verify').expect(200);
      expect(res.body).toMatchObject({
        ok: false,
        fault: 'hash_mismatch',
        firstBadId: row.id,
        firstBadSeq: row.seq,
        firstBad: { id: row.id, seq: row.seq, action: 'paper-request.approve', entityId: requestId },
      });
      expect(res.body.firstBad.data.maxOverlap).toBe(1);
    } finally {
      await repo.update({ id: row.id }, { data: row.data });
    }
    expect((await centre.get('/audit/verify')).body.ok).toBe(true);
  });
});
