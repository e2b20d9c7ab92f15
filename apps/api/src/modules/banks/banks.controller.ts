import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { ListOf } from '../../common/page.response';
import type { KnowledgeMap } from '@jianding/itembank';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { BanksService } from './banks.service';
import { ComplianceService } from './compliance.service';
import { BankComplianceResponse, BankResponse, KnowledgeMapResponse, KnowledgeMapView } from './dto/bank.response';
import { BankSettingsDto, BanksQuery, ComplianceQuery } from './dto/bank.dto';

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
  @ApiOkResponse({ type: ListOf(BankResponse) })
  list(@Query() q: BanksQuery): Promise<{ items: BankResponse[]; total: number }> {
    return this.banks.listBanks(q.occupation);
  }

  @Get(':occupation/:level/knowledge-map')
  @Roles('author', 'reviewer', 'centre')
  @ApiOkResponse({ type: KnowledgeMapResponse })
  @ApiErrors('OCCUPATION_NOT_FOUND', 'LEVEL_INVALID', 'BANK_NOT_FOUND', 'KNOWLEDGE_MAP_MISSING')
  getKnowledgeMap(
    @Param('occupation') occupation: string,
    @Param('level') level: string,
  ): Promise<KnowledgeMapResponse> {
    return this.banks.getKnowledgeMap(occupation, level);
  }

  /** Replaces the 鉴定要素细目表 as a whole (validated by the item bank rules); its version goes up by one. */
  @Put(':occupation/:level/knowledge-map')
  @Roles('author')
  @ApiBody({ type: KnowledgeMapView, description: 'The whole map; validated by the item bank rules' })
  @ApiOkResponse({ type: KnowledgeMapResponse })
  @ApiErrors('KNOWLEDGE_MAP_INVALID', 'OCCUPATION_NOT_FOUND', 'LEVEL_INVALID')
  putKnowledgeMap(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('occupation') occupation: string,
    @Param('level') level: string,
    @Body() map: KnowledgeMap,
  ): Promise<KnowledgeMapResponse> {
    return this.banks.putKnowledgeMap(actorOf(p), occupation, level, map);
  }

  @Put(':occupation/:level/settings')
  @Roles('author', 'centre')
  @ApiOkResponse({ type: BankResponse })
  @ApiErrors('VALIDATION_FAILED', 'TEMPLATE_INVALID', 'POLICY_NOT_FOUND', 'OCCUPATION_NOT_FOUND', 'LEVEL_INVALID')
  putSettings(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('occupation') occupation: string,
    @Param('level') level: string,
    @Body() dto: BankSettingsDto,
  ): Promise<BankResponse> {
    return this.banks.putSettings(actorOf(p), occupation, level, dto);
  }

  @Get(':occupation/:level/compliance')
  @Roles('author', 'centre')
  @ApiOkResponse({ type: BankComplianceResponse })
  @ApiErrors('OCCUPATION_NOT_FOUND', 'LEVEL_INVALID', 'BANK_NOT_FOUND', 'POLICY_NOT_FOUND')
  complianceOf(
    @Param('occupation') occupation: string,
    @Param('level') level: string,
    @Query() q: ComplianceQuery,
  ): Promise<BankComplianceResponse> {
    return this.compliance.forPath(occupation, level, q.policy, q.maxUses);
  }
}
