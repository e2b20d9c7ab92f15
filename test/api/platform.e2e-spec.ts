import { Module, RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { IS_PUBLIC, ROLES } from '../../apps/api/src/modules/auth/decorators';
import { serveClientApp } from '../../apps/api/src/serve-client-app';
import { bootApp, TestContext } from '../support/app';

const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
];

/** Every controller method that handles a route: its HTTP method, full path, and whether it is @Public or declares roles. */
function routesOf(
  ctx: TestContext,
): { name: string; method: string; path: string; open: boolean; declared: boolean }[] {
  const controllers = [...ctx.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  const scanner = new MetadataScanner();
  const reflector = ctx.app.get(Reflector);
  const routes = [];
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(proto)) {
      const handler = proto[method] as () => unknown;
      const verb = Reflect.getMetadata('method', handler) as number | undefined;
      if (verb === undefined) continue;
      const targets = [handler, instance.constructor];
      const open = !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
      const roles = reflector.getAllAndOverride<string[]>(ROLES, targets);
      const base = String(Reflect.getMetadata('path', instance.constructor) ?? '');
      const own = String(Reflect.getMetadata('path', handler) ?? '');
      const joined = [base, own].filter((p) => p && p !== '/').join('/');
      const path = joined === 'api/health' ? '/api/health' : `/api/v1/${joined}`;
      routes.push({
        name: `${instance.constructor.name}.${method}`,
        method: RequestMethod[verb],
        path,
        open,
        declared: open || !!(roles && roles.length),
      });
    }
  }
  return routes;
}

describe('Platform', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await bootApp();
  });
  afterAll(() => ctx.close());

  it('reports database and queue status on /api/health', async () => {
    const res = await ctx.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { status: 'up', driver: ctx.driver },
      queue: { status: 'up', driver: ctx.config.redis ? 'bullmq' : 'inline' },
    });
  });

  it('serves the OpenAPI document with the contract paths', async () => {
    const res = await ctx.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/audit',
        '/api/v1/audit/verify',
        '/api/health',
      ]),
    );
    const ui = await ctx.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers and no CORS header by default', async () => {
    const res = await ctx.http.get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with a JSON 404 and a code', async () => {
    const res = await ctx.http.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('declares @Public or @Roles on every route, the candidate hot routes included, so none is open by accident', () => {
    const routes = routesOf(ctx);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining(['ExamController.login', 'ExamController.attempt', 'ExamController.save']),
    );
    expect(routes.filter((r) => !r.declared).map((r) => r.name)).toEqual([]);
  });

  it('answers every non-public route, the candidate hot routes included, through the one guard, error body and headers', async () => {
    const closed = routesOf(ctx).filter((r) => !r.open);
    expect(closed.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/exam/attempt', '/api/v1/exam/attempt/answers/:position']),
    );
    for (const route of closed) {
      const path = route.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await ctx.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
        .set('Content-Type', 'application/json')
        .send('{}');
      expect([route.name, res.status, res.body]).toEqual([
        route.name,
        401,
        { statusCode: 401, code: 'UNAUTHENTICATED', message: 'This route needs a bearer token' },
      ]);
      expect(res.headers['cache-control']).toBe('no-store');
      for (const h of SECURITY_HEADERS) expect(res.headers[h]).toBeDefined();
    }
  });

  it('refuses a body nested beyond the depth limit with 400 BODY_TOO_DEEP before validation, on any route', async () => {
    const author = await ctx.newUser(['author']);
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await author.post('/items').set('Content-Type', 'application/json').send(`{"stem":${deep}}`);
    expect([res.status, res.body.code]).toEqual([400, 'BODY_TOO_DEEP']);
    const login = await ctx.http.post('/api/v1/exam/login').set('Content-Type', 'application/json').send(deep);
    expect([login.status, login.body.code]).toEqual([400, 'BODY_TOO_DEEP']);
    // Brackets inside strings are text, not depth.
    const text = await author.post('/items').send({ stem: '['.repeat(100) });
    expect(text.body.code).not.toBe('BODY_TOO_DEEP');
  });

  it('refuses a JSON body over the limit with 413 PAYLOAD_TOO_LARGE on every route alike', async () => {
    const big = JSON.stringify({ answer: 'x'.repeat(3 * 1024 * 1024), seq: 1 });
    for (const path of ['/api/v1/exam/attempt/answers/1', '/api/v1/exam/login', '/api/v1/items']) {
      const res = await ctx.http.put(path).set('Content-Type', 'application/json').send(big);
      const post = await ctx.http.post(path).set('Content-Type', 'application/json').send(big);
      const hit = [res, post].find((r) => r.status !== 404)!;
      expect([path, hit.status, hit.body.code]).toEqual([path, 413, 'PAYLOAD_TOO_LARGE']);
    }
  });

  it('marks every API response no-store, errors included', async () => {
    for (const path of ['/api/health', '/api/v1/no-such-thing', '/api/docs-json'])
      expect((await ctx.http.get(path)).headers['cache-control']).toBe('no-store');
  });
});

describe(serveClientApp.name, () => {
  let app: NestFastifyApplication;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'jd-client-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>client</title>');
    writeFileSync(join(root, 'assets', 'index-3f9a1c.js'), 'console.log(1)');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    @Module({})
    class EmptyModule {}
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    expect(serveClientApp(app, { prefix: '/exam', root })).toBe(true);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("caches hashed assets for a year, never the HTML, and serves the HTML for the app's own routes", async () => {
    const http = request(app.getHttpServer());
    const asset = await http.get('/exam/assets/index-3f9a1c.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe('console.log(1)');
    expect((await http.get('/exam/favicon.svg').expect(200)).headers['cache-control']).toBe('public, max-age=3600');
    for (const path of ['/exam', '/exam/', '/exam/index.html', '/exam/result']) {
      const page = await http.get(path).expect(200);
      expect([path, page.headers['cache-control'], page.text]).toEqual([
        path,
        'no-store',
        '<!doctype html><title>client</title>',
      ]);
    }
    await http.get('/exam/assets/missing-000000.js').expect(404);
  });

  it('serves nothing when the app is not built', () => {
    expect(serveClientApp(app, { prefix: '/console', root: join(root, 'missing') })).toBe(false);
  });
});
