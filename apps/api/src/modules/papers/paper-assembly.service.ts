import { Injectable, Logger } from '@nestjs/common';
import {
  ASSEMBLER_VERSION,
  AssemblyError,
  composePracticalPaper,
  deriveSeed,
  drawPracticalSet,
  prepare,
  type Assembler,
  type Paper,
  type PracticalPaper,
  type PracticalSetDraw,
} from '@jianding/assembly';
import { randomUUID } from 'crypto';
import { mipSolver } from '../../common/mip-solver';
import { Db } from '../../database/db.service';
import { JOB_ATTEMPTS, JobContext, JobName } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/principal';
import { ApprovedVersionRow, BankReaderRepository } from './bank-reader.repository';
import {
  candidateLabel,
  formLabel,
  parseRows,
  practicalSetIdsOf,
  practicalTasksOf,
  practicalTemplateOf,
  snapshotOf,
} from './draw-inputs';
import { ItemUsage } from '../items/item-usage.service';
import { DrawPlan, planOf } from './draw-plan';
import { PaperEntity, PaperRequestEntity } from './paper.entities';
import { PapersRepository } from './papers.repository';

/** Per-candidate requests above this many papers are split into chunk jobs that any worker can take. */
export const CHUNK_PAPERS = 500;
/** Papers drawn and stored per transaction inside one job. */
const SLICE_PAPERS = 250;
/** Prepared draws kept per process: the chunk jobs of one request reuse its snapshot and solved allocation. */
const PREPARED_KEPT = 4;

export type PracticalBody = PracticalSetDraw | PracticalPaper;

/** A paper row ready to insert, with the items whose usage it adds. */
interface StoredPaper {
  row: PaperEntity;
  itemIds: string[];
}

/** The inputs of one request's draw, rebuilt from what approval stored. */
export interface PreparedDraw {
  plan: DrawPlan;
  rows: ApprovedVersionRow[];
  assembler: Assembler;
}

/**
 * The assembly worker: draws a request's papers from its stored seed and snapshot and stores them. Every step is
 * idempotent (BullMQ delivers at least once): papers already stored are skipped, the unique (request, kind, form)
 * index refuses a second copy, usage counts move in the same transaction as the papers they count, and the
 * request turns `ready` exactly once.
 */
@Injectable()
export class PaperAssemblyService {
  private readonly logger = new Logger('PaperAssembly');
  /** By request id. A request's snapshot, map, template and options never change once approved, so neither does its draw. */
  private readonly prepared = new Map<string, Promise<PreparedDraw>>();

  constructor(
    private readonly db: Db,
    private readonly repo: PapersRepository,
    private readonly bank: BankReaderRepository,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly usage: ItemUsage,
  ) {}

  /**
   * The request's prepared draw, built once per process for the chunk jobs of a request (the allocation is solved
   * once per request, not per chunk or paper).
   */
  prepareDraw(req: PaperRequestEntity): Promise<PreparedDraw> {
    let draw = this.prepared.get(req.id);
    if (!draw) {
      draw = this.buildDraw(req);
      draw.catch(() => this.prepared.delete(req.id));
      this.prepared.set(req.id, draw);
      if (this.prepared.size > PREPARED_KEPT) this.prepared.delete(this.prepared.keys().next().value as string);
    }
    return draw;
  }

  /**
   * Rebuilds the snapshot from `paper_snapshot_items` + immutable item versions and prepares the assembler, every
   * time: re-derivation uses this so that it reads what storage holds now.
   */
  async buildDraw(req: PaperRequestEntity): Promise<PreparedDraw> {
    const plan = planOf(req);
    const rows = await this.bank.snapshotVersions(req.id);
    const assembler = prepare({
      snapshot: snapshotOf(parseRows(rows)),
      map: plan.map,
      template: plan.template,
      options: plan.options,
      solver: await mipSolver(),
    });
    return { plan, rows, assembler };
  }

  /** Job `papers.assemble`: the whole request, or for a large per-candidate request the practical paper and the chunk jobs. */
  async assemble(requestId: string, ctx: JobContext): Promise<unknown> {
    const req = await this.repo.findRequest(requestId);
    if (!req || req.status !== 'assembling') return { skipped: req?.status ?? 'missing' };
    return this.guard(req, ctx, async () => {
      const draw = await this.prepareDraw(req);
      if (req.includePractical) await this.drawPractical(req, draw);
      if (req.perCandidate && req.candidateCount > CHUNK_PAPERS) {
        const runs = [];
        for (let from = 0; from < req.candidateCount; from += CHUNK_PAPERS) {
          const to = Math.min(req.candidateCount, from + CHUNK_PAPERS);
          runs.push(
            await this.db.transaction((tx) =>
              this.queue.enqueue(
                JobName.PaperAssembleChunk,
                { requestId, from, to },
                { key: `${requestId}:${from}` },
                tx,
              ),
            ),
          );
        }
        // Dispatching an existing run again is a no-op in BullMQ (same job id) and a skipped run in-process.
        for (const run of runs) await this.queue.dispatch(run);
        await ctx.progress(100);
        return { chunks: runs.length, papers: req.candidateCount };
      }
      if (req.perCandidate) await this.drawCandidates(req, draw, 0, req.candidateCount, ctx);
      else await this.drawForms(req, draw);
      await this.finish(req, draw);
      return { papers: await this.repo.countPapers(this.db.manager, requestId) };
    });
  }

  /** Job `papers.assemble-chunk`: candidates [from, to) of a per-candidate request. */
  async assembleChunk(data: { requestId: string; from: number; to: number }, ctx: JobContext): Promise<unknown> {
    const req = await this.repo.findRequest(data.requestId);
    if (!req || req.status !== 'assembling') return { skipped: req?.status ?? 'missing' };
    return this.guard(req, ctx, async () => {
      const draw = await this.prepareDraw(req);
      const drawn = await this.drawCandidates(req, draw, data.from, data.to, ctx);
      await this.finish(req, draw);
      return { from: data.from, to: data.to, drawn };
    });
  }

  /** An AssemblyError fails the request for good, naming the stratum; other errors are retried, and fail it on the last attempt. */
  private async guard(req: PaperRequestEntity, ctx: JobContext, work: () => Promise<unknown>): Promise<unknown> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AssemblyError) {
        await this.fail(req.id, `${err.code}: ${err.message}`, {
          code: err.code,
          section: err.section,
          stratum: err.stratum,
          needed: err.needed,
          available: err.available,
          form: err.form,
        });
        return { failed: err.code };
      }
      if (ctx.attempt >= JOB_ATTEMPTS) await this.fail(req.id, `ASSEMBLY_ERROR: ${(err as Error).message}`, {});
      throw err;
    }
  }

  private async drawForms(req: PaperRequestEntity, draw: PreparedDraw): Promise<void> {
    const existing = await this.repo.existingForms(this.db.manager, req.id, 'theory');
    if (existing.size >= req.forms) return;
    const result = draw.assembler.drawForms(draw.plan.seed, { forms: req.forms });
    const rows = result.papers
      .filter((p) => !existing.has(p.form))
      .map((p) => this.theoryRow(req, p, formLabel(p.form)));
    await this.persist(req, rows, 'theory', 0, req.forms);
  }

  /** Draws candidates [from, to) in slices, each stored in its own transaction; returns how many were new. */
  private async drawCandidates(
    req: PaperRequestEntity,
    draw: PreparedDraw,
    from: number,
    to: number,
    ctx: JobContext,
  ): Promise<number> {
    const existing = await this.repo.existingForms(this.db.manager, req.id, 'theory', from, to);
    let drawn = 0;
    for (let start = from; start < to; start += SLICE_PAPERS) {
      const end = Math.min(to, start + SLICE_PAPERS);
      const rows: StoredPaper[] = [];
      for (let i = start; i < end; i++) {
        if (existing.has(i)) continue;
        const paper = draw.assembler.draw(deriveSeed(draw.plan.seed, `candidate:${i}`), { form: i });
        rows.push(this.theoryRow(req, paper, candidateLabel(i)));
      }
      if (rows.length > 0) {
        const stored = await this.persist(req, rows, 'theory', start, end);
        if (stored === null) return drawn;
        drawn += stored;
      }
      await ctx.progress(((end - from) / (to - from)) * 100);
    }
    return drawn;
  }

  private async drawPractical(req: PaperRequestEntity, draw: PreparedDraw): Promise<void> {
    if ((await this.repo.countPapers(this.db.manager, req.id, 'practical')) > 0) return;
    const seed = deriveSeed(draw.plan.seed, 'practical');
    const body: PracticalBody =
      draw.plan.practical?.kind === 'tasks'
        ? composePracticalPaper({
            tasks: practicalTasksOf(parseRows(draw.rows)),
            template: practicalTemplateOf(draw.plan.practical),
            seed,
          })
        : drawPracticalSet(practicalSetIdsOf(draw.rows), seed);
    const row = Object.assign(new PaperEntity(), {
      id: randomUUID(),
      requestId: req.id,
      kind: 'practical',
      form: 0,
      label: 'P',
      seed: body.seed,
      assemblerVersion: body.assemblerVersion,
      snapshotHash: draw.assembler.snapshotHash,
      contentHash: body.contentHash,
      body: JSON.stringify(body),
      status: 'sealed' as const,
      releasedAt: null,
      createdAt: Date.now(),
    });
    const itemIds =
      'setId' in body
        ? draw.rows.filter((r) => r.type === 'task' && r.practicalSetId === body.setId).map((r) => r.itemId)
        : body.positions.map((p) => p.itemId as string);
    await this.persist(req, [{ row, itemIds }], 'practical', 0, 1);
  }

  private theoryRow(req: PaperRequestEntity, paper: Paper, label: string): StoredPaper {
    const row = Object.assign(new PaperEntity(), {
      id: randomUUID(),
      requestId: req.id,
      kind: 'theory',
      form: paper.form,
      label,
      seed: paper.seed,
      assemblerVersion: paper.assemblerVersion,
      snapshotHash: paper.snapshotHash,
      contentHash: paper.contentHash,
      body: JSON.stringify(paper),
      status: 'sealed' as const,
      releasedAt: null,
      createdAt: Date.now(),
    });
    return { row, itemIds: paper.positions.map((p) => p.itemId as string) };
  }

  /**
   * Stores papers not stored yet, adds their items' uses and the request's progress, in one transaction that
   * first locks the request row (so the chunks of one request write one at a time and never deadlock).
   * Returns how many were stored, or null when the request is no longer assembling.
   */
  private async persist(
    req: PaperRequestEntity,
    papers: StoredPaper[],
    kind: string,
    from: number,
    to: number,
  ): Promise<number | null> {
    return this.db.transaction(async (tx) => {
      const current = await this.repo.findRequest(req.id, tx, true);
      if (!current || current.status !== 'assembling') return null;
      const existing = await this.repo.existingForms(tx, req.id, kind, from, to);
      const fresh = papers.filter((p) => !existing.has(p.row.form));
      if (fresh.length === 0) return 0;
      const now = Date.now();
      await this.repo.insertPapers(
        tx,
        fresh.map((p) => p.row),
      );
      const uses = new Map<string, number>();
      for (const p of fresh) for (const itemId of p.itemIds) uses.set(itemId, (uses.get(itemId) ?? 0) + 1);
      await this.usage.record(tx, uses, now);
      const stored = await this.repo.countPapers(tx, req.id, 'theory');
      const expected = expectedTheory(req);
      await this.repo.updateRequest(tx, req.id, {
        progress: Math.min(99, Math.floor((stored / expected) * 100)),
        updatedAt: now,
      });
      return fresh.length;
    });
  }

  /** Marks the request ready once every paper is stored; exactly one caller wins (the row is locked). */
  private async finish(req: PaperRequestEntity, draw: PreparedDraw): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.repo.findRequest(req.id, tx, true);
      if (!current || current.status !== 'assembling') return;
      const theory = await this.repo.countPapers(tx, req.id, 'theory');
      const practical = req.includePractical ? await this.repo.countPapers(tx, req.id, 'practical') : 0;
      if (theory < expectedTheory(req) || (req.includePractical && practical < 1)) return;
      const now = Date.now();
      await this.repo.updateRequest(tx, req.id, {
        status: 'ready',
        progress: 100,
        snapshotHash: draw.assembler.snapshotHash,
        assemblerVersion: ASSEMBLER_VERSION,
        updatedAt: now,
      });
      await this.audit.append(tx, {
        actor: SYSTEM_ACTOR,
        action: 'paper-request.ready',
        entity: 'paper-request',
        entityId: req.id,
        data: {
          theoryPapers: theory,
          practicalPapers: practical,
          snapshotHash: draw.assembler.snapshotHash,
          mapHash: draw.assembler.mapHash,
          templateHash: draw.assembler.templateHash,
          assemblerVersion: ASSEMBLER_VERSION,
        },
      });
    });
  }

  private async fail(requestId: string, reason: string, data: Record<string, unknown>): Promise<void> {
    this.logger.warn(`Paper request ${requestId} failed: ${reason}`);
    await this.db.transaction(async (tx) => {
      const current = await this.repo.findRequest(requestId, tx, true);
      if (!current || current.status !== 'assembling') return;
      await this.repo.updateRequest(tx, requestId, {
        status: 'failed',
        reason: reason.slice(0, 1000),
        updatedAt: Date.now(),
      });
      await this.audit.append(tx, {
        actor: SYSTEM_ACTOR,
        action: 'paper-request.fail',
        entity: 'paper-request',
        entityId: requestId,
        data: { reason, ...data },
      });
    });
  }
}

export function expectedTheory(req: Pick<PaperRequestEntity, 'perCandidate' | 'candidateCount' | 'forms'>): number {
  return req.perCandidate ? req.candidateCount : req.forms;
}
