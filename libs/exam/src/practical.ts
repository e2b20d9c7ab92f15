/**
 * Practical assessment (技能操作考核, SPEC §3): who may examine, how a session's examiner panel (考评组) is formed, what
 * a score sheet may hold, and how the panel's sheets become the candidate's score.
 *
 * Sources: a panel has at least 3 examiners, an odd number, one of them chief [001 第十六条, 002 第二十条]; no examiner
 * from the session's own institution (回避) [002 第二十条, 003 三(三)]; between consecutive sessions of one institution
 * and occupation at least a third of the panel changes [002 第二十条, 000 第十五条]; no examiner serves the same site
 * three times running [000 第十五条]; examiners hold 三级 or higher, and 一级 to examine levels 2 and 1 [001 第十四条(二)].
 */

import { isPassing } from './scoring';

/** Levels an examiner may hold: 三级 or higher. */
export const EXAMINER_LEVELS = ['3', '2', '1'] as const;
export type ExaminerLevel = (typeof EXAMINER_LEVELS)[number];

export const PANEL_MIN_SIZE = 3;

/** What the rules need to know of a registered examiner. */
export interface RegisteredExaminer {
  id: string;
  /** Occupation codes the examiner is registered for. */
  occupations: readonly string[];
  level: ExaminerLevel;
  /** The institution the examiner works for; `null` for the centre's own. */
  institutionId: string | null;
  active: boolean;
}

/** The session a panel is dispatched to. */
export interface PanelSession {
  institutionId: string;
  occupation: string;
  /** The bank's level: `"5"` … `"1"`, `"S"`. */
  level: string;
}

/** An earlier panel, most recent first in the lists {@link panelRefusal} takes. */
export interface EarlierPanel {
  sessionId: string;
  examinerIds: readonly string[];
}

export type PanelRefusalCode =
  | 'PANEL_TOO_SMALL'
  | 'PANEL_EVEN'
  | 'PANEL_CHIEF_NOT_MEMBER'
  | 'PANEL_DUPLICATE'
  | 'EXAMINER_UNQUALIFIED'
  | 'EXAMINER_CONFLICT'
  | 'ROTATION_TOO_LOW'
  | 'EXAMINER_REPEAT_SITE';

export interface PanelRefusal {
  code: PanelRefusalCode;
  message: string;
  /** The examiners the refusal is about, where it is about some. */
  examinerIds?: string[];
}

/**
 * Why an examiner may not examine this bank, or `null` when they may: active, registered for the occupation, and of
 * a level high enough (一级 for levels 2 and 1, 三级 or higher otherwise, special-ability projects included).
 */
export function examinerUnfitReason(e: RegisteredExaminer, bank: { occupation: string; level: string }): string | null {
  if (!e.active) return 'is not active in the register';
  if (!e.occupations.includes(bank.occupation)) return `is not registered for occupation ${bank.occupation}`;
  if (!(EXAMINER_LEVELS as readonly string[]).includes(e.level)) return 'holds no level of 三级 or higher';
  if ((bank.level === '2' || bank.level === '1') && e.level !== '1')
    return `holds level ${e.level}; levels 2 and 1 are examined by 一级 examiners only`;
  return null;
}

/**
 * The first rule a proposed panel breaks, or `null`. `members` are the register entries of the proposed ids (an id
 * with no entry is unqualified); `sameInstitutionOccupation` lists the earlier panels of this institution and
 * occupation, `sameSite` the earlier panels at this institution of any occupation, both most recent first and
 * without this session's own.
 */
export function panelRefusal(input: {
  examinerIds: readonly string[];
  chief: string;
  members: ReadonlyMap<string, RegisteredExaminer>;
  session: PanelSession;
  sameInstitutionOccupation: readonly EarlierPanel[];
  sameSite: readonly EarlierPanel[];
}): PanelRefusal | null {
  const ids = input.examinerIds;
  if (new Set(ids).size !== ids.length)
    return { code: 'PANEL_DUPLICATE', message: 'An examiner is listed twice', examinerIds: duplicates(ids) };
  if (ids.length < PANEL_MIN_SIZE)
    return {
      code: 'PANEL_TOO_SMALL',
      message: `A panel has at least ${PANEL_MIN_SIZE} examiners; ${ids.length} given`,
    };
  if (ids.length % 2 === 0)
    return { code: 'PANEL_EVEN', message: `A panel has an odd number of examiners; ${ids.length} given` };
  if (!ids.includes(input.chief))
    return { code: 'PANEL_CHIEF_NOT_MEMBER', message: 'The chief examiner must be one of the panel' };

  const unfit = ids.flatMap((id) => {
    const e = input.members.get(id);
    const reason = e ? examinerUnfitReason(e, input.session) : 'is not in the examiner register';
    return reason ? [`${id} ${reason}`] : [];
  });
  if (unfit.length)
    return {
      code: 'EXAMINER_UNQUALIFIED',
      message: `Not qualified for this session: ${unfit.join('; ')}`,
      examinerIds: unfit.map((u) => u.split(' ')[0]),
    };

  const ownStaff = ids.filter((id) => input.members.get(id)?.institutionId === input.session.institutionId);
  if (ownStaff.length)
    return {
      code: 'EXAMINER_CONFLICT',
      message: "Examiners of the session's own institution may not sit on its panel (回避)",
      examinerIds: ownStaff,
    };

  const previous = input.sameInstitutionOccupation[0];
  if (previous) {
    const changed = ids.filter((id) => !previous.examinerIds.includes(id)).length;
    if (changed * 3 < ids.length)
      return {
        code: 'ROTATION_TOO_LOW',
        message: `At least a third of the panel must change from the previous session of this institution and occupation; ${changed} of ${ids.length} changed`,
        examinerIds: ids.filter((id) => previous.examinerIds.includes(id)),
      };
  }

  const [last, beforeLast] = input.sameSite;
  if (last && beforeLast) {
    const third = ids.filter((id) => last.examinerIds.includes(id) && beforeLast.examinerIds.includes(id));
    if (third.length)
      return {
        code: 'EXAMINER_REPEAT_SITE',
        message: 'An examiner may not serve the same site three times running',
        examinerIds: third,
      };
  }
  return null;
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

// --- score sheets -------------------------------------------------------------------------------------------------

/** One line of a task's rubric: what it is worth. */
export interface RubricLine {
  points: number;
  criterion: string;
}

/** One criterion's points on a sheet; `index` is the rubric line, counted from 0. */
export interface CriterionScore {
  index: number;
  points: number;
}

/** Points are given in half points, as on a paper score sheet. */
const STEP = 0.5;

/**
 * Why these criteria cannot go on a sheet for this rubric, or `null`. A draft may leave criteria out; each given one
 * names a rubric line once and scores between 0 and that line's points, in half points.
 */
export function sheetCriteriaIssue(rubric: readonly RubricLine[], criteria: readonly CriterionScore[]): string | null {
  const seen = new Set<number>();
  for (const c of criteria) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= rubric.length)
      return `criterion ${c.index} is not a line of this task's rubric (0–${rubric.length - 1})`;
    if (seen.has(c.index)) return `criterion ${c.index} is scored twice`;
    seen.add(c.index);
    const max = rubric[c.index].points;
    if (!Number.isFinite(c.points) || c.points < 0 || c.points > max)
      return `criterion ${c.index} is worth 0–${max} points; ${c.points} given`;
    if (Math.round(c.points / STEP) * STEP !== c.points) return `criterion ${c.index}: points go in steps of ${STEP}`;
  }
  return null;
}

/** Whether a sheet scores every line of the rubric: only a complete sheet can be signed. */
export function sheetComplete(rubric: readonly RubricLine[], criteria: readonly CriterionScore[]): boolean {
  const scored = new Set(criteria.map((c) => c.index));
  return rubric.every((_, i) => scored.has(i));
}

export function sheetTotal(criteria: readonly CriterionScore[]): number {
  return round1(criteria.reduce((sum, c) => sum + c.points, 0));
}

// --- the panel's score ----------------------------------------------------------------------------------------------

export type PanelAggregate = 'mean' | 'median';
/** How the panel's totals become the task score, and the spread (max − min, as a share of the task's points) the
 * chief must decide above. */
export interface PracticalScoring {
  aggregate: PanelAggregate;
  /** 0–1: a spread above this share of the task's points goes to the chief. */
  spreadTolerance: number;
}
export const DEFAULT_PRACTICAL_SCORING: PracticalScoring = { aggregate: 'mean', spreadTolerance: 0.2 };

export type TaskScoreStatus = 'scoring' | 'needs_decision' | 'decided' | 'scored';

export interface TaskScore {
  status: TaskScoreStatus;
  /** The task's score once every examiner has signed (and the chief decided, where needed); else `null`. */
  score: number | null;
  /** Highest minus lowest signed total; `null` until every examiner has signed. */
  spread: number | null;
}

/**
 * A candidate's task: scored when every panel member has signed, by the panel's mean (or median); a spread above
 * the tolerance waits for the chief's reasoned decision, which then is the score.
 */
export function taskScore(input: {
  panelSize: number;
  signedTotals: readonly number[];
  taskPoints: number;
  scoring: PracticalScoring;
  decision: number | null;
}): TaskScore {
  const totals = input.signedTotals;
  if (input.panelSize < 1 || totals.length < input.panelSize) return { status: 'scoring', score: null, spread: null };
  const spread = round1(Math.max(...totals) - Math.min(...totals));
  if (spread > input.scoring.spreadTolerance * input.taskPoints + 1e-9) {
    return input.decision === null
      ? { status: 'needs_decision', score: null, spread }
      : { status: 'decided', score: input.decision, spread };
  }
  return { status: 'scored', score: aggregate(totals, input.scoring.aggregate), spread };
}

/** Whether a chief's decided score can stand for a task worth `taskPoints`. */
export function isValidDecision(score: number, taskPoints: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= taskPoints && Math.round(score / STEP) * STEP === score;
}

function aggregate(totals: readonly number[], how: PanelAggregate): number {
  if (how === 'mean') return round1(totals.reduce((s, t) => s + t, 0) / totals.length);
  const sorted = [...totals].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round1(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/** The practical score: the sum of the task scores, once every task has one. */
export function practicalScore(tasks: readonly TaskScore[]): number | null {
  if (tasks.length === 0 || tasks.some((t) => t.score === null)) return null;
  return round1(tasks.reduce((s, t) => s + (t.score ?? 0), 0));
}

/** Levels 2 and 1 also need a comprehensive review (综合评审) [SPEC §2]. */
export function needsReview(level: string): boolean {
  return level === '2' || level === '1';
}

/**
 * The candidate's result: both subjects at or above the pass mark [002 第二十一条], and the review for levels 2 and 1.
 * `null` while a needed score is missing.
 */
export function overallPassed(input: {
  theory: number | null;
  practical: number | null;
  review: number | null;
  level: string;
  passMark: number;
}): boolean | null {
  const { theory, practical, review } = input;
  const needed = needsReview(input.level) ? [theory, practical, review] : [theory, practical];
  if (needed.some((s) => s !== null && !isPassing(s, input))) return false;
  if (needed.some((s) => s === null)) return null;
  return true;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
