import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { Roles } from '../auth/decorators';
import { ComplianceService } from './compliance.service';
import { ComplianceQuery } from './dto/bank.dto';
import { AllBanksComplianceResponse } from './dto/bank.response';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /** Every bank against its thresholds, from one aggregate query. */
  @Get()
  @Roles('centre')
  @ApiOkResponse({ type: AllBanksComplianceResponse })
  @ApiErrors('POLICY_NOT_FOUND')
  all(@Query() q: ComplianceQuery): Promise<AllBanksComplianceResponse> {
    return this.compliance.allBanks(q.policy, q.maxUses);
  }
}
