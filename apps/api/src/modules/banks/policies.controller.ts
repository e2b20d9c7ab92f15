import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { POLICY_SCHEMA } from './dto/bank.dto';
import { PolicyListResponse, PolicyResponse } from './dto/bank.response';
import { PoliciesService } from './policies.service';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: PolicyListResponse })
  list(): Promise<PolicyListResponse> {
    return this.policies.list();
  }

  /** An admin-defined policy; validated by the item bank's PolicySchema (a preset id cannot be reused). */
  @Post()
  @Roles('admin')
  @ApiBody({ schema: POLICY_SCHEMA })
  @ApiCreatedResponse({ type: PolicyResponse })
  @ApiErrors('POLICY_INVALID', 'POLICY_EXISTS', 'POLICY_ID_RESERVED')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() body: Record<string, unknown>) {
    return this.policies.create(actorOf(p), body);
  }
}
