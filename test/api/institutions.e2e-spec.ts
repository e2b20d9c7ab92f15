import { bootApp, Session, TestContext, unique } from '../support/app';
import { seedInstitution } from '../support/papers-factories';

describe('Institutions', () => {
  let ctx: TestContext;
  let centre: Session;
  beforeAll(async () => {
    ctx = await bootApp();
    centre = await ctx.newUser(['centre']);
  });
  afterAll(() => ctx.close());

  const filing = (extra: Record<string, unknown> = {}) => ({
    code: unique('I-'),
    name: '某职业技能培训学校',
    type: 'training',
    scope: [{ occupation: '6-31-01-03', levels: ['4', '3'] }],
    ...extra,
  });

  it('files an institution valid for three years by default, with an audit entry', async () => {
    const res = await centre.post('/institutions').send(filing({ validFrom: '2025-03-01' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'active',
      type: 'training',
      scope: [{ occupation: '6-31-01-03', levels: ['4', '3'] }],
      validFrom: '2025-03-01T00:00:00.000Z',
      validUntil: '2028-03-01T00:00:00.000Z',
    });
    const audit = await centre.get(`/audit?entity=institution&id=${res.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'institution.create', actor: { id: centre.user.id } });
  });

  it('refuses a duplicate code, a bad type and a non-centre caller', async () => {
    const body = filing();
    await centre.post('/institutions').send(body).expect(201);
    expect((await centre.post('/institutions').send(body)).body.code).toBe('INSTITUTION_CODE_TAKEN');
    expect((await centre.post('/institutions').send(filing({ type: 'club' }))).status).toBe(400);
    const author = await ctx.newUser(['author']);
    expect((await author.post('/institutions').send(filing())).status).toBe(403);
  });

  it('suspends only with a reason, reinstates, and treats a revocation as final', async () => {
    const { body } = await centre.post('/institutions').send(filing()).expect(201);
    expect((await centre.patch(`/institutions/${body.id}`).send({ status: 'suspended' })).body.code).toBe(
      'REASON_REQUIRED',
    );
    const suspended = await centre
      .patch(`/institutions/${body.id}`)
      .send({ status: 'suspended', reason: '年度检查不合格' });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: '年度检查不合格' });
    expect((await centre.patch(`/institutions/${body.id}`).send({ status: 'active' })).body.status).toBe('active');
    await centre.patch(`/institutions/${body.id}`).send({ status: 'revoked', reason: '违规组织考试' }).expect(200);
    expect((await centre.patch(`/institutions/${body.id}`).send({ name: 'x' })).body.code).toBe('INSTITUTION_REVOKED');
    const actions = (await centre.get(`/audit?entity=institution&id=${body.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual([
      'institution.revoke',
      'institution.reinstate',
      'institution.suspend',
      'institution.create',
    ]);
  });

  it('changes scope and validity, refusing an end before the start', async () => {
    const { body } = await centre.post('/institutions').send(filing()).expect(201);
    const res = await centre
      .patch(`/institutions/${body.id}`)
      .send({ scope: [{ occupation: '4-01-01-01', levels: ['5'] }], validUntil: '2030-01-01' });
    expect(res.body).toMatchObject({
      scope: [{ occupation: '4-01-01-01', levels: ['5'] }],
      validUntil: '2030-01-01T00:00:00.000Z',
    });
    expect((await centre.patch(`/institutions/${body.id}`).send({ validUntil: '2000-01-01' })).body.code).toBe(
      'VALIDITY_INVALID',
    );
  });

  it('shows an institution user only its own institution', async () => {
    const mine = await seedInstitution(ctx, centre, [{ occupation: '6-31-01-03', levels: ['4'] }]);
    const other = await seedInstitution(ctx, centre, [{ occupation: '6-31-01-03', levels: ['4'] }]);
    const list = await mine.user.get('/institutions');
    expect(list.body).toMatchObject({ total: 1, items: [{ id: mine.id }] });
    expect((await mine.user.get(`/institutions/${mine.id}`)).status).toBe(200);
    expect((await mine.user.get(`/institutions/${other.id}`)).status).toBe(404);
    expect((await mine.user.post('/institutions').send(filing())).status).toBe(403);
    expect((await centre.get('/institutions?pageSize=500')).body.total).toBeGreaterThanOrEqual(2);
  });

  it('lets an admin tie a user only to an institution on file', async () => {
    const admin = await ctx.admin();
    const res = await admin
      .post('/users')
      .send({
        username: unique('inst.'),
        password: 'a-good-password-1',
        roles: ['institution'],
        institutionId: '00000000-0000-4000-8000-000000000000',
      });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INSTITUTION_NOT_FOUND');
  });
});
