import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'stream';
import { loggerOptions, NestPinoLogger, prettyLogs, RequestLog, requestLogLevel } from './logger';

/** A production logger writing its JSON lines into `lines`. */
function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const options = loggerOptions({ env: 'production', logLevel: level as 'debug', logPretty: undefined }, 'api', false);
  return { lines, logger: pino(options, stream) };
}

describe('logger', () => {
  it('writes readable lines in development on a terminal or when LOG_PRETTY asks, JSON otherwise', () => {
    expect(prettyLogs({ env: 'development', logPretty: undefined }, true)).toBe(true);
    expect(prettyLogs({ env: 'development', logPretty: undefined }, false)).toBe(false);
    expect(prettyLogs({ env: 'production', logPretty: undefined }, true)).toBe(false);
    expect(prettyLogs({ env: 'production', logPretty: true }, false)).toBe(true);
    expect(prettyLogs({ env: 'development', logPretty: false }, true)).toBe(false);
    const dev = loggerOptions({ env: 'development', logLevel: 'info', logPretty: undefined }, 'api', true);
    expect(dev.transport).toMatchObject({ target: 'pino-pretty' });
    const prod = loggerOptions({ env: 'production', logLevel: 'warn', logPretty: undefined }, 'api', true);
    expect([prod.transport, prod.level]).toEqual([undefined, 'warn']);
  });

  it('never writes a bearer token, an ID number or an answer', () => {
    const { lines, logger } = capture();
    logger.info({ req: { method: 'PUT', url: '/x', headers: { authorization: 'Bearer secret-token' } } }, 'a');
    logger.info({ headers: { authorization: 'Bearer secret-token', cookie: 'sid=1' } }, 'b');
    logger.info({ body: { idNumber: '110105196001011234', answer: 'B' } }, 'c');
    logger.info({ idNumber: '110105196001011234', answer: ['A', 'D'] }, 'd');
    const text = JSON.stringify(lines);
    expect(lines).toHaveLength(4);
    for (const secret of ['secret-token', 'sid=1', '110105196001011234', '"B"', '"A"'])
      expect(text).not.toContain(secret);
    expect(lines[0].req).toEqual({ method: 'PUT', url: '/x' });
  });

  it('logs each request once when it completes, answer saves at debug, the health probe not at all', async () => {
    expect(requestLogLevel('/api/v1/exam/attempt/answers/3', 200, false)).toBe('debug');
    expect(requestLogLevel('/api/v1/exam/attempt/answers/3', 409, false)).toBe('warn');
    expect(requestLogLevel('/api/v1/exam/attempt', 200, false)).toBe('info');
    expect(requestLogLevel('/api/health', 200, false)).toBeNull();
    expect(requestLogLevel('/api/health', 503, false)).toBe('error');

    const { lines, logger } = capture('info');
    const app = Fastify({ loggerInstance: logger, logController: new RequestLog() });
    app.get('/api/health', () => ({ ok: true }));
    app.put('/api/v1/exam/attempt/answers/:position', () => ({ seq: 1 }));
    app.get('/api/v1/items', () => []);
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'PUT', url: '/api/v1/exam/attempt/answers/1', payload: { answer: 'B', seq: 1 } });
    await app.inject({ method: 'GET', url: '/api/v1/items', headers: { authorization: 'Bearer secret-token' } });
    await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    await app.close();
    const requests = lines.filter((l) => l.req);
    expect(
      requests.map((l) => [l.level, (l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode]),
    ).toEqual([
      [30, '/api/v1/items', 200],
      [40, '/api/v1/nothing', 404],
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(typeof requests[0].responseTime).toBe('number');
  });

  it("is Nest's LoggerService: context, error stacks and levels on the same pino logger", () => {
    const { lines, logger } = capture('info');
    const nest = new NestPinoLogger(logger);
    nest.log('up', 'Main');
    nest.error('failed', 'Error: failed\n    at x', 'Writer');
    nest.warn({ batch: 3 }, 'Writer');
    nest.debug('hidden', 'Main');
    expect(lines.map((l) => [l.level, l.context, l.msg ?? null])).toEqual([
      [30, 'Main', 'up'],
      [50, 'Writer', 'failed'],
      [40, 'Writer', null],
    ]);
    expect(lines[1].stack).toContain('at x');
    expect(lines[2].batch).toBe(3);
  });
});
