import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
import { bootApp, TestContext, unique } from '../support/app';

describe('Audit log', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await bootApp();
  });
  afterAll(() => ctx.close());

  it('records a privileged action with its actor and lets the centre list it by entity', async () => {
    const admin = await ctx.admin();
    const centre = await ctx.newUser(['centre']);
    const created = await admin
      .post('/users')
      .send({ username: unique('audited.'), password: 'a-good-password-1', roles: ['reviewer'] })
      .expect(201);
    const res = await centre.get(`/audit?entity=user&id=${created.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      action: 'user.create',
      entity: 'user',
      entityId: created.body.id,
      actor: { id: admin.user.id, name: 'admin' },
    });
    expect(res.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one unbroken chain when many privileged actions commit at once', async () => {
    const admin = await ctx.admin();
    const centre = await ctx.newUser(['centre']);
    const created = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.post('/users').send({ username: unique('burst.'), password: 'a-good-password-1', roles: ['author'] }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    const res = await centre.get('/audit/verify');
    expect(res.body).toMatchObject({ ok: true });
    expect(res.body.entries).toBe(res.body.headSeq);
  });

  it('is the centre’s alone: the admin gets 403 on the list and the check', async () => {
    const admin = await ctx.admin();
    for (const path of ['/audit', '/audit/verify']) {
      const res = await admin.get(path);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_REQUIRED');
    }
  });

  it('is not readable by an author', async () => {
    const author = await ctx.newUser(['author']);
    const res = await author.get('/audit/verify');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ROLE_REQUIRED');
  });

  it('verifies an intact chain and names the first entry edited by hand', async () => {
    const centre = await ctx.newUser(['centre']);
    const admin = await ctx.admin();
    const victim = await admin
      .post('/users')
      .send({ username: unique('edited.'), password: 'a-good-password-1', roles: ['author'] })
      .expect(201);
    await admin
      .post('/users')
      .send({ username: unique('after.'), password: 'a-good-password-1', roles: ['author'] })
      .expect(201);

    const before = await centre.get('/audit/verify');
    expect(before.status).toBe(200);
    expect(before.body.ok).toBe(true);
    expect(before.body.entries).toBeGreaterThanOrEqual(3);

    const repo = ctx.db.manager.getRepository(AuditEntryEntity);
    const row = await repo.findOneByOrFail({ entity: 'user', entityId: victim.body.id, action: 'user.create' });
    // What someone with database access might do: quietly change who got which roles.
    await repo.update({ id: row.id }, { data: row.data.replace('"author"', '"admin"') });

    const after = await centre.get('/audit/verify');
    expect(after.body).toMatchObject({ ok: false, firstBadId: row.id, fault: 'hash_mismatch' });
    await repo.update({ id: row.id }, { data: row.data });
    expect((await centre.get('/audit/verify')).body.ok).toBe(true);
  });

  it('notices a deleted entry and names the entry that follows the gap', async () => {
    const centre = await ctx.newUser(['centre']);
    const admin = await ctx.admin();
    await admin
      .post('/users')
      .send({ username: unique('gone.'), password: 'a-good-password-1', roles: ['author'] })
      .expect(201);
    await admin
      .post('/users')
      .send({ username: unique('next.'), password: 'a-good-password-1', roles: ['author'] })
      .expect(201);
    const repo = ctx.db.manager.getRepository(AuditEntryEntity);
    const [last, prev] = await repo.find({ order: { seq: 'DESC' }, take: 2 });
    await repo.delete({ id: prev.id });
    const res = await centre.get('/audit/verify');
    expect(res.body).toMatchObject({ ok: false, firstBadId: last.id, fault: 'sequence_gap' });
    await repo.insert(prev);
    expect((await centre.get('/audit/verify')).body.ok).toBe(true);
  });

  it('runs the chain check as a queued job with a run record', async () => {
    const { QueueService } = await import('../../apps/api/src/queue/queue.service');
    const { JobName } = await import('../../apps/api/src/queue/jobs');
    const queue = ctx.app.get(QueueService);
    const admin = await ctx.admin();
    const run = await queue.enqueue(
      JobName.AuditVerify,
      { reason: 'manual' },
      { key: unique('manual-'), createdBy: admin.user.id },
    );
    let body: { status: string; result: { ok: boolean } | null } = { status: 'queued', result: null };
    for (let i = 0; i < 100 && body.status !== 'completed' && body.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      body = (await admin.get(`/jobs/${run.id}`)).body;
    }
    expect(body.status).toBe('completed');
    expect(body.result).toMatchObject({ ok: true });
    // The same key again is the same run, not a second one.
    const again = await queue.enqueue(
      JobName.AuditVerify,
      { reason: 'manual' },
      { key: run.key.replace(`${JobName.AuditVerify}:`, ''), createdBy: admin.user.id },
    );
    expect(again.id).toBe(run.id);
  });
});
