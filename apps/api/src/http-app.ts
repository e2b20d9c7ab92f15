import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { join } from 'path';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { AppConfig } from './config/config';
import { CandidateRoutes } from './modules/exam/candidate-routes';
import { buildOpenApiDocument } from './openapi-document';

export const CLIENT_DIST = join(__dirname, '..', '..', 'exam-client', 'dist');
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/** The placeholder the console's index.html carries for the per-response style nonce (see mountClientApp). */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Builds the HTTP application without listening, so tests boot exactly what production runs. */
export async function createHttpApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, 'api'), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // Node closes idle connections after 5 s; a proxy or client that reuses one a moment later would see a reset.
  const http = app.getHttpServer() as Server;
  http.keepAliveTimeout = config.keepAliveSeconds * 1000;
  http.headersTimeout = config.keepAliveSeconds * 1000 + 1000;
  app.disable('x-powered-by');
  // API answers are never served from a cache (an attempt carries the server clock); hashing each body buys nothing.
  // The client's static files keep their own validators.
  app.set('etag', false);
  app.useBodyParser('json', { limit: '2mb' });

  // Swagger UI ships inline bootstrap code; everything else gets the strict policy.
  const strict = helmet({ contentSecurityPolicy: { directives: STRICT_CSP } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next),
  );
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });

  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'api/health', method: RequestMethod.GET }] });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new HttpExceptionFilter());
  mountDocs(app);
  if (config.serveClient) {
    mountClientApp(app, { prefix: '/exam', root: CLIENT_DIST });
    mountClientApp(app, {
      prefix: '/console',
      root: CONSOLE_DIST,
      styleNonce: headersOf(strict)['content-security-policy'],
    });
    (app.getHttpAdapter().getInstance() as express.Express).get('/', (_req, res) => res.redirect('/exam/'));
  }
  // The candidate hot routes answer ahead of Express; with CORS configured they stay in the pipeline that applies it.
  if (!config.corsOrigins.length) mountCandidateRoutes(app, app.get(CandidateRoutes), headersOf(strict));
  return app;
}

/** The candidate hot routes in front of Express; any request they do not take goes to Express as before. */
function mountCandidateRoutes(
  app: NestExpressApplication,
  routes: CandidateRoutes,
  headers: Record<string, string>,
): void {
  routes.useHeaders(headers);
  routes.useTrustProxy(
    (app.getHttpAdapter().getInstance() as express.Express).get('trust proxy fn') as (
      address: string,
      hop: number,
    ) => boolean,
  );
  const server = app.getHttpServer() as Server;
  const [regular] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const route = routes.match(req);
    if (route === null) regular(req, res);
    else void routes.handle(req, res, route, () => regular(req, res));
  });
}

/** The headers a helmet middleware sets, read once by running it against a recording response. */
function headersOf(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

function mountDocs(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}

/** The API's Content-Security-Policy directives: same-origin everything, no inline script or style. */
const STRICT_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * A built Vite client under a prefix: hashed assets cached for a year, the HTML never, so a deploy takes effect at
 * once. With `styleNonce` (the strict policy to widen; the console: antd writes its CSS-in-JS into <style> elements at run time) each HTML response
 * gets a fresh nonce, written into the page's `csp-nonce` meta tag and allowed for <style> elements only; style
 * attributes, which antd's measuring code sets, are allowed too; scripts stay 'self' only.
 */
function mountClientApp(
  app: NestExpressApplication,
  opts: { prefix: string; root: string; styleNonce?: string },
): void {
  const indexFile = join(opts.root, 'index.html');
  if (!existsSync(indexFile)) return;
  const server = app.getHttpAdapter().getInstance() as express.Express;
  const html = readFileSync(indexFile, 'utf8');
  const strictPolicy = opts.styleNonce ?? '';
  if (opts.styleNonce && !/style-src 'self'(;|$)/.test(strictPolicy))
    throw new Error(`Unexpected CSP: ${strictPolicy}`);
  const csp = (nonce: string): string =>
    strictPolicy.replace(
      /style-src 'self'(;|$)/,
      `style-src 'self' 'nonce-${nonce}'; style-src-attr 'unsafe-inline'$1`,
    );
  server.use(
    `${opts.prefix}/assets`,
    express.static(join(opts.root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  server.use(opts.prefix, express.static(opts.root, { index: false, maxAge: '1h' }));
  server.get(new RegExp(`^${opts.prefix}(/.*)?$`), (_req: express.Request, res: express.Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!opts.styleNonce) return res.sendFile(indexFile);
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', csp(nonce));
    res.type('html').send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  });
}
