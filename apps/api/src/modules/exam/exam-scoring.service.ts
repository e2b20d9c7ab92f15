import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { EntityManager } from 'typeorm';
import { appError, badRequest, conflict, notFound } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/principal';
import { AttemptEntity, ScoreCorrectionEntity, ScoreRecordEntity } from './exam.entities';
import { ExamPaperCache } from './exam-paper.cache';
import { ExamRepository } from './exam.repository';
import {
  AnswerValue,
  attemptClock,
  attemptDeadline,
  correctionDecisionRefusal,
  correctionRequestRefusal,
  type CorrectionRefusal,
  type CorrectionStatus,
  isPassing,
  scoreAttempt,
  timeIsUp,
} from '@jianding/exam';

const REFUSALS: Record<CorrectionRefusal, string> = {
  SCORE_OUT_OF_RANGE: 'A corrected score is 0–100 with at most two decimals',
  REASON_REQUIRED: 'A reason of 2–1000 characters is required',
  CORRECTION_UNCHANGED: 'The corrected score is the score in force',
  CORRECTION_DECIDED: 'The score correction has already been decided',
  CORRECTION_SELF_APPROVAL: 'A correction is decided by someone other than its requester',
};

export interface SubmitOutcome {
  submitted: true;
  /** False when it had already been submitted before this call. */
  changed: boolean;
  score: number;
  passed: boolean;
  showResult: boolean;
}

/** Submitting and scoring an attempt (by the candidate, the deadline job or a proctor) and score corrections. */
@Injectable()
export class ExamScoringService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly audit: AuditService,
  ) {}

  /**
   * Submits and scores once, under the attempt's row lock (saves take the same lock, so no answer can slip in
   * between scoring and the status change). Calling again returns the same result.
   * `onlyIfDue`: the deadline job's call; an attempt given more time since the job was queued is left alone (`null`).
   * `alsoInTx`: written in the same transaction, only when this call is the one that submits.
   */
  async submit(
    attemptId: string,
    by: 'candidate' | 'deadline' | 'proctor',
    opts: { onlyIfDue?: boolean; alsoInTx?: (tx: EntityManager, now: number) => Promise<void> } = {},
  ): Promise<SubmitOutcome | null> {
    const pre = await this.repo.findAttempt(attemptId);
    if (!pre) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    const info = await this.cache.session(pre.sessionId);
    const candidate = await this.repo.findCandidate(pre.candidateId);
    const paper = await this.cache.paper(pre.paperId);
    const rendered = await this.cache.forCandidate(pre.paperId, candidate?.seat ?? 0, info);
    return this.db.transaction(async (tx) => {
      const attempt = await this.repo.lockAttempt(tx, attemptId);
      if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      if (attempt.status === 'submitted') {
        const record = attempt.scoreRecordId ? await this.repo.findScore(attempt.scoreRecordId, tx) : null;
        return {
          submitted: true as const,
          changed: false,
          score: Number(record?.score ?? 0),
          passed: !!record?.passed,
          showResult: info.showResult,
        };
      }
      // The candidate waits for the proctor while paused; the proctor's own end of an attempt is not held back.
      if (by === 'candidate' && attempt.pausedAt !== null)
        throw conflict('ATTEMPT_PAUSED', 'The proctor paused this exam; submit once it resumes');
      if (opts.onlyIfDue) {
        const session = await this.repo.findSession(attempt.sessionId, tx);
        const deadline = attemptDeadline({
          endsAt: session?.endsAt ?? 0,
          extraSeconds: attempt.extraSeconds,
          pausedMs: attempt.pausedMs,
        });
        // A paused attempt's clock stands still: its time is never up while the pause runs.
        if (!timeIsUp(deadline, attemptClock(attempt, Date.now()))) return null;
      }
      const answers = await this.repo.answersOf(attemptId, tx);
      const given = new Map<number, AnswerValue>(answers.map((a) => [a.position, JSON.parse(a.answer) as AnswerValue]));
      const result = scoreAttempt(
        paper.positions.map((p) => ({
          position: p.position,
          itemId: p.itemId,
          type: p.type,
          points: p.points,
          key: p.key,
          order: rendered.orders.get(p.position) ?? null,
        })),
        given,
        info.policy,
      );
      const now = Date.now();
      const record = Object.assign(new ScoreRecordEntity(), {
        id: randomUUID(),
        attemptId,
        kind: 'auto',
        score: String(result.score),
        passed: result.passed,
        detail: JSON.stringify({ earned: result.earned, total: result.total, items: result.detail }),
        reason: null,
        createdBy: null,
        createdAt: now,
      });
      await this.repo.insertScore(tx, record);
      await this.repo.updateAttempt(tx, attemptId, {
        status: 'submitted',
        submittedAt: now,
        submittedBy: by,
        scoreRecordId: record.id,
        lastSeenAt: now,
      });
      // What the caller records about this submit (a proctor's end: the event and the audit entry) commits with it.
      await opts.alsoInTx?.(tx, now);
      return {
        submitted: true as const,
        changed: true,
        score: result.score,
        passed: result.passed,
        showResult: info.showResult,
      };
    });
  }

  /**
   * A correction request (成绩更正申请) with its reason, checked against the score in force under the attempt's lock,
   * so two requests for one attempt cannot both be open. Nothing about the score changes until the centre approves.
   */
  async requestCorrection(actor: Actor, attemptId: string, score: number, reason: string) {
    return this.db.transaction(async (tx) => {
      const attempt = await this.repo.lockAttempt(tx, attemptId);
      if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      if (attempt.status !== 'submitted' || !attempt.scoreRecordId)
        throw badRequest('ATTEMPT_NOT_SCORED', 'Only a submitted, scored attempt can be corrected');
      if (await this.repo.openCorrectionOf(attemptId, tx))
        throw conflict('CORRECTION_PENDING', 'The attempt already has a correction waiting for the centre');
      const current = await this.repo.findScore(attempt.scoreRecordId, tx);
      const currentScore = Number(current?.score ?? 0);
      const refusal = correctionRequestRefusal(score, reason, currentScore);
      if (refusal) throw appError(refusal, REFUSALS[refusal]);
      const request = Object.assign(new ScoreCorrectionEntity(), {
        id: randomUUID(),
        attemptId,
        sessionId: attempt.sessionId,
        status: 'requested',
        previousScore: String(currentScore),
        score: String(score),
        reason: reason.trim(),
        requestedBy: actor.id ?? 'system',
        requestedAt: Date.now(),
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        recordId: null,
      });
      await this.repo.insertCorrection(tx, request);
      await this.audit.append(tx, {
        actor,
        action: 'score.correction_request',
        entity: 'attempt',
        entityId: attemptId,
        data: { correctionId: request.id, previousScore: request.previousScore, score: request.score, reason },
      });
      return correctionView(request);
    });
  }

  /**
   * The centre's decision on a request. Approval writes a new score record with the request's reason and the
   * attempt points at it; the original record stays. A rejection keeps its reason. Both are audited.
   */
  async decideCorrection(actor: Actor, correctionId: string, approve: boolean, decisionReason?: string) {
    const found = await this.repo.findCorrection(correctionId);
    if (!found) throw notFound('CORRECTION_NOT_FOUND', 'No score correction has this id');
    return this.db.transaction(async (tx) => {
      // The attempt's lock orders a decision after a concurrent request or decision of the same attempt.
      const attempt = await this.repo.lockAttempt(tx, found.attemptId);
      const request = await this.repo.findCorrection(correctionId, tx);
      if (!attempt || !request) throw notFound('CORRECTION_NOT_FOUND', 'No score correction has this id');
      const refusal = correctionDecisionRefusal(
        { status: request.status as CorrectionStatus, requestedBy: request.requestedBy },
        actor.id ?? 'system',
        { approve, reason: decisionReason },
      );
      if (refusal) throw appError(refusal, REFUSALS[refusal]);
      const now = Date.now();
      if (!approve) {
        const patch = {
          status: 'rejected',
          decidedBy: actor.id,
          decidedAt: now,
          decisionReason: decisionReason!.trim(),
        };
        await this.repo.updateCorrection(tx, request.id, patch);
        await this.audit.append(tx, {
          actor,
          action: 'score.correction_reject',
          entity: 'attempt',
          entityId: attempt.id,
          data: { correctionId: request.id, score: request.score, reason: patch.decisionReason },
        });
        return correctionView({ ...request, ...patch });
      }
      const info = await this.cache.session(attempt.sessionId);
      const previous = attempt.scoreRecordId ? await this.repo.findScore(attempt.scoreRecordId, tx) : null;
      const score = Number(request.score);
      const record = Object.assign(new ScoreRecordEntity(), {
        id: randomUUID(),
        attemptId: attempt.id,
        kind: 'correction',
        score: request.score,
        passed: isPassing(score, info.policy),
        detail: JSON.stringify({
          previousRecordId: previous?.id ?? null,
          previousScore: previous ? Number(previous.score) : null,
          correctionId: request.id,
          requestedBy: request.requestedBy,
        }),
        reason: request.reason,
        createdBy: actor.id,
        createdAt: now,
      });
      await this.repo.insertScore(tx, record);
      await this.repo.updateAttempt(tx, attempt.id, { scoreRecordId: record.id });
      const patch = {
        status: 'approved',
        decidedBy: actor.id,
        decidedAt: now,
        decisionReason: decisionReason?.trim() || null,
        recordId: record.id,
      };
      await this.repo.updateCorrection(tx, request.id, patch);
      await this.audit.append(tx, {
        actor,
        action: 'score.correct',
        entity: 'attempt',
        entityId: attempt.id,
        data: {
          correctionId: request.id,
          requestedBy: request.requestedBy,
          recordId: record.id,
          previousRecordId: previous?.id ?? null,
          previousScore: previous?.score ?? null,
          score: record.score,
          reason: request.reason,
        },
      });
      return correctionView({ ...request, ...patch });
    });
  }

  async history(attemptId: string) {
    const attempt = await this.repo.findAttempt(attemptId);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    const records = await this.repo.scoresOf(attemptId);
    return { attemptId, currentRecordId: attempt.scoreRecordId, records: records.map(scoreView) };
  }

  /** For callers that already hold the attempt (results lists). */
  static current(attempt: AttemptEntity, records: Map<string, ScoreRecordEntity>) {
    const r = attempt.scoreRecordId ? records.get(attempt.scoreRecordId) : undefined;
    return r ? scoreView(r) : null;
  }
}

export function scoreView(r: ScoreRecordEntity) {
  return {
    id: r.id,
    kind: r.kind,
    score: Number(r.score),
    passed: !!r.passed,
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export function correctionView(c: ScoreCorrectionEntity) {
  return {
    id: c.id,
    attemptId: c.attemptId,
    sessionId: c.sessionId,
    status: c.status,
    previousScore: Number(c.previousScore),
    score: Number(c.score),
    reason: c.reason,
    requestedBy: c.requestedBy,
    requestedAt: new Date(c.requestedAt).toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt === null ? null : new Date(c.decidedAt).toISOString(),
    decisionReason: c.decisionReason,
    recordId: c.recordId,
  };
}
