import type { Shortfall, StratumNeed } from '@jianding/itembank';
import { AssemblyError } from './errors';
import {
  largestRemainder,
  parseKnowledgeMap,
  validateTemplate,
  type ParsedArea,
  type ParsedMap,
} from './knowledge-map';
import type { KnowledgeCode, KnowledgeMap, PaperTemplate, TheoryType } from './types';

const TYPES: readonly TheoryType[] = ['judge', 'single', 'multiple'];
const TYPE_NAMES: Readonly<Record<TheoryType, string>> = { judge: '判断题', single: '单选题', multiple: '多选题' };
/**
 * Slack on a bound fixed from an earlier stage's optimum, in points: above the solver's feasibility tolerance
 * (1e-7) so a bound met exactly is never read as infeasible, far below any difference one item makes.
 */
const SLACK = 1e-6;
/**
 * Exact optimality (no gap), one thread, fixed random seed and no time limit: the same model gives the same
 * answer on every machine.
 */
const SOLVER_OPTIONS = {
  presolve: 'on',
  mip_rel_gap: 0,
  mip_abs_gap: 1e-9,
  random_seed: 0,
  threads: 1,
  output_flag: false,
} as const;

/**
 * The integer-programming solver the allocation runs on: HiGHS, as the `highs` package (HiGHS compiled to
 * WebAssembly) loads it. It is passed in because loading it is asynchronous and reads its WebAssembly file;
 * a bank whose split by weight fits never needs it.
 */
export interface MipSolver {
  solve(problem: string, options?: Record<string, unknown>): { Status: string; Columns: Record<string, unknown> };
}

interface Constraint {
  min?: number;
  max?: number;
  equal?: number;
}

/** A model by rows: variable → (row → coefficient); the objective is one of the rows. */
interface Model {
  objective: string;
  constraints: Map<string, Constraint>;
  variables: Map<string, Map<string, number>>;
  /** Integer variables with their upper bounds. */
  integers: Map<string, number>;
}

/** The model in the CPLEX LP format HiGHS reads. Numbers print as JavaScript prints them (shortest round trip). */
function lpText(model: Model): string {
  const rows = new Map<string, string[]>();
  const objective: string[] = [];
  const term = (coef: number, name: string) => `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${name}`;
  for (const [name, coefficients] of model.variables) {
    for (const [row, coef] of coefficients) {
      if (coef === 0) continue;
      if (row === model.objective) objective.push(term(coef, name));
      if (model.constraints.has(row)) {
        let list = rows.get(row);
        if (!list) rows.set(row, (list = []));
        list.push(term(coef, name));
      }
    }
  }
  const lines = ['Minimize', ` obj: ${objective.length > 0 ? objective.join(' ') : '0 maxdev'}`, 'Subject To'];
  for (const [row, c] of model.constraints) {
    const terms = rows.get(row);
    if (!terms) continue;
    const expr = terms.join(' ');
    if (c.equal !== undefined) lines.push(` ${row}: ${expr} = ${c.equal}`);
    if (c.min !== undefined) lines.push(` ${row}_lo: ${expr} >= ${c.min}`);
    if (c.max !== undefined) lines.push(` ${row}_hi: ${expr} <= ${c.max}`);
  }
  lines.push('Bounds');
  for (const [name, upper] of model.integers) lines.push(` 0 <= ${name} <= ${upper}`);
  lines.push('General', ` ${[...model.integers.keys()].join(' ')}`, 'End');
  return lines.join('\n');
}

/**
 * Tie-break weights of the cells, in order: square roots of the primes 2, 3, 5, …, which are linearly
 * independent over the rationals, so no two different integer allocations weigh the same and the optimum
 * is unique.
 */
const TIE_WEIGHTS: number[] = [];
for (let k = 2; TIE_WEIGHTS.length < 4096; k++) {
  let prime = true;
  for (let d = 2; d * d <= k && prime; d++) prime = k % d !== 0;
  if (prime) TIE_WEIGHTS.push(Math.sqrt(k));
}

/** How many drawable items of a type stratum `stratum` (index into the parsed strata) holds. */
export type Supply = (stratum: number, type: TheoryType) => number;

export interface AreaAllocation {
  code: KnowledgeCode;
  /** Parent area code; `null` for a top-level area. */
  parent: KnowledgeCode | null;
  depth: number;
  weight: number;
  /** True for the lowest areas, where items are drawn. */
  isStratum: boolean;
  /** Items of each template section (by index) drawn from this area. */
  counts: number[];
  /** Points those items are worth. */
  points: number;
  /** Points the area's weight asks for: weight % of its parent's points (of 100 at the top level). */
  target: number;
  /** Drawable items of each type in the area. */
  holds: Record<TheoryType, number>;
}

export interface Allocation {
  /** `proportional`: every split by weight fitted the bank as it is; `solved`: at least one split was solved. */
  method: 'proportional' | 'solved';
  /** Every area in depth-first pre-order (children by code). */
  areas: AreaAllocation[];
  /** The strata (lowest areas) in depth-first order. */
  strata: AreaAllocation[];
}

/** Why no allocation exists, in the words of the 细目表: which area needs how many points and what it holds. */
export interface AllocationProblem {
  /** The area that cannot get its points; `null` when the bank as a whole lacks items of `type`. */
  area: KnowledgeCode | null;
  type?: TheoryType;
  /** Points the weight asks for, and how far from them the area may be. */
  target?: number;
  tolerance?: number;
  /** The closest the area can get with the items the bank holds. */
  closest?: number;
  /** Items the paper needs of `type`, and how many the bank holds. */
  needed?: number;
  available?: number;
  holds?: Record<TheoryType, number>;
  message: string;
}

interface Section {
  type: TheoryType;
  points: number;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const pointsOf = (counts: readonly number[], sections: readonly Section[]): number =>
  counts.reduce((sum, n, j) => sum + n * sections[j].points, 0);

function holdsText(holds: Record<TheoryType, number>, chinese: boolean): string {
  return chinese
    ? TYPES.map((t) => `${TYPE_NAMES[t]} ${holds[t]} 道`).join('、')
    : `${holds.judge} judge, ${holds.single} single and ${holds.multiple} multiple-choice items`;
}

function infeasible(problem: AllocationProblem): AssemblyError {
  return new AssemblyError('ALLOCATION_INFEASIBLE', problem.message, {
    stratum: problem.area ?? undefined,
    sectionType: problem.type,
    needed: problem.needed,
    available: problem.available,
    details: { problem },
  });
}

/**
 * The allocation as one integer problem over the whole tree: x[s][j] items of section j from stratum s, every
 * section's count handed out exactly, no stratum asked for more items of a type than it holds, and every
 * area's points P within `bound` of its target, weight × its parent's points (of the whole paper at the top):
 * |P(a) − r(a)·P(parent)| ≤ bound(a), linear because the parent's points are a sum of the same cells.
 */
class TreeProblem {
  /** Free variables (stratum, section) with their upper bound; a cell that can only be 0 is left out. */
  readonly cells: Array<{ s: number; j: number; name: string; upper: number }> = [];

  constructor(
    private readonly tree: Tree,
    private readonly sections: readonly Section[],
    readonly need: readonly number[],
  ) {
    tree.caps.forEach((cap, s) =>
      sections.forEach((section, j) => {
        const upper = Math.min(need[j], cap[section.type]);
        if (upper > 0) this.cells.push({ s, j, name: `x${s}_${j}`, upper });
      }),
    );
  }

  /**
   * The model with the points bounds (`bound[a]`, or `excess` variables over them when `relaxed`), the
   * bounds fixed by earlier stages, and `objective` as one of the named rows.
   */
  model(bound: readonly number[], objective: string, fixed: ReadonlyMap<string, Constraint>, relaxed = false): Model {
    const { tree } = this;
    const total = pointsOf(this.need, this.sections);
    const constraints = new Map<string, Constraint>();
    const variables = new Map<string, Map<string, number>>();
    const coefficients = (name: string): Map<string, number> => {
      let row = variables.get(name);
      if (!row) variables.set(name, (row = new Map()));
      return row;
    };
    this.need.forEach((n, j) => constraints.set(`count${j}`, { equal: n }));
    tree.caps.forEach((cap, s) => {
      for (const t of TYPES) constraints.set(`cap${s}_${t}`, { max: cap[t] });
    });
    const maxdev = coefficients('maxdev').set('maxdev', 1);
    tree.areas.forEach((_, a) => {
      // dev ≥ ±(P(a) − r(a)·P(parent)); at the top P(parent) is the paper's total, a constant.
      const top = tree.parent[a] < 0;
      constraints.set(`over${a}`, { min: top ? -tree.ratio[a] * total : 0 });
      constraints.set(`under${a}`, { min: top ? tree.ratio[a] * total : 0 });
      constraints.set(`max${a}`, { min: 0 });
      constraints.set(`bound${a}`, { max: bound[a] });
      coefficients(`dev${a}`)
        .set(`over${a}`, 1)
        .set(`under${a}`, 1)
        .set(`max${a}`, -1)
        .set(`bound${a}`, 1)
        .set('sumdev', 1);
      maxdev.set(`max${a}`, 1);
      if (relaxed) coefficients(`excess${a}`).set(`bound${a}`, -1).set('excess', 1);
    });
    this.cells.forEach((c, k) => {
      const x = coefficients(c.name);
      const section = this.sections[c.j];
      x.set('tiebreak', TIE_WEIGHTS[k]).set(`count${c.j}`, 1).set(`cap${c.s}_${section.type}`, 1);
      for (const a of tree.ancestors[c.s]) {
        // The cell counts in P(a) and, unless a is at the top, in P(parent(a)).
        const own = section.points;
        const parentShare = tree.parent[a] < 0 ? 0 : tree.ratio[a] * section.points;
        x.set(`over${a}`, -own + parentShare).set(`under${a}`, own - parentShare);
      }
      // The areas beside those: their parent's points count the cell, their own do not.
      for (const a of tree.siblingsOfAncestors[c.s]) {
        const parentShare = tree.ratio[a] * section.points;
        x.set(`over${a}`, parentShare).set(`under${a}`, -parentShare);
      }
    });
    for (const [name, constraint] of fixed) constraints.set(name, constraint);
    return { objective, constraints, variables, integers: new Map(this.cells.map((c) => [c.name, c.upper])) };
  }

  /** Counts per stratum and section from a solver answer (integers within precision, rounded). */
  counts(values: ReadonlyMap<string, number>): number[][] {
    const out = this.tree.caps.map(() => this.sections.map(() => 0));
    for (const c of this.cells) out[c.s][c.j] = Math.round(values.get(c.name) ?? 0);
    return out;
  }
}

/** The parsed map flattened for the problem: areas in pre-order, strata by index. */
interface Tree {
  areas: ParsedArea[];
  /** Index of each area's parent, −1 at the top. */
  parent: number[];
  /** weight / sum of the sibling weights. */
  ratio: number[];
  /** Per stratum: the areas that contain it (itself included). */
  ancestors: number[][];
  /** Per stratum: the areas that do not contain it but whose parent does (their target counts it). */
  siblingsOfAncestors: number[][];
  caps: Array<Record<TheoryType, number>>;
}

function flatten(map: ParsedMap, caps: Array<Record<TheoryType, number>>): Tree {
  const index = new Map(map.areas.map((a, i) => [a, i]));
  const parent = map.areas.map((a) => (a.parent ? (index.get(a.parent) as number) : -1));
  const ratio = map.areas.map((a) => {
    const siblings = a.parent ? a.parent.areas : map.top;
    return a.weightUnits / siblings.reduce((sum, b) => sum + b.weightUnits, 0);
  });
  const ancestors = map.strata.map((st) => {
    const out: number[] = [];
    for (let a: ParsedArea | null = st; a; a = a.parent) out.push(index.get(a) as number);
    return out;
  });
  const siblingsOfAncestors = ancestors.map((mine) =>
    map.areas.flatMap((_, i) => (parent[i] >= 0 && mine.includes(parent[i]) && !mine.includes(i) ? [i] : [])),
  );
  return { areas: map.areas, parent, ratio, ancestors, siblingsOfAncestors, caps };
}

/** The solver's values, or `null` when the model has no solution. */
function run(solver: MipSolver, model: Model): Map<string, number> | null {
  const answer = solver.solve(lpText(model), SOLVER_OPTIONS);
  if (answer.Status === 'Infeasible') return null;
  if (answer.Status !== 'Optimal')
    throw new AssemblyError('ALLOCATION_INFEASIBLE', `The allocation solver stopped with status ${answer.Status}`);
  return new Map(
    Object.entries(answer.Columns).map(([name, column]) => [name, (column as { Primal?: number }).Primal ?? 0]),
  );
}

/** Per area: its points and its deviation from weight × its parent's points, for strata counts `counts`. */
function evaluate(tree: Tree, counts: readonly number[][], sections: readonly Section[], total: number) {
  const points = tree.areas.map(() => 0);
  counts.forEach((row, s) => {
    const p = pointsOf(row, sections);
    for (const a of tree.ancestors[s]) points[a] += p;
  });
  const targets = tree.areas.map((_, a) => tree.ratio[a] * (tree.parent[a] < 0 ? total : points[tree.parent[a]]));
  const deviations = points.map((p, a) => Math.abs(p - targets[a]));
  return { points, targets, deviations };
}

/**
 * The unique best allocation within `bound`, or `null` when none exists. Lexicographic, each stage fixing the
 * optimum of the one before (recomputed exactly from the integer answer, so no solver rounding carries over):
 * the largest deviation of an area from its target, then the sum of deviations, then the tie-break Σ wₖ·xₖ
 * over the cells in (stratum, section) order with the weights of {@link TIE_WEIGHTS}. The last stage makes the
 * optimum unique, so the answer does not depend on which optimal vertex a solver version happens to return.
 */
function bestAllocation(
  solver: MipSolver,
  problem: TreeProblem,
  tree: Tree,
  bound: readonly number[],
  sections: readonly Section[],
  total: number,
): number[][] | null {
  const fixed = new Map<string, Constraint>();
  let values = run(solver, problem.model(bound, 'maxdev', fixed));
  if (!values) return null;
  let counts = problem.counts(values);
  fixed.set('maxdev', { max: Math.max(...evaluate(tree, counts, sections, total).deviations) + SLACK });
  values = run(solver, problem.model(bound, 'sumdev', fixed));
  if (values) counts = problem.counts(values);
  const sum = evaluate(tree, counts, sections, total).deviations.reduce((a, b) => a + b, 0);
  fixed.set('sumdev', { max: sum + SLACK * tree.areas.length });
  values = run(solver, problem.model(bound, 'tiebreak', fixed));
  return values ? problem.counts(values) : counts;
}

/**
 * Allocates the template over the knowledge map: how many items of each section every area, down to the
 * strata, supplies.
 *
 * - The split by weight — each section's count over the top-level areas by largest remainder
 *   ({@link largestRemainder}), each area's share again over its sub-areas — when every stratum holds the items
 *   of each type that split asks of it: the common case, and then nothing is solved.
 * - Otherwise the integer problem of {@link TreeProblem}: every section's count exact, no stratum asked for
 *   more items of a type than it holds, each area's points no further from weight × its parent's points than
 *   the split by weight put them, or failing that within one item (the template's largest points per item);
 *   among those, the allocation of {@link bestAllocation}.
 *
 * Without `supply` every stratum holds enough (the split by weight). Throws `ALLOCATION_INFEASIBLE` when no
 * allocation exists, naming the area and what it holds.
 */
export function allocateParsed(
  map: ParsedMap,
  template: PaperTemplate,
  supply?: Supply,
  solver?: MipSolver,
): Allocation {
  const sections: Section[] = template.sections.map((s) => ({ type: s.type, points: s.pointsEach }));
  const need = template.sections.map((s) => s.count);
  const total = pointsOf(need, sections);
  const caps = map.strata.map((st) => {
    const h = { judge: 0, single: 0, multiple: 0 };
    for (const t of TYPES) h[t] = supply ? supply(st.stratum, t) : Number.POSITIVE_INFINITY;
    return h;
  });
  const tree = flatten(map, caps);
  const holds = tree.areas.map(() => ({ judge: 0, single: 0, multiple: 0 }));
  caps.forEach((cap, s) => {
    for (const a of tree.ancestors[s]) for (const t of TYPES) holds[a][t] += cap[t];
  });

  // The split by weight, down the tree.
  const proportional = map.strata.map(() => sections.map(() => 0));
  const split = (children: ParsedArea[], counts: number[]): void => {
    const byWeight = counts.map((n) => largestRemainder(n, children));
    children.forEach((child, i) => {
      const mine = counts.map((_, j) => byWeight[j][i]);
      if (child.stratum >= 0) proportional[child.stratum] = mine;
      else split(child.areas, mine);
    });
  };
  split(map.top, need);
  const fits = proportional.every((row, s) =>
    TYPES.every((t) => row.reduce((sum, n, j) => sum + (sections[j].type === t ? n : 0), 0) <= caps[s][t]),
  );

  let counts = proportional;
  if (!fits) {
    for (const t of TYPES) {
      const needed = need.reduce((sum, n, j) => sum + (sections[j].type === t ? n : 0), 0);
      const available = caps.reduce((sum, c) => sum + c[t], 0);
      if (needed > available) throw infeasible(typeShortage(t, needed, available, map.top, tree, holds));
    }
    if (!solver)
      throw new AssemblyError(
        'OPTIONS_INVALID',
        'The split by weight does not fit this bank, so the allocation must be solved: pass the HiGHS solver',
      );
    const problem = new TreeProblem(tree, sections, need);
    const proportionalPoints = evaluate(tree, proportional, sections, total);
    const byWeight = proportionalPoints.deviations;
    const oneItem = Math.max(...sections.map((s) => s.points));
    const withinOneItem = byWeight.map((d) => Math.max(d, oneItem) + SLACK);
    const solved =
      bestAllocation(
        solver,
        problem,
        tree,
        byWeight.map((d) => d + SLACK),
        sections,
        total,
      ) ?? bestAllocation(solver, problem, tree, withinOneItem, sections, total);
    if (!solved)
      throw infeasible(
        bindingArea(solver, problem, tree, withinOneItem, holds, sections, need, total, proportionalPoints),
      );
    counts = solved;
  }

  const { points, targets } = evaluate(tree, counts, sections, total);
  const areas = tree.areas.map((area, a): AreaAllocation => {
    const mine = sections.map(() => 0);
    counts.forEach((row, s) => {
      if (tree.ancestors[s].includes(a)) row.forEach((n, j) => (mine[j] += n));
    });
    return {
      code: area.code,
      parent: area.parent ? area.parent.code : null,
      depth: area.depth,
      weight: area.weight,
      isStratum: area.stratum >= 0,
      counts: mine,
      points: round6(points[a]),
      target: round6(targets[a]),
      holds: holds[a],
    };
  });
  return { method: fits ? 'proportional' : 'solved', areas, strata: areas.filter((a) => a.isStratum) };
}

function typeShortage(
  type: TheoryType,
  needed: number,
  available: number,
  top: readonly ParsedArea[],
  tree: Tree,
  holds: ReadonlyArray<Record<TheoryType, number>>,
): AllocationProblem {
  const where = top.map((c) => `${c.code} ${holds[tree.areas.indexOf(c)][type]}`).join(', ');
  return {
    area: null,
    type,
    needed,
    available,
    message:
      `The paper needs ${needed} ${type} items but the bank holds ${available} that can be drawn (${where}). ` +
      `试卷需要${TYPE_NAMES[type]} ${needed} 道，题库可用的仅有 ${available} 道。`,
  };
}

/**
 * Names the area that cannot get its points. First, in map order, an area whose own items cannot come within
 * its tolerance of the points the weights give it even if it took every item of the paper it holds. Failing
 * that (areas that each could, but not all at once), the same problem with each bound relaxed by an `excess`
 * whose sum is minimised: the area left furthest over its bound is binding, and the relaxed allocation says
 * how close it can get.
 */
function bindingArea(
  solver: MipSolver,
  problem: TreeProblem,
  tree: Tree,
  bound: readonly number[],
  holds: ReadonlyArray<Record<TheoryType, number>>,
  sections: readonly Section[],
  need: readonly number[],
  total: number,
  byWeight: ReturnType<typeof evaluate>,
): AllocationProblem {
  // The most points an area's own items can bring: the paper's best-paid sections first.
  const most = (h: Record<TheoryType, number>): number => {
    const left = { ...h };
    let points = 0;
    for (const j of sections.map((_, j) => j).sort((a, b) => sections[b].points - sections[a].points)) {
      const n = Math.min(need[j], left[sections[j].type]);
      left[sections[j].type] -= n;
      points += n * sections[j].points;
    }
    return points;
  };
  let worst = tree.areas.findIndex((_, a) => most(holds[a]) < byWeight.targets[a] - bound[a]);
  let target: number;
  let closest: number;
  if (worst >= 0) {
    target = byWeight.targets[worst];
    closest = most(holds[worst]);
  } else {
    const values = run(solver, problem.model(bound, 'excess', new Map(), true));
    const counts = values ? problem.counts(values) : tree.caps.map(() => sections.map(() => 0));
    const relaxed = evaluate(tree, counts, sections, total);
    const over = relaxed.deviations.map((d, a) => d - bound[a]);
    worst = 0;
    over.forEach((o, a) => {
      if (o > over[worst] + SLACK) worst = a;
    });
    target = relaxed.targets[worst];
    closest = relaxed.points[worst];
  }
  const area = tree.areas[worst];
  const tolerance = round6(bound[worst] - SLACK);
  const of = area.parent ? ` of ${area.parent.code}` : '';
  const paperText = sections.map((s, j) => `${need[j]} ${s.type} × ${s.points}`).join(', ');
  const paperTextZh = sections.map((s, j) => `${TYPE_NAMES[s.type]} ${need[j]} 道 × ${s.points} 分`).join('、');
  return {
    area: area.code,
    target: round6(target),
    tolerance,
    closest: round6(closest),
    holds: holds[worst],
    message:
      `Area ${area.code} (weight ${area.weight}%${of}) needs ${round6(target)} points (within ${tolerance}) and holds ${holdsText(holds[worst], false)}: ` +
      `with the paper's ${paperText}, the closest it can get is ${round6(closest)} points. ` +
      `区域 ${area.code}（鉴定比重 ${area.weight}%）需要 ${round6(target)} 分（误差不超过 ${tolerance} 分），现有${holdsText(holds[worst], true)}；` +
      `按试卷结构（${paperTextZh}）最多只能接近到 ${round6(closest)} 分。`,
  };
}

/**
 * The allocation of `template` over `map` for a bank whose strata hold `supply` drawable items (all approved
 * items, for the compliance report; those under the exposure cap, for a draw). Validates both inputs.
 */
export function allocate(map: KnowledgeMap, template: PaperTemplate, supply?: Supply, solver?: MipSolver): Allocation {
  validateTemplate(template);
  return allocateParsed(parseKnowledgeMap(map), template, supply, solver);
}

/** What the compliance report shows of one bank's blueprint: the allocation a draw would use, or why none exists. */
export interface BlueprintNeeds {
  allocation: Allocation | null;
  /** Per stratum and type: the items one paper takes from the stratum next to the approved items it holds. */
  strata: StratumNeed[];
  /** Why no allocation exists (one entry, naming the area or the type); empty when one does. */
  shortfalls: Shortfall[];
}

/**
 * The allocation of {@link allocate} over a bank's approved theory items (`counts` per knowledge point and
 * type; points the map no longer has are ignored), in the compliance report's terms. The draw allocates with the
 * same function over the same items (less those over the exposure cap), so the report and the draw agree.
 */
export function blueprintNeeds(
  map: KnowledgeMap,
  template: PaperTemplate,
  counts: readonly { knowledgePoint: string; type: string; approved: number }[],
  solver?: MipSolver,
): BlueprintNeeds {
  validateTemplate(template);
  const parsed = parseKnowledgeMap(map);
  const held = parsed.strata.map(() => ({ judge: 0, single: 0, multiple: 0 }));
  for (const c of counts) {
    const point = parsed.pointByCode.get(c.knowledgePoint);
    if (point && (TYPES as readonly string[]).includes(c.type)) held[point.stratum][c.type as TheoryType] += c.approved;
  }
  try {
    const allocation = allocateParsed(parsed, template, (stratum, type) => held[stratum][type], solver);
    const strata: StratumNeed[] = [];
    allocation.strata.forEach((a, s) => {
      for (const type of TYPES) {
        let needed = 0;
        template.sections.forEach((section, j) => {
          if (section.type === type) needed += a.counts[j];
        });
        if (template.sections.some((section) => section.type === type))
          strata.push({ stratum: a.code, type, needed, available: held[s][type] });
      }
    });
    return { allocation, strata, shortfalls: [] };
  } catch (err) {
    if (!(err instanceof AssemblyError) || err.code !== 'ALLOCATION_INFEASIBLE') throw err;
    const problem = err.details?.problem as AllocationProblem;
    const shortfall: Shortfall = problem.area
      ? { area: problem.area, needed: problem.target ?? 0, available: problem.closest ?? 0, message: problem.message }
      : {
          type: problem.type,
          needed: problem.needed ?? 0,
          available: problem.available ?? 0,
          message: problem.message,
        };
    return { allocation: null, strata: [], shortfalls: [shortfall] };
  }
}
