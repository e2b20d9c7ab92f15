import { AuditEntryEntity } from '../../apps/api/src/modules/audit/audit-entry.entity';
import { bootApp, Session, TestContext } from '../support/app';
import { newBank, newInstitution, singleBody } from '../support/items-factories';

describe('Items: versions and review', () => {
  let ctx: TestContext;
  let author: Session;
  let reviewer: Session;
  let bank: { occupation: string; level: string; bankId: string };

  beforeAll(async () => {
    ctx = await bootApp();
    author = await ctx.newUser(['author']);
    reviewer = await ctx.newUser(['reviewer']);
    bank = await newBank(author);
  });
  afterAll(() => ctx.close());

  async function approvedItem(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await author
      .post('/items')
      .send(singleBody(bank.occupation, bank.level, overrides))
      .expect(201);
    await author.post(`/items/${created.body.id}/submit`).expect(200);
    await reviewer.post(`/items/${created.body.id}/approve`).expect(200);
    return created.body.id as string;
  }

  it('creates a draft version 1 with the answer in its stored form', async () => {
    const res = await author.post('/items').send(
      singleBody(bank.occupation, bank.level, {
        type: 'multiple',
        answer: 'c, a',
        options: ['甲', '乙', '丙', '丁'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'multiple',
      status: 'draft',
      version: 1,
      answer: ['A', 'C'],
      occupation: bank.occupation,
      level: '4',
      approvedVersion: null,
    });
    const got = await reviewer.get(`/items/${res.body.id}`).expect(200);
    expect(got.body.stem).toBe(res.body.stem);
  });

  it('refuses a broken item with ITEM_INVALID and every issue with its code and field', async () => {
    const res = await author
      .post('/items')
      .send(singleBody(bank.occupation, bank.level, { answer: ['A', 'B'], knowledgePoint: 'Z-99-999', difficulty: 9 }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ITEM_INVALID');
    const codes = (res.body.details as { code: string; field: string }[]).map((i) => `${i.code}@${i.field}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'SINGLE_KEY_COUNT@answer',
        'KNOWLEDGE_POINT_UNKNOWN@knowledgePoint',
        'DIFFICULTY_OUT_OF_RANGE@difficulty',
      ]),
    );

    const judge = await author
      .post('/items')
      .send(singleBody(bank.occupation, bank.level, { type: 'judge', answer: '√' }));
    expect(judge.status).toBe(422);
    expect(judge.body.details.map((i: { code: string }) => i.code)).toContain('JUDGE_HAS_OPTIONS');

    const empty = await author.post('/items').send(singleBody(bank.occupation, bank.level, { stem: '  ' }));
    expect(empty.body.details.map((i: { code: string }) => i.code)).toContain('STEM_EMPTY');

    const enemy = await author
      .post('/items')
      .send(singleBody(bank.occupation, bank.level, { enemies: ['00000000-0000-4000-8000-000000000000'] }));
    expect(enemy.body.details.map((i: { code: string }) => i.code)).toContain('ENEMY_UNKNOWN');

    const task = await author.post('/items').send({
      occupation: bank.occupation,
      level: bank.level,
      type: 'task',
      title: '接线',
      stem: '完成接线',
      minutes: 60,
      knowledgePoint: 'A-01-001',
      difficulty: 3,
      totalPoints: 100,
      rubric: [{ points: 30, criterion: '安装' }],
    });
    expect(task.body.details.map((i: { code: string }) => i.code)).toContain('RUBRIC_TOTAL_MISMATCH');
  });

  it('finds a duplicate stem in the bank after normalising whitespace and punctuation', async () => {
    const first = await author.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201);
    const again = await author
      .post('/items')
      .send(singleBody(bank.occupation, bank.level, { stem: ` ${first.body.stem.replace('：', ':')}  ` }));
    expect(again.status).toBe(422);
    expect(again.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'STEM_DUPLICATE', field: 'stem' })]),
    );
  });

  it('says KNOWLEDGE_MAP_MISSING for a bank without a map and LEVEL_INVALID for a wrong level', async () => {
    const occ = (
      await author
        .post('/occupations')
        .send({ code: `N-${Date.now().toString(36)}`, name: '无细目表' })
        .expect(201)
    ).body.code;
    const res = await author.post('/items').send(singleBody(occ, '3'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('KNOWLEDGE_MAP_MISSING');
    expect((await author.post('/items').send(singleBody(occ, 'S'))).body.code).toBe('LEVEL_INVALID');
    expect((await author.post('/items').send(singleBody(occ, '7'))).body.code).toBe('LEVEL_INVALID');
  });

  it('keeps v1 approved while an edit makes v2 a draft, and shows both in the history with a diff', async () => {
    const id = await approvedItem();
    const edit = await author.patch(`/items/${id}`).send({ options: ['42', '36', '24', '6'], changeNote: '更正选项D' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      version: 2,
      status: 'draft',
      approvedVersion: { version: 1 },
      changeNote: '更正选项D',
    });

    const got = await reviewer.get(`/items/${id}`).expect(200);
    expect(got.body).toMatchObject({
      version: 2,
      status: 'draft',
      approvedVersion: { version: 1, reviewerId: reviewer.user.id },
    });

    const history = await reviewer.get(`/items/${id}/versions`).expect(200);
    expect(
      history.body.items.map((v: { version: number; status: string; inUse: boolean }) => [
        v.version,
        v.status,
        v.inUse,
      ]),
    ).toEqual([
      [1, 'approved', true],
      [2, 'draft', false],
    ]);
    expect(history.body.items[0]).toMatchObject({
      author: { id: author.user.id, username: author.user.username },
      reviewer: { id: reviewer.user.id },
    });
    expect(history.body.items[1].changeNote).toBe('更正选项D');

    const diff = await reviewer.get(`/items/${id}/diff?from=1&to=2`).expect(200);
    expect(diff.body.changes).toEqual([{ field: 'options.D', before: '12', after: '6' }]);

    // The successor's approval supersedes v1.
    await author.post(`/items/${id}/submit`).expect(200);
    const approved = await reviewer.post(`/items/${id}/approve`).expect(200);
    expect(approved.body).toMatchObject({ version: 2, status: 'approved', approvedVersion: { version: 2 } });
    const after = await reviewer.get(`/items/${id}/versions`).expect(200);
    expect(after.body.items.map((v: { status: string; inUse: boolean }) => [v.status, v.inUse])).toEqual([
      ['retired', false],
      ['approved', true],
    ]);
  });

  it('refuses an edit while the latest version is in review (ITEM_VERSION_OPEN)', async () => {
    const created = await author.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201);
    await author.post(`/items/${created.body.id}/submit`).expect(200);
    const res = await author.patch(`/items/${created.body.id}`).send({ difficulty: 2 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ITEM_VERSION_OPEN');
  });

  it('forbids an author to approve their own version (403 SELF_REVIEW_FORBIDDEN), even holding the reviewer role', async () => {
    const both = await ctx.newUser(['author', 'reviewer']);
    const created = await both.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201);
    await both.post(`/items/${created.body.id}/submit`).expect(200);
    const res = await both.post(`/items/${created.body.id}/approve`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SELF_REVIEW_FORBIDDEN');
    const plain = await author.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201);
    await author.post(`/items/${plain.body.id}/submit`).expect(200);
    expect((await author.post(`/items/${plain.body.id}/approve`)).body.code).toBe('SELF_REVIEW_FORBIDDEN');
  });

  it('needs a reason to reject, sends the version back to draft and audits every transition', async () => {
    const created = await author.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201);
    const id = created.body.id as string;
    await author.post(`/items/${id}/submit`).expect(200);
    const noReason = await reviewer.post(`/items/${id}/reject`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const rejected = await reviewer.post(`/items/${id}/reject`).send({ reason: '选项表述不清' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'draft', reviewReason: '选项表述不清' });
    expect((await reviewer.post(`/items/${id}/approve`)).body.code).toBe('INVALID_TRANSITION');
    await author.post(`/items/${id}/submit`).expect(200);
    await reviewer.post(`/items/${id}/approve`).expect(200);
    await reviewer.post(`/items/${id}/retire`).expect(200);
    const actions = (
      await ctx.db.manager.find(AuditEntryEntity, { where: { entity: 'item', entityId: id }, order: { seq: 'ASC' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'item.create',
      'item.submit',
      'item.reject',
      'item.submit',
      'item.approve',
      'item.retire',
    ]);
    const got = await author.get(`/items/${id}`).expect(200);
    expect(got.body).toMatchObject({ status: 'retired', approvedVersion: null });
    expect((await author.patch(`/items/${id}`).send({ difficulty: 2 })).body.code).toBe('ITEM_RETIRED');
  });

  it('approves many items at once, or none of them when one cannot be approved', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await author.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201)).body.id);
    await author
      .post('/items/submit')
      .send({ ids: ids.slice(0, 3) })
      .expect(200);
    const refused = await reviewer.post('/items/approve').send({ ids });
    expect(refused.status).toBe(409);
    expect(refused.body.details.failures).toEqual([
      expect.objectContaining({ id: ids[3], code: 'INVALID_TRANSITION' }),
    ]);
    expect((await reviewer.get(`/items/${ids[0]}`)).body.status).toBe('in_review');
    const ok = await reviewer
      .post('/items/approve')
      .send({ ids: ids.slice(0, 3) })
      .expect(200);
    expect(ok.body.count).toBe(3);
    expect((await reviewer.get(`/items/${ids[2]}`)).body.status).toBe('approved');
  });

  it('approves revised items in bulk as one by one: the version in use retires, each item gets its own audit entry', async () => {
    // Arrange: two approved items, each revised, the revisions submitted together.
    const ids = [await approvedItem(), await approvedItem()];
    for (const id of ids)
      await author.patch(`/items/${id}`).send({ difficulty: 4, changeNote: '难度调整' }).expect(200);
    await author.post('/items/submit').send({ ids }).expect(200);
    const both = await ctx.newUser(['author', 'reviewer']);
    const own = (await both.post('/items').send(singleBody(bank.occupation, bank.level)).expect(201)).body.id as string;
    await both
      .post('/items/submit')
      .send({ ids: [own] })
      .expect(200);

    // Act
    const selfReview = await both.post('/items/approve').send({ ids: [...ids, own] });
    const ok = await reviewer.post('/items/approve').send({ ids }).expect(200);

    // Assert: four eyes in bulk too, and nothing changed by the refused call.
    expect(selfReview.status).toBe(403);
    expect(selfReview.body.details.failures).toEqual([
      expect.objectContaining({ id: own, code: 'SELF_REVIEW_FORBIDDEN' }),
    ]);
    expect(ok.body).toMatchObject({ action: 'approve', count: 2 });
    for (const id of ids) {
      const history = await reviewer.get(`/items/${id}/versions`).expect(200);
      expect(
        history.body.items.map((v: { version: number; status: string; inUse: boolean }) => [
          v.version,
          v.status,
          v.inUse,
        ]),
      ).toEqual([
        [1, 'retired', false],
        [2, 'approved', true],
      ]);
      expect(history.body.items[1]).toMatchObject({
        author: { id: author.user.id },
        reviewer: { id: reviewer.user.id },
        reviewedAt: expect.any(String),
      });
      const entries = await ctx.db.manager.find(AuditEntryEntity, {
        where: { entity: 'item', entityId: id },
        order: { seq: 'ASC' },
      });
      expect(entries.map((e) => e.action)).toEqual([
        'item.create',
        'item.submit',
        'item.approve',
        'item.revise',
        'item.submit',
        'item.approve',
      ]);
      expect(JSON.parse(entries.at(-1)!.data)).toMatchObject({
        version: 2,
        from: 'in_review',
        to: 'approved',
        supersededVersion: 1,
      });
    }
    const centre = await ctx.newUser(['centre']);
    expect((await centre.get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  it('lists items with filters and paging', async () => {
    const tag = `找我${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++)
      await author
        .post('/items')
        .send(
          singleBody(bank.occupation, bank.level, {
            stem: `${tag} 第${i}题：选出正确项。`,
            knowledgePoint: 'B-01-002',
          }),
        )
        .expect(201);
    const page = await reviewer
      .get(`/items?occupation=${bank.occupation}&level=4&q=${encodeURIComponent(tag)}&pageSize=2`)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    const byPoint = await reviewer
      .get(`/items?occupation=${bank.occupation}&level=4&knowledgePoint=B-01-002&status=draft&type=single`)
      .expect(200);
    expect(byPoint.body.total).toBeGreaterThanOrEqual(3);
    expect(
      byPoint.body.items.every(
        (i: { knowledgePoint: string; status: string }) => i.knowledgePoint === 'B-01-002' && i.status === 'draft',
      ),
    ).toBe(true);
    const none = await reviewer.get(`/items?occupation=NO-SUCH&level=4`).expect(200);
    expect(none.body.total).toBe(0);
  });

  it('enforces roles: a reviewer cannot create items, an institution user cannot read them', async () => {
    const res = await reviewer.post('/items').send(singleBody(bank.occupation, bank.level));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ROLE_REQUIRED');
    const institution = await ctx.newUser(['institution'], { institutionId: await newInstitution(ctx) });
    expect((await institution.get('/items')).status).toBe(403);
    const id = await approvedItem();
    expect((await institution.get(`/items/${id}`)).status).toBe(403);
    expect((await institution.get(`/items/${id}/versions`)).status).toBe(403);
    expect((await reviewer.patch(`/items/${id}`).send({ difficulty: 1 })).status).toBe(403);
  });
});
