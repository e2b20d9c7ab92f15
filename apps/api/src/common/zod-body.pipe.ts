import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { badRequest } from './app.exception';

/**
 * Validates a body against a zod schema, for the hot candidate routes where class-validator's reflection would cost
 * more than the route's own work. The same `VALIDATION_FAILED` answer as the global ValidationPipe, one line of
 * `details` per problem. Give the parameter the schema's inferred type under another name than the schema's (not a
 * class, and not a name that is also a value), so decorator metadata says `Object` and the ValidationPipe leaves it
 * to this pipe.
 */
export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw badRequest(
      'VALIDATION_FAILED',
      'The request is not valid',
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  }
}

/** The schema as OpenAPI reads it (`@ApiBody({ schema })`), so the document and the check come from one definition. */
export function openApiSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}
