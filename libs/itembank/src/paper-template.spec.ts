import { defaultPaperTemplate, PaperTemplateSchema, templateTotal, validateTemplate } from './paper-template';
import { LEVELS } from './types';

describe(defaultPaperTemplate.name, () => {
  it.each(['5', '4', '3'] as const)('gives level %s 20 judge × 1 + 80 single × 1', (level) => {
    expect(defaultPaperTemplate(level).sections.map((s) => [s.type, s.count, s.pointsEach])).toEqual([
      ['judge', 20, 1],
      ['single', 80, 1],
    ]);
  });

  it.each(['2', '1'] as const)('gives level %s 20 judge × 1 + 60 single × 1 + 10 multiple × 2', (level) => {
    expect(defaultPaperTemplate(level).sections.map((s) => [s.type, s.count, s.pointsEach])).toEqual([
      ['judge', 20, 1],
      ['single', 60, 1],
      ['multiple', 10, 2],
    ]);
  });

  it.each(LEVELS)('gives level %s a valid template worth 100 points', (level) => {
    const template = defaultPaperTemplate(level);
    expect(validateTemplate(template)).toEqual([]);
    expect(templateTotal(template)).toBe(100);
    expect(PaperTemplateSchema.safeParse(template).success).toBe(true);
  });
});

describe(validateTemplate.name, () => {
  it('refuses sections that add up to 99 points', () => {
    const issues = validateTemplate({
      durationMinutes: 90,
      sections: [
        { type: 'judge', count: 19, pointsEach: 1 },
        { type: 'single', count: 80, pointsEach: 1 },
      ],
    });
    expect(issues.map((i) => i.code)).toEqual(['TEMPLATE_TOTAL_NOT_100']);
    expect(issues[0].message).toContain('99');
  });

  it('refuses a section with a non-theory type, a fractional count or no points', () => {
    const issues = validateTemplate({
      durationMinutes: 90,
      sections: [
        { type: 'task' as never, count: 1, pointsEach: 100 },
        { type: 'single', count: 1.5, pointsEach: 0 },
      ],
    });
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['TEMPLATE_SECTION_INVALID', 'sections[0]'],
      ['TEMPLATE_SECTION_INVALID', 'sections[1]'],
    ]);
  });

  it('refuses an empty template and a zero duration', () => {
    expect(validateTemplate({ durationMinutes: 0, sections: [] }).map((i) => i.code)).toEqual([
      'TEMPLATE_EMPTY',
      'TEMPLATE_DURATION_INVALID',
    ]);
  });
});
