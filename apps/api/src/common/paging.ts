import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The highest page a list accepts: offsets stay far inside the safe integers whatever the page size. */
export const MAX_PAGE = 1_000_000;

/**
 * A whole number from a query string, between `min` and `max` (both safe integers), or a 400 naming the field.
 * Only plain decimal digits count: `1e20`, `0x10`, `1.5` and 21-digit numbers are refused before they reach SQL,
 * where JavaScript would print them as `1e+21`.
 */
export function QueryInt(opts: {
  min: number;
  max: number;
  default?: number;
  description?: string;
  required?: boolean;
}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: opts.min,
      maximum: opts.max,
      default: opts.default,
      description: opts.description,
      required: opts.required ?? false,
    }),
    ...(opts.required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN,
    ),
    IsInt(),
    Min(opts.min),
    Max(opts.max),
  );
}

export class PageQuery {
  @QueryInt({ min: 1, max: MAX_PAGE, default: 1 })
  page = 1;

  @QueryInt({ min: 1, max: 500, default: 50 })
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
