import {
  Body,
  Controller,
  Get,
  HttpCode,
  type MessageEvent,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  Sse,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { xlsxAttachment } from '../../common/xlsx-attachment';
import { PageOf } from '../../common/page.response';
import { Page } from '../../common/paging';
import { QueuedJobView } from '../jobs/dto/job.response';
import type { FastifyReply } from 'fastify';
import { exhaustMap, from, map, type Observable, timer } from 'rxjs';
import { FileUpload, UploadedFile, UploadedFileData } from '../../common/file-upload.interceptor';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { StaffPrincipal } from '../auth/principal';
import {
  CreateExamSessionDto,
  DecideCorrectionDto,
  ExportLogQuery,
  AssignProctorsDto,
  ExtendDto,
  IrregularityDto,
  ListSessionsQuery,
  MonitorQuery,
  ProctorReasonDto,
  ScoreCorrectionDto,
  SessionCorrectionsQuery,
} from './dto/exam.dto';
import {
  AnswerLogResponse,
  ExamSessionResponse,
  ExamSessionSummaryView,
  EndAttemptResponse,
  ReopenResponse,
  ExtendResponse,
  IrregularityView,
  MonitorResponse,
  PauseResponse,
  RosterImportView,
  ScoreCorrectionListResponse,
  ScoreCorrectionView,
  ScoreHistoryResponse,
  SessionProctorsView,
  SessionItemStatisticsResponse,
  SessionRecordResponse,
  SessionResultsResponse,
} from './dto/session.response';
import { AnswerLogService } from './answer-log.service';
import { ExamSessionsService } from './exam-sessions.service';
import { MonitorService } from './monitor.service';
import { ResultsService } from './results.service';
import { SessionProctorGuard } from './session-proctor.guard';
import { SessionRecordService } from './session-record.service';
import { SessionProctorsService } from './session-proctors.service';
import { RostersService } from './rosters.service';

/** How often the monitor stream sends the live view. */
const MONITOR_STREAM_SECONDS = 5;

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
    private readonly records: SessionRecordService,
    private readonly proctorsOf: SessionProctorsService,
  ) {}

  @Post()
  @Roles('institution')
  @ApiCreatedResponse({ type: ExamSessionResponse })
  @ApiErrors(
    'VALIDATION_FAILED',
    'INSTITUTION_REQUIRED',
    'INSTITUTION_NOT_FOUND',
    'INSTITUTION_INACTIVE',
    'INSTITUTION_EXPIRED',
    'PAPER_REQUEST_NOT_FOUND',
    'PAPER_REQUEST_NOT_READY',
    'STARTS_AT_INVALID',
    'ROSTER_TOO_LARGE',
    'TICKET_NO_INVALID',
    'TICKET_NO_DUPLICATE',
    'NAME_INVALID',
    'ID_NUMBER_INVALID',
  )
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateExamSessionDto): Promise<ExamSessionResponse> {
    return this.sessions.create(p, dto);
  }

  @Post(':id/candidates/import')
  @Roles('institution')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: RosterImportView, description: 'All or nothing' })
  @ApiErrors(
    'FILE_REQUIRED',
    'FILE_EMPTY',
    'FILE_UNREADABLE',
    'HEADER_MISSING',
    'SESSION_NOT_FOUND',
    'SESSION_ENDED',
    'ROSTER_TOO_LARGE',
    'PAYLOAD_TOO_LARGE',
    'TICKET_NO_INVALID',
    'TICKET_NO_DUPLICATE',
    'NAME_INVALID',
    'ID_NUMBER_INVALID',
  )
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
  @ApiOkResponse({ type: PageOf(ExamSessionSummaryView) })
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: ListSessionsQuery): Promise<Page<ExamSessionSummaryView>> {
    return this.sessions.list(p, q);
  }

  @Get(':id')
  @Roles('institution', 'centre', 'proctor')
  @ApiOkResponse({ type: ExamSessionResponse })
  @ApiErrors('SESSION_NOT_FOUND')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ExamSessionResponse> {
    return this.sessions.get(p, id);
  }

  @Get(':id/proctors')
  @Roles('institution', 'centre', 'proctor')
  @ApiOkResponse({
    type: SessionProctorsView,
    description: 'The assigned proctors; for the owning institution and the centre also the proctors they may assign',
  })
  @ApiErrors('SESSION_NOT_FOUND')
  proctors(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionProctorsView> {
    return this.proctorsOf.get(p, id);
  }

  @Put(':id/proctors')
  @Roles('institution', 'centre')
  @ApiOkResponse({ type: SessionProctorsView, description: 'The proctors now assigned: they replace the earlier ones' })
  @ApiErrors('VALIDATION_FAILED', 'SESSION_NOT_FOUND', 'PROCTOR_INVALID')
  assignProctors(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignProctorsDto,
  ): Promise<SessionProctorsView> {
    return this.proctorsOf.assign(p, id, dto.userIds);
  }

  @Get(':id/monitor')
  @Roles('proctor', 'institution', 'centre')
  @ApiOkResponse({ type: MonitorResponse })
  @ApiErrors('SESSION_NOT_FOUND')
  monitor(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: MonitorQuery,
  ): Promise<MonitorResponse> {
    return this.proctoring.monitor(p, id, query);
  }

  /**
   * The same live view as Server-Sent Events: a `monitor` event at once and then every few seconds, for as long as
   * the proctor keeps it open. A refusal (role, owner, session) is an ordinary JSON error before the stream opens.
   */
  @Sse(':id/monitor/stream')
  @Roles('proctor', 'institution', 'centre')
  @UseGuards(SessionProctorGuard)
  @ApiOkResponse({
    description: `Every ${MONITOR_STREAM_SECONDS} s an \`event: monitor\` whose data is the MonitorResponse of GET …/monitor`,
    content: {
      'text/event-stream': { schema: { type: 'string', example: 'event: monitor\ndata: {"sessionId":"…"}\n\n' } },
    },
  })
  @ApiErrors('SESSION_NOT_FOUND', 'VALIDATION_FAILED')
  monitorStream(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: MonitorQuery,
  ): Observable<MessageEvent> {
    return timer(0, MONITOR_STREAM_SECONDS * 1000).pipe(
      // A slow read is not queued behind itself: the next tick after it finishes reads again.
      exhaustMap(() => from(this.proctoring.monitor(p, id, query))),
      map((data) => ({ type: 'monitor', data })),
    );
  }

  @Get(':id/record')
  @Roles('proctor', 'institution', 'centre')
  @ApiOkResponse({ type: SessionRecordResponse, description: '考场记录: roster, arrivals, events and actions' })
  @ApiErrors('SESSION_NOT_FOUND')
  record(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionRecordResponse> {
    return this.records.record(p, id);
  }

  @Get(':id/record/export')
  @Roles('proctor', 'institution', 'centre')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The session record as a spreadsheet (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors('SESSION_NOT_FOUND')
  async exportRecord(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const file = await this.records.export(p, id);
    return xlsxAttachment(res, file);
  }

  @Get(':id/results')
  @Roles('institution', 'centre')
  @ApiOkResponse({ type: SessionResultsResponse })
  @ApiErrors('SESSION_NOT_FOUND')
  results(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionResultsResponse> {
    return this.outcomes.results(p, id);
  }

  @Get(':id/results/export')
  @Roles('institution', 'centre')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The results as a spreadsheet (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors('SESSION_NOT_FOUND')
  async exportResults(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const file = await this.outcomes.exportResults(p, id);
    return xlsxAttachment(res, file);
  }

  @Get(':id/score-corrections')
  @Roles('institution', 'centre')
  @ApiOkResponse({
    type: ScoreCorrectionListResponse,
    description: 'Every correction request of the session, oldest first',
  })
  @ApiErrors('SESSION_NOT_FOUND')
  corrections(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SessionCorrectionsQuery,
  ): Promise<ScoreCorrectionListResponse> {
    return this.outcomes.sessionCorrections(p, id, q.status);
  }

  @Get(':id/answer-log')
  @Roles('centre')
  @ApiProduces('application/x-ndjson', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The session’s answer log as a file (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors('SESSION_NOT_FOUND')
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
  @ApiOkResponse({ type: SessionItemStatisticsResponse, description: 'Stored on the items for the bank’s reports' })
  @ApiErrors('SESSION_NOT_FOUND')
  itemStatistics(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionItemStatisticsResponse> {
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
  @ApiOkResponse({ type: AnswerLogResponse })
  @ApiErrors('ATTEMPT_NOT_FOUND')
  answerLog(@Param('id', ParseUUIDPipe) id: string) {
    return this.logs.attemptAnswerLog(id);
  }

  @Get('attempts/:id/scores')
  @Roles('institution', 'centre')
  @ApiOkResponse({ type: ScoreHistoryResponse })
  @ApiErrors('ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND')
  scores(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ScoreHistoryResponse> {
    return this.outcomes.scores(p, id);
  }

  @Post('attempts/:id/score-corrections')
  @Roles('institution', 'centre')
  @ApiCreatedResponse({
    type: ScoreCorrectionView,
    description: 'A correction request (status requested); the score changes only when the centre approves it',
  })
  @ApiErrors(
    'VALIDATION_FAILED',
    'FORBIDDEN',
    'ATTEMPT_NOT_FOUND',
    'SESSION_NOT_FOUND',
    'ATTEMPT_NOT_SCORED',
    'CORRECTION_PENDING',
    'CORRECTION_UNCHANGED',
    'SCORE_OUT_OF_RANGE',
    'REASON_REQUIRED',
  )
  requestCorrection(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ScoreCorrectionDto,
  ): Promise<ScoreCorrectionView> {
    return this.outcomes.requestCorrection(p, id, dto.score, dto.reason);
  }

  @Get('attempts/:id/score-corrections')
  @Roles('institution', 'centre')
  @ApiOkResponse({ type: ScoreCorrectionListResponse })
  @ApiErrors('ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND')
  async attemptCorrections(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ScoreCorrectionListResponse> {
    const { items } = await this.outcomes.attemptCorrections(p, id);
    return { items, total: items.length };
  }

  @Post('score-corrections/:id/approve')
  @Roles('centre')
  @HttpCode(200)
  @ApiOkResponse({ type: ScoreCorrectionView, description: 'Approved: a new score record; the original stays' })
  @ApiErrors('VALIDATION_FAILED', 'CORRECTION_NOT_FOUND', 'CORRECTION_DECIDED', 'CORRECTION_SELF_APPROVAL')
  approveCorrection(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideCorrectionDto,
  ): Promise<ScoreCorrectionView> {
    return this.outcomes.decideCorrection(p, id, true, dto.reason);
  }

  @Post('score-corrections/:id/reject')
  @Roles('centre')
  @HttpCode(200)
  @ApiOkResponse({ type: ScoreCorrectionView, description: 'Rejected with its reason; the score stays' })
  @ApiErrors(
    'VALIDATION_FAILED',
    'CORRECTION_NOT_FOUND',
    'CORRECTION_DECIDED',
    'CORRECTION_SELF_APPROVAL',
    'REASON_REQUIRED',
  )
  rejectCorrection(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideCorrectionDto,
  ): Promise<ScoreCorrectionView> {
    return this.outcomes.decideCorrection(p, id, false, dto.reason);
  }

  @Post('attempts/:id/extend')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  @ApiOkResponse({ type: ExtendResponse })
  @ApiErrors('VALIDATION_FAILED', 'ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND', 'ATTEMPT_SUBMITTED')
  extend(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExtendDto,
  ): Promise<ExtendResponse> {
    return this.proctoring.extend(p, id, dto.minutes, dto.reason);
  }

  @Post('attempts/:id/pause')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  @ApiOkResponse({ type: PauseResponse, description: 'Paused: the clock stops and saves wait until the resume' })
  @ApiErrors(
    'VALIDATION_FAILED',
    'ATTEMPT_NOT_FOUND',
    'SESSION_NOT_FOUND',
    'ATTEMPT_SUBMITTED',
    'ATTEMPT_PAUSED',
    'DEADLINE_PASSED',
  )
  pause(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProctorReasonDto,
  ): Promise<PauseResponse> {
    return this.proctoring.pause(p, id, dto.reason);
  }

  @Post('attempts/:id/resume')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  @ApiOkResponse({
    type: PauseResponse,
    description: 'Resumed: the deadline moved by the time the attempt stood still',
  })
  @ApiErrors('VALIDATION_FAILED', 'ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND', 'ATTEMPT_SUBMITTED', 'ATTEMPT_NOT_PAUSED')
  resume(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProctorReasonDto,
  ): Promise<PauseResponse> {
    return this.proctoring.resume(p, id, dto.reason);
  }

  @Post('attempts/:id/end')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  @ApiOkResponse({
    type: EndAttemptResponse,
    description: 'Submitted and scored on the proctor’s word, with the reason',
  })
  @ApiErrors('VALIDATION_FAILED', 'ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND', 'ATTEMPT_SUBMITTED')
  end(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProctorReasonDto,
  ): Promise<EndAttemptResponse> {
    return this.proctoring.end(p, id, dto.reason);
  }

  @Post('attempts/:id/reopen')
  @Roles('proctor', 'institution', 'centre')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReopenResponse,
    description: 'An attempt a proctor ended by mistake is in progress again, with the time it had left',
  })
  @ApiErrors('VALIDATION_FAILED', 'ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND', 'ATTEMPT_NOT_ENDED', 'CORRECTION_PENDING')
  reopen(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProctorReasonDto,
  ): Promise<ReopenResponse> {
    return this.proctoring.reopen(p, id, dto.reason);
  }

  @Post('attempts/:id/irregularities')
  @Roles('proctor', 'institution', 'centre')
  @ApiCreatedResponse({
    type: IrregularityView,
    description: 'Recorded on the attempt, the session record and the audit log',
  })
  @ApiErrors('VALIDATION_FAILED', 'ATTEMPT_NOT_FOUND', 'SESSION_NOT_FOUND')
  recordIrregularity(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IrregularityDto,
  ): Promise<IrregularityView> {
    return this.proctoring.recordIrregularity(p, id, dto.category, dto.description.trim());
  }

  @Post('answer-log/purge')
  @Roles('centre', 'admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: QueuedJobView, description: 'The purge runs as a job: GET /jobs/{jobId}' })
  purge(@CurrentPrincipal() p: StaffPrincipal): Promise<QueuedJobView> {
    return this.logs.purgeNow(p);
  }
}
