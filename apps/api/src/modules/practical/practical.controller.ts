import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/api-errors';
import { xlsxAttachment } from '../../common/xlsx-attachment';
import { PageOf } from '../../common/page.response';
import { Page } from '../../common/paging';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, type StaffPrincipal } from '../auth/principal';
import {
  AssignmentView,
  CreateExaminerDto,
  DecisionDto,
  DispatchPanelDto,
  ExaminerAccountsQuery,
  ExaminerAccountView,
  ExaminerQuery,
  ExaminerView,
  PanelView,
  PracticalResultsView,
  ReviewScoreDto,
  ScoringView,
  SheetDto,
  SheetView,
  UpdateExaminerDto,
} from './dto/practical.dto';
import { ExaminersService } from './examiners.service';
import { PracticalService } from './practical.service';

class DecisionView {
  @ApiProperty() ticketNo!: string;
  @ApiProperty() position!: number;
  @ApiProperty() score!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() spread!: number;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

class ReviewView {
  @ApiProperty() ticketNo!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ format: 'date-time' }) enteredAt!: string;
}

@ApiTags('practical (examiners)')
@ApiBearerAuth()
@Controller('examiners')
export class ExaminersController {
  constructor(private readonly examiners: ExaminersService) {}

  @Post()
  @Roles('centre')
  @ApiCreatedResponse({ type: ExaminerView })
  @ApiErrors('VALIDATION_FAILED', 'EXAMINER_USER_INVALID', 'EXAMINER_EXISTS', 'INSTITUTION_NOT_FOUND')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateExaminerDto): Promise<ExaminerView> {
    return this.examiners.create(actorOf(p), dto);
  }

  @Get()
  @Roles('centre')
  @ApiOkResponse({ type: PageOf(ExaminerView) })
  @ApiErrors('VALIDATION_FAILED')
  list(@Query() q: ExaminerQuery): Promise<Page<ExaminerView>> {
    return this.examiners.list(q);
  }

  @Get('accounts')
  @Roles('centre')
  @ApiOkResponse({
    type: [ExaminerAccountView],
    description: 'Active users holding the examiner role and not yet in the register: whom the centre can register',
  })
  @ApiErrors('VALIDATION_FAILED')
  accounts(@Query() q: ExaminerAccountsQuery): Promise<ExaminerAccountView[]> {
    return this.examiners.accounts(q.q);
  }

  @Get(':id')
  @Roles('centre')
  @ApiOkResponse({ type: ExaminerView })
  @ApiErrors('EXAMINER_NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ExaminerView> {
    return this.examiners.get(id);
  }

  @Patch(':id')
  @Roles('centre')
  @ApiOkResponse({ type: ExaminerView })
  @ApiErrors('VALIDATION_FAILED', 'EXAMINER_NOT_FOUND', 'INSTITUTION_NOT_FOUND')
  update(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateExaminerDto,
  ): Promise<ExaminerView> {
    return this.examiners.update(actorOf(p), id, dto);
  }
}

@ApiTags('practical (examiners)')
@ApiBearerAuth()
@Controller('practical')
export class PracticalAssignmentsController {
  constructor(private readonly practical: PracticalService) {}

  @Get('assignments')
  @Roles('examiner')
  @ApiOkResponse({ type: [AssignmentView], description: 'The sessions on whose panel the signed-in examiner sits' })
  assignments(@CurrentPrincipal() p: StaffPrincipal): Promise<AssignmentView[]> {
    return this.practical.assignments(p);
  }
}

@ApiTags('practical (panels and score sheets)')
@ApiBearerAuth()
@Controller('exam-sessions')
export class PracticalController {
  constructor(private readonly practical: PracticalService) {}

  @Put(':id/panel')
  @Roles('centre')
  @ApiOkResponse({
    type: PanelView,
    description: 'The panel as dispatched; it replaces an earlier one until a sheet is signed',
  })
  @ApiErrors(
    'VALIDATION_FAILED',
    'SESSION_NOT_FOUND',
    'PRACTICAL_NOT_IN_SESSION',
    'PANEL_TOO_SMALL',
    'PANEL_EVEN',
    'PANEL_DUPLICATE',
    'PANEL_CHIEF_NOT_MEMBER',
    'EXAMINER_UNQUALIFIED',
    'EXAMINER_CONFLICT',
    'ROTATION_TOO_LOW',
    'EXAMINER_REPEAT_SITE',
    'PANEL_LOCKED',
  )
  dispatch(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DispatchPanelDto,
  ): Promise<PanelView> {
    return this.practical.dispatchPanel(p, id, dto);
  }

  @Get(':id/panel')
  @Roles('centre', 'institution', 'examiner')
  @ApiOkResponse({ type: PanelView })
  @ApiErrors('SESSION_NOT_FOUND', 'NOT_ON_PANEL')
  panel(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<PanelView> {
    return this.practical.panel(p, id);
  }

  @Get(':id/practical-sheets')
  @Roles('examiner')
  @ApiOkResponse({
    type: ScoringView,
    description: "The examiner's tasks, rubrics, roster and own sheets; others' totals once their own sheet is signed",
  })
  @ApiErrors('SESSION_NOT_FOUND', 'NOT_ON_PANEL', 'PRACTICAL_NOT_IN_SESSION')
  scoring(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ScoringView> {
    return this.practical.scoring(p, id);
  }

  @Put(':id/practical-sheets/:ticketNo/:position')
  @Roles('examiner')
  @ApiOkResponse({ type: SheetView, description: "The examiner's draft sheet, criteria replaced by those sent" })
  @ApiErrors(
    'VALIDATION_FAILED',
    'SESSION_NOT_FOUND',
    'NOT_ON_PANEL',
    'PRACTICAL_NOT_IN_SESSION',
    'POSITION_NOT_FOUND',
    'CANDIDATE_NOT_FOUND',
    'CRITERION_INVALID',
    'SHEET_SIGNED',
  )
  putSheet(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ticketNo') ticketNo: string,
    @Param('position', ParseIntPipe) position: number,
    @Body() dto: SheetDto,
  ): Promise<SheetView> {
    return this.practical.putSheet(p, id, ticketNo, position, dto.criteria);
  }

  @Post(':id/practical-sheets/:ticketNo/:position/sign')
  @HttpCode(200)
  @Roles('examiner')
  @ApiOkResponse({ type: SheetView, description: 'Signed: immutable from now on, its hash in the audit log' })
  @ApiErrors(
    'SESSION_NOT_FOUND',
    'NOT_ON_PANEL',
    'PRACTICAL_NOT_IN_SESSION',
    'POSITION_NOT_FOUND',
    'CANDIDATE_NOT_FOUND',
    'SHEET_NOT_FOUND',
    'SHEET_SIGNED',
    'SHEET_INCOMPLETE',
  )
  sign(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ticketNo') ticketNo: string,
    @Param('position', ParseIntPipe) position: number,
  ): Promise<SheetView> {
    return this.practical.signSheet(p, id, ticketNo, position);
  }

  @Post(':id/practical-sheets/:ticketNo/:position/decision')
  @HttpCode(200)
  @Roles('examiner')
  @ApiOkResponse({
    type: DecisionView,
    description: "The chief's reasoned score for a task whose totals spread too far",
  })
  @ApiErrors(
    'VALIDATION_FAILED',
    'SESSION_NOT_FOUND',
    'NOT_ON_PANEL',
    'NOT_PANEL_CHIEF',
    'POSITION_NOT_FOUND',
    'CANDIDATE_NOT_FOUND',
    'DECISION_INVALID',
    'DECISION_NOT_NEEDED',
  )
  decide(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ticketNo') ticketNo: string,
    @Param('position', ParseIntPipe) position: number,
    @Body() dto: DecisionDto,
  ): Promise<DecisionView> {
    return this.practical.decide(p, id, ticketNo, position, dto.score, dto.reason.trim());
  }

  @Put(':id/reviews/:ticketNo')
  @Roles('centre')
  @ApiOkResponse({ type: ReviewView, description: 'The comprehensive review (综合评审) score, levels 2 and 1' })
  @ApiErrors('VALIDATION_FAILED', 'SESSION_NOT_FOUND', 'REVIEW_NOT_NEEDED', 'CANDIDATE_NOT_FOUND')
  review(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ticketNo') ticketNo: string,
    @Body() dto: ReviewScoreDto,
  ): Promise<ReviewView> {
    return this.practical.review(p, id, ticketNo, dto.score);
  }

  @Get(':id/practical-results/export')
  @Roles('centre', 'institution', 'examiner')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The result list for the notice (成绩公示) as a spreadsheet (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors('SESSION_NOT_FOUND', 'NOT_ON_PANEL', 'NOT_PANEL_CHIEF', 'PRACTICAL_NOT_IN_SESSION')
  async exportResults(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return xlsxAttachment(res, await this.practical.exportResults(p, id));
  }

  @Get(':id/practical-results')
  @Roles('centre', 'institution', 'examiner')
  @ApiOkResponse({ type: PracticalResultsView })
  @ApiErrors('SESSION_NOT_FOUND', 'NOT_ON_PANEL', 'NOT_PANEL_CHIEF', 'PRACTICAL_NOT_IN_SESSION')
  results(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PracticalResultsView> {
    return this.practical.results(p, id);
  }
}
