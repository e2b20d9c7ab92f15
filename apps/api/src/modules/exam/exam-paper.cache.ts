import { Injectable } from '@nestjs/common';
import { candidateOptionOrders, deriveSeed } from '@jianding/assembly';
import { ItemShape, optionLetter } from '@jianding/exam';
import type { Policy, TheoryType } from '@jianding/itembank';
import { LRUCache } from 'lru-cache';
import { conflict, notFound } from '../../common/app.exception';
import { BankCatalogue } from '../banks/bank-catalogue';
import { PoliciesService } from '../banks/policies.service';
import { PapersService } from '../papers/papers.service';
import { ExamRepository } from './exam.repository';

const shapeOf = (p: Pick<BasePosition, 'type' | 'options'>): ItemShape => ({
  type: p.type,
  optionCount: p.type === 'judge' ? 0 : p.options.length,
});

/** One position of a paper with everything the server knows, the key included. Never sent to a candidate. */
export interface BasePosition {
  position: number;
  type: TheoryType;
  points: number;
  itemId: string;
  versionId: string;
  optionOrder: readonly number[] | null;
  stem: string;
  options: readonly string[];
  key: unknown;
  /** The item as a candidate sees it, per option order seen so far (a four-option item has at most 24). */
  viewsByOrder: Map<string, ExamItemView>;
}

export interface PaperBase {
  id: string;
  requestId: string;
  status: string;
  shuffleOptions: boolean;
  positions: BasePosition[];
  byPosition: Map<number, BasePosition>;
  /** What a save is checked against. The same for every seat: a permutation changes letters' meaning, not their number. */
  shapes: Map<number, ItemShape>;
}

/** What a candidate is shown: no key, no explanation, no version id, no knowledge point. */
export interface ExamItemView {
  position: number;
  type: TheoryType;
  stem: string;
  options: { key: string; text: string }[];
  points: number;
}

export interface CandidatePaper {
  paperId: string;
  items: readonly ExamItemView[];
  /** displayed → original option index per position. */
  orders: Map<number, readonly number[] | null>;
  shapes: Map<number, ItemShape>;
}

/** Immutable facts of a session, cached: its request's seed and mode, the bank's names and the policy in force. */
export interface SessionInfo {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  sebConfigKey: string | null;
  /** The request's theory papers in form order (fixed once the request is ready). */
  papers: { id: string; form: number }[];
  institutionId: string;
  requestId: string;
  requestSeed: string;
  perCandidate: boolean;
  occupationCode: string;
  occupationName: string;
  level: string;
  showResult: boolean;
  policy: Policy;
}

interface VersionContent {
  itemId: string;
  type: TheoryType;
  stem: string;
  options: readonly string[];
  key: unknown;
}

/**
 * The pre-assembled exam in memory: papers are parsed once and item versions once, so a stampede of 10,000 loads
 * reads no versions, and each item is rendered once per option order, shared by every candidate who sees that order.
 * A candidate's rendered paper (their option permutation applied) is cheap to redo; the last thousand are kept for
 * reloads, not more, because every candidate loads once at the start and a large set of renders would only sit in
 * the old generation for the collector to walk. Concurrent misses of a session or paper share one load (`fetch`); a
 * failed load is not kept. When each cache goes stale: docs/ARCHITECTURE.md.
 */
@Injectable()
export class ExamPaperCache {
  private readonly versions = new LRUCache<string, Promise<VersionContent>>({ max: 50_000 });
  private readonly papers = new LRUCache<string, PaperBase>({ max: 20_000, fetchMethod: (id) => this.loadPaper(id) });
  private readonly rendered = new LRUCache<string, CandidatePaper>({ max: 1_000 });
  private readonly sessions = new LRUCache<string, SessionInfo>({
    max: 2_000,
    fetchMethod: (id) => this.loadSession(id),
  });

  constructor(
    private readonly repo: ExamRepository,
    private readonly papersOf: PapersService,
    private readonly banks: BankCatalogue,
    private readonly policies: PoliciesService,
  ) {}

  session(id: string): Promise<SessionInfo> {
    return this.sessions.fetch(id) as Promise<SessionInfo>;
  }

  private async loadSession(id: string): Promise<SessionInfo> {
    const s = await this.repo.findSession(id);
    if (!s) throw notFound('SESSION_NOT_FOUND', 'No exam session has this id');
    const request = await this.papersOf.findRequest(s.paperRequestId);
    if (!request?.seed) throw conflict('PAPER_REQUEST_NOT_READY', 'The paper request of this session has no papers');
    const bank = await this.banks.findBankById(request.bankId);
    const papers = await this.papersOf.theoryPapers(request.id);
    return {
      id: s.id,
      name: s.name,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      sebConfigKey: s.sebConfigKey,
      papers: papers.map((p) => ({ id: p.id, form: p.form })),
      institutionId: s.institutionId,
      requestId: request.id,
      requestSeed: request.seed,
      perCandidate: request.perCandidate,
      occupationCode: bank?.occupationCode ?? '',
      occupationName: bank?.occupationName ?? '',
      level: bank?.level ?? '',
      showResult: s.showResult,
      policy: await this.policy(request.policyId ?? bank?.policyId ?? null),
    };
  }

  /** The policy by id (a preset or an admin's), else the deployment default. */
  policy(id: string | null): Promise<Policy> {
    return this.policies.inForce(id);
  }

  paper(id: string): Promise<PaperBase> {
    return this.papers.fetch(id) as Promise<PaperBase>;
  }

  private async loadPaper(id: string): Promise<PaperBase> {
    const row = await this.papersOf.findPaper(id);
    if (!row) throw notFound('PAPER_NOT_FOUND', 'The paper of this attempt is missing');
    const body = JSON.parse(row.body) as {
      options?: { shuffleOptions?: boolean };
      positions: {
        position: number;
        type: TheoryType;
        itemId: string;
        versionId: string;
        points: number;
        optionOrder: number[] | null;
      }[];
    };
    await this.loadVersions(body.positions.map((p) => p.versionId));
    const positions: BasePosition[] = [];
    for (const p of body.positions) {
      const v = await this.versions.get(p.versionId);
      if (!v) throw conflict('ITEM_VERSION_MISSING', `Item version ${p.versionId} of paper ${id} is missing`);
      positions.push({
        position: p.position,
        type: p.type,
        points: p.points,
        itemId: p.itemId,
        versionId: p.versionId,
        optionOrder: p.optionOrder,
        stem: v.stem,
        options: v.options,
        key: v.key,
        viewsByOrder: new Map(),
      });
    }
    return {
      id: row.id,
      requestId: row.requestId,
      status: row.status,
      shuffleOptions: body.options?.shuffleOptions !== false,
      positions,
      byPosition: new Map(positions.map((p) => [p.position, p])),
      shapes: new Map(positions.map((p) => [p.position, shapeOf(p)])),
    };
  }

  /** Marks a cached paper released, so the next sign-in does not try again. */
  markReleased(id: string): void {
    const paper = this.papers.get(id);
    if (paper) paper.status = 'released';
  }

  /**
   * A candidate's paper: their own per-candidate paper as drawn, or a shared form with the option order derived
   * from the request seed and their seat (`deriveSeed(seed, 'candidate:<seat>')`) when the paper shuffles options.
   */
  async forCandidate(
    paperId: string,
    seat: number,
    info: Pick<SessionInfo, 'requestSeed' | 'perCandidate'>,
  ): Promise<CandidatePaper> {
    const cacheKey = `${paperId}:${seat}`;
    const hit = this.rendered.get(cacheKey);
    if (hit) return hit;
    const base = await this.paper(paperId);
    const perSeat =
      !info.perCandidate && base.shuffleOptions
        ? candidateOptionOrders(
            { positions: base.positions as never },
            deriveSeed(info.requestSeed, `candidate:${seat}`),
          )
        : null;
    const orders = new Map<number, readonly number[] | null>();
    const shapes = new Map<number, ItemShape>();
    const items = base.positions.map((p, k): ExamItemView => {
      const order = p.type === 'judge' ? null : (perSeat?.[k] ?? p.optionOrder ?? p.options.map((_, i) => i));
      orders.set(p.position, order);
      shapes.set(p.position, shapeOf(p));
      const orderKey = order ? order.join(',') : '';
      let view = p.viewsByOrder.get(orderKey);
      if (view === undefined) {
        const options = (order ?? []).map((orig, shown) => ({ key: optionLetter(shown), text: p.options[orig] ?? '' }));
        view = { position: p.position, type: p.type, stem: p.stem, options, points: p.points };
        p.viewsByOrder.set(orderKey, view);
      }
      return view;
    });
    const paper = { paperId, items, orders, shapes };
    this.rendered.set(cacheKey, paper);
    return paper;
  }

  private async loadVersions(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => this.versions.get(id) === undefined);
    if (!missing.length) return;
    const loaded = this.papersOf.itemVersions(missing);
    for (const id of missing) {
      this.versions.set(
        id,
        loaded.then((rows) => {
          const row = rows.find((r) => r.id === id);
          if (!row) throw conflict('ITEM_VERSION_MISSING', `Item version ${id} is missing`);
          const c = JSON.parse(row.content) as { type?: string; stem?: string; options?: string[]; answer?: unknown };
          return {
            itemId: row.itemId,
            type: (c.type ?? row.type) as TheoryType,
            stem: c.stem ?? '',
            options: c.options ?? [],
            key: c.answer,
          };
        }),
      );
    }
    await Promise.all(missing.map((id) => this.versions.get(id)?.catch(() => this.versions.delete(id))));
  }
}
