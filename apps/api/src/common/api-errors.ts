import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODE_LIST, ERROR_CODES, ErrorCode } from './error-codes';

const CATALOGUE = ERROR_CODE_LIST.map(
  (code) => `- \`${code}\` (${ERROR_CODES[code].status}): ${ERROR_CODES[code].message}`,
).join('\n');

/** The body of every error response. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    enum: ERROR_CODE_LIST,
    enumName: 'ErrorCode',
    description: `The stable code; the catalogue:\n\n${CATALOGUE}`,
  })
  code!: ErrorCode;

  @ApiProperty({ description: 'For people; may change' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Facts behind the refusal: validation problems, failing rows, retry delay…',
    oneOf: [
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
    ],
  })
  details?: unknown;
}

/** Declares the error responses a route sends, grouped by the catalogue's statuses. */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const entry: { status: number; also?: readonly number[] } = ERROR_CODES[code];
    for (const status of [entry.status, ...(entry.also ?? [])])
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, list]) => ApiResponse({ status, type: ErrorBody, description: list.join(', ') })),
  );
}
