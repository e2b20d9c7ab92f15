import { Inject, Injectable } from '@nestjs/common';
import { AssemblyError, blueprintNeeds, type KnowledgeMap, type PaperTemplate } from '@jianding/assembly';
import {
  complianceReport,
  defaultPaperTemplate,
  findPolicy,
  type ComplianceReport,
  type Level,
  type Policy,
} from '@jianding/itembank';
import { randomBytes, randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Page } from '../../common/paging';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { JobName } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import { Actor, actorOf, StaffPrincipal } from '../auth/principal';
import { dayStart, eligibilityFault } from '@jianding/itembank';
import { InstitutionsService } from '../institutions/institutions.service';
import { ApprovedVersionRow, BankReaderRepository, BankRow } from './bank-reader.repository';
import { mipSolver } from '../../common/mip-solver';
import { bankCounts, pointCounts, storedTemplate } from './draw-inputs';
import { DEFAULT_EXPOSURE_CAP, DEFAULT_MAX_OVERLAP, StoredPlan } from './draw-plan';
import { ApprovePaperRequestDto, CreatePaperRequestDto, PaperRequestQuery } from './dto/paper-request.dto';
import { PaperRequestEntity, PaperRequestStatus } from './paper.entities';
import { PapersRepository } from './papers.repository';

/** The bank as approval sees it: policy, map, template, approved versions and the compliance verdict. */
interface BankCheck {
  policy: Policy;
  map: KnowledgeMap;
  template: PaperTemplate;
  rows: ApprovedVersionRow[];
  report: ComplianceReport;
}

export interface PaperRequestView {
  id: string;
  institutionId: string;
  /** Code and name of the requesting institution, for the centre's queue. */
  institution: { id: string; code: string; name: string } | null;
  occupation: string;
  level: string;
  examDate: string;
  forms: number;
  perCandidate: boolean;
  candidates: number;
  includePractical: boolean;
  status: PaperRequestStatus;
  progress: number;
  reason: string | null;
  papers: string[];
  policy: string | null;
  snapshotHash: string | null;
  assemblerVersion: string | null;
  jobRunId: string | null;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const isCentre = (p: StaffPrincipal) => p.roles.includes('centre');

/** Paper requests: an institution asks, the centre approves (which fixes seed and snapshot and queues the draw) or rejects. */
@Injectable()
export class PaperRequestsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: PapersRepository,
    private readonly bank: BankReaderRepository,
    private readonly institutions: InstitutionsService,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
  ) {}

  async create(p: StaffPrincipal, dto: CreatePaperRequestDto): Promise<{ id: string; status: 'submitted' }> {
    if (!p.institutionId) throw forbidden('INSTITUTION_REQUIRED', 'Only a user of an institution can request papers');
    const perCandidate = dto.perCandidate === true;
    if (perCandidate && dto.forms !== undefined)
      throw badRequest('FORMS_OR_PER_CANDIDATE', 'Ask for parallel forms or for one paper per candidate, not both');
    if (perCandidate && dto.candidates === undefined)
      throw badRequest('CANDIDATES_REQUIRED', 'A per-candidate request needs the number of candidates');
    const exam = dayStart(dto.examDate);
    if (Number.isNaN(exam)) throw badRequest('EXAM_DATE_INVALID', `${dto.examDate} is not a calendar date`);
    const now = Date.now();
    if (exam < dayStart(new Date(now).toISOString().slice(0, 10)))
      throw badRequest('EXAM_DATE_PAST', 'The exam date is in the past');

    const inst = await this.institutions.findEntity(p.institutionId);
    if (!inst) throw forbidden('INSTITUTION_SUSPENDED', 'The user’s institution is not on file');
    const fault = eligibilityFault(inst, dto.occupation, dto.level, dto.examDate, now);
    if (fault) throw forbidden(fault.code, fault.message);
    const bankRow = await this.bank.findBank(dto.occupation, dto.level);
    if (!bankRow)
      throw notFound('BANK_NOT_FOUND', `There is no item bank for occupation ${dto.occupation} level ${dto.level}`);
    await this.checkBank(bankRow, dto.includePractical === true);

    return this.db.transaction(async (tx) => {
      const row = Object.assign(new PaperRequestEntity(), {
        id: randomUUID(),
        institutionId: inst.id,
        bankId: bankRow.bank.id,
        examDate: dto.examDate,
        forms: perCandidate ? 1 : (dto.forms ?? 1),
        perCandidate,
        candidateCount: perCandidate ? dto.candidates! : (dto.candidates ?? 0),
        includePractical: dto.includePractical === true,
        status: 'submitted' as const,
        progress: 0,
        reason: null,
        seed: null,
        policyId: null,
        mapJson: null,
        templateJson: null,
        papersDrawnBefore: 0,
        snapshotHash: null,
        assemblerVersion: null,
        jobRunId: null,
        requestedBy: p.userId,
        decidedBy: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insertRequest(tx, row);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'paper-request.create',
        entity: 'paper-request',
        entityId: row.id,
        data: {
          institutionId: inst.id,
          occupation: dto.occupation,
          level: dto.level,
          examDate: dto.examDate,
          forms: row.forms,
          perCandidate,
          candidates: row.candidateCount,
          includePractical: row.includePractical,
        },
      });
      return { id: row.id, status: 'submitted' as const };
    });
  }

  /**
   * Approval (配发): re-checks the institution and the threshold, draws the request seed from the CSPRNG, fixes
   * policy, map, template and the bank snapshot, and queues the draw — all in one transaction; the job is
   * handed to the queue after it commits.
   */
  async approve(actor: Actor, id: string, dto: ApprovePaperRequestDto): Promise<PaperRequestView> {
    const run = await this.db.transaction(async (tx) => {
      const req = await this.repo.findRequest(id, tx, true);
      if (!req) throw notFound('PAPER_REQUEST_NOT_FOUND', 'No paper request has this id');
      if (req.status !== 'submitted') throw conflict('PAPER_REQUEST_DECIDED', `The request is already ${req.status}`);
      const bankRow = await this.bank.findBankById(req.bankId, tx);
      if (!bankRow) throw notFound('BANK_NOT_FOUND', 'The request’s bank no longer exists');
      const inst = await this.institutions.findEntity(req.institutionId);
      const fault = inst
        ? eligibilityFault(inst, bankRow.occupationCode, bankRow.bank.level, req.examDate, Date.now())
        : { code: 'INSTITUTION_SUSPENDED' as const, message: 'The institution is not on file' };
      if (fault) throw forbidden(fault.code, fault.message);
      const check = await this.checkBank(bankRow, req.includePractical, tx);

      const seed = randomBytes(32).toString('hex');
      const papersDrawnBefore = await this.bank.papersDrawn(req.bankId, tx);
      const plan: StoredPlan = {
        ...check.template,
        practical: req.includePractical
          ? {
              kind: check.policy.practical?.kind ?? (check.report.practical.approved > 0 ? 'sets' : 'tasks'),
              template: null,
            }
          : null,
        maxOverlap: dto.maxOverlap ?? DEFAULT_MAX_OVERLAP,
        exposureCap: dto.exposureCap ?? DEFAULT_EXPOSURE_CAP,
      };
      await this.repo.insertSnapshot(tx, id, check.rows);
      const job = await this.queue.enqueue(
        JobName.PaperAssemble,
        { requestId: id },
        { key: id, createdBy: actor.id },
        tx,
      );
      const now = Date.now();
      await this.repo.updateRequest(tx, id, {
        status: 'assembling',
        progress: 0,
        seed,
        policyId: check.policy.id,
        mapJson: JSON.stringify(check.map),
        templateJson: JSON.stringify(plan),
        papersDrawnBefore,
        jobRunId: job.id,
        decidedBy: actor.id,
        decidedAt: now,
        updatedAt: now,
      });
      await this.audit.append(tx, {
        actor,
        action: 'paper-request.approve',
        entity: 'paper-request',
        entityId: id,
        data: {
          policy: check.policy.id,
          snapshotItems: check.rows.length,
          papersDrawnBefore,
          maxOverlap: plan.maxOverlap,
          exposureCap: plan.exposureCap,
          jobRunId: job.id,
        },
      });
      return job;
    });
    await this.queue.dispatch(run);
    return this.view((await this.repo.findRequest(id))!);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<PaperRequestView> {
    await this.db.transaction(async (tx) => {
      const req = await this.repo.findRequest(id, tx, true);
      if (!req) throw notFound('PAPER_REQUEST_NOT_FOUND', 'No paper request has this id');
      if (req.status !== 'submitted') throw conflict('PAPER_REQUEST_DECIDED', `The request is already ${req.status}`);
      const now = Date.now();
      await this.repo.updateRequest(tx, id, {
        status: 'rejected',
        reason,
        decidedBy: actor.id,
        decidedAt: now,
        updatedAt: now,
      });
      await this.audit.append(tx, {
        actor,
        action: 'paper-request.reject',
        entity: 'paper-request',
        entityId: id,
        data: { reason },
      });
    });
    return this.view((await this.repo.findRequest(id))!);
  }

  async get(p: StaffPrincipal, id: string): Promise<PaperRequestView> {
    const req = await this.repo.findRequest(id);
    if (!req || (!isCentre(p) && req.institutionId !== p.institutionId))
      throw notFound('PAPER_REQUEST_NOT_FOUND', 'No paper request has this id');
    return this.view(req);
  }

  async list(p: StaffPrincipal, q: PaperRequestQuery): Promise<Page<Omit<PaperRequestView, 'papers'>>> {
    const institutionId = isCentre(p) ? q.institution : (p.institutionId ?? '-');
    const [rows, total] = await this.repo.listRequests({ institutionId, status: q.status }, q.page, q.pageSize);
    const [bankRows, insts] = await Promise.all([
      this.bank.findBanksByIds(rows.map((r) => r.bankId)),
      this.institutions.findEntities(rows.map((r) => r.institutionId)),
    ]);
    const banks = new Map(bankRows.map((b) => [b.bank.id, b]));
    const byId = new Map(insts.map((i) => [i.id, i]));
    return {
      items: rows.map((r) => this.toView(r, banks.get(r.bankId), null, byId.get(r.institutionId))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  private async view(req: PaperRequestEntity): Promise<PaperRequestView> {
    const [bankRow, papers, inst] = await Promise.all([
      this.bank.findBankById(req.bankId),
      this.repo.paperIds(req.id),
      this.institutions.findEntity(req.institutionId),
    ]);
    return this.toView(
      req,
      bankRow ?? undefined,
      papers.map((x) => x.id),
      inst ?? undefined,
    );
  }

  private toView(
    r: PaperRequestEntity,
    bankRow: BankRow | undefined,
    papers: string[] | null,
    inst: { id: string; code: string; name: string } | undefined,
  ): PaperRequestView {
    const view: PaperRequestView = {
      id: r.id,
      institutionId: r.institutionId,
      institution: inst ? { id: inst.id, code: inst.code, name: inst.name } : null,
      occupation: bankRow?.occupationCode ?? '',
      level: bankRow?.bank.level ?? '',
      examDate: r.examDate,
      forms: r.forms,
      perCandidate: r.perCandidate,
      candidates: r.candidateCount,
      includePractical: r.includePractical,
      status: r.status,
      progress: r.progress,
      reason: r.reason,
      papers: papers ?? [],
      policy: r.policyId,
      snapshotHash: r.snapshotHash,
      assemblerVersion: r.assemblerVersion,
      jobRunId: r.jobRunId,
      requestedBy: r.requestedBy,
      decidedBy: r.decidedBy,
      decidedAt: iso(r.decidedAt),
      createdAt: iso(r.createdAt)!,
      updatedAt: iso(r.updatedAt)!,
    };
    if (papers === null) delete (view as Partial<PaperRequestView>).papers;
    return view;
  }

  /** Policy, map, template and approved versions of a bank; refuses a bank papers cannot be drawn from. */
  private async checkBank(bankRow: BankRow, includePractical: boolean, tx?: EntityManager): Promise<BankCheck> {
    const { bank } = bankRow;
    if (!bank.knowledgeMap)
      throw unprocessable('KNOWLEDGE_MAP_MISSING', 'The bank has no knowledge map (鉴定要素细目表) yet');
    const map = JSON.parse(bank.knowledgeMap) as KnowledgeMap;
    const template = bank.template
      ? storedTemplate(JSON.parse(bank.template))
      : defaultPaperTemplate(bank.level as Level);
    const policyId = bank.policyId ?? this.config.defaultPolicy;
    const custom = (await this.bank.customPolicies(tx)).map((c) => JSON.parse(c.definition) as Policy);
    const policy = findPolicy(policyId, custom);
    if (!policy) throw unprocessable('POLICY_NOT_FOUND', `The bank names policy ${policyId}, which does not exist`);
    const rows = await this.bank.approvedVersions(bank.id, tx);
    const solver = await mipSolver();
    let report: ComplianceReport;
    try {
      // The draw allocates with the same function over the same items (less any over the exposure cap).
      const needs = blueprintNeeds(map, template, pointCounts(rows), solver);
      report = complianceReport(bankCounts(rows), policy, { strata: needs.strata, allocation: needs.shortfalls });
    } catch (err) {
      if (err instanceof AssemblyError) throw unprocessable(err.code, err.message);
      throw err;
    }
    if (!report.thresholdMet) {
      throw unprocessable(
        'BANK_BELOW_THRESHOLD',
        `The bank does not meet policy ${policy.id}: ${report.theory.approved} of ${report.theory.required} approved theory items, ${report.practical.approved} of ${report.practical.required} practical ${report.practical.kind ?? 'sets'}`,
        report,
      );
    }
    if (report.shortfalls.length > 0) throw unprocessable('BANK_QUOTA_SHORTFALL', report.shortfalls[0].message, report);
    if (includePractical && report.practical.approved === 0 && bankCounts(rows).approvedPracticalTasks === 0) {
      throw unprocessable(
        'PRACTICAL_UNAVAILABLE',
        'The bank has no approved practical tasks to draw a practical paper from',
      );
    }
    return { policy, map, template, rows, report };
  }
}
