import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { FileUpload, UploadedFile, UploadedFileData } from '../../common/file-upload.interceptor';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { StaffPrincipal } from '../auth/principal';
import { CreateExamSessionDto, ExportLogQuery, ExtendDto, ListSessionsQuery, ScoreCorrectionDto } from './dto/exam.dto';
import { AnswerLogService } from './answer-log.service';
import { ExamSessionsService } from './exam-sessions.service';
import { MonitorService } from './monitor.service';
import { ResultsService } from './results.service';
import { RostersService } from './rosters.service';

@ApiTags('exam sessions')
@ApiBearerAuth()
@Controller('exam-sessions')
export class ExamSessionsController {
  constructor(
    private readonly sessions: ExamSessionsService,
    private readonly rosters: RostersService,
    private readonly proctoring: MonitorService,
    private readonly outcomes: ResultsService,
    private readonly logs: AnswerLogService,
  ) {}

  @Post()
  @Roles('institution')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateExamSessionDto) {
    return this.sessions.create(p, dto);
  }

  @Post(':id/candidates/import')
  @Roles('institution')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileUpload('file', { maxBytes: 10 * 1024 * 1024 }))
  importCandidates(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ) {
    return this.rosters.importCandidates(p, id, file);
  }

  @Get()
  @Roles('institution', 'centre', 'proctor')
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: ListSessionsQuery) {
    return this.sessions.list(p, q);
  }

  @Get(':id')
  @Roles('institution', 'centre', 'proctor')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.get(p, id);
  }

  @Get(':id/monitor')
  @Roles('proctor', 'institution', 'centre')
  monitor(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.proctoring.monitor(p, id);
  }

  @Get(':id/results')
  @Roles('institution', 'centre')
  results(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.outcomes.results(p, id);
  }

  @Get(':id/answer-log')
  @Roles('centre')
  async exportLog(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ExportLogQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const file = await this.logs.exportAnswerLog(p, id, q.format ?? 'jsonl');
    void res.header('Content-Type', file.contentType);
    void res.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.body);
  }

  @Post(':id/item-statistics')
  @Roles('centre', 'institution')
  @HttpCode(200)
  itemStatistics(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.outcomes.itemStatistics(p, id);
  }
}

@ApiTags('exam sessions')
@ApiBearerAuth()
@Controller()
export class AttemptsController {
  constructor(
    private readonly proctoring: MonitorService,
    private readonly outcomes: ResultsService,
    private readonly logs: AnswerLogService,
  ) {}

  @Get('attempts/:id/answer-log')
  @Roles('centre')
  answerLog(@Param('id', ParseUUIDPipe) id: string) {
    return this.logs.attemptAnswerLog(id);
  }

  @Get('attempts/:id/scores')
  @Roles('institution', 'centre')
  scores(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.outcomes.scores(p, id);
  }

  @Post('attempts/:id/score-corrections')
  @Roles('centre')
  correct(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScoreCorrectionDto,
  ) {
    return this.outcomes.correctScore(p, id, dto.score, dto.reason);
  }

  @Post('attempts/:id/extend')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  extend(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtendDto) {
    return this.proctoring.extend(p, id, dto.minutes, dto.reason);
  }

  @Post('answer-log/purge')
  @Roles('centre', 'admin')
  @HttpCode(202)
  purge(@CurrentPrincipal() p: StaffPrincipal) {
    return this.logs.purgeNow(p);
  }
}
