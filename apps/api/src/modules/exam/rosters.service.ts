import { Injectable } from '@nestjs/common';
import {
  idNumberTail,
  mayEditRoster,
  nextSeat,
  parseCsv,
  rosterFitsPapers,
  rosterFromTable,
  RosterIssue,
  RosterRow,
  validateRoster,
} from '@jianding/exam';
import { randomUUID } from 'crypto';
import ExcelJS from 'exceljs';
import { assertImportBounded } from '../../common/import-bounds';
import { badRequest, conflict, forbidden } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { PapersService } from '../papers/papers.service';
import { CandidateEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { RosterIdentity } from './roster-identity';
import { SessionAccessService } from './session-access';

export type RosterFile = { buffer: Buffer; originalname?: string; mimetype?: string };

/** Rosters: checked all at once, stored with hashed ID numbers, seated in order; a file adds all rows or none. */
@Injectable()
export class RostersService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly identity: RosterIdentity,
    private readonly papers: PapersService,
    private readonly audit: AuditService,
  ) {}

  /** Refuses a roster with any bad entry: the code of the first problem (ID_NUMBER_INVALID, TICKET_NO_DUPLICATE …), details list every one. */
  assertValid(
    rows: readonly RosterRow[],
    existingTickets: ReadonlySet<string>,
    at: (i: number) => { index?: number; row?: number },
  ): void {
    const issues: RosterIssue[] = validateRoster(rows, existingTickets, at);
    if (issues.length)
      throw badRequest(issues[0].code, `The roster has ${issues.length} problem(s); nothing was saved`, {
        errors: issues,
      });
  }

  /** Refuses a roster larger than a per-candidate draw. */
  assertFits(size: number, papers: number, perCandidate: boolean, would = false): void {
    if (!rosterFitsPapers(size, papers, perCandidate)) {
      throw badRequest(
        'ROSTER_TOO_LARGE',
        `The request drew ${papers} per-candidate papers; the roster ${would ? 'would have' : 'has'} ${size}`,
        { papers },
      );
    }
  }

  entities(sessionId: string, rows: readonly RosterRow[], firstSeat: number, now: number): CandidateEntity[] {
    return rows.map((r, i) =>
      Object.assign(new CandidateEntity(), {
        id: randomUUID(),
        sessionId,
        ticketNo: r.ticketNo.trim(),
        name: r.name.trim(),
        idNumberHash: this.identity.hashId(r.idNumber),
        idNumberTail: idNumberTail(r.idNumber),
        seat: firstSeat + i,
        createdAt: now,
      }),
    );
  }

  /** A roster file (xlsx or csv): all rows or none; every bad row is reported with its row number. */
  async importCandidates(p: StaffPrincipal, sessionId: string, file: RosterFile | undefined) {
    if (!file?.buffer?.length)
      throw badRequest('FILE_REQUIRED', 'Upload the roster as multipart field "file" (xlsx or csv)');
    const session = await this.access.session(p, sessionId, 'results');
    if (!mayEditRoster(p, session))
      throw forbidden('ROLE_REQUIRED', 'Only the institution that owns the session imports its roster');
    if (Date.now() >= session.endsAt) throw conflict('SESSION_ENDED', 'The session is over');
    const { rows, rowNumbers } = await this.readRoster(file);
    if (!rows.length) throw badRequest('FILE_EMPTY', 'The roster file has no candidates');
    const request = await this.papers.findRequest(session.paperRequestId);
    return this.db.transaction(async (tx) => {
      await this.repo.lockSession(tx, sessionId);
      const existing = await this.repo.candidatesOf(sessionId, tx);
      this.assertValid(rows, new Set(existing.map((c) => c.ticketNo)), (i) => ({ row: rowNumbers[i] }));
      const total = existing.length + rows.length;
      if (request?.perCandidate)
        this.assertFits(total, (await this.papers.theoryPapers(request.id, tx)).length, true, true);
      const entities = this.entities(sessionId, rows, nextSeat(existing), Date.now());
      await this.repo.insertCandidates(tx, entities);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'exam_session.import_candidates',
        entity: 'exam_session',
        entityId: sessionId,
        data: { imported: entities.length, file: file.originalname ?? null },
      });
      return { imported: entities.length, total };
    });
  }

  private async readRoster(file: RosterFile): Promise<{ rows: RosterRow[]; rowNumbers: number[] }> {
    const table = await readTable(file);
    if (!table.length) throw badRequest('FILE_EMPTY', 'The roster file is empty');
    const { rows, rowNumbers, missing } = rosterFromTable(table);
    if (missing.length)
      throw badRequest(
        'HEADER_MISSING',
        `Missing column(s): ${missing.join(', ')} (准考证号 ticketNo, 姓名 name, 身份证号 idNumber)`,
        { missing },
      );
    return { rows, rowNumbers };
  }
}

/** The first sheet of an xlsx workbook, or a CSV file, as rows of cell texts (blank rows kept, so row numbers hold). */
async function readTable(file: RosterFile): Promise<string[][]> {
  const name = (file.originalname ?? '').toLowerCase();
  const isXlsx =
    name.endsWith('.xlsx') ||
    /spreadsheetml/.test(file.mimetype ?? '') ||
    file.buffer.subarray(0, 2).toString() === 'PK';
  await assertImportBounded(file.buffer, isXlsx ? 'xlsx' : 'csv');
  if (!isXlsx) return parseCsv(file.buffer.toString('utf8'));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('FILE_UNREADABLE', 'The file is not a readable xlsx workbook');
  }
  const table: string[][] = [];
  wb.worksheets[0]?.eachRow({ includeEmpty: true }, (row, n) => {
    table[n - 1] = (row.values as unknown[]).slice(1).map((v) => cellText(v));
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
}
