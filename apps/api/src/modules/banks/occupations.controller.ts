import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { ListOf } from '../../common/page.response';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { BanksService } from './banks.service';
import { CreateOccupationDto } from './dto/bank.dto';
import { OccupationResponse } from './dto/bank.response';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('occupations')
export class OccupationsController {
  constructor(private readonly banks: BanksService) {}

  @Post()
  @Roles('admin', 'author')
  @ApiCreatedResponse({ type: OccupationResponse })
  @ApiErrors('VALIDATION_FAILED', 'OCCUPATION_EXISTS')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateOccupationDto): Promise<OccupationResponse> {
    return this.banks.createOccupation(actorOf(p), dto);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: ListOf(OccupationResponse) })
  list(): Promise<{ items: OccupationResponse[]; total: number }> {
    return this.banks.listOccupations();
  }
}
