import { normaliseStem } from '../normalise';
import { parseImport } from './parse-import';
import { validateImportBatch } from './validate-batch';

const points = new Set(['A-01-001', 'A-01-002']);
function csv(rows: string[][]): Buffer {
  return Buffer.from(
    rows.map((r) => r.map((v) => (/[",\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v)).join(',')).join('\n'),
    'utf8',
  );
}
const HEADER = ['题型', '鉴定点', '题干', '选项A', '选项B', '选项C', '答案', '编号', '互斥'];

describe(validateImportBatch.name, () => {
  it('accepts a clean batch whose enemies name refs in the file or existing items', async () => {
    // Arrange
    const parsed = await parseImport(
      csv([
        HEADER,
        ['判断', 'A-01-001', '第一题。', '', '', '', '对', 'Q1', 'Q2、item-9'],
        ['判断', 'A-01-002', '第二题。', '', '', '', '错', 'Q2', 'Q1'],
      ]),
      'csv',
    );
    // Act
    const errors = validateImportBatch(parsed.rows, {
      knowledgePoints: points,
      existingItemIds: new Set(['item-9']),
      fileRefs: parsed.refs,
    });
    // Assert
    expect(errors).toEqual([]);
  });

  it('reports an enemy that is neither a ref in the file nor an existing item, by row and column', async () => {
    const parsed = await parseImport(
      csv([HEADER, ['判断', 'A-01-001', '第一题。', '', '', '', '对', 'Q1', 'Q404']]),
      'csv',
    );
    const errors = validateImportBatch(parsed.rows, { knowledgePoints: points, existingItemIds: new Set() });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, '互斥', 'ENEMY_UNKNOWN']]);
    expect(errors[0].message).toContain('Q404');
  });

  it('does not report an enemy naming a row that failed to parse when given the file refs', async () => {
    const parsed = await parseImport(
      csv([
        HEADER,
        ['判断', 'A-01-001', '第一题。', '', '', '', '对', 'Q1', 'Q2'],
        ['填空', 'A-01-001', '第二题。', '', '', '', '对', 'Q2', ''],
      ]),
      'csv',
    );
    expect(parsed.errors.map((e) => e.code)).toEqual(['TYPE_UNKNOWN']);
    expect(validateImportBatch(parsed.rows, { knowledgePoints: points, fileRefs: parsed.refs })).toEqual([]);
  });

  it('reports a stem repeated within the file, naming the first row', async () => {
    const parsed = await parseImport(
      csv([
        HEADER,
        ['判断', 'A-01-001', '熔断器用于短路保护。', '', '', '', '对', '', ''],
        ['判断', 'A-01-002', '熔断器 用于短路保护', '', '', '', '对', '', ''],
      ]),
      'csv',
    );
    const errors = validateImportBatch(parsed.rows, { knowledgePoints: points });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[3, '题干', 'STEM_DUPLICATE']]);
    expect(errors[0].message).toContain('2');
  });

  it('reports a stem that is already in the bank', async () => {
    const parsed = await parseImport(
      csv([HEADER, ['判断', 'A-01-001', '熔断器用于短路保护。', '', '', '', '对', '', '']]),
      'csv',
    );
    const errors = validateImportBatch(parsed.rows, {
      knowledgePoints: points,
      existingStems: new Map([[normaliseStem('熔断器用于短路保护'), 'item-3']]),
    });
    expect(errors.map((e) => [e.row, e.code])).toEqual([[2, 'STEM_DUPLICATE']]);
  });

  it('applies every validateItem rule and reports each issue under the header as written in the file', async () => {
    // Arrange: English headers, so columns must come back in English.
    const parsed = await parseImport(
      csv([
        ['type', 'knowledgePoint', 'stem', 'optionA', 'optionB', 'optionC', 'answer'],
        ['single', 'A-01-001', '电阻的单位是（　　）。', '欧姆', '安培', '欧姆', 'AB'],
        ['multiple', 'Z-9', '下列正确的有（　　）。', '甲', '乙', '丙', 'D'],
      ]),
      'csv',
    );
    // Act
    const errors = validateImportBatch(parsed.rows, { knowledgePoints: points });
    // Assert
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'optionC', 'OPTION_DUPLICATE'],
      [2, 'answer', 'SINGLE_KEY_COUNT'],
      [3, 'answer', 'MULTIPLE_TOO_FEW_KEYS'],
      [3, 'answer', 'ANSWER_NOT_IN_OPTIONS'],
      [3, 'knowledgePoint', 'KNOWLEDGE_POINT_UNKNOWN'],
    ]);
  });

  it('reports task rules under the task columns', async () => {
    const parsed = await parseImport(
      csv([
        ['题型', '鉴定点', '试题名称', '任务描述', '考核时间', '评分标准', '总分'],
        ['实操', 'A-01-001', '照明线路', '安装双控照明。', '60', '40|接线\n40|试车', '100'],
        ['实操', 'A-01-001', '', '', '60', '100|功能', ''],
      ]),
      'csv',
    );
    const errors = validateImportBatch(parsed.rows, { knowledgePoints: points });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '评分标准', 'RUBRIC_TOTAL_MISMATCH'],
      [3, '任务描述', 'STEM_EMPTY'],
      [3, '试题名称', 'TITLE_EMPTY'],
    ]);
  });
});
