import { AssemblyError } from './errors';
import { canonical, compareCodeUnits, sha256Hex } from './hash';
import { allocateParsed, type Allocation, type Supply } from './allocation';
import { parseKnowledgeMap, validateTemplate, type ParsedMap } from './knowledge-map';
import {
  asSeed,
  createRng,
  decodePermutation,
  deriveSeed,
  drawPermutation,
  FACTORIALS,
  randomIndex,
  shuffleInPlace,
  type Uint32Source,
} from './random';
import type {
  AssemblyInput,
  AssemblyOptions,
  AssemblyResult,
  DrawOptions,
  ItemId,
  ItemVersionId,
  KnowledgeCode,
  Paper,
  PaperPosition,
  PaperTemplate,
  PrepareInput,
  ResolvedOptions,
  Sha256Hex,
  SnapshotItem,
  StratumAllocation,
  TheoryType,
} from './types';
import { ASSEMBLER_VERSION } from './version';

const THEORY_TYPES: readonly TheoryType[] = ['judge', 'single', 'multiple'];
const TYPE_INDEX: Readonly<Record<string, number>> = { judge: 0, single: 1, multiple: 2 };
const TYPE_COUNT = 3;
const IMPORTANCE_INDEX = { X: 0, Y: 1, Z: 2 } as const;
const IMPORTANCE_COUNT = 3;
/** Usage bands when exposure control is on: band b holds usage in [b, b+1)·(maxAllowed+1)/4. */
export const EXPOSURE_TIERS = 4;
export const DEFAULT_MAX_OVERLAP = 0.3;

const FREE = 0;
const USED = 1;
const ENEMY = 2;
const OVERLAP = 3;

/**
 * Candidates of one type in one stratum or knowledge point, grouped by preference tier: tier t is
 * `items[bounds[t] .. bounds[t+1])`, each tier in snapshot (versionId) order.
 */
interface Pool {
  items: Int32Array;
  bounds: Int32Array;
}

interface SectionPlan {
  type: number;
  count: number;
  points: number;
  /** `[<section>,"<versionId>",<points>,` per item: the fixed start of its content tuple in this section. */
  heads: string[];
  /** [stratum, count] pairs of the allocation with count > 0, strata in depth-first order. */
  strata: Int32Array;
}

/** Option counts up to this get their permutations memoised (8! = 40,320 at most). */
const MEMO_OPTION_COUNT = 8;

/**
 * Option orders are values from a small set (n! of them), so each is built once per assembler — the
 * array (frozen: papers share it) and its canonical text `JSON.stringify(order) + ']'`. Building them per
 * position dominated the draw time.
 */
class PermutationMemo {
  private readonly orders: Array<Array<readonly number[] | undefined>> = [];
  private readonly texts: Array<Array<string | undefined>> = [];
  /** Text of the order returned by the last {@link draw}. */
  text = '';

  draw(next: Uint32Source, n: number): readonly number[] {
    if (n > MEMO_OPTION_COUNT) {
      const order = drawPermutation(next, n);
      this.text = `${JSON.stringify(order)}]`;
      return order;
    }
    const index = randomIndex(next, FACTORIALS[n]);
    const orders = (this.orders[n] ??= []);
    let order = orders[index];
    if (order === undefined) {
      order = Object.freeze(decodePermutation(n, index));
      orders[index] = order;
      (this.texts[n] ??= [])[index] = `${JSON.stringify(order)}]`;
    }
    this.text = this.texts[n][index] as string;
    return order;
  }

  identity(n: number): readonly number[] {
    const order = Object.freeze(Array.from({ length: n }, (_, i) => i));
    this.text = `${JSON.stringify(order)}]`;
    return order;
  }
}

function optionsError(message: string): AssemblyError {
  return new AssemblyError('OPTIONS_INVALID', message);
}

function snapshotError(message: string): AssemblyError {
  return new AssemblyError('SNAPSHOT_INVALID', `Bank snapshot: ${message}`);
}

function checkFraction(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw optionsError(`${name} must be a number between 0 and 1, got ${String(value)}`);
  }
  return value;
}

/** Largest integer k ≤ n with k / n ≤ fraction, decided by exact integer division comparisons. */
function largestShareWithin(fraction: number, n: number): number {
  let k = Math.floor(fraction * n);
  while (k < n && (k + 1) / n <= fraction) k++;
  while (k > 0 && k / n > fraction) k--;
  return k;
}

/** The prepared request options with defaults applied (`null` where absent). */
export interface PreparedOptions {
  forms: number;
  maxOverlap: number;
  exposureCap: number | null;
  papersDrawn: number | null;
  shuffleOptions: boolean;
}

function resolveOptions(options: AssemblyOptions | undefined): PreparedOptions {
  const o = options ?? { forms: 1 };
  if (!Number.isInteger(o.forms) || o.forms < 1)
    throw optionsError(`forms must be a whole number ≥ 1, got ${String(o.forms)}`);
  const maxOverlap = o.maxOverlap === undefined ? DEFAULT_MAX_OVERLAP : checkFraction('maxOverlap', o.maxOverlap);
  const exposureCap = o.exposureCap === undefined ? null : checkFraction('exposureCap', o.exposureCap);
  let papersDrawn: number | null = null;
  if (o.papersDrawn !== undefined) {
    if (!Number.isInteger(o.papersDrawn) || o.papersDrawn < 0)
      throw optionsError(`papersDrawn must be a whole number ≥ 0, got ${String(o.papersDrawn)}`);
    papersDrawn = o.papersDrawn;
  }
  if (exposureCap !== null && papersDrawn === null)
    throw optionsError('exposureCap needs papersDrawn (papers drawn from this bank in the exposure window)');
  if (o.shuffleOptions !== undefined && typeof o.shuffleOptions !== 'boolean')
    throw optionsError('shuffleOptions must be a boolean');
  return { forms: o.forms, maxOverlap, exposureCap, papersDrawn, shuffleOptions: o.shuffleOptions ?? true };
}

function checkSnapshotRow(row: SnapshotItem, index: number): void {
  const where = `row ${index}${row && typeof row.versionId === 'string' ? ` (version ${row.versionId})` : ''}`;
  if (!row || typeof row.versionId !== 'string' || row.versionId.length === 0)
    throw snapshotError(`${where} has no versionId`);
  if (typeof row.itemId !== 'string' || row.itemId.length === 0) throw snapshotError(`${where} has no itemId`);
  if (!['judge', 'single', 'multiple', 'task'].includes(row.type))
    throw snapshotError(`${where} has unknown type ${String(row.type)}`);
  if (typeof row.knowledgePoint !== 'string') throw snapshotError(`${where} has no knowledgePoint`);
  if (typeof row.difficulty !== 'number' || !Number.isFinite(row.difficulty))
    throw snapshotError(`${where} has no numeric difficulty`);
  if (!Array.isArray(row.enemies) || row.enemies.some((e) => typeof e !== 'string'))
    throw snapshotError(`${where} needs enemies as an array of itemIds`);
  if (!Number.isInteger(row.optionCount) || row.optionCount < 0)
    throw snapshotError(`${where} has optionCount ${String(row.optionCount)}`);
  if ((row.type === 'single' || row.type === 'multiple') && row.optionCount < 2)
    throw snapshotError(`${where} is a ${row.type} item with ${row.optionCount} options`);
  if (!Number.isInteger(row.usageCount) || row.usageCount < 0)
    throw snapshotError(`${where} has usageCount ${String(row.usageCount)}`);
}

/** Canonical hash of the snapshot: rows sorted by versionId, enemies as a sorted set, fixed field order. */
function hashSnapshot(sorted: readonly SnapshotItem[]): Sha256Hex {
  const rows = sorted.map((r) => [
    r.versionId,
    r.itemId,
    r.type,
    r.knowledgePoint,
    r.difficulty,
    [...new Set(r.enemies)].sort(compareCodeUnits),
    r.optionCount,
    r.usageCount,
  ]);
  return sha256Hex(canonical('jianding-snapshot/1', rows));
}

/** Groups `members` into `tiers` by `tierOf`, keeping their order inside a tier. */
function buildPool(members: readonly number[] | Int32Array, tiers: number, tierOf: (i: number) => number): Pool {
  const counts = new Int32Array(tiers + 1);
  for (const i of members) counts[tierOf(i) + 1]++;
  for (let t = 0; t < tiers; t++) counts[t + 1] += counts[t];
  const bounds = Int32Array.from(counts);
  const items = new Int32Array(members.length);
  const fill = Int32Array.from(counts);
  for (const i of members) items[fill[tierOf(i)]++] = i;
  return { items, bounds };
}

/**
 * A bank snapshot indexed for drawing. Everything that does not depend on the seed (validation, sorting,
 * hashing, quotas, strata, enemy lists, exposure tiers, feasibility) happens once in {@link prepare}, so
 * that {@link Assembler.draw} is only random picks over preallocated typed arrays.
 *
 * Not re-entrant: draws share scratch buffers, which is safe because JavaScript runs one draw at a time.
 */
export class Assembler {
  readonly snapshotHash: Sha256Hex;
  readonly mapHash: Sha256Hex;
  readonly templateHash: Sha256Hex;
  /** How many items of each section every area supplies (solved once here, shared by every paper). */
  readonly allocation: Allocation;
  readonly options: Readonly<PreparedOptions>;
  /** Positions per paper. */
  readonly paperLength: number;

  private readonly map: ParsedMap;
  private readonly template: PaperTemplate;
  private readonly solver: PrepareInput['solver'];
  private readonly recordedAllocation: readonly StratumAllocation[];
  private readonly plan: SectionPlan[];
  private readonly n: number;
  private readonly itemIds: string[];
  private readonly versionIds: string[];
  private readonly knowledgePoints: string[];
  private readonly typeOf: Uint8Array;
  private readonly stratumOf: Int32Array;
  private readonly optionCount: Int32Array;
  private readonly exposureTier: Uint8Array;
  private readonly overExposed: Uint8Array;
  private readonly enemyStart: Int32Array;
  private readonly enemyList: Int32Array;
  private readonly indexOfItem: Map<string, number>;
  private readonly stratumPools: Pool[];
  private readonly pointPools: Pool[];
  /** Points that have candidates, per (stratum, type, importance), in code order. */
  private readonly coverage: Int32Array[];

  // Scratch reused by every draw.
  private readonly blocked: Uint8Array;
  private readonly scratch: Int32Array;
  private readonly pointScratch: Int32Array;
  private readonly picked: Int32Array;
  private pickedCount = 0;
  private readonly permutations = new PermutationMemo();
  private next: Uint32Source = () => 0;
  private stratumPoolsNow: Pool[];
  private pointPoolsNow: Pool[];
  private avoidMembers: Uint8Array[] = [];
  private avoidItems: Int32Array[] = [];
  private avoidShared: Int32Array = new Int32Array(0);
  private avoidLimit = 0;

  constructor(input: PrepareInput) {
    this.options = resolveOptions(input.options);
    this.templateHash = validateTemplate(input.template);
    this.template = input.template;
    this.solver = input.solver;
    this.map = parseKnowledgeMap(input.map);
    this.mapHash = this.map.hash;

    if (!Array.isArray(input.snapshot)) throw snapshotError('it is not an array');
    input.snapshot.forEach(checkSnapshotRow);
    const sorted = [...input.snapshot].sort((a, b) => compareCodeUnits(a.versionId, b.versionId));
    const seenItems = new Set<string>();
    for (let r = 0; r < sorted.length; r++) {
      if (r > 0 && sorted[r].versionId === sorted[r - 1].versionId)
        throw snapshotError(`version ${sorted[r].versionId} appears twice`);
      if (seenItems.has(sorted[r].itemId))
        throw snapshotError(
          `item ${sorted[r].itemId} has two versions; a snapshot holds one approved version per item`,
        );
      seenItems.add(sorted[r].itemId);
    }
    this.snapshotHash = hashSnapshot(sorted);

    // Practical tasks share the bank but never a theory paper: they are hashed above and otherwise ignored.
    const theory = sorted.filter((r) => r.type !== 'task');
    const n = theory.length;
    this.n = n;
    this.itemIds = theory.map((r) => r.itemId);
    this.versionIds = theory.map((r) => r.versionId);
    this.knowledgePoints = theory.map((r) => r.knowledgePoint);
    this.typeOf = Uint8Array.from(theory, (r) => TYPE_INDEX[r.type]);
    this.optionCount = Int32Array.from(theory, (r) => (r.type === 'judge' ? 0 : r.optionCount));
    const pointOf = new Int32Array(n);
    this.stratumOf = new Int32Array(n);
    theory.forEach((r, i) => {
      const point = this.map.pointByCode.get(r.knowledgePoint);
      if (!point)
        throw snapshotError(
          `version ${r.versionId} cites knowledge point ${r.knowledgePoint}, which is not a leaf of the knowledge map`,
        );
      pointOf[i] = point.index;
      this.stratumOf[i] = point.stratum;
    });

    this.indexOfItem = new Map();
    this.itemIds.forEach((id, i) => this.indexOfItem.set(id, i));
    const neighbours: number[][] = theory.map(() => []);
    theory.forEach((r, i) => {
      for (const enemy of r.enemies) {
        const j = this.indexOfItem.get(enemy);
        if (j === undefined || j === i) continue;
        neighbours[i].push(j);
        neighbours[j].push(i);
      }
    });
    this.enemyStart = new Int32Array(n + 1);
    const flat: number[] = [];
    neighbours.forEach((list, i) => {
      const unique = [...new Set(list)].sort((a, b) => a - b);
      flat.push(...unique);
      this.enemyStart[i + 1] = flat.length;
    });
    this.enemyList = Int32Array.from(flat);

    // Exposure: usage above the cap excludes an item; below it, usage bands order preference.
    this.exposureTier = new Uint8Array(n);
    this.overExposed = new Uint8Array(n);
    const { exposureCap, papersDrawn } = this.options;
    if (exposureCap !== null && papersDrawn !== null && papersDrawn > 0) {
      const maxAllowed = largestShareWithin(exposureCap, papersDrawn);
      theory.forEach((r, i) => {
        if (r.usageCount > maxAllowed) this.overExposed[i] = 1;
        else this.exposureTier[i] = Math.floor((EXPOSURE_TIERS * r.usageCount) / (maxAllowed + 1));
      });
    }

    const strataCount = this.map.strata.length;
    const pointCount = this.map.points.length;
    const stratumMembers: number[][] = Array.from({ length: strataCount * TYPE_COUNT }, () => []);
    const pointMembers: number[][] = Array.from({ length: pointCount * TYPE_COUNT }, () => []);
    for (let i = 0; i < n; i++) {
      if (this.overExposed[i]) continue;
      stratumMembers[this.stratumOf[i] * TYPE_COUNT + this.typeOf[i]].push(i);
      pointMembers[pointOf[i] * TYPE_COUNT + this.typeOf[i]].push(i);
    }
    const staticTier = (i: number): number => this.exposureTier[i];
    this.stratumPools = stratumMembers.map((m) => buildPool(m, EXPOSURE_TIERS, staticTier));
    this.pointPools = pointMembers.map((m) => buildPool(m, EXPOSURE_TIERS, staticTier));
    this.stratumPoolsNow = this.stratumPools;
    this.pointPoolsNow = this.pointPools;
    this.coverage = [];
    for (let s = 0; s < strataCount; s++) {
      for (let t = 0; t < TYPE_COUNT; t++) {
        for (let c = 0; c < IMPORTANCE_COUNT; c++) {
          const list = this.map.strata[s].points
            .filter((p) => IMPORTANCE_INDEX[p.importance] === c && pointMembers[p.index * TYPE_COUNT + t].length > 0)
            .map((p) => p.index);
          this.coverage.push(Int32Array.from(list));
        }
      }
    }

    this.allocation = this.allocate();
    this.recordedAllocation = Object.freeze(
      this.allocation.strata.map((a) => Object.freeze({ stratum: a.code, counts: Object.freeze([...a.counts]) })),
    );
    this.plan = input.template.sections.map((section, index) => {
      const strata: number[] = [];
      this.allocation.strata.forEach((a, s) => {
        if (a.counts[index] > 0) strata.push(s, a.counts[index]);
      });
      return {
        type: TYPE_INDEX[section.type],
        count: section.count,
        points: section.pointsEach,
        heads: theory.map((r) => `[${index},${JSON.stringify(r.versionId)},${JSON.stringify(section.pointsEach)},`),
        strata: Int32Array.from(strata),
      };
    });
    this.paperLength = this.plan.reduce((sum, p) => sum + p.count, 0);

    this.blocked = new Uint8Array(n);
    this.scratch = new Int32Array(Math.max(1, ...this.stratumPools.map((p) => p.items.length)));
    this.pointScratch = new Int32Array(Math.max(1, ...this.coverage.map((c) => c.length)));
    this.picked = new Int32Array(this.paperLength);
  }

  /**
   * The allocation over the items a draw may use (not over the exposure cap). When none exists, the refusal
   * says whether the exposure cap is the cause: with the over-exposed items back, would an allocation exist?
   */
  private allocate(): Allocation {
    const drawable: Supply = (stratum, type) => this.stratumPools[stratum * TYPE_COUNT + TYPE_INDEX[type]].items.length;
    try {
      return allocateParsed(this.map, this.template, drawable, this.solver);
    } catch (err) {
      if (!(err instanceof AssemblyError) || err.code !== 'ALLOCATION_INFEASIBLE' || !this.overExposed.includes(1))
        throw err;
      const all: Supply = (stratum, type) => drawable(stratum, type) + this.countOverExposed(stratum, TYPE_INDEX[type]);
      try {
        allocateParsed(this.map, this.template, all, this.solver);
      } catch {
        throw err;
      }
      throw new AssemblyError(
        'EXPOSURE_INFEASIBLE',
        `${err.message} Too many items are over the exposure cap: without the cap the template could be drawn. 超过曝光率上限的试题过多。`,
        {
          stratum: err.stratum,
          sectionType: err.sectionType,
          needed: err.needed,
          available: err.available,
          details: err.details,
        },
      );
    }
  }

  private countOverExposed(stratum: number, type: number): number {
    let count = 0;
    for (let i = 0; i < this.n; i++)
      if (this.overExposed[i] && this.stratumOf[i] === stratum && this.typeOf[i] === type) count++;
    return count;
  }

  /** Draws one paper whose RNG is built from `seed`; `options.avoid` lists earlier forms of the same request. */
  draw(seed: string, options: DrawOptions = {}): Paper {
    const paperSeed = asSeed(seed);
    const form = options.form ?? 0;
    if (!Number.isInteger(form) || form < 0) throw optionsError(`form must be a whole number ≥ 0, got ${String(form)}`);
    const maxOverlap =
      options.maxOverlap === undefined ? this.options.maxOverlap : checkFraction('maxOverlap', options.maxOverlap);
    const shuffleOptions = options.shuffleOptions ?? this.options.shuffleOptions;
    const avoid = options.avoid ?? [];

    this.next = createRng(paperSeed);
    this.blocked.fill(FREE);
    this.pickedCount = 0;
    this.setUpAvoidance(avoid, maxOverlap);

    const picked = this.picked;
    const contentParts = new Array<string>(this.paperLength);
    const positions = new Array<PaperPosition>(this.paperLength);
    for (let sec = 0; sec < this.plan.length; sec++) {
      const section = this.plan[sec];
      const start = this.pickedCount;
      for (let k = 0; k < section.strata.length; k += 2) {
        this.fillStratum(sec, section.type, section.strata[k], section.strata[k + 1], form);
      }
      // Picks come out grouped by stratum and X points first; the order the candidate sees must not show that.
      shuffleInPlace(this.next, picked.subarray(start, this.pickedCount));
    }

    const memo = this.permutations;
    let p = 0;
    for (let sec = 0; sec < this.plan.length; sec++) {
      const section = this.plan[sec];
      const type = THEORY_TYPES[section.type];
      for (let k = 0; k < section.count; k++, p++) {
        const i = picked[p];
        let optionOrder: readonly number[] | null = null;
        if (section.type !== 0)
          optionOrder = shuffleOptions ? memo.draw(this.next, this.optionCount[i]) : memo.identity(this.optionCount[i]);
        positions[p] = {
          position: p + 1,
          section: sec,
          type,
          itemId: this.itemIds[i] as ItemId,
          versionId: this.versionIds[i] as ItemVersionId,
          knowledgePoint: this.knowledgePoints[i] as KnowledgeCode,
          stratum: this.map.strata[this.stratumOf[i]].code,
          points: section.points,
          optionOrder,
        };
        contentParts[p] = optionOrder === null ? section.heads[i] + 'null]' : section.heads[i] + memo.text;
      }
    }

    const resolved: ResolvedOptions = {
      maxOverlap,
      exposureCap: this.options.exposureCap,
      papersDrawn: this.options.papersDrawn,
      shuffleOptions,
      avoided: avoid.map((a) => a.contentHash),
    };
    return {
      assemblerVersion: ASSEMBLER_VERSION,
      form,
      seed: paperSeed,
      snapshotHash: this.snapshotHash,
      mapHash: this.mapHash,
      templateHash: this.templateHash,
      options: resolved,
      durationMinutes: this.template.durationMinutes,
      totalPoints: 100,
      allocation: this.recordedAllocation,
      positions,
      // Same text as paperContentText(paper), built from precomputed pieces because this runs per candidate.
      contentHash: sha256Hex(`["jianding-paper/1",[${this.template.durationMinutes},[${contentParts.join(',')}]]]`),
    };
  }

  /**
   * Draws `forms` parallel papers for one request: form k uses `deriveSeed(requestSeed, 'form:' + k)` and
   * avoids forms 0..k−1.
   */
  drawForms(
    requestSeed: string,
    options: Partial<Pick<AssemblyOptions, 'forms' | 'maxOverlap' | 'shuffleOptions'>> = {},
  ): AssemblyResult {
    const seed = asSeed(requestSeed);
    const forms = options.forms ?? this.options.forms;
    if (!Number.isInteger(forms) || forms < 1)
      throw optionsError(`forms must be a whole number ≥ 1, got ${String(forms)}`);
    const papers: Paper[] = [];
    for (let k = 0; k < forms; k++) {
      papers.push(
        this.draw(deriveSeed(seed, `form:${k}`), {
          form: k,
          avoid: papers.slice(),
          maxOverlap: options.maxOverlap,
          shuffleOptions: options.shuffleOptions,
        }),
      );
    }
    return {
      assemblerVersion: ASSEMBLER_VERSION,
      requestSeed: seed,
      snapshotHash: this.snapshotHash,
      mapHash: this.mapHash,
      templateHash: this.templateHash,
      papers,
    };
  }

  /**
   * Items of earlier forms move to a less preferred tier (so forms differ as much as the bank allows) and,
   * once this paper shares `maxShared` items with a form, the rest of that form is blocked.
   */
  private setUpAvoidance(avoid: readonly Paper[], maxOverlap: number): void {
    this.avoidMembers = [];
    this.avoidItems = [];
    if (avoid.length === 0) {
      this.stratumPoolsNow = this.stratumPools;
      this.pointPoolsNow = this.pointPools;
      return;
    }
    const shared = new Uint8Array(this.n);
    for (const paper of avoid) {
      const members = new Uint8Array(this.n);
      const items: number[] = [];
      for (const position of paper.positions) {
        const i = this.indexOfItem.get(position.itemId);
        if (i === undefined || members[i]) continue;
        members[i] = 1;
        shared[i] = 1;
        items.push(i);
      }
      this.avoidMembers.push(members);
      this.avoidItems.push(Int32Array.from(items));
    }
    this.avoidShared = new Int32Array(avoid.length);
    this.avoidLimit = largestShareWithin(maxOverlap, this.paperLength);
    if (this.avoidLimit === 0) for (let f = 0; f < avoid.length; f++) this.blockForm(f);
    const tierOf = (i: number): number => this.exposureTier[i] + (shared[i] ? EXPOSURE_TIERS : 0);
    this.stratumPoolsNow = this.stratumPools.map((pool) => buildPool(pool.items, 2 * EXPOSURE_TIERS, tierOf));
    this.pointPoolsNow = this.pointPools.map((pool) => buildPool(pool.items, 2 * EXPOSURE_TIERS, tierOf));
  }

  private blockForm(f: number): void {
    for (const i of this.avoidItems[f]) if (this.blocked[i] === FREE) this.blocked[i] = OVERLAP;
  }

  private take(i: number): void {
    const blocked = this.blocked;
    blocked[i] = USED;
    this.picked[this.pickedCount++] = i;
    for (let e = this.enemyStart[i]; e < this.enemyStart[i + 1]; e++) {
      const j = this.enemyList[e];
      if (blocked[j] === FREE) blocked[j] = ENEMY;
    }
    for (let f = 0; f < this.avoidMembers.length; f++) {
      if (this.avoidMembers[f][i] && ++this.avoidShared[f] === this.avoidLimit) this.blockForm(f);
    }
  }

  /**
   * Takes up to `want` free items from `pool`, best tier first; inside a tier, a lazy forward Fisher–Yates
   * gives a uniformly random order and free items are taken as they come. The swaps are done on the pool
   * itself and undone afterwards (cheaper than copying the tier), so every draw starts from the same order.
   */
  private takeFromPool(pool: Pool, want: number): number {
    const items = pool.items;
    const swaps = this.scratch;
    const blocked = this.blocked;
    let taken = 0;
    const tiers = pool.bounds.length - 1;
    for (let t = 0; t < tiers && taken < want; t++) {
      const from = pool.bounds[t];
      const length = pool.bounds[t + 1] - from;
      let m = 0;
      for (; m < length && taken < want; m++) {
        const j = m + randomIndex(this.next, length - m);
        swaps[m] = j;
        const candidate = items[from + j];
        items[from + j] = items[from + m];
        items[from + m] = candidate;
        if (blocked[candidate] === FREE) {
          this.take(candidate);
          taken++;
        }
      }
      while (m-- > 0) {
        const j = swaps[m];
        const moved = items[from + m];
        items[from + m] = items[from + j];
        items[from + j] = moved;
      }
    }
    return taken;
  }

  /** Coverage (X points, then Y, then Z, one item each in seeded point order), then a uniform fill. */
  private fillStratum(section: number, type: number, stratum: number, quota: number, form: number): void {
    let got = 0;
    const points = this.pointScratch;
    for (let c = 0; c < IMPORTANCE_COUNT && got < quota; c++) {
      const list = this.coverage[(stratum * TYPE_COUNT + type) * IMPORTANCE_COUNT + c];
      const length = list.length;
      for (let k = 0; k < length; k++) points[k] = list[k];
      for (let m = 0; m < length && got < quota; m++) {
        const j = m + randomIndex(this.next, length - m);
        const point = points[j];
        points[j] = points[m];
        points[m] = point;
        got += this.takeFromPool(this.pointPoolsNow[point * TYPE_COUNT + type], 1);
      }
    }
    if (got < quota) got += this.takeFromPool(this.stratumPoolsNow[stratum * TYPE_COUNT + type], quota - got);
    if (got < quota) this.failStratum(section, type, stratum, quota, got, form);
  }

  private failStratum(section: number, type: number, stratum: number, quota: number, got: number, form: number): never {
    const counts = [0, 0, 0, 0];
    for (const i of this.stratumPools[stratum * TYPE_COUNT + type].items) counts[this.blocked[i]]++;
    const typeName = THEORY_TYPES[type];
    const code = this.map.strata[stratum].code;
    const overExposed = this.countOverExposed(stratum, type);
    const reasons = [
      overExposed > 0 ? `${overExposed} over the exposure cap` : '',
      counts[ENEMY] > 0 ? `${counts[ENEMY]} excluded as enemies of items already drawn` : '',
      counts[OVERLAP] > 0
        ? `${counts[OVERLAP]} excluded by the ${this.avoidLimit}-item overlap cap with earlier forms`
        : '',
      counts[USED] - got > 0 ? `${counts[USED] - got} already used by earlier sections` : '',
    ].filter(Boolean);
    throw new AssemblyError(
      counts[OVERLAP] > 0 ? 'OVERLAP_INFEASIBLE' : 'STRATUM_INFEASIBLE',
      `Cannot fill section ${section} (${typeName}) from stratum ${code}${form > 0 ? ` in form ${form}` : ''}: needs ${quota} ${typeName} items, only ${got} could be drawn` +
        (reasons.length > 0 ? ` (${reasons.join('; ')})` : ''),
      {
        section,
        sectionType: typeName,
        stratum: code,
        needed: quota,
        available: got,
        form,
        details: {
          overExposed,
          enemies: counts[ENEMY],
          overlap: counts[OVERLAP],
          usedEarlier: counts[USED] - got,
          overlapLimit: this.avoidLimit,
        },
      },
    );
  }
}

/** Validates and indexes everything but the seed, once per request (or per bank snapshot). */
export function prepare(input: PrepareInput): Assembler {
  return new Assembler(input);
}

/** One-shot convenience: `prepare(input).drawForms(input.seed)`. */
export function assemble(input: AssemblyInput): AssemblyResult {
  return prepare(input).drawForms(input.seed);
}

/**
 * The canonical text whose SHA-256 is a paper's `contentHash`: what the candidate is shown, in order —
 * per position its section, item version, points and option order. Item, type and knowledge point are not
 * repeated because an item version is immutable and determines them.
 * Auditors can recompute it from a stored paper without the assembler.
 */
export function paperContentText(paper: Pick<Paper, 'durationMinutes' | 'positions'>): string {
  return canonical('jianding-paper/1', [
    paper.durationMinutes,
    paper.positions.map((p) => [p.section, p.versionId, p.points, p.optionOrder]),
  ]);
}

/** Recomputes a stored paper's content hash, e.g. to show a record was not edited after the draw. */
export function paperContentHash(paper: Pick<Paper, 'durationMinutes' | 'positions'>): Sha256Hex {
  return sha256Hex(paperContentText(paper));
}

/**
 * Per-candidate option orders for a shared paper (A/B forms with candidate-specific option order): one
 * RNG from `seed` (e.g. `deriveSeed(requestSeed, 'candidate:' + i)`), a permutation per non-judge position in
 * position order, `null` for judge items.
 */
export function candidateOptionOrders(paper: Pick<Paper, 'positions'>, seed: string): Array<number[] | null> {
  const next = createRng(asSeed(seed));
  return paper.positions.map((p) => (p.optionOrder === null ? null : drawPermutation(next, p.optionOrder.length)));
}
