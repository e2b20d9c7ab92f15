import { Injectable } from '@nestjs/common';
import {
  attemptDeadline,
  countStates,
  extendedSeconds,
  maskIdNumber,
  monitorState,
  type MonitorState,
  pauseAttempt,
  reopenAttempt,
  resumeAttempt,
  type IrregularityCategory,
  type PauseRefusal,
  type PauseState,
} from '@jianding/exam';
import { randomUUID } from 'crypto';
import { conflict, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { ExamDeadlines } from './exam-deadlines.service';
import type { EntityManager } from 'typeorm';
import { ExamScoringService } from './exam-scoring.service';
import { AttemptEntity, IntegrityEventEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { SessionAccessService } from './session-access';

/**
 * The proctor's side of a running session: who is signed in, saving, straying; more time for one attempt, and pausing
 * and resuming one candidate.
 */
@Injectable()
export class MonitorService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly deadlines: ExamDeadlines,
    private readonly audit: AuditService,
    private readonly scoring: ExamScoringService,
  ) {}

  /**
   * Every candidate of the session with their state, or those a proctor filtered for (state, ticket or name), one page
   * at a time when asked; the summary counts the whole roster either way.
   */
  async monitor(
    p: StaffPrincipal,
    id: string,
    filter: { state?: MonitorState; q?: string; page?: number; pageSize?: number } = {},
  ) {
    const s = await this.access.session(p, id, 'proctor');
    const [candidates, attempts] = await Promise.all([this.repo.candidatesOf(id), this.repo.attemptsOf(id)]);
    const byCandidate = new Map(attempts.map((a) => [a.candidateId, a]));
    const now = Date.now();
    // Every save batch moves last_seen_at, so the attempt row alone gives each state: the roster is sorted and counted
    // without reading answers; those are read for the page shown only.
    const rows = candidates.map((c) => {
      const a = byCandidate.get(c.id);
      return { c, a, state: monitorState(a && { ...a, lastSaveAt: null }, now) };
    });
    const q = filter.q?.trim().toLowerCase();
    const matching = rows.filter(
      (r) =>
        (!filter.state || r.state === filter.state) &&
        (!q || r.c.ticketNo.toLowerCase().includes(q) || r.c.name.toLowerCase().includes(q)),
    );
    const shown =
      filter.page && filter.pageSize
        ? matching.slice((filter.page - 1) * filter.pageSize, filter.page * filter.pageSize)
        : matching;
    const shownIds = shown.flatMap((r) => (r.a ? [r.a.id] : []));
    const [counts, latest] = await Promise.all([
      this.repo.monitorCounts(shownIds),
      this.repo.latestEventsOf(shownIds, 5),
    ]);
    return {
      sessionId: s.id,
      serverTime: iso(now),
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      summary: { candidates: rows.length, ...countStates(rows.map((r) => r.state)) },
      total: matching.length,
      candidates: shown.map(({ c, a, state }) => {
        const ans = a ? counts.answers.get(a.id) : undefined;
        return {
          candidateId: c.id,
          ticketNo: c.ticketNo,
          name: c.name,
          idNumber: maskIdNumber(c.idNumberTail),
          signedIn: !!a,
          state,
          attemptId: a?.id ?? null,
          status: a?.status ?? 'not_started',
          startedAt: iso(a?.startedAt),
          submittedAt: iso(a?.submittedAt),
          submittedBy: a?.submittedBy ?? null,
          lastSeenAt: iso(a?.lastSeenAt),
          lastSaveAt: iso(ans?.lastSave),
          answeredCount: ans?.answered ?? 0,
          currentPosition: a?.currentPosition ?? null,
          extraSeconds: a?.extraSeconds ?? 0,
          paused: state === 'paused',
          pausedAt: iso(a?.pausedAt),
          // A paused attempt's deadline is not known until it resumes.
          deadline:
            a?.pausedAt != null
              ? null
              : iso(
                  attemptDeadline({ endsAt: s.endsAt, extraSeconds: a?.extraSeconds ?? 0, pausedMs: a?.pausedMs ?? 0 }),
                ),
          eventsCount: a ? (counts.events.get(a.id) ?? 0) : 0,
          latestEvents: (a ? (latest.get(a.id) ?? []) : []).map((e) => ({
            type: e.type,
            at: e.clientTime,
            serverTime: iso(e.serverTime),
            detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
          })),
        };
      }),
    };
  }

  async extend(p: StaffPrincipal, attemptId: string, minutes: number, reason: string) {
    const out = await this.proctorAction(p, attemptId, 'time_extended', 'attempt.extend', { minutes, reason }, (a) => {
      if (a.status !== 'in_progress') throw conflict('ATTEMPT_SUBMITTED', 'This attempt has already been submitted');
      return { extraSeconds: extendedSeconds(a.extraSeconds, minutes) };
    });
    return { attemptId, extraSeconds: out.extraSeconds, deadline: iso(out.deadline) };
  }

  /** The clock stops for this candidate: saves wait (ATTEMPT_PAUSED) and no deadline job submits the attempt. */
  async pause(p: StaffPrincipal, attemptId: string, reason: string) {
    const out = await this.proctorAction(p, attemptId, 'paused', 'attempt.pause', { reason }, (a, now, endsAt) =>
      pauseOrRefuse(pauseAttempt({ ...a, endsAt }, now)),
    );
    return this.pauseView(attemptId, out);
  }

  /** The clock runs again; the deadline has moved by the time the attempt stood still, and gets its own job. */
  async resume(p: StaffPrincipal, attemptId: string, reason: string) {
    const out = await this.proctorAction(p, attemptId, 'resumed', 'attempt.resume', { reason }, (a, now) =>
      pauseOrRefuse(resumeAttempt(a, now)),
    );
    return this.pauseView(attemptId, out);
  }

  private pauseView(attemptId: string, out: { pausedAt: number | null; pausedMs: number; deadline: number }) {
    return {
      attemptId,
      paused: out.pausedAt !== null,
      pausedAt: iso(out.pausedAt),
      pausedSeconds: Math.floor(out.pausedMs / 1000),
      deadline: out.pausedAt === null ? iso(out.deadline) : null,
    };
  }

  /**
   * A proctor's change to one attempt, under its lock: the change, an integrity event the monitor shows, the audit
   * entry, and, when the attempt runs with a moved deadline, that deadline's own job (the session's job leaves such an
   * attempt alone). The job is dispatched after the commit.
   */
  /** The candidate's exam ends now, on the proctor's word: submitted and scored like any other, with the reason kept. */
  async end(p: StaffPrincipal, attemptId: string, reason: string) {
    const { session } = await this.access.attempt(p, attemptId, 'proctor');
    const out = await this.scoring.submit(attemptId, 'proctor', {
      alsoInTx: (tx, now) =>
        this.record(tx, p, {
          attemptId,
          sessionId: session.id,
          event: 'ended_by_proctor',
          action: 'attempt.end',
          detail: { reason },
          now,
        }),
    });
    if (!out?.changed) throw conflict('ATTEMPT_SUBMITTED', 'This attempt has already been submitted');
    return { attemptId, submitted: true as const, score: out.score, passed: out.passed };
  }

  /**
   * Undoes a proctor's end of an attempt, for a mistake: in progress again with the time it had left when ended (the
   * time between counts as a pause), its score no longer in force (the record stays in the history), its own deadline
   * job queued. The candidate goes on after reloading or signing in again.
   */
  async reopen(p: StaffPrincipal, attemptId: string, reason: string) {
    const { session } = await this.access.attempt(p, attemptId, 'proctor');
    const { run, deadline } = await this.db.transaction(async (tx) => {
      const a = await this.repo.lockAttempt(tx, attemptId);
      if (!a) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      const now = Date.now();
      const out = reopenAttempt(a, now);
      if ('refused' in out)
        throw conflict('ATTEMPT_NOT_ENDED', 'Only an attempt a proctor ended can be reopened; this one was not');
      if (await this.repo.openCorrectionOf(attemptId, tx))
        throw conflict('CORRECTION_PENDING', 'A score correction of this attempt waits for the centre');
      const next: Partial<AttemptEntity> = {
        status: 'in_progress',
        submittedAt: null,
        submittedBy: null,
        scoreRecordId: null,
        pausedAt: null,
        pausedMs: out.pausedMs,
        lastSeenAt: now,
      };
      await this.repo.updateAttempt(tx, attemptId, next);
      const deadline = attemptDeadline({
        endsAt: session.endsAt,
        extraSeconds: a.extraSeconds,
        pausedMs: out.pausedMs,
      });
      await this.record(tx, p, {
        attemptId,
        sessionId: session.id,
        event: 'reopened',
        action: 'attempt.reopen',
        detail: { reason },
        data: { pausedMs: out.pausedMs, previousScoreRecordId: a.scoreRecordId },
        now,
      });
      return { run: await this.deadlines.enqueueAttemptDeadline(attemptId, deadline, tx), deadline };
    });
    if (run) await this.deadlines.dispatch(run);
    return { attemptId, reopened: true as const, deadline: iso(deadline) as string };
  }

  /** A 违纪/异常 record on one candidate's attempt: what the proctor saw, in which category; kept with the session. */
  async recordIrregularity(p: StaffPrincipal, attemptId: string, category: IrregularityCategory, description: string) {
    const { session } = await this.access.attempt(p, attemptId, 'proctor');
    const id = randomUUID();
    const now = await this.db.transaction(async (tx) => {
      if (!(await this.repo.lockAttempt(tx, attemptId))) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      const at = Date.now();
      await this.record(tx, p, {
        id,
        attemptId,
        sessionId: session.id,
        event: 'irregularity',
        action: 'attempt.irregularity',
        detail: { category, description },
        now: at,
      });
      return at;
    });
    return { id, attemptId, category, description, recordedBy: p.username, recordedAt: iso(now) as string };
  }

  /** What a proctor did, twice: an integrity event the monitor and the session record show, and the audit entry. */
  private async record(
    tx: EntityManager,
    p: StaffPrincipal,
    r: {
      id?: string;
      attemptId: string;
      sessionId: string;
      event: ProctorEvent;
      action: string;
      detail: Record<string, unknown>;
      data?: Record<string, unknown>;
      now: number;
    },
  ): Promise<void> {
    await this.repo.insertEvent(
      tx,
      Object.assign(new IntegrityEventEntity(), {
        id: r.id ?? randomUUID(),
        attemptId: r.attemptId,
        type: r.event,
        clientTime: null,
        serverTime: r.now,
        detail: JSON.stringify({ ...r.detail, by: p.username }),
      }),
    );
    await this.audit.append(tx, {
      actor: actorOf(p),
      action: r.action,
      entity: 'attempt',
      entityId: r.attemptId,
      data: { ...r.detail, ...r.data, sessionId: r.sessionId },
    });
  }

  private async proctorAction(
    p: StaffPrincipal,
    attemptId: string,
    event: ProctorEvent,
    action: string,
    detail: Record<string, unknown>,
    change: (
      a: AttemptEntity,
      now: number,
      endsAt: number,
    ) => Partial<Pick<AttemptEntity, 'extraSeconds' | 'pausedAt' | 'pausedMs'>>,
  ): Promise<{ extraSeconds: number; pausedAt: number | null; pausedMs: number; deadline: number }> {
    const { session } = await this.access.attempt(p, attemptId, 'proctor');
    const { run, ...out } = await this.db.transaction(async (tx) => {
      const a = await this.repo.lockAttempt(tx, attemptId);
      if (!a) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      const now = Date.now();
      const next = {
        extraSeconds: a.extraSeconds,
        pausedAt: a.pausedAt,
        pausedMs: a.pausedMs,
        ...change(a, now, session.endsAt),
      };
      const deadline = attemptDeadline({ endsAt: session.endsAt, ...next });
      await this.repo.updateAttempt(tx, attemptId, next);
      await this.record(tx, p, { attemptId, sessionId: session.id, event, action, detail, data: next, now });
      const run = next.pausedAt === null ? await this.deadlines.enqueueAttemptDeadline(attemptId, deadline, tx) : null;
      return { run, deadline, ...next };
    });
    if (run) await this.deadlines.dispatch(run);
    return out;
  }
}

/** The integrity events a proctor's actions leave on an attempt (the candidate's own are INTEGRITY_EVENT_TYPES). */
type ProctorEvent = 'time_extended' | 'paused' | 'resumed' | 'ended_by_proctor' | 'reopened' | 'irregularity';

/** A refusal of the pause rules as the API's error; otherwise the new pause state. */
function pauseOrRefuse(out: PauseState | { refused: PauseRefusal }): PauseState {
  if (!('refused' in out)) return out;
  switch (out.refused) {
    case 'ATTEMPT_SUBMITTED':
      throw conflict('ATTEMPT_SUBMITTED', 'This attempt has already been submitted');
    case 'ATTEMPT_PAUSED':
      throw conflict('ATTEMPT_PAUSED', 'This attempt is already paused');
    case 'ATTEMPT_NOT_PAUSED':
      throw conflict('ATTEMPT_NOT_PAUSED', 'This attempt is not paused');
    case 'DEADLINE_PASSED':
      throw conflict('DEADLINE_PASSED', 'The time for this attempt is over');
  }
}
