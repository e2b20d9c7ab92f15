import { HttpStatus } from '@nestjs/common';

/**
 * The one error type services throw. `code` is the stable contract with clients (UPPER_SNAKE_CASE);
 * the message is for people and may change.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppException';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.BAD_REQUEST, message, details);
export const notFound = (code: string, message: string) => new AppException(code, HttpStatus.NOT_FOUND, message);
export const forbidden = (code: string, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.FORBIDDEN, message, details);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.CONFLICT, message, details);
export const unauthorized = (code: string, message: string) => new AppException(code, HttpStatus.UNAUTHORIZED, message);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppException(code, HttpStatus.UNPROCESSABLE_ENTITY, message, details);
