import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { BanksService } from './banks.service';
import { CreateOccupationDto } from './dto/bank.dto';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('occupations')
export class OccupationsController {
  constructor(private readonly banks: BanksService) {}

  @Post()
  @Roles('admin', 'author')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateOccupationDto) {
    return this.banks.createOccupation(actorOf(p), dto);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  list() {
    return this.banks.listOccupations();
  }
}
