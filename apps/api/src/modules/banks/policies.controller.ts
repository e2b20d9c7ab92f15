import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { POLICY_SCHEMA } from './dto/bank.dto';
import { PoliciesService } from './policies.service';

@ApiTags('item bank')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list() {
    return this.policies.list();
  }

  /** An admin-defined policy; validated by the item bank's PolicySchema (a preset id cannot be reused). */
  @Post()
  @Roles('admin')
  @ApiBody({ schema: POLICY_SCHEMA })
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() body: Record<string, unknown>) {
    return this.policies.create(actorOf(p), body);
  }
}
