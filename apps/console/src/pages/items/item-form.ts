import type { CreateItemDto, ItemResponse, UpdateItemDto } from '@jianding/api-client';

/** The editor's form values: one answer field per kind of answer, so switching type keeps what was typed. */
export interface ItemFormValues {
  type: 'judge' | 'single' | 'multiple' | 'task';
  knowledgePoint?: string;
  difficulty?: number;
  stem?: string;
  options?: string[];
  answerJudge?: boolean;
  answerSingle?: string;
  answerMultiple?: string[];
  explanation?: string;
  ref?: string;
  title?: string;
  materials?: string;
  minutes?: number;
  rubric?: { points?: number; criterion?: string }[];
  totalPoints?: number;
  set?: string;
  changeNote?: string;
}

export function formValuesOf(item: ItemResponse): ItemFormValues {
  const answer = item.answer;
  return {
    type: item.type,
    knowledgePoint: item.knowledgePoint,
    difficulty: item.difficulty,
    stem: item.stem,
    options: item.options ?? [],
    answerJudge: typeof answer === 'boolean' ? answer : undefined,
    answerSingle: typeof answer === 'string' ? answer : undefined,
    answerMultiple: Array.isArray(answer) ? answer : undefined,
    explanation: item.explanation,
    ref: item.ref,
    title: item.title,
    materials: item.materials,
    minutes: item.minutes,
    rubric: item.rubric,
    totalPoints: item.totalPoints,
    set: item.set,
  };
}

export const blankValues = (type: ItemFormValues['type'] = 'single'): ItemFormValues => ({
  type,
  difficulty: 3,
  options: ['', '', '', ''],
  rubric: [{ points: undefined, criterion: '' }],
});

/** The content fields the API takes; the item bank library checks them and names each bad field. */
export function contentOf(v: ItemFormValues): Omit<UpdateItemDto, 'changeNote'> {
  const common = { knowledgePoint: v.knowledgePoint ?? '', difficulty: v.difficulty ?? 3, ref: v.ref || undefined };
  if (v.type === 'task') {
    return {
      ...common,
      title: v.title ?? '',
      stem: v.stem ?? '',
      materials: v.materials || undefined,
      minutes: v.minutes,
      rubric: (v.rubric ?? []).map((r) => ({ points: Number(r.points ?? 0), criterion: r.criterion ?? '' })),
      totalPoints: v.totalPoints,
      set: v.set || undefined,
    };
  }
  const answer = v.type === 'judge' ? v.answerJudge : v.type === 'single' ? v.answerSingle : v.answerMultiple;
  return {
    ...common,
    stem: v.stem ?? '',
    options: v.type === 'judge' ? [] : (v.options ?? []),
    answer: answer as UpdateItemDto['answer'],
    explanation: v.explanation ?? '',
  };
}

export const createBody = (occupation: string, level: string, v: ItemFormValues): CreateItemDto =>
  ({ occupation, level: level as CreateItemDto['level'], type: v.type, ...contentOf(v) }) as CreateItemDto;

/** Issues that belong to a field: its own, and those of its parts (`options.B` under `options`, `rubric[0]` under `rubric`). */
export const issuesFor = (issues: readonly { field: string; message: string }[], field: string, exact = false) =>
  issues.filter(
    (i) => i.field === field || (!exact && (i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`))),
  );
