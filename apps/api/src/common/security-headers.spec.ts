import Fastify from 'fastify';
import helmet from 'helmet';
import { createServer, request, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';
import { helmetHeaders, useSecurityHeaders } from './security-headers';

const CSP = { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } };

/** The headers helmet's own middleware sets on a real response. */
async function helmetOnARealResponse(options: Parameters<typeof helmet>[0]): Promise<IncomingHttpHeaders> {
  const middleware = helmet(options);
  const server = createServer((req, res) => middleware(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) =>
      request({ host: '127.0.0.1', port, path: '/' }, (res) => (res.resume(), resolve(res.headers)))
        .on('error', reject)
        .end(),
    );
  } finally {
    server.close();
  }
}

describe('security headers', () => {
  it("are exactly helmet's, worked out once", async () => {
    const real = await helmetOnARealResponse({ contentSecurityPolicy: CSP });
    const prebuilt = helmetHeaders({ contentSecurityPolicy: CSP });
    const { date: _d, connection: _c, 'keep-alive': _k, 'content-length': _l, ...fromHelmet } = real;
    expect(prebuilt).toEqual(fromHelmet);
    expect(prebuilt['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(Object.keys(prebuilt)).toEqual(
      expect.arrayContaining([
        'strict-transport-security',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
      ]),
    );
  });

  it('go on every response from one hook, with the prefix set where it applies and no-store on the API', async () => {
    const app = Fastify();
    useSecurityHeaders(app, {
      global: { 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': 'strict' },
      byPrefix: [{ prefix: '/api/docs', headers: { 'content-security-policy': 'docs' } }],
      noStorePrefix: '/api/',
    });
    app.get('/api/v1/x', () => ({}));
    app.get('/api/docs', () => 'ui');
    app.get('/page', (_req, reply) => reply.header('content-security-policy', 'own').send('p'));
    const api = await app.inject('/api/v1/x');
    const missing = await app.inject('/api/v1/none');
    const docs = await app.inject('/api/docs');
    const page = await app.inject('/page');
    await app.close();
    expect([
      api.headers['content-security-policy'],
      api.headers['x-frame-options'],
      api.headers['cache-control'],
    ]).toEqual(['strict', 'SAMEORIGIN', 'no-store']);
    expect([missing.statusCode, missing.headers['content-security-policy'], missing.headers['cache-control']]).toEqual([
      404,
      'strict',
      'no-store',
    ]);
    expect([docs.headers['content-security-policy'], docs.headers['x-frame-options']]).toEqual(['docs', undefined]);
    expect([page.headers['content-security-policy'], page.headers['cache-control']]).toEqual(['own', undefined]);
  });
});
