import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
import { BankCatalogue } from '../../apps/api/src/modules/banks/bank-catalogue';
import { DemoBankService } from '../../apps/api/src/modules/demo/demo-bank.service';
import { ItemEntity, ItemVersionEntity } from '../../apps/api/src/modules/items/item.entities';
import { bootApp, Session, TestContext, unique } from '../support/app';
import { insertApproved, newBank, newOccupation, putMap, TEST_MAP } from '../support/items-factories';

describe('Banks: occupations, knowledge maps, policies, compliance', () => {
  let ctx: TestContext;
  let author: Session;
  let reviewer: Session;
  let centre: Session;

  beforeAll(async () => {
    ctx = await bootApp();
    author = await ctx.newUser(['author']);
    reviewer = await ctx.newUser(['reviewer']);
    centre = await ctx.newUser(['centre']);
  });
  afterAll(() => ctx.close());

  const bulk = (bankId: string, opts: { theory: number; sets?: number; points?: string[] }) =>
    insertApproved(ctx, bankId, { ...opts, authorId: author.user.id, reviewerId: reviewer.user.id });

  it('creates occupations (admin, author) and lists them for all staff', async () => {
    const code = await newOccupation(author);
    const dup = await author.post('/occupations').send({ code, name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('OCCUPATION_EXISTS');
    expect((await reviewer.post('/occupations').send({ code: unique('R-'), name: 'x' })).status).toBe(403);
    expect((await (await ctx.admin()).post('/occupations').send({ code: unique('A-'), name: '管理员建' })).status).toBe(
      201,
    );
    const list = await reviewer.get('/occupations').expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code, name: '测试工种', special: false })]),
    );
  });

  it('validates, versions and audits the knowledge map of a bank created on first use', async () => {
    const occupation = await newOccupation(author);
    const broken = { areas: [{ ...TEST_MAP.areas[0], weight: 50 }, TEST_MAP.areas[1]] };
    const bad = await author.put(`/banks/${occupation}/3/knowledge-map`).send(broken);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('KNOWLEDGE_MAP_INVALID');
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'WEIGHTS_NOT_100' })]));
    expect((await author.get(`/banks?occupation=${occupation}`)).body.total).toBe(0);

    const first = await author.put(`/banks/${occupation}/3/knowledge-map`).send(TEST_MAP).expect(200);
    expect(first.body.version).toBe(1);
    const second = await author.put(`/banks/${occupation}/3/knowledge-map`).send(TEST_MAP).expect(200);
    expect(second.body.version).toBe(2);
    const got = await reviewer.get(`/banks/${occupation}/3/knowledge-map`).expect(200);
    expect(got.body).toMatchObject({ version: 2, knowledgeMap: TEST_MAP });
    expect((await reviewer.put(`/banks/${occupation}/3/knowledge-map`).send(TEST_MAP)).status).toBe(403);
    expect((await author.get(`/banks/${occupation}/2/knowledge-map`)).body.code).toBe('BANK_NOT_FOUND');
    expect((await author.get(`/banks/NO-SUCH/3/knowledge-map`)).body.code).toBe('OCCUPATION_NOT_FOUND');

    const banks = await author.get(`/banks?occupation=${occupation}`).expect(200);
    expect(banks.body.items).toEqual([
      expect.objectContaining({
        level: '3',
        knowledgeMapVersion: 2,
        hasKnowledgeMap: true,
        effectivePolicyId: 'chengdu-2024',
      }),
    ]);
    const audited = await ctx.db.manager.countBy(AuditEntryEntity, {
      entity: 'bank',
      entityId: banks.body.items[0].id,
      action: 'bank.knowledge-map',
    });
    expect(audited).toBe(2);
  });

  it('gives a special-ability project only level S', async () => {
    const code = await newOccupation(author, { special: true, name: '专项能力' });
    const res = await author.put(`/banks/${code}/4/knowledge-map`).send(TEST_MAP);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LEVEL_INVALID');
    await author.put(`/banks/${code}/S/knowledge-map`).send(TEST_MAP).expect(200);
    const normal = await newOccupation(author);
    expect((await author.put(`/banks/${normal}/S/knowledge-map`).send(TEST_MAP)).body.code).toBe('LEVEL_INVALID');
  });

  it('lists preset and custom policies and lets only an admin add one', async () => {
    const list = await reviewer.get('/policies').expect(200);
    expect(list.body.items.filter((p: { preset: boolean }) => p.preset).map((p: { id: string }) => p.id)).toEqual([
      'chengdu-2024',
      'wuxi-2021',
      'jilin-draft',
      'bazhong-2023',
      'hunan-2021',
    ]);
    const admin = await ctx.admin();
    const id = unique('city-').toLowerCase();
    const policy = {
      id,
      name: '某市办法',
      source: '某市办法第十条',
      theoryMinItems: 500,
      practical: { kind: 'sets', min: 2 },
      retentionYears: 3,
    };
    expect((await author.post('/policies').send(policy)).status).toBe(403);
    const created = await admin.post('/policies').send(policy).expect(201);
    expect(created.body).toMatchObject({ ...policy, passMark: 60, preset: false });
    expect((await admin.post('/policies').send(policy)).body.code).toBe('POLICY_EXISTS');
    expect((await admin.post('/policies').send({ ...policy, id: 'chengdu-2024' })).body.code).toBe(
      'POLICY_ID_RESERVED',
    );
    const invalid = await admin
      .post('/policies')
      .send({ ...policy, id: unique('x-').toLowerCase(), theoryMinItems: -1 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('POLICY_INVALID');
    expect((await centre.get('/policies').expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('stores bank settings: a known policy and a valid template', async () => {
    const bank = await newBank(author);
    const res = await centre.put(`/banks/${bank.occupation}/4/settings`).send({ policyId: 'wuxi-2021' }).expect(200);
    expect(res.body).toMatchObject({ policyId: 'wuxi-2021', effectivePolicyId: 'wuxi-2021', template: null });
    expect(
      (await author.put(`/banks/${bank.occupation}/4/settings`).send({ policyId: 'nowhere-1999' })).body.code,
    ).toBe('POLICY_NOT_FOUND');
    const bad = await author
      .put(`/banks/${bank.occupation}/4/settings`)
      .send({ template: { durationMinutes: 90, sections: [{ type: 'judge', count: 10, pointsEach: 1 }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('TEMPLATE_INVALID');
    const template = {
      durationMinutes: 60,
      sections: [
        { type: 'judge', count: 40, pointsEach: 1 },
        { type: 'single', count: 60, pointsEach: 1 },
      ],
    };
    const ok = await author.put(`/banks/${bank.occupation}/4/settings`).send({ template }).expect(200);
    expect(ok.body.effectiveTemplate).toEqual(template);
    expect((await reviewer.put(`/banks/${bank.occupation}/4/settings`).send({ policyId: null })).status).toBe(403);
  });

  it('is not met at 1,199 approved theory items and met at 1,200 under chengdu-2024', async () => {
    const bank = await newBank(author);
    await bulk(bank.bankId, { theory: 1199, sets: 10 });
    const below = await author.get(`/banks/${bank.occupation}/4/compliance?policy=chengdu-2024`).expect(200);
    expect(below.body).toMatchObject({
      policy: 'chengdu-2024',
      met: false,
      thresholdMet: false,
      theory: { approved: 1199, required: 1200, met: false },
      practical: { kind: 'sets', approved: 10, required: 10, met: true },
    });
    await bulk(bank.bankId, { theory: 1 });
    const at = await centre.get(`/banks/${bank.occupation}/4/compliance?policy=chengdu-2024`).expect(200);
    expect(at.body).toMatchObject({
      met: true,
      thresholdMet: true,
      theory: { approved: 1200, met: true },
      shortfalls: [],
    });
    expect(at.body.strata).toEqual(
      expect.arrayContaining([expect.objectContaining({ stratum: 'A-01', type: 'single', needed: 48 })]),
    );
    expect((await ctx.app.get(BankCatalogue).thresholdStatus(bank.bankId)).met).toBe(true);
    expect((await reviewer.get(`/banks/${bank.occupation}/4/compliance`)).status).toBe(403);
  });

  it('is met at 800 items and 30 tasks under wuxi-2021, and not under chengdu-2024', async () => {
    const bank = await newBank(author);
    await bulk(bank.bankId, { theory: 800, sets: 10 });
    const wuxi = await author.get(`/banks/${bank.occupation}/4/compliance?policy=wuxi-2021`).expect(200);
    expect(wuxi.body).toMatchObject({
      met: true,
      theory: { approved: 800, required: 800 },
      practical: { kind: 'tasks', approved: 30, required: 30, met: true },
    });
    expect((await author.get(`/banks/${bank.occupation}/4/compliance`)).body.met).toBe(false);
    const all = await centre.get('/compliance?policy=wuxi-2021').expect(200);
    expect(all.body.banks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          bankId: bank.bankId,
          met: true,
          policy: 'wuxi-2021',
          theory: expect.objectContaining({ approved: 800 }),
        }),
      ]),
    );
    const own = await centre.get('/compliance').expect(200);
    expect(own.body.banks.find((b: { bankId: string }) => b.bankId === bank.bankId)).toMatchObject({
      policy: 'chengdu-2024',
      met: false,
    });
    expect((await reviewer.get('/compliance')).status).toBe(403);
  });

  it("reads one occupation's banks in one request for the banks page: authors and the centre, not reviewers", async () => {
    const bank = await newBank(author);
    await putMap(author, bank.occupation, '3');
    await bulk(bank.bankId, { theory: 800, sets: 10 });
    const other = await newBank(author);

    const res = await author.get(`/compliance?occupation=${bank.occupation}`).expect(200);
    expect(res.body).toMatchObject({ policy: null, total: 2, met: 0, notMet: 2 });
    expect(res.body.banks.map((b: { level: string }) => b.level)).toEqual(['3', '4']);
    expect(res.body.banks[1]).toMatchObject({
      bankId: bank.bankId,
      occupation: { code: bank.occupation },
      policy: 'chengdu-2024',
      met: false,
      theory: { approved: 800, required: 1200, met: false },
      practical: { kind: 'sets', approved: 10, required: 10, met: true },
    });
    expect(res.body.banks[0].theory.approved).toBe(0);
    expect(res.body.banks.some((b: { bankId: string }) => b.bankId === other.bankId)).toBe(false);
    // The line agrees with the bank's own report on the thresholds.
    const own = await author.get(`/banks/${bank.occupation}/4/compliance`).expect(200);
    expect(own.body.thresholdMet).toBe(res.body.banks[1].met);
    expect(own.body.theory).toEqual(res.body.banks[1].theory);

    const wuxi = await centre.get(`/compliance?occupation=${bank.occupation}&policy=wuxi-2021`).expect(200);
    expect(wuxi.body).toMatchObject({ policy: 'wuxi-2021', total: 2, met: 1 });
    expect((await author.get('/compliance?occupation=NO-SUCH-CODE').expect(200)).body).toMatchObject({
      total: 0,
      banks: [],
    });
    const everyBank = await author.get('/compliance').expect(200);
    expect(everyBank.body.total).toBeGreaterThanOrEqual(3);

    for (const who of [reviewer, await ctx.newUser(['proctor']), await ctx.newUser(['admin'])])
      expect((await who.get(`/compliance?occupation=${bank.occupation}`)).status).toBe(403);
    expect((await ctx.http.get(`/api/v1/compliance?occupation=${bank.occupation}`)).status).toBe(401);
  });

  it('names the knowledge point a paper cannot cover even when the total is met, and lists unused and over-used items', async () => {
    const bank = await newBank(author);
    await bulk(bank.bankId, { theory: 1200, sets: 10, points: ['A-01-001', 'A-01-002', 'B-01-002'] });
    const [used] = await ctx.db.manager.find(ItemEntity, { where: { bankId: bank.bankId, type: 'single' }, take: 1 });
    await ctx.db.manager.update(ItemEntity, { id: used.id }, { usageCount: 50, lastUsedAt: Date.UTC(2025, 0, 2) });
    const res = await author.get(`/banks/${bank.occupation}/4/compliance?maxUses=20`).expect(200);
    expect(res.body).toMatchObject({ thresholdMet: true, met: false, pointsWithoutItems: ['B-01-001'] });
    expect(res.body.shortfalls).toEqual([expect.objectContaining({ point: 'B-01-001', needed: 1, available: 0 })]);
    expect(res.body.usage.overUsed).toEqual({
      count: 1,
      items: [expect.objectContaining({ itemId: used.id, uses: 50, lastUsedAt: '2025-01-02T00:00:00.000Z' })],
    });
    expect(res.body.usage.unused.count).toBe(1200 + 30 - 1);
    expect(res.body.usage.unused.items).toHaveLength(100);
  });

  it('loads the demo bank once: a map, ≥ 1,200 approved theory items and ≥ 10 practical sets that meet chengdu-2024', async () => {
    const demo = ctx.app.get(DemoBankService);
    const bankId = await demo.ensureDemoBank();
    expect(bankId).toEqual(expect.any(String));
    expect(await demo.ensureDemoBank()).toBe(bankId);
    const status = await ctx.app.get(BankCatalogue).thresholdStatus(bankId!, 'chengdu-2024');
    expect(status.met).toBe(true);
    expect(status.report.met).toBe(true);
    expect(status.report.theory.approved).toBeGreaterThanOrEqual(1200);
    expect(status.report.practical.approved).toBeGreaterThanOrEqual(10);
    const map = await author.get('/banks/6-31-01-03/4/knowledge-map').expect(200);
    expect(map.body.knowledgeMap.areas.length).toBeGreaterThan(0);
    const items = await reviewer.get('/items?occupation=6-31-01-03&level=4&status=approved&pageSize=1').expect(200);
    expect(items.body.total).toBeGreaterThanOrEqual(1230);
  });

  it('puts the demo bank through the review workflow: written by the demo author, approved by the demo reviewer', async () => {
    // Arrange
    const bankId = (await ctx.app.get(DemoBankService).ensureDemoBank())!;
    const versions = await ctx.db.manager.find(ItemVersionEntity, { where: { bankId } });
    const itemIds = new Set(versions.map((v) => v.itemId));
    const entries = await ctx.db.manager.find(AuditEntryEntity, { order: { seq: 'ASC' } });
    const demoAuthor = entries.find((e) => e.action === 'user.create' && e.data.includes('"demo-author"'))!;
    const demoReviewer = entries.find((e) => e.action === 'user.create' && e.data.includes('"demo-reviewer"'))!;

    // Assert: one approved version per item, its author the demo author, its reviewer another user, the demo reviewer.
    expect(versions.length).toBeGreaterThanOrEqual(1230);
    expect(itemIds.size).toBe(versions.length);
    const wrong = versions.filter(
      (v) =>
        v.status !== 'approved' ||
        v.authorId !== demoAuthor.entityId ||
        v.reviewerId !== demoReviewer.entityId ||
        v.reviewerId === v.authorId ||
        !v.reviewedAt ||
        v.changeNote !== 'import demo-bank.json',
    );
    expect(wrong).toEqual([]);
    // The audit log tells the same story: the author imported, put each item in review, the reviewer approved each.
    const ofItems = (action: string) =>
      entries.filter((e) => e.action === action && e.entity === 'item' && itemIds.has(e.entityId));
    expect(ofItems('item.submit').map((e) => e.actorId)).toEqual(versions.map(() => demoAuthor.entityId));
    expect(ofItems('item.approve').map((e) => e.actorId)).toEqual(versions.map(() => demoReviewer.entityId));
    expect(new Set(ofItems('item.approve').map((e) => e.entityId))).toEqual(itemIds);
    const importEntry = entries.find((e) => e.action === 'item.import' && e.entityId === bankId)!;
    expect(importEntry.actorId).toBe(demoAuthor.entityId);
    expect(JSON.parse(importEntry.data)).toMatchObject({ imported: versions.length, status: 'draft' });
    expect(
      entries.filter((e) => e.entityId === bankId && e.action === 'bank.knowledge-map').map((e) => e.actorId),
    ).toEqual([demoAuthor.entityId]);
    expect((await centre.get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });

    // The console's view of one item: its history names both people.
    const one = versions.find((v) => v.type === 'task')!;
    const history = await reviewer.get(`/items/${one.itemId}/versions`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'approved',
        inUse: true,
        author: { id: demoAuthor.entityId, username: 'demo-author' },
        reviewer: { id: demoReviewer.entityId, username: 'demo-reviewer' },
      }),
    ]);
    expect((await reviewer.get(`/items/${one.itemId}`).expect(200)).body.practicalSetId).toEqual(expect.any(String));
  });
});
