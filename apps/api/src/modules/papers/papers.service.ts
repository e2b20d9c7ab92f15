import { Injectable } from '@nestjs/common';
import {
  ASSEMBLER_VERSION,
  composePracticalPaper,
  deriveSeed,
  drawPracticalSet,
  paperContentHash,
  type Paper,
  type PracticalPaper,
} from '@jianding/assembly';
import type { ItemContent, TheoryContent } from '@jianding/itembank';
import { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Page } from '../../common/paging';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor, actorOf, StaffPrincipal, SYSTEM_ACTOR } from '../auth/principal';
import { InstitutionsService } from '../institutions/institutions.service';
import { UserDirectory } from '../users/user-directory';
import { BankReaderRepository } from './bank-reader.repository';
import { parseRows, practicalSetIdsOf, practicalTasksOf, practicalTemplateOf } from './draw-inputs';
import { PaperQuery } from './dto/paper-request.dto';
import { PaperAssemblyService, PracticalBody } from './paper-assembly.service';
import { taskView, theoryPosition, TheoryPositionView, TaskView } from './paper-view';
import { PaperEntity, PaperRequestEntity } from './paper.entities';
import { PapersRepository } from './papers.repository';

export interface VerifyView {
  paperId: string;
  kind: string;
  label: string;
  /** Recorded content hash, the stored body's recomputed hash and the re-derived one all agree, and the body is byte-identical to the re-derivation. */
  match: boolean;
  /** As recorded in the paper row. */
  contentHash: string;
  /** Recomputed from the stored body. */
  storedHash: string;
  rederivedHash: string | null;
  bodyIdentical: boolean;
  snapshotHash: string;
  rederivedSnapshotHash: string | null;
  assemblerVersion: string;
  currentAssemblerVersion: string;
  error?: string;
}

/** What the exam module needs to deliver a paper: the lib's Paper JSON and each position's version content. */
export interface DeliveryPaper {
  id: string;
  requestId: string;
  kind: string;
  form: number;
  label: string;
  status: string;
  releasedAt: number | null;
  body: Paper;
  positions: Array<Paper['positions'][number] & { content: TheoryContent }>;
}

/** Drawn papers: sealed reads, release, the centre's audit list and re-derivation. */
@Injectable()
export class PapersService {
  constructor(
    private readonly db: Db,
    private readonly repo: PapersRepository,
    private readonly bank: BankReaderRepository,
    private readonly institutions: InstitutionsService,
    private readonly assembly: PaperAssemblyService,
    private readonly audit: AuditService,
    private readonly directory: UserDirectory,
  ) {}

  /** The centre reads every paper with keys; an institution only its own, only after release, never keys. Every read is audited. */
  async get(p: StaffPrincipal, id: string) {
    const paper = await this.repo.findPaper(id);
    const req = paper ? await this.repo.findRequest(paper.requestId) : null;
    const centre = p.roles.includes('centre');
    if (!paper || !req || (!centre && req.institutionId !== p.institutionId))
      throw notFound('PAPER_NOT_FOUND', 'No paper has this id');
    if (!centre && paper.status !== 'released') {
      await this.db.transaction((tx) =>
        this.audit.append(tx, {
          actor: actorOf(p),
          action: 'paper.read-refused',
          entity: 'paper',
          entityId: id,
          data: { reason: 'sealed' },
        }),
      );
      throw forbidden('PAPER_SEALED', 'The paper is sealed until its exam session opens');
    }
    const view = await this.render(paper, centre);
    await this.db.transaction((tx) =>
      this.audit.append(tx, {
        actor: actorOf(p),
        action: 'paper.read',
        entity: 'paper',
        entityId: id,
        data: { withKeys: centre, status: paper.status },
      }),
    );
    return view;
  }

  /** Unseals a paper: by the centre, or by the exam module when the session opens (pass its transaction). */
  async release(
    paperId: string,
    actor: Actor,
    tx?: EntityManager,
  ): Promise<{ id: string; status: string; releasedAt: string | null }> {
    const work = async (m: EntityManager) => {
      const paper = await m.findOneBy(PaperEntity, { id: paperId });
      if (!paper) throw notFound('PAPER_NOT_FOUND', 'No paper has this id');
      if (paper.status === 'released') return { id: paperId, status: 'released', releasedAt: iso(paper.releasedAt) };
      const at = Date.now();
      await this.repo.releasePaper(m, paperId, at);
      await this.audit.append(m, {
        actor,
        action: 'paper.release',
        entity: 'paper',
        entityId: paperId,
        data: { requestId: paper.requestId, label: paper.label, contentHash: paper.contentHash },
      });
      return { id: paperId, status: 'released', releasedAt: iso(at) };
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /**
   * Unseals a paper when its exam session opens (the first sign-in on it), inside the caller's transaction: sealed →
   * released once, audited as the system's. True when this call made the change.
   */
  async releaseForSession(
    tx: EntityManager,
    paperId: string,
    session: { id: string; institutionId: string },
  ): Promise<boolean> {
    if (!(await this.repo.releasePaper(tx, paperId, Date.now()))) return false;
    await this.audit.append(tx, {
      actor: SYSTEM_ACTOR,
      action: 'paper.release',
      entity: 'paper',
      entityId: paperId,
      data: { sessionId: session.id, institutionId: session.institutionId },
    });
    return true;
  }

  /** For the exam module: a paper request, as a session on it needs it. */
  findRequest(id: string, tx?: EntityManager): Promise<PaperRequestEntity | null> {
    return this.repo.findRequest(id, tx);
  }

  /** For the exam module: the request's theory papers without their bodies, in form order. */
  theoryPapers(requestId: string, tx?: EntityManager): Promise<Pick<PaperEntity, 'id' | 'form' | 'status'>[]> {
    return this.repo.theoryPapers(requestId, tx);
  }

  /** For the exam module, which keeps parsed papers and item versions in memory: the paper row with its body. */
  findPaper(id: string): Promise<PaperEntity | null> {
    return this.repo.findPaper(id);
  }

  /** For the exam module: the stored content of item versions a paper names. */
  async itemVersions(ids: string[]): Promise<{ id: string; itemId: string; type: string; content: string }[]> {
    return (await this.bank.versionsByIds(ids)).map((v) => ({
      id: v.id,
      itemId: v.itemId,
      type: v.type,
      content: v.content,
    }));
  }

  /** For the exam module: the stored Paper JSON with each position's item-version content (keys included: score server-side only). */
  async getPaperForDelivery(paperId: string): Promise<DeliveryPaper | null> {
    const paper = await this.repo.findPaper(paperId);
    if (!paper || paper.kind !== 'theory') return null;
    const body = JSON.parse(paper.body) as Paper;
    const versions = new Map(
      (await this.bank.versionsByIds(body.positions.map((x) => x.versionId))).map((v) => [
        v.id,
        JSON.parse(v.content) as TheoryContent,
      ]),
    );
    return {
      id: paper.id,
      requestId: paper.requestId,
      kind: paper.kind,
      form: paper.form,
      label: paper.label,
      status: paper.status,
      releasedAt: paper.releasedAt,
      body,
      positions: body.positions.map((x) => ({ ...x, content: versions.get(x.versionId)! })),
    };
  }

  /** The centre's list of drawn papers: who asked, who approved, when, seed, snapshot hash, assembler version. */
  async list(q: PaperQuery): Promise<Page<Record<string, unknown>>> {
    const [rows, total] = await this.repo.listPapers(
      { requestId: q.requestId, institutionId: q.institution },
      q.page,
      q.pageSize,
    );
    const requests = new Map((await this.repo.findRequests(rows.map((r) => r.requestId))).map((r) => [r.id, r]));
    const insts = new Map(
      (await this.institutions.findEntities([...requests.values()].map((r) => r.institutionId))).map((i) => [i.id, i]),
    );
    const names = await this.directory.usernames([...requests.values()].flatMap((r) => [r.requestedBy, r.decidedBy]));
    const items = rows.map((p) => {
      const r = requests.get(p.requestId);
      const inst = r ? insts.get(r.institutionId) : undefined;
      return {
        id: p.id,
        requestId: p.requestId,
        kind: p.kind,
        form: p.form,
        label: p.label,
        status: p.status,
        institution: inst ? { id: inst.id, code: inst.code, name: inst.name } : null,
        requestedBy: r ? { id: r.requestedBy, username: names.get(r.requestedBy) ?? null } : null,
        approvedBy: r?.decidedBy ? { id: r.decidedBy, username: names.get(r.decidedBy) ?? null } : null,
        requestedAt: iso(r?.createdAt),
        approvedAt: iso(r?.decidedAt),
        drawnAt: iso(p.createdAt),
        releasedAt: iso(p.releasedAt),
        examDate: r?.examDate ?? null,
        requestSeed: r?.seed ?? null,
        seed: p.seed,
        snapshotHash: p.snapshotHash,
        assemblerVersion: p.assemblerVersion,
        contentHash: p.contentHash,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Re-derivation: rebuilds the snapshot from the stored item versions, draws again with the request's seed and
   * options, and compares with the paper row — its recorded hash, the hash of its stored body (so a row edited by
   * hand does not pass), and the body byte for byte.
   */
  async verify(actor: Actor, id: string): Promise<VerifyView> {
    const paper = await this.repo.findPaper(id);
    const req = paper ? await this.repo.findRequest(paper.requestId) : null;
    if (!paper || !req) throw notFound('PAPER_NOT_FOUND', 'No paper has this id');
    const result = await this.rederive(paper, req);
    await this.db.transaction((tx) =>
      this.audit.append(tx, {
        actor,
        action: 'paper.verify',
        entity: 'paper',
        entityId: id,
        data: {
          match: result.match,
          contentHash: result.contentHash,
          storedHash: result.storedHash,
          rederivedHash: result.rederivedHash,
          error: result.error,
        },
      }),
    );
    return result;
  }

  private async rederive(paper: PaperEntity, req: PaperRequestEntity): Promise<VerifyView> {
    const base = {
      paperId: paper.id,
      kind: paper.kind,
      label: paper.label,
      contentHash: paper.contentHash,
      snapshotHash: paper.snapshotHash,
      assemblerVersion: paper.assemblerVersion,
      currentAssemblerVersion: ASSEMBLER_VERSION,
    };
    const storedHash = storedContentHash(paper);
    try {
      const draw = await this.assembly.buildDraw(req);
      let rederived: Paper | PracticalBody;
      if (paper.kind === 'practical') {
        const seed = deriveSeed(draw.plan.seed, 'practical');
        rederived =
          draw.plan.practical?.kind === 'tasks'
            ? composePracticalPaper({
                tasks: practicalTasksOf(parseRows(draw.rows)),
                template: practicalTemplateOf(draw.plan.practical),
                seed,
              })
            : drawPracticalSet(practicalSetIdsOf(draw.rows), seed);
      } else if (req.perCandidate) {
        rederived = draw.assembler.draw(deriveSeed(draw.plan.seed, `candidate:${paper.form}`), { form: paper.form });
      } else {
        rederived = draw.assembler.drawForms(draw.plan.seed, { forms: paper.form + 1 }).papers[paper.form];
      }
      const bodyIdentical = JSON.stringify(rederived) === paper.body;
      const rederivedHash = rederived.contentHash;
      const match =
        bodyIdentical &&
        rederivedHash === paper.contentHash &&
        storedHash === paper.contentHash &&
        draw.assembler.snapshotHash === paper.snapshotHash &&
        rederived.seed === paper.seed;
      return {
        ...base,
        match,
        storedHash,
        rederivedHash,
        bodyIdentical,
        rederivedSnapshotHash: draw.assembler.snapshotHash,
      };
    } catch (err) {
      return {
        ...base,
        match: false,
        storedHash,
        rederivedHash: null,
        bodyIdentical: false,
        rederivedSnapshotHash: null,
        error: (err as Error).message,
      };
    }
  }

  private async render(paper: PaperEntity, centre: boolean) {
    const head = {
      id: paper.id,
      requestId: paper.requestId,
      kind: paper.kind,
      form: paper.form,
      label: paper.label,
      status: paper.status,
      releasedAt: iso(paper.releasedAt),
      assemblerVersion: paper.assemblerVersion,
      snapshotHash: paper.snapshotHash,
      contentHash: paper.contentHash,
      ...(centre ? { seed: paper.seed } : {}),
    };
    if (paper.kind === 'theory') {
      const body = JSON.parse(paper.body) as Paper;
      const versions = await this.contents(body.positions.map((x) => x.versionId));
      const positions: TheoryPositionView[] = body.positions.map((x) =>
        theoryPosition(x, versions.get(x.versionId) as TheoryContent, centre),
      );
      return { ...head, durationMinutes: body.durationMinutes, totalPoints: body.totalPoints, positions };
    }
    const body = JSON.parse(paper.body) as PracticalBody;
    const tasks = await this.practicalPositions(paper, centre);
    return { ...head, practicalSetId: 'setId' in body ? body.setId : null, positions: tasks };
  }

  /**
   * For the practical module, which scores these tasks: the request's practical tasks with their rubrics, or `null`
   * when the request drew no practical paper.
   */
  async practicalTasks(requestId: string): Promise<TaskView[] | null> {
    const row = (await this.repo.paperIds(requestId)).find((p) => p.kind === 'practical');
    const paper = row && (await this.repo.findPaper(row.id));
    return paper ? this.practicalPositions(paper, true) : null;
  }

  /** A practical paper's tasks: a drawn set's tasks in version order, or the composed paper's positions. */
  private async practicalPositions(paper: PaperEntity, withKeys: boolean): Promise<TaskView[]> {
    const body = JSON.parse(paper.body) as PracticalBody;
    if ('setId' in body) {
      const rows = (await this.bank.snapshotVersions(paper.requestId))
        .filter((r) => r.type === 'task' && r.practicalSetId === body.setId)
        .sort((a, b) => (a.versionId < b.versionId ? -1 : 1));
      return rows.map((r, k) => taskView(k + 1, r.versionId, r.itemId, JSON.parse(r.content) as ItemContent, withKeys));
    }
    const versions = await this.contents(body.positions.map((x) => x.versionId));
    return (body as PracticalPaper).positions.map((x) =>
      taskView(x.position, x.versionId, x.itemId, versions.get(x.versionId)!, withKeys),
    );
  }

  private async contents(versionIds: string[]): Promise<Map<string, ItemContent>> {
    return new Map(
      (await this.bank.versionsByIds(versionIds)).map((v) => [v.id, JSON.parse(v.content) as ItemContent]),
    );
  }
}

/**
 * The content hash of the body as stored now: recomputed from the positions for a theory paper (so an edited row
 * shows), the recorded field for a practical one (its body is compared byte for byte with the re-derivation anyway).
 */
function storedContentHash(paper: PaperEntity): string {
  try {
    return paper.kind === 'theory'
      ? paperContentHash(JSON.parse(paper.body) as Paper)
      : (JSON.parse(paper.body) as PracticalBody).contentHash;
  } catch {
    return '';
  }
}
