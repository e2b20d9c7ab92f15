import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES, ErrorCode } from './error-codes';

/**
 * The one error type services throw. `code` is the stable contract with clients, one of the catalogue (error-codes.ts);
 * the message is for people and may change.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: HttpStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppException';
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.BAD_REQUEST, message, details);
export const notFound = (code: ErrorCode, message: string) => new AppException(code, HttpStatus.NOT_FOUND, message);
export const forbidden = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.FORBIDDEN, message, details);
export const conflict = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.CONFLICT, message, details);
export const unauthorized = (code: ErrorCode, message: string) =>
  new AppException(code, HttpStatus.UNAUTHORIZED, message);
export const unprocessable = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.UNPROCESSABLE_ENTITY, message, details);
/** For a code computed at run time (a library's refusal): the status is the catalogue's. */
export const appError = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(code, ERROR_CODES[code].status, message, details);
