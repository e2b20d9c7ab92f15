import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { Roles } from '../auth/decorators';
import { ComplianceService } from './compliance.service';
import { AllComplianceQuery } from './dto/bank.dto';
import { AllBanksComplianceResponse } from './dto/bank.response';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /**
   * Every bank (or one occupation's) against its thresholds, from one aggregate query. Authors read it too: it is
   * the summary of the per-bank reports they may already read, one request for the banks page's rows.
   */
  @Get()
  @Roles('author', 'centre')
  @ApiOkResponse({ type: AllBanksComplianceResponse })
  @ApiErrors('POLICY_NOT_FOUND')
  all(@Query() q: AllComplianceQuery): Promise<AllBanksComplianceResponse> {
    return this.compliance.allBanks(q.policy, q.maxUses, q.occupation);
  }
}
