import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { unauthorized } from '../../common/app.exception';
import { LRUCache } from 'lru-cache';
import type { CandidatePrincipal, Principal } from './principal';

interface Claims {
  sub: string;
  typ: 'staff' | 'candidate';
  usr?: string;
  rol?: string[];
  ins?: string | null;
  dev?: string;
  ses?: string;
  pap?: string;
  exp?: number;
}

/** Candidate tokens come back every few seconds for hours: a verified one is remembered until it expires. */
const VERIFIED_CANDIDATES = 50_000;

@Injectable()
export class TokensService {
  /** Verified candidate tokens, each kept until its own expiry (a token's claims never change). */
  private readonly verified = new LRUCache<string, CandidatePrincipal>({ max: VERIFIED_CANDIDATES });

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(principal: Principal): { token: string; expiresIn: number } {
    const claims: Claims =
      principal.kind === 'staff'
        ? {
            sub: principal.userId,
            typ: 'staff',
            usr: principal.username,
            rol: principal.roles,
            ins: principal.institutionId,
          }
        : {
            sub: principal.attemptId,
            typ: 'candidate',
            dev: principal.deviceId,
            ...(principal.sessionId && principal.paperId ? { ses: principal.sessionId, pap: principal.paperId } : {}),
          };
    const expiresIn = principal.kind === 'staff' ? this.config.jwt.ttlSeconds : this.config.jwt.candidateTtlSeconds;
    return { token: this.jwt.sign(claims, { expiresIn }), expiresIn };
  }

  verify(token: string): Principal {
    const hit = this.verified.get(token);
    if (hit) return { ...hit };
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims>(token);
    } catch {
      throw unauthorized('TOKEN_INVALID', 'The access token is missing, expired or not valid');
    }
    if (claims.typ === 'candidate' && claims.dev) {
      const principal: CandidatePrincipal = {
        kind: 'candidate',
        attemptId: claims.sub,
        deviceId: claims.dev,
        ...(claims.ses && claims.pap ? { sessionId: claims.ses, paperId: claims.pap } : {}),
      };
      const ttl = claims.exp ? claims.exp * 1000 - Date.now() : 0;
      if (ttl > 0) this.verified.set(token, principal, { ttl });
      return { ...principal };
    }
    if (claims.typ === 'staff' && claims.usr && Array.isArray(claims.rol)) {
      return {
        kind: 'staff',
        userId: claims.sub,
        username: claims.usr,
        roles: claims.rol as never,
        institutionId: claims.ins ?? null,
      };
    }
    throw unauthorized('TOKEN_INVALID', 'The access token is not valid');
  }
}
