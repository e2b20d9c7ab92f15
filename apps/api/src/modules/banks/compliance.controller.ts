import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ComplianceService } from './compliance.service';
import { ComplianceQuery } from './dto/bank.dto';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /** Every bank against its thresholds, from one aggregate query. */
  @Get()
  @Roles('centre')
  all(@Query() q: ComplianceQuery) {
    return this.compliance.allBanks(q.policy, q.maxUses);
  }
}
