import multipart from '@fastify/multipart';
import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { join } from 'path';
import { AppModule } from './app.module';
import { useCompiledResponses } from './common/compiled-response';
import { useReadRetry } from './common/db-retry.interceptor';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { useJsonBodyParser } from './common/json-body';
import { createLogger, NestPinoLogger, RequestLog } from './common/logger';
import { helmetHeaders, useSecurityHeaders } from './common/security-headers';
import { AppConfig } from './config/config';
import { buildOpenApiDocument } from './openapi-document';
import { serveClientApp } from './serve-client-app';

export const CLIENT_DIST = join(__dirname, '..', '..', 'exam-client', 'dist');
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/** The largest JSON body of any route (a roster of 50,000 candidates sent as JSON). Uploads have their own limits. */
const BODY_LIMIT = 2 * 1024 * 1024;

const STRICT_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};
/** Swagger UI ships inline bootstrap code; only its pages get this policy. */
const DOCS_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
  },
};

/** Helmet's headers for both policies, worked out once: they do not depend on the request. */
const STRICT_HEADERS = helmetHeaders({ contentSecurityPolicy: STRICT_CSP });
const DOCS_HEADERS = helmetHeaders({ contentSecurityPolicy: DOCS_CSP });

/**
 * Builds the HTTP application, initialised but not listening, so tests and benchmarks boot exactly what production
 * runs. One pipeline for every route: Fastify parses (one JSON parser with the body limit and a depth check), one
 * hook sets helmet's prebuilt headers and `Cache-Control: no-store`, then Nest's guard, pipes and filter; Fastify
 * logs each request when it completes, through the process's one pino logger.
 */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config, 'api');
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMIT,
    // A hop count as the function proxy-addr builds from a number (Fastify's types no longer list the number form).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    // Node closes idle connections after 5 s; a proxy or client that reuses one a moment later would see a reset.
    keepAliveTimeout: config.keepAliveSeconds * 1000,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // Nest's own parsers are not registered: the JSON parser below is the only one, and multipart is a plugin.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, 'api'), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(new NestPinoLogger(logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.server.headersTimeout = config.keepAliveSeconds * 1000 + 1000;
  useJsonBodyParser(fastify);
  await app.register(multipart);

  // The docs pages (Swagger UI ships inline bootstrap code) get their own policy. API answers are never kept by a
  // browser or proxy (an attempt carries items and the server clock); the client's static files set their own caching.
  useSecurityHeaders(fastify, {
    global: STRICT_HEADERS,
    byPrefix: [{ prefix: '/api/docs', headers: DOCS_HEADERS }],
    noStorePrefix: '/api/',
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });

  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'api/health', method: RequestMethod.GET }] });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost)));
  useReadRetry(app);
  // The document is built before the controllers' routes are registered (at init): the hot routes' compiled
  // serialisers are made from their response DTOs' schemas in it.
  const document = buildOpenApiDocument(app);
  useCompiledResponses(fastify, document);
  mountDocs(app, document);
  if (config.serveClient && serveClientApp(app, { prefix: '/exam', root: CLIENT_DIST })) {
    fastify.get('/', (_req, reply) => reply.redirect('/exam/'));
  }
  if (config.serveClient) serveClientApp(app, { prefix: '/console', root: CONSOLE_DIST, pageCsp: consolePageCsp });
  await app.init();
  await fastify.ready();
  return app;
}

function mountDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}

/**
 * The console's page policy: the strict one, with antd's run-time `<style>` elements allowed by the response's nonce
 * and style attributes (which antd's measuring code sets) allowed; scripts stay 'self' only.
 */
function consolePageCsp(nonce: string): string {
  const directives: Record<string, string[]> = {
    ...STRICT_CSP.directives,
    styleSrc: ["'self'", `'nonce-${nonce}'`],
    styleSrcAttr: ["'unsafe-inline'"],
    scriptSrcAttr: ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}
