import { bootApp, Session, TestContext, unique } from '../support/app';

/** The filters behind the console's institutions and users tables. */
describe('Institution and user lists', () => {
  let ctx: TestContext;
  let centre: Session;
  let admin: Session;
  beforeAll(async () => {
    ctx = await bootApp();
    centre = await ctx.newUser(['centre']);
    admin = await ctx.admin();
  });
  afterAll(() => ctx.close());

  const day = 86_400_000;
  const file = async (occupation: string, extra: Record<string, unknown> = {}) => {
    const res = await centre.post('/institutions').send({
      code: unique('F-'),
      name: '筛选测试机构',
      type: 'employer',
      scope: [{ occupation, levels: ['4'] }],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  };
  const codes = (res: { body: { items: { code: string }[] } }) => res.body.items.map((i) => i.code).sort();

  it('filters institutions by occupation in the scope, without matching a longer code or a wildcard', async () => {
    const occupation = unique('9-8_');
    const a = await file(occupation);
    const b = await file('1-00-00-01', {
      scope: [
        { occupation: '1-00-00-01', levels: ['5'] },
        { occupation, levels: ['3'] },
      ],
    });
    await file(`${occupation}9`);
    const res = await centre.get(`/institutions?occupation=${encodeURIComponent(occupation)}`).expect(200);
    expect(codes(res)).toEqual([a.code, b.code].sort());
    expect(res.body.total).toBe(2);
    // `_` is a literal, not "any character".
    const wild = await centre.get(`/institutions?occupation=${encodeURIComponent(occupation.replace('_', 'x'))}`);
    expect(wild.body.total).toBe(0);
  });

  it('lists filings that expire within the given days, not those already expired or far off', async () => {
    const occupation = unique('9-7-');
    const now = Date.now();
    const soon = await file(occupation, {
      validFrom: new Date(now - 1000 * day).toISOString(),
      validUntil: new Date(now + 30 * day).toISOString(),
    });
    await file(occupation, {
      validFrom: new Date(now - 1000 * day).toISOString(),
      validUntil: new Date(now - day).toISOString(),
    });
    await file(occupation); // three years
    const res = await centre.get(`/institutions?occupation=${occupation}&expiringWithinDays=90`).expect(200);
    expect(codes(res)).toEqual([soon.code]);
    expect((await centre.get(`/institutions?occupation=${occupation}`)).body.total).toBe(3);
    expect((await centre.get('/institutions?expiringWithinDays=0')).status).toBe(400);
  });

  it('combines the status filter, a code or name search and paging', async () => {
    const occupation = unique('9-6-');
    const first = await file(occupation, { name: '甲乙培训学校' });
    const second = await file(occupation, { name: '丙丁培训学校' });
    await centre.patch(`/institutions/${second.id}`).send({ status: 'suspended', reason: '检查不合格' }).expect(200);
    const suspended = await centre.get(`/institutions?occupation=${occupation}&status=suspended`);
    expect(codes(suspended)).toEqual([second.code]);
    expect(codes(await centre.get(`/institutions?occupation=${occupation}&q=${encodeURIComponent('甲乙')}`))).toEqual([
      first.code,
    ]);
    expect(codes(await centre.get(`/institutions?q=${first.code}`))).toEqual([first.code]);
    const page2 = await centre.get(`/institutions?occupation=${occupation}&pageSize=1&page=2`).expect(200);
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(codes(page2)).toEqual([[first.code, second.code].sort()[1]]);
  });

  it('filters users by role, institution, active and name, naming each user’s institution', async () => {
    const inst = await file(unique('9-5-'), { name: '用户测试机构' });
    const tag = unique('dir');
    const mk = async (suffix: string, roles: string[], extra: Record<string, unknown> = {}) => {
      const res = await admin
        .post('/users')
        .send({ username: `${tag}.${suffix}`, password: 'a-good-password-1', roles, ...extra });
      expect(res.status).toBe(201);
      return res.body as { id: string; username: string };
    };
    const reviewer = await mk('a', ['author', 'reviewer', 'proctor']);
    const inStaff = await mk('b', ['institution'], { institutionId: inst.id });
    const gone = await mk('c', ['reviewer']);
    await admin.patch(`/users/${gone.id}`).send({ active: false }).expect(200);

    const names = (res: { body: { items: { username: string }[] } }) => res.body.items.map((u) => u.username).sort();
    expect(names(await admin.get(`/users?q=${tag}&role=reviewer`))).toEqual([reviewer.username, gone.username]);
    expect(names(await admin.get(`/users?q=${tag}&role=reviewer&active=true`))).toEqual([reviewer.username]);
    expect(names(await admin.get(`/users?q=${tag}&active=false`))).toEqual([gone.username]);
    expect(names(await admin.get(`/users?q=${tag}&role=proctor`))).toEqual([reviewer.username]);
    const byInst = await admin.get(`/users?institutionId=${inst.id}`).expect(200);
    expect(byInst.body.items).toEqual([
      expect.objectContaining({
        username: inStaff.username,
        institution: { id: inst.id, code: inst.code, name: '用户测试机构' },
      }),
    ]);
    expect((await admin.get(`/users?q=${tag}&role=reviewer`)).body.items[0].institution).toBeNull();
    expect((await admin.get('/users?role=boss')).status).toBe(400);
    expect((await admin.get('/users?active=maybe')).status).toBe(400);
    expect((await centre.get('/users')).status).toBe(403);
  });

  it('resets a password: the old one stops working and the new one signs in', async () => {
    const user = await ctx.newUser(['author'], { password: 'the-old-password-1' });
    await admin.patch(`/users/${user.user.id}`).send({ password: 'the-new-password-1' }).expect(200);
    await expect(ctx.login(user.user.username, 'the-old-password-1')).rejects.toThrow();
    await expect(ctx.login(user.user.username, 'the-new-password-1')).resolves.toBeInstanceOf(Session);
  });
});
