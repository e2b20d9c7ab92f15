import type { Paper } from '@jianding/assembly';
import { OPTION_LETTERS, type ItemContent, type TaskContent, type TheoryContent } from '@jianding/itembank';

const LETTERS: readonly string[] = OPTION_LETTERS;

export interface TheoryPositionView {
  position: number;
  section: number;
  type: string;
  points: number;
  stem: string;
  options: { key: string; text: string }[];
  /** Centre only: in the letters the candidate sees. */
  answer?: boolean | string | string[];
  explanation?: string;
  itemId?: string;
  versionId?: string;
  knowledgePoint?: string;
  stratum?: string;
  optionOrder?: readonly number[] | null;
}

/**
 * One position as the candidate saw it: options in the paper's order (displayed index d shows original option
 * `optionOrder[d]`), with the key translated into the displayed letters when `withKeys`.
 */
export function theoryPosition(
  p: Paper['positions'][number],
  content: TheoryContent,
  withKeys: boolean,
): TheoryPositionView {
  const order = p.optionOrder ?? content.options.map((_, k) => k);
  const options = p.type === 'judge' ? [] : order.map((orig, d) => ({ key: LETTERS[d], text: content.options[orig] }));
  const view: TheoryPositionView = {
    position: p.position,
    section: p.section,
    type: p.type,
    points: p.points,
    stem: content.stem,
    options,
  };
  if (!withKeys) return view;
  const shown = (letter: string): string => LETTERS[order.indexOf(LETTERS.indexOf(letter))];
  let answer: boolean | string | string[] = content.answer;
  if (p.type === 'single' && typeof content.answer === 'string') answer = shown(content.answer);
  if (p.type === 'multiple')
    answer = (Array.isArray(content.answer) ? content.answer : [String(content.answer)]).map(shown).sort();
  return {
    ...view,
    answer,
    explanation: content.explanation,
    itemId: p.itemId,
    versionId: p.versionId,
    knowledgePoint: p.knowledgePoint,
    stratum: p.stratum,
    optionOrder: p.optionOrder,
  };
}

export interface TaskView {
  position: number;
  itemId?: string;
  versionId?: string;
  title: string;
  task: string;
  materials?: string;
  minutes: number;
  points: number;
  rubric?: { points: number; criterion: string }[];
}

/** A practical task; the scoring rubric only for the centre. */
export function taskView(
  position: number,
  versionId: string,
  itemId: string,
  content: ItemContent,
  withKeys: boolean,
): TaskView {
  const t = content as TaskContent;
  const view: TaskView = {
    position,
    title: t.title,
    task: t.stem,
    materials: t.materials,
    minutes: t.minutes,
    points: t.totalPoints,
  };
  return withKeys ? { ...view, itemId, versionId, rubric: t.rubric } : view;
}
