import { ADMIN, bootApp, TestContext, unique } from '../support/app';

describe('Authentication and roles', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await bootApp();
  });
  afterAll(() => ctx.close());

  it('signs the bootstrap admin in and returns the token and roles', async () => {
    const res = await ctx.http.post('/api/v1/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ username: ADMIN.username, roles: ['admin'] });
  });

  it('answers a wrong password with 401 and a stable code', async () => {
    const res = await ctx.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '10.0.0.1')
      .send({ username: ADMIN.username, password: 'not-the-password' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String) });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await ctx.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '10.0.0.2')
      .send({ username: 'nobody-here', password: 'whatever-1' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a protected route without a token with 401', async () => {
    const res = await ctx.http.get('/api/v1/users');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged or expired token with 401', async () => {
    const res = await ctx.http
      .get('/api/v1/users')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses a user without the role with 403 and names the roles required', async () => {
    const author = await ctx.newUser(['author']);
    const res = await author
      .post('/users')
      .send({ username: unique('x.'), password: 'a-good-password-1', roles: ['author'] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ROLE_REQUIRED', details: { required: ['admin'] } });
  });

  it('throttles the sixth failed sign-in for one user name within a minute with 429', async () => {
    const admin = await ctx.admin();
    const username = unique('victim.');
    await admin
      .post('/users')
      .send({ username, password: 'the-right-password', roles: ['author'] })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      // A different address each time: the per-user counter alone must trip.
      const res = await ctx.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.1.0.${i + 1}`)
        .send({ username, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const sixth = await ctx.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '10.1.0.99')
      .send({ username, password: 'the-right-password' });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('LOGIN_THROTTLED');
    expect(sixth.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(sixth.headers['retry-after']).toBe(String(sixth.body.details.retryAfterSeconds));
  });

  it('throttles one address that tries many user names', async () => {
    const ip = '10.2.0.7';
    for (let i = 0; i < 5; i++) {
      await ctx.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username: unique('guess.'), password: 'wrong-password' })
        .expect(401);
    }
    const res = await ctx.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send(ADMIN);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    // Another address is unaffected.
    await ctx.http.post('/api/v1/auth/login').set('X-Forwarded-For', '10.2.0.8').send(ADMIN).expect(200);
  });

  it('stops a disabled account at once, even with a token issued before', async () => {
    const admin = await ctx.admin();
    const user = await ctx.newUser(['centre']);
    await user.get('/audit/verify').expect(200);
    await admin.patch(`/users/${user.user.id}`).send({ active: false }).expect(200);
    const res = await user.get('/audit/verify');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('rejects a body with unknown fields with VALIDATION_FAILED', async () => {
    const admin = await ctx.admin();
    const res = await admin
      .post('/users')
      .send({ username: unique('v.'), password: 'a-good-password-1', roles: ['author'], isRoot: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and no stack trace', async () => {
    const res = await ctx.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('requires an institution for a user with the institution role', async () => {
    const admin = await ctx.admin();
    const res = await admin
      .post('/users')
      .send({ username: unique('i.'), password: 'a-good-password-1', roles: ['institution'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INSTITUTION_REQUIRED');
  });
});
