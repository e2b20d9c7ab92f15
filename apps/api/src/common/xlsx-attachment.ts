import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** A spreadsheet download: the content type, the file name to save as, and the bytes. */
export function xlsxAttachment(res: FastifyReply, file: { body: Buffer; fileName: string }): StreamableFile {
  void res.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  void res.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return new StreamableFile(file.body);
}
