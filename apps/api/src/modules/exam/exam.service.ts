import { Injectable } from '@nestjs/common';
import { attemptClock, attemptDeadline, checkAnswer, purgeAfter, remainingSeconds, savesClosed } from '@jianding/exam';
import { randomUUID } from 'crypto';
import { badRequest, conflict, notFound, unauthorized } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { AnswerWriter } from './answer-writer';
import { ExamDeadlines } from './exam-deadlines.service';
import { ExamItemView, ExamPaperCache } from './exam-paper.cache';
import { ExamScoringService } from './exam-scoring.service';
import { IntegrityEventEntity } from './exam.entities';
import type { AttemptRef } from './candidate-request';
import { AttemptContext, ExamRepository } from './exam.repository';

/** The attempt as the exam client receives it. */
export interface CandidateAttemptView {
  attemptId: string;
  candidate: { name: string; ticketNo: string };
  session: { id: string; name: string; occupationName: string; level: string; endsAt: string };
  status: 'in_progress' | 'submitted';
  /** A proctor paused the attempt: the countdown stands still and answers wait until the resume. */
  paused: boolean;
  serverTime: string;
  remainingSeconds: number;
  currentPosition: number;
  lastSeq: number;
  items: readonly ExamItemView[];
  answers: { position: number; answer: unknown; seq: number }[];
  policy: { showResult: boolean };
  result?: { score: number; passed: boolean };
}

/** The candidate's attempt: loading it, saves, cursor, integrity events, submit. */
@Injectable()
export class ExamService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly writer: AnswerWriter,
    private readonly scoring: ExamScoringService,
    private readonly deadlines: ExamDeadlines,
  ) {}

  /** The attempt as the candidate sees it (SPEC §4); the items come rendered from the paper cache. */
  async attempt(ctx: AttemptContext): Promise<CandidateAttemptView> {
    const now = Date.now();
    const info = await this.cache.session(ctx.sessionId);
    let attempt = await this.repo.attemptView(ctx.id);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    // The guard may have used a context up to a second old: the device is checked again on the row just read.
    if (attempt.deviceId !== ctx.deviceId)
      throw unauthorized('SESSION_REPLACED', 'This exam was opened on another device; this one is signed out');
    // The attempt's clock stands still while it is paused: a paused attempt is never past its deadline.
    const clock = attemptClock(attempt, now);
    if (attempt.status === 'in_progress' && savesClosed(attemptDeadline(attempt), this.deadlines.graceMs, clock)) {
      // The deadline job normally does this; a load after the deadline finishes it at once.
      await this.scoring.submit(ctx.id, 'deadline', { onlyIfDue: true });
      attempt = (await this.repo.attemptView(ctx.id)) ?? attempt;
    }
    const { candidate } = attempt;
    const paper = await this.cache.forCandidate(attempt.paperId, candidate.seat, info);
    // A running pause pushes the end out for as long as it lasts.
    const deadline = attemptDeadline(attempt) + (now - attemptClock(attempt, now));
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
      paused: attempt.status === 'in_progress' && attempt.pausedAt !== null,
      serverTime: iso(now) as string,
      remainingSeconds: attempt.status === 'submitted' ? 0 : remainingSeconds(deadline, now),
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
    ctx: AttemptRef,
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
      purgeAfter: purgeAfter(now, info.policy),
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
