import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { standingFault } from '@jianding/itembank';
import { forbidden, unauthorized } from '../../common/app.exception';
import { UserDirectory } from '../users/user-directory';
import { AuthedRequest, IS_PUBLIC, ROLES } from './decorators';
import type { Role } from './principal';
import { CandidateSessions } from './candidate-sessions';
import { TokensService } from './tokens.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Applied to every route. Fails closed: a route must be marked @Public or declare its @Roles, and a staff token
 * only counts while its user is still active (a disabled account stops working at once, not when the token expires).
 * Staff of an institution act only while it stands (active, inside its filing validity): a suspended, revoked or
 * lapsed institution can still read, and nothing else, whichever route it tries.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly users: UserDirectory,
    private readonly candidates: CandidateSessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw unauthorized('UNAUTHENTICATED', 'This route needs a bearer token');
    const principal = this.tokens.verify(token);
    if (principal.kind === 'staff') {
      const user = await this.users.findById(principal.userId);
      if (!user || !user.active) throw unauthorized('ACCOUNT_DISABLED', 'This account is disabled');
      principal.roles = user.roles;
      principal.institutionId = user.institutionId;
    } else {
      await this.candidates.assertCurrent(principal, req);
    }
    req.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (!allowed || allowed.length === 0)
      throw forbidden('ROLE_NOT_DECLARED', 'This route declares no role and is closed');
    const held: Role[] = principal.kind === 'staff' ? principal.roles : ['candidate'];
    if (!held.some((r) => allowed.includes(r))) {
      throw forbidden('ROLE_REQUIRED', `This action needs one of the roles: ${allowed.join(', ')}`, {
        required: allowed,
      });
    }
    if (principal.kind === 'staff' && principal.institutionId && !READS.has(req.method))
      await this.assertStanding(principal.institutionId);
    return true;
  }

  private async assertStanding(institutionId: string): Promise<void> {
    const inst = await this.users.institutionStanding(institutionId);
    const fault = inst ? standingFault(inst, Date.now()) : 'inactive';
    if (fault === 'inactive')
      throw forbidden(
        'INSTITUTION_SUSPENDED',
        `The institution is ${inst?.status ?? 'not on file'}; it can read, and do nothing else`,
      );
    if (fault === 'expired')
      throw forbidden(
        'INSTITUTION_EXPIRED',
        'The institution’s filing is not valid today; it can read, and do nothing else',
      );
  }
}
