import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import {
  ApprovePaperRequestDto,
  CreatedRequestView,
  CreatePaperRequestDto,
  PaperRequestQuery,
  RejectPaperRequestDto,
} from './dto/paper-request.dto';
import { PaperRequestsService } from './paper-requests.service';

@ApiTags('paper-requests')
@ApiBearerAuth()
@Controller('paper-requests')
export class PaperRequestsController {
  constructor(private readonly requests: PaperRequestsService) {}

  @Post()
  @Roles('institution')
  @ApiCreatedResponse({
    type: CreatedRequestView,
    description:
      'Refused with OUT_OF_SCOPE, INSTITUTION_EXPIRED, INSTITUTION_SUSPENDED, BANK_NOT_FOUND or BANK_BELOW_THRESHOLD',
  })
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreatePaperRequestDto) {
    return this.requests.create(p, dto);
  }

  @Get()
  @Roles('centre', 'institution')
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: PaperRequestQuery) {
    return this.requests.list(p, q);
  }

  @Get(':id')
  @Roles('centre', 'institution')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.get(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('centre')
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
  reject(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectPaperRequestDto,
  ) {
    return this.requests.reject(actorOf(p), id, dto.reason);
  }
}
