import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { PageOf } from '../../common/page.response';
import { Page } from '../../common/paging';
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
  @ApiCreatedResponse({ type: InstitutionView })
  @ApiErrors('VALIDATION_FAILED', 'INSTITUTION_CODE_TAKEN', 'VALIDITY_INVALID')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateInstitutionDto): Promise<InstitutionView> {
    return this.institutions.create(actorOf(p), dto);
  }

  @Patch(':id')
  @Roles('centre')
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors('VALIDATION_FAILED', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_REVOKED', 'VALIDITY_INVALID', 'REASON_REQUIRED')
  update(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateInstitutionDto,
  ): Promise<InstitutionView> {
    return this.institutions.update(actorOf(p), id, dto);
  }

  @Get()
  @Roles('centre', 'admin', 'institution')
  @ApiOkResponse({ type: PageOf(InstitutionView) })
  list(@CurrentPrincipal() p: StaffPrincipal, @Query() q: InstitutionQuery): Promise<Page<InstitutionView>> {
    return this.institutions.list(p, q);
  }

  @Get(':id')
  @Roles('centre', 'admin', 'institution')
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors('INSTITUTION_NOT_FOUND')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<InstitutionView> {
    return this.institutions.get(p, id);
  }
}
