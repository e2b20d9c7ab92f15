import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from './common/api-errors';
import { VERSION } from './version';

/**
 * The OpenAPI document: served at /api/docs-json and the source of the clients' generated types
 * (`npm run openapi` writes it to libs/api-client). Every operation may answer with an `ErrorBody`, whose `code` is
 * one of the `ErrorCode` catalogue; routes name the codes they are known to send.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jianding API')
      .setDescription(
        'Item bank and computer-based testing for vocational skill assessment. Errors are `{statusCode, code, message, details?}`.',
      )
      .setVersion(VERSION)
      .addBearerAuth()
      .addGlobalResponse({
        status: 'default',
        description: 'An error; `code` is one of the ErrorCode catalogue',
        type: ErrorBody,
      })
      .build(),
    { extraModels: [ErrorBody] },
  );
}
