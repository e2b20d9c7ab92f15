import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../database/db.service';
import { AppException } from './app.exception';

const STATUS_CODES: Record<number, string> = {
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

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Maps every error to `{statusCode, code, message, details?}`; a stack trace never leaves the process. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}

/** The error body for any thrown value; also used by routes served outside Nest's pipeline. */
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
    const response = exception.getResponse() as string | { message?: string | string[]; code?: string };
    const raw = typeof response === 'string' ? response : response.message;
    const isValidation = status === 400 && Array.isArray(raw);
    // Nest turns body-parser's SyntaxError into a plain 400; a client deserves to know its JSON was the problem.
    if (
      status === 400 &&
      exception.constructor.name === 'BadRequestException' &&
      typeof raw === 'string' &&
      /JSON/.test(raw)
    ) {
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
  const withStatus = exception as { status?: number; statusCode?: number; type?: string };
  // Body-parser errors (bad JSON, too large) carry a status but are not HttpExceptions.
  const status = withStatus?.status ?? withStatus?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      statusCode: status,
      code: withStatus.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : (STATUS_CODES[status] ?? 'HTTP_ERROR'),
      message: (exception as Error).message,
    };
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
