import { HttpStatus, Injectable } from '@nestjs/common';
import { extensionMatters, nearerSession, paperForSeat, signInOpen } from '@jianding/exam';
import { randomUUID, timingSafeEqual } from 'crypto';
import { AppException, conflict, forbidden, unauthorized } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db, isLockConflict } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { LoginThrottle } from '../auth/login-throttle';
import { TokensService } from '../auth/tokens.service';
import { PapersService } from '../papers/papers.service';
import { CandidateGuard } from './candidate-guard';
import type { SignInFrom } from './candidate-request';
import { ExamDeadlines } from './exam-deadlines.service';
import { ExamPaperCache, SessionInfo } from './exam-paper.cache';
import { AttemptEntity, IntegrityEventEntity } from './exam.entities';
import { AttemptContext, CandidateLogin, ExamRepository } from './exam.repository';
import { RosterIdentity } from './roster-identity';

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

/** A candidate's sign-in: throttled credentials, the session open now, one live device, the paper released. */
@Injectable()
export class SignInService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly identity: RosterIdentity,
    private readonly guard: CandidateGuard,
    private readonly deadlines: ExamDeadlines,
    private readonly papers: PapersService,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

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

    const hash = Buffer.from(this.identity.hashId(idNumber));
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
      const attempt = extensionMatters(session, now)
        ? ((await this.repo.attemptOfCandidate(candidate.id)) ?? undefined)
        : undefined;
      if (signInOpen(session, attempt, now)) chosen = { candidate, session };
      else nearest = nearerSession(nearest, session, now);
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
    this.guard.assertSeb(chosen.session.sebConfigKey, from);
    const { candidate, session } = chosen;
    const deviceId = randomUUID();
    const created = await this.createAttempt(candidate, session, deviceId);
    let attemptId: string;
    if (created) {
      attemptId = created.id;
      this.guard.remember(created);
      await this.releasePaper(created.paperId, session);
    } else {
      attemptId = await retryDeadlocks(() => this.moveAttempt(candidate, session, deviceId, ip));
      this.guard.forget(attemptId);
    }
    await this.deadlines.ensureSessionDeadline(session);
    // A first sign-in knows the attempt's session and paper: its token carries them (a moved one is looked up).
    const fixed = created ? { sessionId: created.sessionId, paperId: created.paperId } : {};
    return { token: this.tokens.issue({ kind: 'candidate', attemptId, deviceId, ...fixed }).token };
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
    const paper = paperForSeat(session.papers, candidate.seat, session.perCandidate);
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
      pausedAt: null,
      pausedMs: 0,
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
    const { id, candidateId, sessionId, paperId, extraSeconds } = attempt;
    return {
      id,
      candidateId,
      sessionId,
      paperId,
      status: 'in_progress',
      deviceId,
      extraSeconds,
      endsAt: session.endsAt,
      sebConfigKey: session.sebConfigKey,
    };
  }

  /** Papers stay sealed until the session opens; the first sign-in on a paper records its release, once. */
  private async releasePaper(paperId: string, session: SessionInfo): Promise<void> {
    if ((await this.cache.paper(paperId)).status !== 'sealed') return;
    const released = await retryDeadlocks(() =>
      this.db.transaction((tx) =>
        this.papers.releaseForSession(tx, paperId, { id: session.id, institutionId: session.institutionId }),
      ),
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
}
