import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  mixin,
  NestInterceptor,
  Type,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/** One uploaded file, read into memory (uploads are spreadsheets of a few megabytes at most). */
export interface UploadedFileData {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

type UploadRequest = FastifyRequest & { uploadedFile?: UploadedFileData };

/** The file {@link FileUpload} read, or undefined when the request carried none. */
export const UploadedFile = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<UploadRequest>().uploadedFile,
);

/** Text fields of a form: a few short values such as an occupation code. */
const FIELD_LIMITS = { fields: 20, fieldSize: 64 * 1024 };

/**
 * Reads a `multipart/form-data` request with @fastify/multipart: the file in `field` (at most `maxBytes`, one file)
 * becomes {@link UploadedFile}, the text fields become the body that `@Body()` validates. A larger file is refused with
 * 413 while it streams in. A request that is not multipart passes with no file, for the route to refuse.
 */
export function FileUpload(field: string, { maxBytes }: { maxBytes: number }): Type<NestInterceptor> {
  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = ctx.switchToHttp().getRequest<UploadRequest>();
      if (!req.isMultipart()) return next.handle();
      const fields: Record<string, string> = {};
      for await (const part of req.parts({ limits: { ...FIELD_LIMITS, files: 1, fileSize: maxBytes } })) {
        if (part.type === 'field') fields[part.fieldname] = String(part.value);
        else if (part.fieldname !== field) part.file.resume();
        else {
          const buffer = await part.toBuffer();
          req.uploadedFile = { buffer, originalname: part.filename, mimetype: part.mimetype, size: buffer.length };
        }
      }
      req.body = fields;
      return next.handle();
    }
  }
  return mixin(FileUploadInterceptor);
}
