import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'fs';
import { join } from 'path';

export interface ClientApp {
  /** Where the app lives, without a trailing slash: `/exam`, `/console`. */
  prefix: string;
  /** The built app (Vite's `dist`): `index.html` plus hashed files under `assets/`. */
  root: string;
}

/**
 * Serves a built single-page client under its prefix: hashed files under `assets/` cached for a year (a new build has
 * new names), `index.html` never (so a deploy takes effect at once), other files for an hour; any other path under
 * the prefix is the app's own route and gets `index.html`, while a missing asset is a 404. The files are those present
 * at boot. Headers such as the strict Content-Security-Policy come from the global helmet hook like every response.
 * Returns false when the app is not built.
 */
export function serveClientApp(app: NestFastifyApplication, { prefix, root }: ClientApp): boolean {
  if (!existsSync(join(root, 'index.html'))) return false;
  const assets = `${prefix}/assets/`;
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
      return reply.header('cache-control', 'no-store').sendFile('index.html');
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
