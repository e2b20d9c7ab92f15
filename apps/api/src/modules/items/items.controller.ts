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
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { PageOf } from '../../common/page.response';
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
  ItemFilterQuery,
  ListItemsQuery,
  RejectDto,
  TemplateQuery,
  UpdateItemDto,
} from './dto/item.dto';
import { QueuedJobView } from '../jobs/dto/job.response';
import {
  BulkActionView,
  ImportErrorView,
  ImportResultView,
  ItemDiffView,
  ItemResponse,
  ItemVersionsView,
} from './dto/item.response';
import { ItemTransferService } from './items-transfer.service';
import { ItemsService } from './items.service';

/** Largest upload accepted by POST /items/import. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

@ApiTags('items')
@ApiBearerAuth()
@ApiExtraModels(ImportErrorView)
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly transfer: ItemTransferService,
  ) {}

  @Post()
  @Roles('author')
  @ApiCreatedResponse({ type: ItemResponse })
  @ApiErrors('VALIDATION_FAILED', 'ITEM_INVALID', 'LEVEL_INVALID', 'OCCUPATION_NOT_FOUND', 'KNOWLEDGE_MAP_MISSING')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateItemDto) {
    return this.items.create(p, dto);
  }

  @Get()
  @Roles('author', 'reviewer', 'centre')
  @ApiOkResponse({ type: PageOf(ItemResponse) })
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
  @ApiCreatedResponse({ type: ImportResultView, description: 'Imported at once (≤ 2,000 rows)' })
  @ApiAcceptedResponse({
    type: QueuedJobView,
    description: 'Queued (larger files): the result appears at GET /jobs/{jobId}',
  })
  @ApiErrors(
    'FILE_REQUIRED',
    'IMPORT_FORMAT_UNSUPPORTED',
    'IMPORT_INVALID',
    'KNOWLEDGE_MAP_MISSING',
    'PAYLOAD_TOO_LARGE',
    'LEVEL_INVALID',
  )
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

  /** Items waiting for this reviewer: in review, written by someone else, oldest first; with key and explanation. */
  @Get('review-queue')
  @Roles('reviewer')
  @ApiOkResponse({ type: PageOf(ItemResponse) })
  @ApiErrors('VALIDATION_FAILED')
  reviewQueue(@CurrentPrincipal() p: StaffPrincipal, @Query() q: ItemFilterQuery) {
    return this.items.reviewQueue(p, q);
  }

  /** The import template (SPEC §5): the Chinese headers and one example row. */
  @Get('import-template')
  @Roles('author')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The template as a file (attachment)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('VALIDATION_FAILED')
  async importTemplate(@Query() q: TemplateQuery): Promise<StreamableFile> {
    return this.fileOf(await this.transfer.template(q.format));
  }

  /**
   * The same upload as POST /items/import, checked and not imported: its bad rows as an xlsx with the file's columns,
   * the row number and a 错误原因 column. 409 IMPORT_VALID when no row is bad.
   */
  @Post('import/bad-rows')
  @HttpCode(200)
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
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The bad rows as an xlsx file (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(
    'FILE_REQUIRED',
    'IMPORT_FORMAT_UNSUPPORTED',
    'IMPORT_INVALID',
    'IMPORT_VALID',
    'BANK_NOT_FOUND',
    'LEVEL_INVALID',
    'PAYLOAD_TOO_LARGE',
  )
  @UseInterceptors(FileUpload('file', { maxBytes: MAX_IMPORT_BYTES }))
  async badRows(
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() fields: ImportFieldsDto,
  ): Promise<StreamableFile> {
    if (!file) throw badRequest('FILE_REQUIRED', 'Send the spreadsheet as the multipart field "file"');
    return this.fileOf(await this.transfer.badRows(fields, file));
  }

  @Get('export')
  @Roles('author', 'centre')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/json')
  @ApiOkResponse({ description: 'The bank as a file (attachment)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('BANK_NOT_FOUND', 'LEVEL_INVALID')
  async export(@Query() q: ExportQuery): Promise<StreamableFile> {
    return this.fileOf(await this.transfer.export(q, q.format, q.status));
  }

  private fileOf(file: { body: Buffer; contentType: string; fileName: string }): StreamableFile {
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('author')
  @ApiOkResponse({ type: BulkActionView })
  @ApiErrors('VALIDATION_FAILED', 'ITEM_NOT_FOUND', 'INVALID_TRANSITION', 'NOT_AUTHOR', 'ROLE_REQUIRED')
  submitMany(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: BulkIdsDto) {
    return this.items.actMany(p, dto.ids, 'submit');
  }

  /** Reviewers approve hundreds at once: every item or none (each refusal listed in details.failures). */
  @Post('approve')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  @ApiOkResponse({ type: BulkActionView })
  @ApiErrors('VALIDATION_FAILED', 'ITEM_NOT_FOUND', 'INVALID_TRANSITION', 'SELF_REVIEW_FORBIDDEN', 'ROLE_REQUIRED')
  approveMany(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: BulkIdsDto) {
    return this.items.actMany(p, dto.ids, 'approve');
  }

  @Get(':id')
  @Roles('author', 'reviewer', 'centre')
  @ApiOkResponse({ type: ItemResponse })
  @ApiErrors('ITEM_NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  @Roles('author')
  @ApiOkResponse({ type: ItemResponse, description: 'The item with its new draft version' })
  @ApiErrors('VALIDATION_FAILED', 'ITEM_INVALID', 'ITEM_NOT_FOUND', 'ITEM_VERSION_OPEN', 'ITEM_RETIRED')
  update(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateItemDto) {
    return this.items.update(p, id, dto);
  }

  @Get(':id/versions')
  @Roles('author', 'reviewer', 'centre')
  @ApiOkResponse({ type: ItemVersionsView })
  @ApiErrors('ITEM_NOT_FOUND')
  versions(@Param('id', ParseUUIDPipe) id: string) {
    return this.items.versions(id);
  }

  @Get(':id/diff')
  @Roles('author', 'reviewer', 'centre')
  @ApiOkResponse({ type: ItemDiffView })
  @ApiErrors('ITEM_NOT_FOUND', 'VERSION_NOT_FOUND')
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() q: DiffQuery) {
    return this.items.diff(id, q.from, q.to);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('author')
  @ApiOkResponse({ type: ItemResponse })
  @ApiErrors('ITEM_NOT_FOUND', 'INVALID_TRANSITION', 'NOT_AUTHOR')
  submit(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'submit');
  }

  /** The reviewer role is checked by the workflow rules, after the self-review rule: an author gets SELF_REVIEW_FORBIDDEN. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  @ApiOkResponse({ type: ItemResponse })
  @ApiErrors('ITEM_NOT_FOUND', 'INVALID_TRANSITION', 'SELF_REVIEW_FORBIDDEN', 'ROLE_REQUIRED')
  approve(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  @ApiOkResponse({ type: ItemResponse })
  @ApiErrors(
    'VALIDATION_FAILED',
    'ITEM_NOT_FOUND',
    'INVALID_TRANSITION',
    'SELF_REVIEW_FORBIDDEN',
    'ROLE_REQUIRED',
    'REASON_REQUIRED',
  )
  reject(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectDto) {
    return this.items.act(p, id, 'reject', dto.reason);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('reviewer', 'author')
  @ApiOkResponse({ type: ItemResponse })
  @ApiErrors('ITEM_NOT_FOUND', 'INVALID_TRANSITION', 'ROLE_REQUIRED')
  retire(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.act(p, id, 'retire');
  }
}
