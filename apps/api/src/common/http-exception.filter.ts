import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { isDatabaseUnavailable } from '../database/db.service';
import type { ErrorBody } from './api-errors';
import { AppException } from './app.exception';
import type { ErrorCode } from './error-codes';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Maps every error to `{statusCode, code, message, details?}`; a stack trace never leaves the process. It answers
 * errors from the route handlers, the guard and the pipes, and (through Nest's Fastify error and not-found handlers)
 * those of body parsing and unknown routes, so every error body has this shape. A 429 says when to come back.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res: unknown = host.switchToHttp().getResponse();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(res)) return;
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS)
      adapter.setHeader(res, 'retry-after', String(retryAfterOf(body)));
    adapter.reply(res, body, body.statusCode);
  }
}

function retryAfterOf(body: ErrorBody): number {
  const seconds = Number((body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
}

/** The error body for any thrown value. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppException) {
    return {
      statusCode: exception.status,
      code: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse() as string | { message?: string | string[]; code?: ErrorCode };
    const raw = typeof response === 'string' ? response : response.message;
    const isValidation = status === 400 && Array.isArray(raw);
    // Nest turns Fastify's body-parsing errors into plain HttpExceptions; a client deserves to know its JSON was the problem.
    if (status === 400 && typeof raw === 'string' && /JSON/.test(raw)) {
      return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' };
    }
    return {
      statusCode: status,
      code:
        (typeof response === 'object' && response.code) ||
        (isValidation ? 'VALIDATION_FAILED' : (STATUS_CODES[status] ?? 'HTTP_ERROR')),
      message: isValidation ? 'The request is not valid' : String(raw ?? exception.message),
      ...(isValidation ? { details: raw } : {}),
    };
  }
  const withStatus = exception as { status?: number; statusCode?: number };
  // Fastify's own errors met inside the pipeline (an upload over its limit) carry a status but are not HttpExceptions.
  const status = withStatus?.status ?? withStatus?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, code: STATUS_CODES[status] ?? 'HTTP_ERROR', message: (exception as Error).message };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is not reachable right now; try again',
    };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}
