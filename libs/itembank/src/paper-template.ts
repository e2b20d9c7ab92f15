import { z } from 'zod';
import { THEORY_TYPES, type Issue, type Level, type TheoryType } from './types';

/** A section of a theory paper (试卷结构): `count` items of one type at `pointsEach` points. */
export interface TemplateSection {
  type: TheoryType;
  count: number;
  pointsEach: number;
  title?: string;
}

/** A paper template (组卷方案). Its points must total 100. */
export interface PaperTemplate {
  durationMinutes: number;
  sections: TemplateSection[];
}

export const PAPER_TOTAL_POINTS = 100;

const SECTION_TITLES: Readonly<Record<TheoryType, string>> = {
  judge: '判断题',
  single: '单项选择题',
  multiple: '多项选择题',
};

const section = (type: TheoryType, count: number, pointsEach: number): TemplateSection => ({
  type,
  count,
  pointsEach,
  title: SECTION_TITLES[type],
});

/**
 * The default template of a level (SPEC §2): levels 5–3 20 judge × 1 + 80 single × 1 in 90 minutes;
 * levels 2–1 add multiple choice (20 × 1 + 60 × 1 + 10 × 2) in 120 minutes, since technicians'
 * multiple-choice items take longer; a special-ability project (S) uses the 5–3 structure.
 */
export function defaultPaperTemplate(level: Level): PaperTemplate {
  if (level === '2' || level === '1') {
    return {
      durationMinutes: 120,
      sections: [section('judge', 20, 1), section('single', 60, 1), section('multiple', 10, 2)],
    };
  }
  return { durationMinutes: 90, sections: [section('judge', 20, 1), section('single', 80, 1)] };
}

export function templateTotal(template: PaperTemplate): number {
  return template.sections.reduce((sum, s) => sum + s.count * s.pointsEach, 0);
}

export const PaperTemplateIssueCode = {
  TEMPLATE_EMPTY: 'TEMPLATE_EMPTY',
  TEMPLATE_SECTION_INVALID: 'TEMPLATE_SECTION_INVALID',
  TEMPLATE_TOTAL_NOT_100: 'TEMPLATE_TOTAL_NOT_100',
  TEMPLATE_DURATION_INVALID: 'TEMPLATE_DURATION_INVALID',
} as const;
export type PaperTemplateIssueCode = (typeof PaperTemplateIssueCode)[keyof typeof PaperTemplateIssueCode];

/** Checks a template: at least one section; theory types; positive whole counts and positive points; positive whole duration; total 100. */
export function validateTemplate(template: PaperTemplate): Issue[] {
  const issues: Issue[] = [];
  const sections = Array.isArray(template?.sections) ? template.sections : [];
  if (sections.length === 0) {
    issues.push({
      code: 'TEMPLATE_EMPTY',
      field: 'sections',
      message: 'The template has no sections. 组卷方案没有题型。',
    });
  }
  let valid = sections.length > 0;
  sections.forEach((s, i) => {
    const problems: string[] = [];
    if (!THEORY_TYPES.includes(s.type)) problems.push(`type "${String(s.type)}" is not judge/single/multiple`);
    if (!Number.isInteger(s.count) || s.count <= 0)
      problems.push(`count ${String(s.count)} is not a positive whole number`);
    if (typeof s.pointsEach !== 'number' || !Number.isFinite(s.pointsEach) || s.pointsEach <= 0)
      problems.push(`points ${String(s.pointsEach)} is not positive`);
    if (problems.length > 0) {
      valid = false;
      issues.push({
        code: 'TEMPLATE_SECTION_INVALID',
        field: `sections[${i}]`,
        message: `Section ${i + 1}: ${problems.join('; ')}.`,
      });
    }
  });
  if (valid) {
    const total = templateTotal(template);
    if (Math.abs(total - PAPER_TOTAL_POINTS) > 1e-6) {
      issues.push({
        code: 'TEMPLATE_TOTAL_NOT_100',
        field: 'sections',
        message: `The sections add up to ${total} points, not 100. 试卷总分须为 100 分。`,
      });
    }
  }
  if (!Number.isInteger(template?.durationMinutes) || template.durationMinutes <= 0) {
    issues.push({
      code: 'TEMPLATE_DURATION_INVALID',
      field: 'durationMinutes',
      message: `The duration must be a positive whole number of minutes, not ${String(template?.durationMinutes)}.`,
    });
  }
  return issues;
}

/** Shape check for templates arriving over HTTP; run {@link validateTemplate} for the rules. */
export const PaperTemplateSchema = z.object({
  durationMinutes: z.number().int().positive(),
  sections: z
    .array(
      z.object({
        type: z.enum(['judge', 'single', 'multiple']),
        count: z.number().int().positive(),
        pointsEach: z.number().positive(),
        title: z.string().optional(),
      }),
    )
    .min(1),
});
