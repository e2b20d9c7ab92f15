import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { KnowledgeMap } from '@jianding/itembank';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { BanksService } from './banks.service';
import { ComplianceService } from './compliance.service';
import { BankSettingsDto, BanksQuery, ComplianceQuery, KNOWLEDGE_MAP_SCHEMA } from './dto/bank.dto';

/** Banks are addressed by occupation code and level: /banks/6-31-01-03/4/… */
@ApiTags('item bank')
@ApiBearerAuth()
@Controller('banks')
export class BanksController {
  constructor(
    private readonly banks: BanksService,
    private readonly compliance: ComplianceService,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list(@Query() q: BanksQuery) {
    return this.banks.listBanks(q.occupation);
  }

  @Get(':occupation/:level/knowledge-map')
  @Roles('author', 'reviewer', 'centre')
  getKnowledgeMap(@Param('occupation') occupation: string, @Param('level') level: string) {
    return this.banks.getKnowledgeMap(occupation, level);
  }

  /** Replaces the 鉴定要素细目表 as a whole (validated by the item bank rules); its version goes up by one. */
  @Put(':occupation/:level/knowledge-map')
  @Roles('author')
  @ApiBody({ schema: KNOWLEDGE_MAP_SCHEMA })
  putKnowledgeMap(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('occupation') occupation: string,
    @Param('level') level: string,
    @Body() map: KnowledgeMap,
  ) {
    return this.banks.putKnowledgeMap(actorOf(p), occupation, level, map);
  }

  @Put(':occupation/:level/settings')
  @Roles('author', 'centre')
  putSettings(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('occupation') occupation: string,
    @Param('level') level: string,
    @Body() dto: BankSettingsDto,
  ) {
    return this.banks.putSettings(actorOf(p), occupation, level, dto);
  }

  @Get(':occupation/:level/compliance')
  @Roles('author', 'centre')
  complianceOf(@Param('occupation') occupation: string, @Param('level') level: string, @Query() q: ComplianceQuery) {
    return this.compliance.forPath(occupation, level, q.policy, q.maxUses);
  }
}
