import { Injectable } from '@nestjs/common';
import { attemptDeadline, type SaveTarget } from '@jianding/exam';
import { EntityManager, FindOptionsWhere, In, LessThan } from 'typeorm';
import { Db, isDuplicateKey } from '../../database/db.service';
import {
  AnswerLogEntity,
  AttemptAnswerEntity,
  AttemptEntity,
  CandidateEntity,
  ExamSessionEntity,
  IntegrityEventEntity,
  ScoreCorrectionEntity,
  ScoreRecordEntity,
  SessionProctorEntity,
} from './exam.entities';

/** What the candidate guard and the save path need about an attempt, read in one join. */
export interface AttemptContext {
  id: string;
  candidateId: string;
  sessionId: string;
  paperId: string;
  status: 'in_progress' | 'submitted';
  deviceId: string;
  extraSeconds: number;
  endsAt: number;
  sebConfigKey: string | null;
}

export interface AttemptView {
  id: string;
  paperId: string;
  status: 'in_progress' | 'submitted';
  deviceId: string;
  extraSeconds: number;
  /** When the running pause began (null: not paused), and the length of the pauses that have ended. */
  pausedAt: number | null;
  pausedMs: number;
  /** The session's end (before any extension). */
  endsAt: number;
  currentPosition: number;
  lastSeq: number;
  scoreRecordId: string | null;
  candidate: { name: string; ticketNo: string; seat: number };
  answers: { position: number; answer: string; seq: number }[];
}

/** What sign-in reads of a roster entry. */
export type CandidateLogin = Pick<CandidateEntity, 'id' | 'sessionId' | 'ticketNo' | 'idNumberHash' | 'seat'>;

/** One save waiting in the group commit. */
export interface PendingSave {
  attemptId: string;
  deviceId: string;
  position: number;
  answer: string;
  seq: number;
  clientTime: string | null;
  serverTime: number;
  purgeAfter: number;
}

export interface LockedAttempt extends SaveTarget {
  id: string;
}

const chunk = <T>(rows: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};
const marks = (n: number) => new Array(n).fill('?').join(',');

/** An attempt row's pause columns (BIGINTs come back as strings from mysql2). */
const pauseOf = (r: Record<string, unknown>): { pausedAt: number | null; pausedMs: number } => ({
  pausedAt: r.paused_at === null || r.paused_at === undefined ? null : Number(r.paused_at),
  pausedMs: Number(r.paused_ms ?? 0),
});

/**
 * The only file of the exam module that talks to storage, and only to the exam's own tables (other modules' data
 * comes through their services). The hot paths (sign-in context, the save batch) are plain SQL, kept here where they
 * can be reviewed.
 */
@Injectable()
export class ExamRepository {
  constructor(private readonly db: Db) {}

  get kind(): 'mysql' | 'sqlite' {
    return this.db.kind;
  }

  /** `SELECT … FOR UPDATE` on MySQL; SQLite's single writer already serialises. */
  private get lock(): { mode: 'pessimistic_write' } | undefined {
    return this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined;
  }

  // --- sessions and rosters ---------------------------------------------------------------------------------------

  async insertSession(tx: EntityManager, s: ExamSessionEntity): Promise<void> {
    await tx.insert(ExamSessionEntity, s);
  }

  async insertCandidates(tx: EntityManager, rows: CandidateEntity[]): Promise<void> {
    for (const part of chunk(rows, 500)) await tx.insert(CandidateEntity, part);
  }

  findSession(id: string, tx: EntityManager = this.db.manager): Promise<ExamSessionEntity | null> {
    return tx.findOneBy(ExamSessionEntity, { id });
  }

  /** Locks the session row, so two roster imports into one session queue up. */
  lockSession(tx: EntityManager, id: string): Promise<ExamSessionEntity | null> {
    return tx.findOne(ExamSessionEntity, { where: { id }, lock: this.lock });
  }

  listSessions(
    filter: { institutionId?: string; proctorId?: string; paperRequestId?: string },
    page: number,
    pageSize: number,
  ): Promise<[ExamSessionEntity[], number]> {
    const qb = this.db.manager.createQueryBuilder(ExamSessionEntity, 's');
    if (filter.institutionId) qb.andWhere('s.institution_id = :inst', { inst: filter.institutionId });
    if (filter.proctorId)
      qb.andWhere('s.id IN (SELECT p.session_id FROM session_proctors p WHERE p.user_id = :proctor)', {
        proctor: filter.proctorId,
      });
    if (filter.paperRequestId) qb.andWhere('s.paper_request_id = :req', { req: filter.paperRequestId });
    return qb
      .orderBy('s.starts_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  async proctorIdsOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await tx.find(SessionProctorEntity, {
      where: { sessionId },
      order: { assignedAt: 'ASC', userId: 'ASC' },
    });
    return rows.map((r) => r.userId);
  }

  async isProctorOf(sessionId: string, userId: string): Promise<boolean> {
    return (await this.db.manager.countBy(SessionProctorEntity, { sessionId, userId })) > 0;
  }

  async replaceProctors(tx: EntityManager, sessionId: string, rows: SessionProctorEntity[]): Promise<void> {
    await tx.delete(SessionProctorEntity, { sessionId });
    if (rows.length) await tx.insert(SessionProctorEntity, rows);
  }

  candidatesOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<CandidateEntity[]> {
    return tx.find(CandidateEntity, { where: { sessionId }, order: { seat: 'ASC' } });
  }

  candidateByTicket(sessionId: string, ticketNo: string): Promise<CandidateEntity | null> {
    return this.db.manager.findOneBy(CandidateEntity, { sessionId, ticketNo });
  }

  countCandidates(sessionId: string): Promise<number> {
    return this.db.manager.countBy(CandidateEntity, { sessionId });
  }

  findCandidate(id: string, tx: EntityManager = this.db.manager): Promise<CandidateEntity | null> {
    return tx.findOneBy(CandidateEntity, { id });
  }

  // Sign-in runs for every candidate within the first minutes of a session: its reads and writes are plain SQL.

  async candidatesByTicket(ticketNo: string): Promise<CandidateLogin[]> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      'SELECT id, session_id, ticket_no, id_number_hash, seat FROM candidates WHERE ticket_no = ?',
      [ticketNo],
    );
    return rows.map((r) => ({
      id: String(r.id),
      sessionId: String(r.session_id),
      ticketNo: String(r.ticket_no),
      idNumberHash: String(r.id_number_hash),
      seat: Number(r.seat),
    }));
  }

  async lockCandidate(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`SELECT id FROM candidates WHERE id = ?${this.db.kind === 'mysql' ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** The candidate's attempt as sign-in needs it: which device holds it, any extra time, and its pauses. */
  async attemptOfCandidate(
    candidateId: string,
    tx: EntityManager = this.db.manager,
  ): Promise<{
    id: string;
    deviceId: string;
    extraSeconds: number;
    pausedAt: number | null;
    pausedMs: number;
  } | null> {
    const rows: Record<string, unknown>[] = await tx.query(
      'SELECT id, device_id, extra_seconds, paused_at, paused_ms FROM attempts WHERE candidate_id = ?',
      [candidateId],
    );
    const r = rows[0];
    return r
      ? {
          id: String(r.id),
          deviceId: String(r.device_id),
          extraSeconds: Number(r.extra_seconds),
          ...pauseOf(r),
        }
      : null;
  }

  // --- attempts ----------------------------------------------------------------------------------------------------

  findAttempt(id: string, tx: EntityManager = this.db.manager): Promise<AttemptEntity | null> {
    return tx.findOneBy(AttemptEntity, { id });
  }

  lockAttempt(tx: EntityManager, id: string): Promise<AttemptEntity | null> {
    return tx.findOne(AttemptEntity, { where: { id }, lock: this.lock });
  }

  attemptsOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<AttemptEntity[]> {
    return tx.findBy(AttemptEntity, { sessionId });
  }

  /** Inserts the candidate's attempt; false when the candidate already has one (the unique index on candidate_id). */
  async insertAttemptIfNew(m: EntityManager, a: AttemptEntity): Promise<boolean> {
    try {
      await m.query(
        `INSERT INTO attempts (id, candidate_id, session_id, paper_id, status, device_id, extra_seconds, current_position, last_seq, started_at, last_seen_at, submitted_at, submitted_by, score_record_id, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        [
          a.id,
          a.candidateId,
          a.sessionId,
          a.paperId,
          a.status,
          a.deviceId,
          a.extraSeconds,
          a.currentPosition,
          a.lastSeq,
          a.startedAt,
          a.lastSeenAt,
          a.submittedAt,
          a.submittedBy,
          a.scoreRecordId,
          a.createdAt,
        ],
      );
      return true;
    } catch (err) {
      // The id is a fresh UUID: the one unique key this insert can meet is the candidate's.
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async updateAttempt(tx: EntityManager, id: string, patch: Partial<AttemptEntity>): Promise<void> {
    await tx.update(AttemptEntity, { id }, patch);
  }

  /** The guard's read: one primary-key join per candidate request. */
  async attemptContext(attemptId: string): Promise<AttemptContext | null> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT a.id, a.candidate_id, a.session_id, a.paper_id, a.status, a.device_id, a.extra_seconds, s.ends_at, s.seb_config_key
         FROM attempts a JOIN exam_sessions s ON s.id = a.session_id WHERE a.id = ?`,
      [attemptId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r.id),
      candidateId: String(r.candidate_id),
      sessionId: String(r.session_id),
      paperId: String(r.paper_id),
      status: r.status as AttemptContext['status'],
      deviceId: String(r.device_id),
      extraSeconds: Number(r.extra_seconds),
      endsAt: Number(r.ends_at),
      sebConfigKey: (r.seb_config_key as string | null) ?? null,
    };
  }

  /** Open attempts of a session with the extra time each was given and their pauses, in id order. */
  async openAttempts(
    sessionId: string,
  ): Promise<{ id: string; extraSeconds: number; pausedAt: number | null; pausedMs: number }[]> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT id, extra_seconds, paused_at, paused_ms FROM attempts WHERE session_id = ? AND status = 'in_progress' ORDER BY id`,
      [sessionId],
    );
    return rows.map((r) => ({ id: String(r.id), extraSeconds: Number(r.extra_seconds), ...pauseOf(r) }));
  }

  countOpenAttempts(sessionId: string): Promise<number> {
    return this.db.manager.countBy(AttemptEntity, { sessionId, status: 'in_progress' });
  }

  async setCursor(attemptId: string, position: number, now: number): Promise<void> {
    await this.db.transaction((tx) =>
      tx.update(
        AttemptEntity,
        { id: attemptId, status: 'in_progress' },
        { currentPosition: position, lastSeenAt: now },
      ),
    );
  }

  /**
   * What loading the attempt needs in one read (every candidate loads at the start): the attempt with its device and
   * deadline as they are now, the candidate, and the current answers (one row each; none gives one row of nulls).
   */
  async attemptView(id: string): Promise<AttemptView | null> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT a.id, a.paper_id, a.status, a.device_id, a.extra_seconds, a.paused_at, a.paused_ms, a.current_position, a.last_seq, a.score_record_id, c.name, c.ticket_no, c.seat, s.ends_at,
              aa.position, aa.answer, aa.seq
         FROM attempts a JOIN candidates c ON c.id = a.candidate_id JOIN exam_sessions s ON s.id = a.session_id
         LEFT JOIN attempt_answers aa ON aa.attempt_id = a.id
        WHERE a.id = ? ORDER BY aa.position`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r.id),
      paperId: String(r.paper_id),
      status: r.status as AttemptView['status'],
      deviceId: String(r.device_id),
      extraSeconds: Number(r.extra_seconds),
      ...pauseOf(r),
      endsAt: Number(r.ends_at),
      currentPosition: Number(r.current_position),
      lastSeq: Number(r.last_seq),
      scoreRecordId: (r.score_record_id as string | null) ?? null,
      candidate: { name: String(r.name), ticketNo: String(r.ticket_no), seat: Number(r.seat) },
      answers: rows
        .filter((row) => row.position !== null)
        .map((row) => ({ position: Number(row.position), answer: String(row.answer), seq: Number(row.seq) })),
    };
  }

  answersOf(attemptId: string, tx: EntityManager = this.db.manager): Promise<AttemptAnswerEntity[]> {
    return tx.find(AttemptAnswerEntity, { where: { attemptId }, order: { position: 'ASC' } });
  }

  // --- the save batch (group commit) ---------------------------------------------------------------------------------

  /** Locks the batch's attempts (MySQL: in primary-key order, so two batches cannot deadlock on each other). */
  async lockAttempts(tx: EntityManager, ids: string[]): Promise<Map<string, LockedAttempt>> {
    const lock = this.db.kind === 'mysql' ? ' FOR UPDATE' : '';
    const sorted = [...ids].sort();
    // The session's end comes from a subquery: a locking read through a JOIN would also lock the session row, and
    // every save batch of the session would queue behind the one before it.
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT a.id, a.status, a.device_id, a.last_seq, a.extra_seconds, a.paused_at, a.paused_ms, (SELECT s.ends_at FROM exam_sessions s WHERE s.id = a.session_id) AS ends_at
         FROM attempts a
        WHERE a.id IN (${marks(sorted.length)}) ORDER BY a.id${lock}`,
      sorted,
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          id: String(r.id),
          status: String(r.status),
          deviceId: String(r.device_id),
          lastSeq: Number(r.last_seq),
          deadline: attemptDeadline({
            endsAt: Number(r.ends_at),
            extraSeconds: Number(r.extra_seconds),
            pausedMs: pauseOf(r).pausedMs,
          }),
          paused: pauseOf(r).pausedAt !== null,
        },
      ]),
    );
  }

  /** Log rows that already exist for these (attempt, seq) pairs: replays are answered from here. */
  async loggedSeqs(
    tx: EntityManager,
    pairs: { attemptId: string; seq: number }[],
  ): Promise<Map<string, { serverTime: number; position: number }>> {
    const attemptIds = [...new Set(pairs.map((p) => p.attemptId))];
    const seqs = [...new Set(pairs.map((p) => p.seq))];
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT attempt_id, seq, server_time, position FROM answer_log WHERE attempt_id IN (${marks(attemptIds.length)}) AND seq IN (${marks(seqs.length)})`,
      [...attemptIds, ...seqs],
    );
    return new Map(
      rows.map((r) => [
        `${String(r.attempt_id)}:${Number(r.seq)}`,
        { serverTime: Number(r.server_time), position: Number(r.position) },
      ]),
    );
  }

  /**
   * Appends the log rows, upserts the current answers (a lower seq never replaces a higher one) and moves each
   * attempt's last_seq / last_seen_at: three statements for the whole batch.
   */
  async writeSaves(
    tx: EntityManager,
    saves: (PendingSave & { id: string })[],
    lastSeq: Map<string, number>,
    now: number,
  ): Promise<void> {
    // Key order in every statement, so concurrent batches take their index locks in the same order.
    const ordered = [...saves].sort((a, b) =>
      a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : a.position - b.position || a.seq - b.seq,
    );
    for (const part of chunk(ordered, 400)) {
      await tx.query(
        `INSERT INTO answer_log (id, attempt_id, seq, position, answer, client_time, server_time, purge_after) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?)').join(',')}`,
        part.flatMap((s) => [s.id, s.attemptId, s.seq, s.position, s.answer, s.clientTime, s.serverTime, s.purgeAfter]),
      );
      const upsert =
        this.db.kind === 'mysql'
          ? ` ON DUPLICATE KEY UPDATE answer = IF(VALUES(seq) > seq, VALUES(answer), answer), saved_at = IF(VALUES(seq) > seq, VALUES(saved_at), saved_at), seq = GREATEST(seq, VALUES(seq))`
          : ` ON CONFLICT(attempt_id, position) DO UPDATE SET answer = excluded.answer, saved_at = excluded.saved_at, seq = excluded.seq WHERE excluded.seq > attempt_answers.seq`;
      await tx.query(
        `INSERT INTO attempt_answers (attempt_id, position, answer, seq, saved_at) VALUES ${part.map(() => '(?,?,?,?,?)').join(',')}${upsert}`,
        part.flatMap((s) => [s.attemptId, s.position, s.answer, s.seq, s.serverTime]),
      );
    }
    const ids = [...lastSeq.keys()].sort();
    for (const part of chunk(ids, 400)) {
      await tx.query(
        `UPDATE attempts SET last_seq = CASE id ${part.map(() => 'WHEN ? THEN ?').join(' ')} ELSE last_seq END, last_seen_at = ? WHERE id IN (${marks(part.length)})`,
        [...part.flatMap((id) => [id, lastSeq.get(id)]), now, ...part],
      );
    }
  }

  // --- events, scores, logs -------------------------------------------------------------------------------------------

  async insertEvent(tx: EntityManager, e: IntegrityEventEntity): Promise<void> {
    await tx.insert(IntegrityEventEntity, e);
  }

  async insertScore(tx: EntityManager, r: ScoreRecordEntity): Promise<void> {
    await tx.insert(ScoreRecordEntity, r);
  }

  findScore(id: string, tx: EntityManager = this.db.manager): Promise<ScoreRecordEntity | null> {
    return tx.findOneBy(ScoreRecordEntity, { id });
  }

  scoresOf(attemptId: string): Promise<ScoreRecordEntity[]> {
    return this.db.manager.find(ScoreRecordEntity, { where: { attemptId }, order: { createdAt: 'ASC' } });
  }

  async insertCorrection(tx: EntityManager, c: ScoreCorrectionEntity): Promise<void> {
    await tx.insert(ScoreCorrectionEntity, c);
  }

  findCorrection(id: string, tx: EntityManager = this.db.manager): Promise<ScoreCorrectionEntity | null> {
    return tx.findOneBy(ScoreCorrectionEntity, { id });
  }

  async updateCorrection(tx: EntityManager, id: string, patch: Partial<ScoreCorrectionEntity>): Promise<void> {
    await tx.update(ScoreCorrectionEntity, { id }, patch);
  }

  openCorrectionOf(attemptId: string, tx: EntityManager): Promise<ScoreCorrectionEntity | null> {
    return tx.findOneBy(ScoreCorrectionEntity, { attemptId, status: 'requested' });
  }

  correctionsOf(where: { attemptId?: string; sessionId?: string; status?: string }): Promise<ScoreCorrectionEntity[]> {
    const filter: FindOptionsWhere<ScoreCorrectionEntity> = {};
    if (where.attemptId) filter.attemptId = where.attemptId;
    if (where.sessionId) filter.sessionId = where.sessionId;
    if (where.status) filter.status = where.status;
    return this.db.manager.find(ScoreCorrectionEntity, { where: filter, order: { requestedAt: 'ASC' }, take: 5000 });
  }

  scoreRecords(ids: string[]): Promise<ScoreRecordEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.manager.findBy(ScoreRecordEntity, { id: In(ids) });
  }

  /** The automatic score record of each attempt (it carries the per-item credit). */
  autoScores(attemptIds: string[], tx: EntityManager = this.db.manager): Promise<ScoreRecordEntity[]> {
    if (!attemptIds.length) return Promise.resolve([]);
    return tx.findBy(ScoreRecordEntity, { attemptId: In(attemptIds), kind: 'auto' });
  }

  /** Per attempt of a session: answered positions, last save, event count. */
  /**
   * Answered count, last save and event count of these attempts: what the monitor shows on the rows of one page. Read
   * by primary key prefix (attempt_id), so a page costs the same in a session of 30 candidates as in one of 10,000.
   */
  async monitorCounts(
    attemptIds: readonly string[],
  ): Promise<{ answers: Map<string, { answered: number; lastSave: number | null }>; events: Map<string, number> }> {
    const answers = new Map<string, { answered: number; lastSave: number | null }>();
    const events = new Map<string, number>();
    for (const part of chunk([...attemptIds], 1000)) {
      const a: Record<string, unknown>[] = await this.db.manager.query(
        `SELECT attempt_id, SUM(CASE WHEN answer = 'null' THEN 0 ELSE 1 END) AS answered, MAX(saved_at) AS last_save
           FROM attempt_answers WHERE attempt_id IN (${marks(part.length)}) GROUP BY attempt_id`,
        part,
      );
      for (const r of a)
        answers.set(String(r.attempt_id), {
          answered: Number(r.answered),
          lastSave: r.last_save === null ? null : Number(r.last_save),
        });
      const e: Record<string, unknown>[] = await this.db.manager.query(
        `SELECT attempt_id, COUNT(*) AS n FROM integrity_events WHERE attempt_id IN (${marks(part.length)}) GROUP BY attempt_id`,
        part,
      );
      for (const r of e) events.set(String(r.attempt_id), Number(r.n));
    }
    return { answers, events };
  }

  /** The newest events of each of these attempts (up to `perAttempt`), newest first. */
  async latestEventsOf(
    attemptIds: readonly string[],
    perAttempt: number,
  ): Promise<Map<string, IntegrityEventEntity[]>> {
    const latest = new Map<string, IntegrityEventEntity[]>();
    for (const part of chunk([...attemptIds], 1000)) {
      const rows = await this.db.manager.find(IntegrityEventEntity, {
        where: { attemptId: In(part) },
        order: { serverTime: 'DESC', id: 'ASC' },
      });
      for (const e of rows) {
        const list = latest.get(e.attemptId) ?? [];
        if (list.length < perAttempt) list.push(e);
        latest.set(e.attemptId, list);
      }
    }
    return latest;
  }

  /** Every integrity event and proctor action of a session, with whose it was, in the order the server took them. */
  async sessionEvents(sessionId: string): Promise<
    {
      ticketNo: string;
      name: string;
      attemptId: string;
      type: string;
      clientTime: string | null;
      serverTime: number;
      detail: string | null;
    }[]
  > {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT c.ticket_no, c.name, ie.attempt_id, ie.type, ie.client_time, ie.server_time, ie.detail
         FROM integrity_events ie JOIN attempts a ON a.id = ie.attempt_id JOIN candidates c ON c.id = a.candidate_id
        WHERE a.session_id = ? ORDER BY ie.server_time, ie.id`,
      [sessionId],
    );
    return rows.map((r) => ({
      ticketNo: String(r.ticket_no),
      name: String(r.name),
      attemptId: String(r.attempt_id),
      type: String(r.type),
      clientTime: (r.client_time as string | null) ?? null,
      serverTime: Number(r.server_time),
      detail: (r.detail as string | null) ?? null,
    }));
  }

  answerLog(attemptId: string): Promise<AnswerLogEntity[]> {
    return this.db.manager.find(AnswerLogEntity, { where: { attemptId }, order: { seq: 'ASC', serverTime: 'ASC' } });
  }

  answerLogOf(attemptIds: string[]): Promise<AnswerLogEntity[]> {
    if (!attemptIds.length) return Promise.resolve([]);
    return this.db.manager.find(AnswerLogEntity, {
      where: { attemptId: In(attemptIds) },
      order: { attemptId: 'ASC', seq: 'ASC' },
    });
  }

  /** Deletes one batch of log rows past retention; returns how many went. */
  async purgeBatch(tx: EntityManager, now: number, size: number): Promise<number> {
    const rows = await tx.find(AnswerLogEntity, {
      select: { id: true },
      where: { purgeAfter: LessThan(now) },
      order: { purgeAfter: 'ASC' },
      take: size,
    });
    if (!rows.length) return 0;
    await tx.delete(AnswerLogEntity, { id: In(rows.map((r) => r.id)) });
    return rows.length;
  }
}
