import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'crypto';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { AppException, badRequest, conflict, forbidden, notFound, unauthorized } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db, isLockConflict } from '../../database/db.service';
import { JobRunEntity } from '../jobs/job-run.entity';
import { QueueService } from '../../queue/queue.service';
import { JobName } from '../../queue/jobs';
import { AuditService } from '../audit/audit.service';
import { CandidateSessions } from '../auth/candidate-sessions';
import { LoginThrottle } from '../auth/login-throttle';
import type { CandidatePrincipal } from '../auth/principal';
import { TokensService } from '../auth/tokens.service';
import { AnswerWriter } from './answer-writer';
import { AttemptEntity, IntegrityEventEntity } from './exam.entities';
import { ExamItemView, ExamPaperCache, SessionInfo } from './exam-paper.cache';
import { AttemptContext, CandidateLogin, ExamRepository } from './exam.repository';
import { checkAnswer, normaliseIdNumber } from '@jianding/itembank';
import { ExamScoringService } from './exam-scoring.service';

export const SEB_HEADER = 'x-safeexambrowser-configkeyhash';
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The attempt context the guard attached to a candidate request. */
export interface ExamRequest extends FastifyRequest {
  examAttempt?: AttemptContext;
}

/** Keyed hash of an ID number: equal numbers match, a database dump reveals nothing. */
export function idNumberHasher(secret: string): (idNumber: string) => string {
  const key = createHash('sha256').update(`jianding/id-number/v1:${secret}`).digest();
  return (idNumber) => createHmac('sha256', key).update(normaliseIdNumber(idNumber)).digest('hex');
}

/** Safe Exam Browser's Config Key header: SHA-256 of the absolute request URL followed by the config key. */
export function sebHash(url: string, configKey: string): string {
  return createHash('sha256')
    .update(url + configKey)
    .digest('hex');
}

const GUARD_CACHE_MS = 1000;

/** What sign-in needs of its HTTP request. */
export interface SignInFrom {
  /** The client's address (behind a trusted proxy, the address the proxy reports). */
  ip: string;
  /** Safe Exam Browser's Config Key header, empty when not sent. */
  sebHash: string;
  /** The absolute URL of the request, which the SEB header hashes. */
  url(): string;
}

/** Address and protocol as a trusted proxy reports them (Fastify's `trustProxy`), the host as the browser sent it. */
export function signInFrom(req: FastifyRequest): SignInFrom {
  return {
    ip: req.ip,
    sebHash: String(req.headers[SEB_HEADER] ?? ''),
    url: () => `${req.protocol}://${req.headers.host ?? ''}${req.originalUrl}`,
  };
}

/** The attempt as the exam client receives it. */
export interface CandidateAttemptView {
  attemptId: string;
  candidate: { name: string; ticketNo: string };
  session: { id: string; name: string; occupationName: string; level: string; endsAt: string };
  status: 'in_progress' | 'submitted';
  serverTime: string;
  remainingSeconds: number;
  currentPosition: number;
  lastSeq: number;
  items: readonly ExamItemView[];
  answers: { position: number; answer: unknown; seq: number }[];
  policy: { showResult: boolean };
  result?: { score: number; passed: boolean };
}

/** The deadline a deadline job was queued for, from its run key (`<job>:deadline:<id>:<deadline>[:<retry>]`). */
export function plannedDeadline(runKey: string | undefined): number {
  return Number(runKey?.split(':')[3]);
}

/** Sign-ins race each other for the paper row and the audit head at the start of a session: a deadlock victim tries again. */
async function retryDeadlocks<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= tries || !isLockConflict(err)) throw err;
    }
  }
}

/** The candidate's side: sign-in with one live device, the attempt, saves, cursor, integrity events, submit. */
@Injectable()
export class ExamService implements OnModuleInit {
  readonly hashId: (idNumber: string) => string;
  private readonly logger = new Logger('ExamService');
  readonly graceMs: number;
  private readonly guardCache = new LRUCache<string, AttemptContext>({
    max: 50_000,
    ttl: GUARD_CACHE_MS,
    ttlAutopurge: false,
  });
  /** Sessions whose deadline job this process has made sure of, by `<id>:<endsAt>`. */
  private readonly deadlineQueued = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly writer: AnswerWriter,
    private readonly scoring: ExamScoringService,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly sessions: CandidateSessions,
  ) {
    this.hashId = idNumberHasher(config.exam.idHashKey);
    this.graceMs = config.exam.saveGraceSeconds * 1000;
  }

  onModuleInit(): void {
    this.sessions.use({ assertCurrent: (p, req) => this.assertCurrent(p, req as ExamRequest) });
  }

  /** The guard's check on every candidate request: the attempt exists, this is its live device, SEB if required. */
  async assertCurrent(principal: CandidatePrincipal, req: ExamRequest): Promise<void> {
    const ctx = await this.contextFor(principal.attemptId, req);
    if (!ctx) throw unauthorized('TOKEN_INVALID', 'The access token is not valid');
    if (ctx.deviceId !== principal.deviceId)
      throw unauthorized('SESSION_REPLACED', 'This exam was opened on another device; this one is signed out');
    this.assertSeb(ctx.sebConfigKey, req);
    req.examAttempt = ctx;
  }

  /**
   * Answer saves are the hot path (every candidate, every few seconds) and re-check device, status and deadline under
   * lock in their own transaction, and loading the attempt re-checks device and deadline on the row it reads, so their
   * guard may use a context up to a second old (sign-in leaves a fresh one); every other route reads it fresh.
   */
  private async contextFor(attemptId: string, req: FastifyRequest): Promise<AttemptContext | null> {
    const route = req.routeOptions.url ?? '';
    const recentIsEnough =
      (req.method === 'PUT' && route.endsWith('/exam/attempt/answers/:position')) ||
      (req.method === 'GET' && route.endsWith('/exam/attempt'));
    const hit = recentIsEnough ? this.guardCache.get(attemptId) : undefined;
    if (hit) return hit;
    const ctx = await this.repo.attemptContext(attemptId);
    if (ctx) this.guardCache.set(attemptId, ctx);
    return ctx;
  }

  private assertSeb(configKey: string | null, req: FastifyRequest): void {
    this.assertSebFrom(configKey, signInFrom(req));
  }

  private assertSebFrom(configKey: string | null, from: SignInFrom): void {
    if (!configKey) return;
    if (from.sebHash.toLowerCase() !== sebHash(from.url(), configKey))
      throw forbidden(
        'SEB_REQUIRED',
        'This exam must be taken in Safe Exam Browser with the configuration the institution provided',
      );
  }

  // --- sign-in ---------------------------------------------------------------------------------------------------

  async login(ticketNo: string, idNumber: string, from: SignInFrom): Promise<{ token: string }> {
    const ip = from.ip;
    const keys = [`candidate:${ticketNo}`, `candidate-ip:${ip}`];
    const { retryAfterSeconds: wait, failing } = await this.throttle.check(keys);
    if (wait > 0)
      throw new AppException(
        'TOO_MANY_ATTEMPTS',
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many failed sign-ins; try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );

    const hash = Buffer.from(this.hashId(idNumber));
    const matches = (await this.repo.candidatesByTicket(ticketNo)).filter(
      (c) => c.idNumberHash.length === hash.length && timingSafeEqual(Buffer.from(c.idNumberHash), hash),
    );
    if (!matches.length) {
      await this.throttle.fail(keys);
      throw unauthorized('CANDIDATE_CREDENTIALS_INVALID', 'The admission ticket number or ID number is wrong');
    }
    if (failing[0]) await this.throttle.clear(keys[0]);

    // The same person may be on several rosters: take the session that is open now.
    const now = Date.now();
    let chosen: { candidate: CandidateLogin; session: SessionInfo } | undefined;
    let nearest: SessionInfo | undefined;
    for (const candidate of matches) {
      const session = await this.cache.session(candidate.sessionId).catch((err: unknown) => {
        if (err instanceof AppException) return undefined;
        throw err;
      });
      if (!session) continue;
      // Past the end only an extension keeps the window open, and only then is the attempt worth reading.
      const extra = now >= session.endsAt ? ((await this.repo.attemptOfCandidate(candidate.id))?.extraSeconds ?? 0) : 0;
      if (session.startsAt <= now && now < session.endsAt + extra * 1000) chosen = { candidate, session };
      else if (!nearest || Math.abs(session.startsAt - now) < Math.abs(nearest.startsAt - now)) nearest = session;
    }
    if (!chosen) {
      throw forbidden(
        'SESSION_NOT_OPEN',
        'Sign-in is possible only between the start and the end of the exam session',
        {
          startsAt: iso(nearest?.startsAt),
          endsAt: iso(nearest?.endsAt),
        },
      );
    }
    this.assertSebFrom(chosen.session.sebConfigKey, from);
    const { candidate, session } = chosen;
    const deviceId = randomUUID();
    const created = await this.createAttempt(candidate, session, deviceId);
    let attemptId: string;
    if (created) {
      attemptId = created.id;
      // The guard's next read (the attempt load that follows every sign-in) needs nothing from the database.
      this.guardCache.set(attemptId, created);
      await this.releasePaper(created.paperId, session);
    } else {
      attemptId = await retryDeadlocks(() => this.moveAttempt(candidate, session, deviceId, ip));
      this.guardCache.delete(attemptId);
    }
    await this.ensureSessionDeadline(session);
    return { token: this.tokens.issue({ kind: 'candidate', attemptId, deviceId }).token };
  }

  /**
   * A candidate's first sign-in: one INSERT in autocommit, because every candidate of a session does this within the
   * first minutes. The unique index on the candidate turns a second sign-in (or two racing first ones) into null.
   */
  private async createAttempt(
    candidate: CandidateLogin,
    session: SessionInfo,
    deviceId: string,
  ): Promise<AttemptContext | null> {
    const papers = session.papers;
    const paper = session.perCandidate
      ? papers.find((p) => p.form === candidate.seat)
      : papers[candidate.seat % Math.max(papers.length, 1)];
    if (!paper) throw conflict('PAPER_NOT_AVAILABLE', 'No paper is available for this candidate; ask the proctor');
    const now = Date.now();
    const attempt = Object.assign(new AttemptEntity(), {
      id: randomUUID(),
      candidateId: candidate.id,
      sessionId: session.id,
      paperId: paper.id,
      status: 'in_progress',
      deviceId,
      extraSeconds: 0,
      currentPosition: 1,
      lastSeq: 0,
      startedAt: now,
      lastSeenAt: now,
      submittedAt: null,
      submittedBy: null,
      scoreRecordId: null,
      createdAt: now,
    });
    if (!(await this.db.statement((m) => this.repo.insertAttemptIfNew(m, attempt)))) return null;
    return {
      id: attempt.id,
      candidateId: candidate.id,
      sessionId: session.id,
      paperId: paper.id,
      status: 'in_progress',
      deviceId,
      extraSeconds: 0,
      endsAt: session.endsAt,
      sebConfigKey: session.sebConfigKey,
    };
  }

  /** Papers stay sealed until the session opens; the first sign-in on a paper records its release, once. */
  private async releasePaper(paperId: string, session: SessionInfo): Promise<void> {
    if ((await this.cache.paper(paperId)).status !== 'sealed') return;
    const released = await retryDeadlocks(() =>
      this.db.transaction(async (tx) => {
        if (!(await this.repo.releasePaper(tx, paperId, Date.now()))) return false;
        await this.audit.append(tx, {
          actor: { id: null, name: 'system' },
          action: 'paper.release',
          entity: 'paper',
          entityId: paperId,
          data: { sessionId: session.id, institutionId: session.institutionId },
        });
        return true;
      }),
    );
    if (released) this.cache.markReleased(paperId);
  }

  /** A later sign-in: the attempt moves to the new device, and the move is logged and audited. */
  private moveAttempt(candidate: CandidateLogin, session: SessionInfo, deviceId: string, ip: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      await this.repo.lockCandidate(tx, candidate.id);
      const existing = await this.repo.attemptOfCandidate(candidate.id, tx);
      if (!existing)
        throw conflict('ATTEMPT_NOT_FOUND', 'The attempt of this candidate could not be opened; try again');
      const now = Date.now();
      await this.repo.updateAttempt(tx, existing.id, { deviceId, lastSeenAt: now });
      await this.repo.insertEvent(
        tx,
        Object.assign(new IntegrityEventEntity(), {
          id: randomUUID(),
          attemptId: existing.id,
          type: 'device_replaced',
          clientTime: null,
          serverTime: now,
          detail: JSON.stringify({ ip, previousDevice: existing.deviceId }),
        }),
      );
      await this.audit.append(tx, {
        actor: { id: null, name: `candidate:${candidate.ticketNo}` },
        action: 'attempt.device_replaced',
        entity: 'attempt',
        entityId: existing.id,
        data: { sessionId: session.id, ip },
      });
      return existing.id;
    });
  }

  /**
   * The session's deadline job is queued when the session is created; each process also makes sure its run row
   * exists once per session end at the first sign-in it serves (a session whose row was never written). A row that
   * exists is not handed to the queue again here: a job the queue lost is re-queued from its row by the queue's
   * reconciler. A failure here does not fail the sign-in: the next sign-in tries again, and loading a late attempt
   * submits it.
   */
  private async ensureSessionDeadline(session: SessionInfo): Promise<void> {
    const key = `${session.id}:${session.endsAt}`;
    if (this.deadlineQueued.has(key)) return;
    this.deadlineQueued.add(key);
    try {
      await this.enqueueSessionDeadline(session.id, session.endsAt);
    } catch (err) {
      this.deadlineQueued.delete(key);
      this.logger.error(`could not queue the deadline job of session ${session.id}: ${(err as Error).message}`);
    }
  }

  /** The delayed job that submits the session's open attempts at its end (plus the save grace), keyed by that end. */
  enqueueSessionDeadline(
    sessionId: string,
    endsAt: number,
    tx?: Parameters<Parameters<Db['transaction']>[0]>[0],
    suffix = '',
  ): Promise<JobRunEntity> {
    return this.queue.enqueue(
      JobName.SessionDeadline,
      { sessionId },
      { key: `deadline:${sessionId}:${endsAt}${suffix}`, delayMs: this.delayTo(endsAt) },
      tx,
    );
  }

  /**
   * The delayed job that submits one extended attempt at its own deadline (plus the save grace), keyed by that
   * deadline. Inside a transaction only the run row is written: call {@link dispatchDeadline} after the commit.
   */
  enqueueDeadline(
    attemptId: string,
    deadline: number,
    tx?: Parameters<Parameters<Db['transaction']>[0]>[0],
    suffix = '',
  ): Promise<JobRunEntity> {
    return this.queue.enqueue(
      JobName.AttemptDeadline,
      { attemptId },
      { key: `deadline:${attemptId}:${deadline}${suffix}`, delayMs: this.delayTo(deadline) },
      tx,
    );
  }

  dispatchDeadline(run: JobRunEntity): Promise<void> {
    return this.queue.dispatch(run);
  }

  private delayTo(deadline: number): number {
    return Math.max(0, deadline + this.graceMs - Date.now());
  }

  // --- the attempt ---------------------------------------------------------------------------------------------------

  /** The attempt as the candidate sees it (SPEC §4); the items come rendered from the paper cache. */
  async attempt(ctx: AttemptContext): Promise<CandidateAttemptView> {
    const now = Date.now();
    const info = await this.cache.session(ctx.sessionId);
    let attempt = await this.repo.attemptView(ctx.id);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    // The guard may have used a context up to a second old: the device is checked again on the row just read.
    if (attempt.deviceId !== ctx.deviceId)
      throw unauthorized('SESSION_REPLACED', 'This exam was opened on another device; this one is signed out');
    if (attempt.status === 'in_progress' && now > attempt.endsAt + attempt.extraSeconds * 1000 + this.graceMs) {
      // The deadline job normally does this; a load after the deadline finishes it at once.
      await this.scoring.submit(ctx.id, 'deadline', { onlyIfDue: true });
      attempt = (await this.repo.attemptView(ctx.id)) ?? attempt;
    }
    const { candidate } = attempt;
    const paper = await this.cache.forCandidate(attempt.paperId, candidate.seat, info);
    const deadline = attempt.endsAt + attempt.extraSeconds * 1000;
    let result: { score: number; passed: boolean } | undefined;
    if (attempt.status === 'submitted' && info.showResult && attempt.scoreRecordId) {
      const record = await this.repo.findScore(attempt.scoreRecordId);
      if (record) result = { score: Number(record.score), passed: !!record.passed };
    }
    return {
      attemptId: attempt.id,
      candidate: { name: candidate.name, ticketNo: candidate.ticketNo },
      session: {
        id: info.id,
        name: info.name,
        occupationName: info.occupationName,
        level: info.level,
        endsAt: iso(deadline) as string,
      },
      status: attempt.status,
      serverTime: iso(now) as string,
      remainingSeconds: attempt.status === 'submitted' ? 0 : Math.max(0, Math.floor((deadline - now) / 1000)),
      currentPosition: attempt.currentPosition,
      lastSeq: attempt.lastSeq,
      items: paper.items,
      // Stored answers are JSON written by saveAnswer (JSON.stringify of the checked value).
      answers: attempt.answers.map((a) => ({
        position: a.position,
        answer: JSON.parse(a.answer) as unknown,
        seq: a.seq,
      })),
      policy: { showResult: info.showResult },
      ...(result ? { result } : {}),
    };
  }

  async saveAnswer(
    ctx: AttemptContext,
    deviceId: string,
    position: number,
    body: { answer?: unknown; seq: number; clientTime?: string | null },
  ) {
    // The hot path: only the paper's shapes are needed, never this candidate's rendered paper.
    const [base, info] = await Promise.all([this.cache.paper(ctx.paperId), this.cache.session(ctx.sessionId)]);
    const shape = base.shapes.get(position);
    if (!shape) throw notFound('POSITION_NOT_FOUND', `This paper has no position ${position}`);
    const checked =
      body.answer === undefined
        ? ({ ok: false, reason: 'answer is required (null clears)' } as const)
        : checkAnswer(shape, body.answer);
    if (!checked.ok)
      throw badRequest('ANSWER_INVALID', `Position ${position} (${shape.type}): ${checked.reason}`, {
        position,
        type: shape.type,
      });
    const now = Date.now();
    const ack = await this.writer.save({
      attemptId: ctx.id,
      deviceId,
      position,
      answer: JSON.stringify(checked.value),
      seq: body.seq,
      clientTime: body.clientTime?.slice(0, 40) ?? null,
      serverTime: now,
      purgeAfter: now + Math.round(info.policy.retentionYears * YEAR_MS),
    });
    return { seq: ack.seq, savedAt: iso(ack.savedAt) };
  }

  async setCursor(ctx: AttemptContext, position: number): Promise<void> {
    const base = await this.cache.paper(ctx.paperId);
    if (!base.shapes.has(position)) throw notFound('POSITION_NOT_FOUND', `This paper has no position ${position}`);
    await this.repo.setCursor(ctx.id, position, Date.now());
  }

  async recordEvent(
    ctx: AttemptContext,
    body: { type: string; at: string; detail?: Record<string, unknown> },
  ): Promise<void> {
    const detail = body.detail ? JSON.stringify(body.detail) : null;
    await this.db.transaction((tx) =>
      this.repo.insertEvent(
        tx,
        Object.assign(new IntegrityEventEntity(), {
          id: randomUUID(),
          attemptId: ctx.id,
          type: body.type,
          clientTime: body.at.slice(0, 40),
          serverTime: Date.now(),
          detail: detail && detail.length > 1000 ? detail.slice(0, 1000) : detail,
        }),
      ),
    );
  }

  async submit(ctx: AttemptContext) {
    const out = await this.scoring.submit(ctx.id, 'candidate');
    if (!out) throw conflict('ATTEMPT_NOT_SUBMITTED', 'The attempt could not be submitted');
    return out.showResult
      ? { submitted: true as const, score: out.score, passed: out.passed }
      : { submitted: true as const };
  }
}
