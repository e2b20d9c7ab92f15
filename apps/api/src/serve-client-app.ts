import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

export interface ClientApp {
  /** Where the app lives, without a trailing slash: `/exam`, `/console`. */
  prefix: string;
  /** The built app (Vite's `dist`): `index.html` plus hashed files under `assets/`. */
  root: string;
  /**
   * For an app that writes `<style>` elements at run time (antd's CSS-in-JS): the page's Content-Security-Policy for a
   * fresh nonce. Each HTML response then gets its own nonce, written where the page carries {@link NONCE_PLACEHOLDER}
   * (a `csp-nonce` meta tag the app reads), and this policy instead of the global one.
   */
  pageCsp?: (nonce: string) => string;
}

/** What a client's `index.html` carries where the per-response style nonce goes. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Serves a built single-page client under its prefix: hashed files under `assets/` cached for a year (a new build has
 * new names), `index.html` never (so a deploy takes effect at once), other files for an hour; any other path under
 * the prefix is the app's own route and gets `index.html`, while a missing asset is a 404. The files are those present
 * at boot. Headers such as the strict Content-Security-Policy come from the global security-header hook like every response.
 * Returns false when the app is not built.
 */
export function serveClientApp(app: NestFastifyApplication, { prefix, root, pageCsp }: ClientApp): boolean {
  if (!existsSync(join(root, 'index.html'))) return false;
  const assets = `${prefix}/assets/`;
  const html = pageCsp ? readFileSync(join(root, 'index.html'), 'utf8') : null;
  // Encapsulated: each client app has its own `sendFile` decoration and routes, so several can be served.
  void app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyStatic, {
      root,
      prefix: `${prefix}/`,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header('cache-control', cacheControlFor(root, path)),
    });
    const index = (req: FastifyRequest, reply: FastifyReply) => {
      if (req.url.startsWith(assets)) return reply.callNotFound();
      void reply.header('cache-control', 'no-store');
      if (html === null || !pageCsp) return reply.sendFile('index.html');
      const nonce = randomBytes(16).toString('base64');
      return reply
        .header('content-security-policy', pageCsp(nonce))
        .type('text/html; charset=utf-8')
        .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
    };
    scope.get(prefix, index);
    scope.get(`${prefix}/*`, index);
  });
  return true;
}

function cacheControlFor(root: string, path: string): string {
  if (path.endsWith('.html')) return 'no-store';
  if (path.startsWith(join(root, 'assets'))) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}
