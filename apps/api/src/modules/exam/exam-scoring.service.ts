import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { badRequest, notFound } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/principal';
import { AttemptEntity, ScoreRecordEntity } from './exam.entities';
import { ExamPaperCache } from './exam-paper.cache';
import { ExamRepository } from './exam.repository';
import { AnswerValue, attemptDeadline, isPassing, scoreAttempt, timeIsUp } from '@jianding/exam';

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
   */
  async submit(
    attemptId: string,
    by: 'candidate' | 'deadline' | 'proctor',
    opts: { onlyIfDue?: boolean } = {},
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
      if (opts.onlyIfDue) {
        const session = await this.repo.findSession(attempt.sessionId, tx);
        if (
          !timeIsUp(attemptDeadline({ endsAt: session?.endsAt ?? 0, extraSeconds: attempt.extraSeconds }), Date.now())
        )
          return null;
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
      return {
        submitted: true as const,
        changed: true,
        score: result.score,
        passed: result.passed,
        showResult: info.showResult,
      };
    });
  }

  /** A correction is a new record with its reason and approver; the attempt points at it, the original stays. */
  async correct(actor: Actor, attemptId: string, score: number, reason: string) {
    return this.db.transaction(async (tx) => {
      const attempt = await this.repo.lockAttempt(tx, attemptId);
      if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      if (attempt.status !== 'submitted' || !attempt.scoreRecordId)
        throw badRequest('ATTEMPT_NOT_SCORED', 'Only a submitted, scored attempt can be corrected');
      const info = await this.cache.session(attempt.sessionId);
      const previous = await this.repo.findScore(attempt.scoreRecordId, tx);
      const now = Date.now();
      const record = Object.assign(new ScoreRecordEntity(), {
        id: randomUUID(),
        attemptId,
        kind: 'correction',
        score: String(score),
        passed: isPassing(score, info.policy),
        detail: JSON.stringify({
          previousRecordId: previous?.id ?? null,
          previousScore: previous ? Number(previous.score) : null,
        }),
        reason,
        createdBy: actor.id,
        createdAt: now,
      });
      await this.repo.insertScore(tx, record);
      await this.repo.updateAttempt(tx, attemptId, { scoreRecordId: record.id });
      await this.audit.append(tx, {
        actor,
        action: 'score.correct',
        entity: 'attempt',
        entityId: attemptId,
        data: {
          recordId: record.id,
          previousRecordId: previous?.id ?? null,
          previousScore: previous?.score ?? null,
          score: record.score,
          reason,
        },
      });
      return scoreView(record);
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
