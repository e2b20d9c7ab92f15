import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { iso } from '../../common/columns';
import { notFound } from '../../common/app.exception';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { StaffPrincipal } from '../auth/principal';
import { STAFF_ROLES } from '../users/roles';
import { JobView } from './dto/job.response';
import { JobsRepository } from './jobs.repository';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly runs: JobsRepository) {}

  /** A job's progress, for the user who started it (and for admins and the centre). */
  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: JobView })
  @ApiErrors('JOB_NOT_FOUND')
  async get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<JobView> {
    const run = await this.runs.findById(id);
    const mayRead = run && (run.createdBy === p.userId || p.roles.includes('admin') || p.roles.includes('centre'));
    if (!run || !mayRead) throw notFound('JOB_NOT_FOUND', 'No job with this id is visible to you');
    return {
      id: run.id,
      name: run.name,
      status: run.status,
      progress: run.progress,
      attempts: run.attempts,
      result: run.result ? (JSON.parse(run.result) as unknown) : null,
      error: run.error,
      createdAt: iso(run.createdAt),
      updatedAt: iso(run.updatedAt),
    };
  }
}
