import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageOf } from '../../common/page.response';
import { Page, PageQuery } from '../../common/paging';
import { Roles } from '../auth/decorators';
import { AuditService } from './audit.service';
import { AuditEntryView, AuditVerifyView } from './dto/audit.response';

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'item' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entity?: string;

  @ApiPropertyOptional({ description: 'Entity id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  id?: string;

  @ApiPropertyOptional({ description: 'User id of the actor' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  actor?: string;

  @ApiPropertyOptional({ example: 'paper-request.approve', description: 'Exact action name' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  action?: string;

  @ApiPropertyOptional({ example: '2026-06-01T00:00:00Z', description: 'Entries at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30T23:59:59Z', description: 'Entries before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
// The centre reads the log, the admin's own actions included; the admin administers accounts, not the record of them.
@Roles('centre')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: PageOf(AuditEntryView) })
  list(@Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(
      {
        entity: q.entity,
        entityId: q.id,
        actorId: q.actor,
        action: q.action,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
      },
      q.page,
      q.pageSize,
    );
  }

  @Get('verify')
  @ApiOkResponse({
    type: AuditVerifyView,
    description: 'The chain check: the first entry that was edited, removed or inserted out of order',
  })
  verify(): Promise<AuditVerifyView> {
    return this.audit.verify();
  }
}
