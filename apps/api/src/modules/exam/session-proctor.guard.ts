import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../auth/principal';
import { SessionAccessService } from './session-access';

/**
 * The session in the path must be one the caller may proctor, checked before the handler runs: a stream (Server-Sent
 * Events) has sent its 200 by the time a handler's own refusal would arrive, so its refusals belong in a guard.
 */
@Injectable()
export class SessionProctorGuard implements CanActivate {
  constructor(private readonly access: SessionAccessService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: StaffPrincipal }>();
    const { id } = req.params as { id?: string };
    await this.access.session(req.principal!, id ?? '', 'proctor');
    return true;
  }
}
