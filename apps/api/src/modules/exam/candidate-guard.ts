import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { forbidden, unauthorized } from '../../common/app.exception';
import { CandidateSessions } from '../auth/candidate-sessions';
import type { CandidatePrincipal } from '../auth/principal';
import { ExamRequest, sebHash, SignInFrom, signInFrom } from './candidate-request';
import { ExamPaperCache } from './exam-paper.cache';
import { AttemptContext, ExamRepository } from './exam.repository';

const GUARD_CACHE_MS = 1000;

const isAnswerSave = (req: FastifyRequest) =>
  req.method === 'PUT' && (req.routeOptions.url ?? '').endsWith('/exam/attempt/answers/:position');

/**
 * The check behind every candidate request: the attempt exists, the token's device is its live device, and Safe
 * Exam Browser is in use when the session requires it. It keeps each attempt's context for a second, for the routes
 * that re-check what matters themselves.
 */
@Injectable()
export class CandidateGuard implements OnModuleInit {
  private readonly contexts = new LRUCache<string, AttemptContext>({
    max: 50_000,
    ttl: GUARD_CACHE_MS,
    ttlAutopurge: false,
  });

  constructor(
    private readonly repo: ExamRepository,
    private readonly sessions: CandidateSessions,
    private readonly papers: ExamPaperCache,
  ) {}

  onModuleInit(): void {
    this.sessions.use({ assertCurrent: (p, req) => this.assertCurrent(p, req as ExamRequest) });
  }

  async assertCurrent(principal: CandidatePrincipal, req: ExamRequest): Promise<void> {
    // An answer save whose token names the attempt's session and paper reads nothing here: the save re-checks device,
    // status and deadline on the attempt row it locks, and the session (for its SEB key) is cached, fixed facts.
    if (isAnswerSave(req) && principal.sessionId && principal.paperId) {
      const session = await this.papers.session(principal.sessionId);
      this.assertSeb(session.sebConfigKey, signInFrom(req));
      req.examAttemptRef = { id: principal.attemptId, sessionId: principal.sessionId, paperId: principal.paperId };
      return;
    }
    const ctx = await this.contextFor(principal.attemptId, req);
    if (!ctx) throw unauthorized('TOKEN_INVALID', 'The access token is not valid');
    if (ctx.deviceId !== principal.deviceId)
      throw unauthorized('SESSION_REPLACED', 'This exam was opened on another device; this one is signed out');
    this.assertSeb(ctx.sebConfigKey, signInFrom(req));
    req.examAttempt = ctx;
  }

  /**
   * Answer saves are the hot path (every candidate, every few seconds) and re-check device, status and deadline under
   * lock in their own transaction (this context is looked up only for a token without the attempt's claims), and
   * loading the attempt re-checks device and deadline on the row it reads, so their guard may use a context up to a
   * second old (sign-in leaves a fresh one); every other route reads it fresh.
   */
  private async contextFor(attemptId: string, req: FastifyRequest): Promise<AttemptContext | null> {
    const recentIsEnough =
      isAnswerSave(req) || (req.method === 'GET' && (req.routeOptions.url ?? '').endsWith('/exam/attempt'));
    const hit = recentIsEnough ? this.contexts.get(attemptId) : undefined;
    if (hit) return hit;
    const ctx = await this.repo.attemptContext(attemptId);
    if (ctx) this.contexts.set(attemptId, ctx);
    return ctx;
  }

  /** A first sign-in knows the context it created: the attempt load that follows needs nothing from the database. */
  remember(ctx: AttemptContext): void {
    this.contexts.set(ctx.id, ctx);
  }

  /** A device move makes the remembered context wrong. */
  forget(attemptId: string): void {
    this.contexts.delete(attemptId);
  }

  assertSeb(configKey: string | null, from: SignInFrom): void {
    if (!configKey) return;
    if (from.sebHash.toLowerCase() !== sebHash(from.url(), configKey))
      throw forbidden(
        'SEB_REQUIRED',
        'This exam must be taken in Safe Exam Browser with the configuration the institution provided',
      );
  }
}
