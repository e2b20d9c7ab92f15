import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { hostname } from 'os';
import pino, { type Level, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/config';
import type { ProcessRole } from '../queue/queue.service';

const REDACTED = '[redacted]';
const withoutSecrets = (keys: string[]) => (value: unknown) =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.includes(k.toLowerCase()) ? REDACTED : v]))
    : value;

/**
 * What may never reach a log line: the bearer token, cookies, a candidate's ID number and answers. A request is
 * written as its method, URL and address only (never its headers or body), and the fields that could carry the
 * others are replaced wherever something logs them. Serializers rather than pino's `redact`: they cost nothing until
 * a line is written, while `redact` is paid again by the child logger of every request.
 */
export const LOG_SERIALIZERS = {
  req: (req: { id?: unknown; method?: string; url?: string; ip?: string; remoteAddress?: string }) => ({
    id: req.id,
    method: req.method,
    url: req.url,
    remoteAddress: req.ip ?? req.remoteAddress,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: pino.stdSerializers.err,
  headers: withoutSecrets(['authorization', 'cookie']),
  body: withoutSecrets(['idnumber', 'answer']),
  idNumber: () => REDACTED,
  answer: () => REDACTED,
};

/** Whether lines are made readable (pino-pretty) instead of JSON: asked for, or a developer's terminal. */
export function prettyLogs(config: Pick<AppConfig, 'env' | 'logPretty'>, isTTY = !!process.stdout.isTTY): boolean {
  return config.logPretty ?? (config.env === 'development' && isTTY);
}

export function loggerOptions(
  config: Pick<AppConfig, 'env' | 'logLevel' | 'logPretty'>,
  role: ProcessRole,
  isTTY?: boolean,
): LoggerOptions {
  return {
    level: config.logLevel,
    transport: prettyLogs(config, isTTY)
      ? {
          target: 'pino-pretty',
          options: {
            singleLine: true,
            translateTime: 'SYS:HH:MM:ss.l',
            // `[Context] message`, and a request as `GET /api/v1/... 200 3.1ms`.
            messageFormat:
              '{if context}[{context}] {end}{if req.method}{req.method} {req.url} {res.statusCode} {responseTime}ms {end}{msg}',
            ignore: 'pid,hostname,role,context,reqId,req,res,responseTime',
          },
        }
      : undefined,
    serializers: LOG_SERIALIZERS,
    base: { pid: process.pid, hostname: hostname(), role },
  };
}

/** The process's one logger: Fastify logs requests through it, Nest's `Logger` through {@link NestPinoLogger}. */
export function createLogger(
  config: Pick<AppConfig, 'env' | 'logLevel' | 'logPretty'>,
  role: ProcessRole,
  isTTY?: boolean,
): Logger {
  return pino(loggerOptions(config, role, isTTY));
}

/**
 * Answer saves, cursor moves and integrity events come from every candidate every few seconds: they are logged at
 * debug unless they fail, or the exam-day log is mostly noise.
 */
const QUIET_ROUTES = /^\/api\/v1\/exam\/attempt\/(answers|cursor|events)/;

/** The level of a completed request's line, or null for none (the health probe). */
export function requestLogLevel(url: string, statusCode: number, failed: boolean): Level | null {
  if (failed || statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  if (url === '/api/health') return null;
  return QUIET_ROUTES.test(url) ? 'debug' : 'info';
}

/**
 * Fastify's request logging, one line per request when it completes (not two), at the level of
 * {@link requestLogLevel}. The level is checked before anything is built, so a quiet route costs nothing.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const level = requestLogLevel(request.url, reply.statusCode, !!error);
    // Fastify's request logger is a child of the pino logger the adapter was given.
    const log = request.log as Logger;
    if (!level || !log.isLevelEnabled(level)) return;
    log[level](
      {
        req: request,
        res: reply,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...(error ? { err: error } : {}),
      },
      error ? 'request errored' : 'request completed',
    );
  }
}

const NEST_LEVELS = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' };

/**
 * Nest's `LoggerService` on the process's pino logger: `new Logger('Context').log(...)` anywhere in the application
 * writes a pino line with `context`. Nest passes the context as the last argument, and an error's stack before it.
 */
export class NestPinoLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(method: keyof typeof NEST_LEVELS, message: unknown, params: unknown[]): void {
    const level = NEST_LEVELS[method] as Level;
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (method === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (message !== null && typeof message === 'object') this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
