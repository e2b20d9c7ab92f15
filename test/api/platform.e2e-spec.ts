import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES } from '../../apps/api/src/modules/auth/decorators';
import { bootApp, TestContext } from '../support/app';

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

  it('declares @Public or @Roles on every route, so none is open by accident', () => {
    const controllers = [...ctx.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    const scanner = new MetadataScanner();
    const reflector = ctx.app.get(Reflector);
    const undeclared: string[] = [];
    expect(controllers.length).toBeGreaterThan(4);
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(proto)) {
        const handler = proto[method] as () => unknown;
        if (Reflect.getMetadata('method', handler) === undefined) continue;
        const targets = [handler, instance.constructor];
        const open = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
        const roles = reflector.getAllAndOverride<string[]>(ROLES, targets);
        if (!open && !(roles && roles.length))
          undeclared.push(
            `${instance.constructor.name}.${method} ${RequestMethod[Reflect.getMetadata('method', handler) as number]}`,
          );
      }
    }
    expect(undeclared).toEqual([]);
  });
});
