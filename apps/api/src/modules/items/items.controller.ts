import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { badRequest } from '../../common/app.exception';
import { FileUpload, UploadedFile, UploadedFileData } from '../../common/file-upload.interceptor';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { StaffPrincipal } from '../auth/principal';
import {
  BulkIdsDto,
  CreateItemDto,
  DiffQuery,
  ExportQuery,
  ImportFieldsDto,
  ImportQuery,
  ListItemsQuery,
  RejectDto,
  UpdateItemDto,
} from './dto/item.dto';
import { ItemTransferService } from './items-transfer.service';
import { ItemsService } from './items.service';

/** Largest upload accepted by POST /items/import. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly transfer: ItemTransferService,
  ) {}

  @Post()
  @Roles('author')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateItemDto) {
    return this.items.create(p, dto);
  }

  @Get()
  @Roles('author', 'reviewer', 'centre')
  list(@Query() q: ListItemsQuery) {
    return this.items.list(q);
  }

  /**
   * All or nothing. ≤ 2,000 rows: 201 `{imported, warnings}` or 422 IMPORT_INVALID `{imported: 0, errors:[{row, column,
   * code, message}]}`; larger files: 202 `{jobId, status}` and the same result at GET /jobs/{jobId}.
   */
  @Post('import')
  @Roles('author')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'occupation', 'level'],
      properties: {
        file: { type: 'string', format: 'binary' },
        occupation: { type: 'string' },
        level: { type: 'string' },
      },
    },
  })
  @UseInterceptors(FileUpload('file', { maxBytes: MAX_IMPORT_BYTES }))
  async import(
    @CurrentPrincipal() p: StaffPrincipal,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() fields: ImportFieldsDto,
    @Query() q: ImportQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    if (!file) throw badRequest('FILE_REQUIRED', 'Send the spreadsheet as the multipart field "file"');
    const outcome = await this.transfer.upload({ id: p.userId, name: p.username }, fields, file, q.status);
    if (outcome.queued) {
      res.status(202);
      return { jobId: outcome.jobId, status: outcome.status };
    }
    return { imported: outcome.result.imported, warnings: outcome.result.warnings };
  }

  @Get('export')
  @Roles('author', 'centre')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/json')
  async export(@Query() q: ExportQuery): Promise<StreamableFile> {
    const file = await this.transfer.export(q, q.format, q.status);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('author')
  submitMany(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: BulkIdsDto) {
    return this.items.actMany(p, dto.ids, 'submit');
  }

  /** Reviewers approve hundreds at once: every item or none (each refusal listed in details.failures). */
  @Post('approve')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  approveMany(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: BulkIdsDto) {
    return this.items.actMany(p, dto.ids, 'approve');
  }

  @Get(':id')
  @Roles('author', 'reviewer', 'centre')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  @Roles('author')
  update(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateItemDto) {
    return this.items.update(p, id, dto);
  }

  @Get(':id/versions')
  @Roles('author', 'reviewer', 'centre')
  versions(@Param('id', ParseUUIDPipe) id: string) {
    return this.items.versions(id);
  }

  @Get(':id/diff')
  @Roles('author', 'reviewer', 'centre')
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() q: DiffQuery) {
    return this.items.diff(id, q.from, q.to);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('author')
  submit(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'submit');
  }

  /** The reviewer role is checked by the workflow rules, after the self-review rule: an author gets SELF_REVIEW_FORBIDDEN. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  approve(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  reject(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectDto) {
    return this.items.act(p, id, 'reject', dto.reason);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  retire(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'retire');
  }
}
