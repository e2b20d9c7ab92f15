/**
 * Input and output shapes of the assembler. Inputs are structural plain strings because the API passes
 * rows straight from storage; outputs carry branded identities so callers cannot mix them up.
 */

import type { MipSolver } from './allocation';
import type {
  Brand,
  ItemId,
  ItemType,
  ItemVersionId,
  KnowledgeMap,
  PaperTemplate,
  TheoryType,
} from '@jianding/itembank';

// The domain vocabulary is the item bank's; the assembler adds only the identities of its own records.
export type {
  Brand,
  Importance,
  ItemId,
  ItemType,
  ItemVersionId,
  KnowledgeMap,
  KnowledgeNode,
  PaperTemplate,
  TemplateSection,
  TheoryType,
} from '@jianding/itembank';

/** A seed string: the request seed from the server's CSPRNG, or one derived from it by {@link deriveSeed}. */
export type Seed = Brand<string, 'Seed'>;
/** Code of a knowledge-map node (area or leaf point), e.g. `A-01-003`. */
export type KnowledgeCode = Brand<string, 'KnowledgeCode'>;
/** Lower-case hex SHA-256 digest. */
export type Sha256Hex = Brand<string, 'Sha256Hex'>;

/** One approved item version of the bank snapshot. */
export interface SnapshotItem {
  versionId: string;
  itemId: string;
  type: ItemType;
  knowledgePoint: string;
  difficulty: number;
  /** itemIds that must never share a paper with this item (the relation is made symmetric). */
  enemies: string[];
  /** Number of options; ignored for `judge`. */
  optionCount: number;
  /** Papers in the exposure window that used this item. */
  usageCount: number;
}

export interface AssemblyOptions {
  /** Parallel papers drawn together by {@link Assembler.drawForms} / {@link assemble}; ≥ 1. */
  forms: number;
  /** Largest fraction (0..1) of a paper's items that two forms of one request may share. Default 0.3. */
  maxOverlap?: number;
  /** 0..1: items whose usageCount / papersDrawn exceeds this are skipped. Needs `papersDrawn`. */
  exposureCap?: number;
  /** Papers drawn from this bank so far in the exposure window. */
  papersDrawn?: number;
  /** Shuffle option order of single/multiple items. Default true. */
  shuffleOptions?: boolean;
}

/** Everything the assembler needs except the seed: what {@link prepare} indexes once. */
export interface PrepareInput {
  snapshot: readonly SnapshotItem[];
  map: KnowledgeMap;
  template: PaperTemplate;
  options?: AssemblyOptions;
  /** Solves the allocation when the split by weight does not fit the bank (HiGHS, loaded by the caller). */
  solver?: MipSolver;
}

export interface AssemblyInput extends PrepareInput {
  seed: string;
}

/** Options of one paper drawn by {@link Assembler.draw}. */
export interface DrawOptions {
  /** Form index recorded in the paper (A = 0, B = 1, …). Default 0. */
  form?: number;
  /** Earlier forms of the same request: this paper shares at most `maxOverlap` of its items with each. */
  avoid?: readonly Paper[];
  /** Overrides the prepared `maxOverlap`. */
  maxOverlap?: number;
  /** Overrides the prepared `shuffleOptions`. */
  shuffleOptions?: boolean;
}

/** The options that shaped a paper, recorded so the paper can be re-derived. Absent values are `null`. */
export interface ResolvedOptions {
  maxOverlap: number;
  exposureCap: number | null;
  papersDrawn: number | null;
  shuffleOptions: boolean;
  /** contentHash of each earlier form this paper was kept apart from, in order. */
  avoided: Sha256Hex[];
}

export interface PaperPosition {
  /** 1-based position in the paper (第 n 题). */
  position: number;
  /** 0-based index of the template section. */
  section: number;
  type: TheoryType;
  itemId: ItemId;
  versionId: ItemVersionId;
  knowledgePoint: KnowledgeCode;
  /** Code of the stratum (lowest area) the item was drawn for. */
  stratum: KnowledgeCode;
  points: number;
  /** displayed option index → original option index; `null` for judge items. */
  optionOrder: readonly number[] | null;
}

/** What one stratum supplies to a paper: `counts[s]` items of template section s (the allocation). */
export interface StratumAllocation {
  stratum: KnowledgeCode;
  counts: readonly number[];
}

export interface Paper {
  assemblerVersion: string;
  form: number;
  /** The seed this paper's RNG was built from. */
  seed: Seed;
  snapshotHash: Sha256Hex;
  mapHash: Sha256Hex;
  templateHash: Sha256Hex;
  options: ResolvedOptions;
  durationMinutes: number;
  totalPoints: number;
  /** The allocation the paper was drawn by, every stratum in depth-first order; the same for every paper of a request. */
  allocation: readonly StratumAllocation[];
  positions: PaperPosition[];
  contentHash: Sha256Hex;
}

export interface AssemblyResult {
  assemblerVersion: string;
  requestSeed: Seed;
  snapshotHash: Sha256Hex;
  mapHash: Sha256Hex;
  templateHash: Sha256Hex;
  papers: Paper[];
}
