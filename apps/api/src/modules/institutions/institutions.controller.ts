import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { CreateInstitutionDto, InstitutionQuery, InstitutionView, UpdateInstitutionDto } from './dto/institution.dto';
import { InstitutionsService } from './institutions.service';

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Post()
  @Roles('centre')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateInstitutionDto): Promise<InstitutionView> {
    return this.institutions.create(actorOf(p), dto);
  }

  @Patch(':id')
  @Roles('centre')
  update(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateInstitutionDto,
  ): Promise<InstitutionView> {
    return this.institutions.update(actorOf(p), id, dto);
  }

  @Get()
  @Roles('centre', 'admin', 'institution')
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: InstitutionQuery) {
    return this.institutions.list(p, q.status, q.page, q.pageSize);
  }

  @Get(':id')
  @Roles('centre', 'admin', 'institution')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<InstitutionView> {
    return this.institutions.get(p, id);
  }
}
