import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../common/app.exception';
import type { CandidatePrincipal } from './principal';

export interface CandidateSessionCheck {
  assertCurrent(principal: CandidatePrincipal, req: FastifyRequest): Promise<void>;
}

/**
 * The exam module plugs its device check in here (one live device per candidate); until it does, candidate tokens
 * are refused, which keeps the guard closed by default.
 */
@Injectable()
export class CandidateSessions {
  private check?: CandidateSessionCheck;

  use(check: CandidateSessionCheck): void {
    this.check = check;
  }

  async assertCurrent(principal: CandidatePrincipal, req: FastifyRequest): Promise<void> {
    if (!this.check) throw unauthorized('TOKEN_INVALID', 'Candidate sign-in is not available');
    await this.check.assertCurrent(principal, req);
  }
}
