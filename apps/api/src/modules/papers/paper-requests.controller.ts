import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { PageOf } from '../../common/page.response';
import { Page } from '../../common/paging';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import {
  ApprovePaperRequestDto,
  CreatedRequestView,
  CreatePaperRequestDto,
  PaperRequestQuery,
  RejectPaperRequestDto,
} from './dto/paper-request.dto';
import { PaperRequestResponse, PaperRequestSummaryView } from './dto/paper.response';
import { PaperRequestsService } from './paper-requests.service';

@ApiTags('paper-requests')
@ApiBearerAuth()
@Controller('paper-requests')
export class PaperRequestsController {
  constructor(private readonly requests: PaperRequestsService) {}

  @Post()
  @Roles('institution')
  @ApiCreatedResponse({ type: CreatedRequestView })
  @ApiErrors(
    'VALIDATION_FAILED',
    'INSTITUTION_REQUIRED',
    'OUT_OF_SCOPE',
    'INSTITUTION_EXPIRED',
    'INSTITUTION_SUSPENDED',
    'EXAM_DATE_INVALID',
    'EXAM_DATE_PAST',
    'FORMS_OR_PER_CANDIDATE',
    'CANDIDATES_REQUIRED',
    'BANK_NOT_FOUND',
    'BANK_BELOW_THRESHOLD',
  )
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreatePaperRequestDto) {
    return this.requests.create(p, dto);
  }

  @Get()
  @Roles('centre', 'institution')
  @ApiOkResponse({ type: PageOf(PaperRequestSummaryView) })
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: PaperRequestQuery): Promise<Page<PaperRequestSummaryView>> {
    return this.requests.list(p, q);
  }

  @Get(':id')
  @Roles('centre', 'institution')
  @ApiOkResponse({ type: PaperRequestResponse })
  @ApiErrors('PAPER_REQUEST_NOT_FOUND')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<PaperRequestResponse> {
    return this.requests.get(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('centre')
  @ApiOkResponse({ type: PaperRequestResponse, description: 'Seed and snapshot fixed, assembly queued' })
  @ApiErrors(
    'VALIDATION_FAILED',
    'PAPER_REQUEST_NOT_FOUND',
    'PAPER_REQUEST_DECIDED',
    'OUT_OF_SCOPE',
    'INSTITUTION_EXPIRED',
    'INSTITUTION_SUSPENDED',
    'BANK_NOT_FOUND',
    'BANK_BELOW_THRESHOLD',
    'BANK_QUOTA_SHORTFALL',
    'KNOWLEDGE_MAP_MISSING',
    'POLICY_NOT_FOUND',
    'PRACTICAL_UNAVAILABLE',
    'TEMPLATE_INVALID',
    'STRATUM_INFEASIBLE',
  )
  approve(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApprovePaperRequestDto,
  ) {
    return this.requests.approve(actorOf(p), id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('centre')
  @ApiOkResponse({ type: PaperRequestResponse })
  @ApiErrors('VALIDATION_FAILED', 'PAPER_REQUEST_NOT_FOUND', 'PAPER_REQUEST_DECIDED')
  reject(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectPaperRequestDto,
  ) {
    return this.requests.reject(actorOf(p), id, dto.reason);
  }
}
