import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import ExcelJS from 'exceljs';
import { notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { JobName } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import type { StaffPrincipal } from '../auth/principal';
import { ExamRepository } from './exam.repository';
import { SessionAccessService } from './session-access';

/** The answer log kept for the retention period: read per attempt, exported per session, purged when it runs out. */
@Injectable()
export class AnswerLogService {
  constructor(
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly queue: QueueService,
  ) {}

  async attemptAnswerLog(attemptId: string) {
    const attempt = await this.repo.findAttempt(attemptId);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    const log = await this.repo.answerLog(attemptId);
    return {
      attemptId,
      sessionId: attempt.sessionId,
      items: log.map((l) => ({
        seq: l.seq,
        position: l.position,
        answer: JSON.parse(l.answer) as unknown,
        clientTime: l.clientTime,
        serverTime: iso(l.serverTime),
        purgeAfter: iso(l.purgeAfter),
      })),
    };
  }

  async exportAnswerLog(
    p: StaffPrincipal,
    sessionId: string,
    format: 'jsonl' | 'xlsx',
  ): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const s = await this.access.session(p, sessionId, 'results');
    const [candidates, attempts] = await Promise.all([
      this.repo.candidatesOf(sessionId),
      this.repo.attemptsOf(sessionId),
    ]);
    const tickets = new Map(candidates.map((c) => [c.id, c.ticketNo]));
    const ticketOf = new Map(attempts.map((a) => [a.id, tickets.get(a.candidateId) ?? '']));
    const log = await this.repo.answerLogOf(attempts.map((a) => a.id));
    const rows = log.map((l) => ({
      ticketNo: ticketOf.get(l.attemptId) ?? '',
      attemptId: l.attemptId,
      seq: l.seq,
      position: l.position,
      answer: l.answer,
      clientTime: l.clientTime,
      serverTime: iso(l.serverTime),
    }));
    const base = `answer-log-${s.id}`;
    if (format === 'jsonl') {
      return {
        body: Buffer.from(
          rows.map((r) => JSON.stringify({ ...r, answer: JSON.parse(r.answer) as unknown })).join('\n') +
            (rows.length ? '\n' : ''),
          'utf8',
        ),
        contentType: 'application/x-ndjson; charset=utf-8',
        fileName: `${base}.jsonl`,
      };
    }
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('answer-log');
    sheet.columns = [
      { header: '准考证号 ticketNo', key: 'ticketNo', width: 18 },
      { header: 'attemptId', key: 'attemptId', width: 38 },
      { header: 'seq', key: 'seq', width: 8 },
      { header: '题号 position', key: 'position', width: 10 },
      { header: '作答 answer', key: 'answer', width: 16 },
      { header: 'clientTime', key: 'clientTime', width: 26 },
      { header: 'serverTime', key: 'serverTime', width: 26 },
    ];
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) sheet.addRow(r);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      body,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${base}.xlsx`,
    };
  }

  async purgeNow(p: StaffPrincipal) {
    const run = await this.queue.enqueue(
      JobName.RetentionPurge,
      { reason: 'manual' },
      { key: `manual:${randomUUID()}`, createdBy: p.userId },
    );
    return { jobId: run.id, status: run.status };
  }
}
