import * as ExcelJS from 'exceljs';
import { parseImport, type ImportResult } from './parse-import';

const BOM = '\uFEFF';
const HEADER = ['题型', '鉴定点', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '难度', '解析', '编号', '互斥'];

function csvField(v: string): string {
  return /[",\r\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v;
}
function csv(rows: string[][], bom = true): Buffer {
  return Buffer.from(`${bom ? BOM : ''}${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      if (value !== undefined) sheet.getCell(i + 1, j + 1).value = value as ExcelJS.CellValue;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const errorsOf = (result: ImportResult): [number, string, string][] =>
  result.errors.map((e) => [e.row, e.column, e.code]);

describe(parseImport.name, () => {
  describe('CSV with Chinese headers', () => {
    it('reads judge, single and multiple rows into content', async () => {
      // Arrange
      const file = csv([
        HEADER,
        ['判断', 'A-01-001', '变压器不能改变直流电压。', '', '', '', '', '√', '', '', 'Q1', ''],
        [
          '单选',
          'A-01-002',
          '我国安全电压的最高等级为（　　）V。',
          '42',
          '36',
          '24',
          '12',
          'A',
          '2',
          '见GB/T 3805',
          'Q2',
          'Q1、Q3',
        ],
        ['多选', 'B-02-003', '带电灭火可用（　　）。', '二氧化碳', '泡沫', '干粉', '', 'A,C', '4', '', 'Q3', ''],
      ]);
      // Act
      const result = await parseImport(file, 'csv');
      // Assert
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.refs).toEqual(['Q1', 'Q2', 'Q3']);
      expect(result.rows.map((r) => [r.row, r.content])).toEqual([
        [
          2,
          {
            type: 'judge',
            knowledgePoint: 'A-01-001',
            stem: '变压器不能改变直流电压。',
            options: [],
            answer: true,
            difficulty: 3,
            ref: 'Q1',
          },
        ],
        [
          3,
          {
            type: 'single',
            knowledgePoint: 'A-01-002',
            stem: '我国安全电压的最高等级为（　　）V。',
            options: ['42', '36', '24', '12'],
            answer: 'A',
            difficulty: 2,
            explanation: '见GB/T 3805',
            ref: 'Q2',
            enemies: ['Q1', 'Q3'],
          },
        ],
        [
          4,
          {
            type: 'multiple',
            knowledgePoint: 'B-02-003',
            stem: '带电灭火可用（　　）。',
            options: ['二氧化碳', '泡沫', '干粉'],
            answer: ['A', 'C'],
            difficulty: 4,
            ref: 'Q3',
          },
        ],
      ]);
    });

    it('reads the same content with or without a BOM', async () => {
      const rows = [
        HEADER,
        ['单选', 'A-01-001', '电阻的单位是（　　）。', '欧姆', '安培', '伏特', '瓦特', 'A', '', '', '', ''],
      ];
      const [withBom, withoutBom] = await Promise.all([
        parseImport(csv(rows, true), 'csv'),
        parseImport(csv(rows, false), 'csv'),
      ]);
      expect(withBom.rows[0].content.type).toBe('single');
      expect(withoutBom).toEqual(withBom);
    });

    it('keeps a quoted cell with newlines, commas and quotes as one cell and counts rows as a spreadsheet does', async () => {
      const stem = '下列说法，哪项正确？\n（1）“相线”进开关\n（2）螺口灯头中心接中性线';
      const file = csv([
        HEADER,
        ['单选', 'A-01-001', stem, '(1)', '(2)', '都对', '都不对', 'A', '', '', '', ''],
        ['判断', 'A-01-001', '下一行。', '', '', '', '', '×', '', '', '', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => [r.row, r.content.stem])).toEqual([
        [2, stem],
        [3, '下一行。'],
      ]);
    });

    it('skips blank lines but still counts them in row numbers', async () => {
      const file = Buffer.from(
        `${HEADER.join(',')}\r\n\r\n,,,,,,,,,,,\r\n判断,A-01-001,稳压管工作在反向击穿区。,,,,,对,,,,\r\n`,
        'utf8',
      );
      const result = await parseImport(file, 'csv');
      expect(result.rows.map((r) => r.row)).toEqual([4]);
    });

    it('accepts tab-separated text pasted from Excel', async () => {
      const file = Buffer.from(`题型\t鉴定点\t题干\t答案\n判断\tA-01-001\t安全第一。\t对\n`, 'utf8');
      expect((await parseImport(file, 'csv')).rows[0].content).toMatchObject({ type: 'judge', answer: true });
    });

    it('reads a 2,000-row BOM CSV with English headers and reports each broken row by its spreadsheet row and header', async () => {
      // Arrange: data rows 1 and 2,000 (sheet rows 2 and 2,001) are broken in different columns.
      const rows = [['type', 'knowledgePoint', 'stem', 'optionA', 'optionB', 'optionC', 'answer', 'difficulty']];
      for (let i = 1; i <= 2000; i++) {
        const judge = i % 4 === 0;
        rows.push([
          judge ? 'judge' : 'multiple',
          'A-01-001',
          `第${i}题（\u3000\u3000）`,
          judge ? '' : '甲',
          judge ? '' : '乙',
          judge ? '' : '丙',
          judge ? 'T' : 'A/C',
          i === 1 ? 'hard' : '2',
        ]);
      }
      rows[2000][6] = '?';
      // Act
      const result = await parseImport(csv(rows), 'csv');
      // Assert
      expect(errorsOf(result)).toEqual([
        [2, 'difficulty', 'DIFFICULTY_INVALID'],
        [2001, 'answer', 'ANSWER_INVALID'],
      ]);
      expect(result.rows).toHaveLength(1998);
      expect(result.rows[0]).toMatchObject({
        row: 3,
        content: { type: 'multiple', answer: ['A', 'C'], difficulty: 2 },
      });
    });

    it('refuses a file that is not UTF-8 and says how to fix it (ENCODING_NOT_UTF8)', async () => {
      // "题型" in GBK
      const gbk = Buffer.from([0xcc, 0xe2, 0xd0, 0xcd, 0x0d, 0x0a]);
      const result = await parseImport(gbk, 'csv');
      expect(errorsOf(result)).toEqual([[0, '', 'ENCODING_NOT_UTF8']]);
      expect(result.errors[0].message).toContain('UTF-8');
    });
  });

  describe('headers', () => {
    it('matches English headers in any order and any case', async () => {
      const file = csv([
        ['ANSWER', 'optionB', 'Stem', 'optionA', 'Type', 'KnowledgePoint', 'Ref'],
        ['b', '安培', '电流的单位是（　　）。', '伏特', 'single', 'A-01-001', 'E1'],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.errors).toEqual([]);
      expect(result.rows[0].content).toEqual({
        type: 'single',
        knowledgePoint: 'A-01-001',
        stem: '电流的单位是（　　）。',
        options: ['伏特', '安培'],
        answer: 'B',
        difficulty: 3,
        ref: 'E1',
      });
    });

    it('mixes Chinese and English headers and trims them', async () => {
      const file = csv([
        [' type ', '鉴定点', ' 题干', 'answer '],
        ['判断', 'A-01-001', '熔断器用于短路保护。', 'T'],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.rows[0].content).toMatchObject({ type: 'judge', answer: true });
    });

    it('ignores an unknown column with a warning naming it', async () => {
      const file = csv([
        [...HEADER, '出题人'],
        ['判断', 'A-01-001', '熔断器用于短路保护。', '', '', '', '', '对', '', '', '', '', '张工'],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.errors).toEqual([]);
      expect(result.rows).toHaveLength(1);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toContain('出题人');
    });

    it('refuses a file without a required column and reports only that (HEADER_MISSING)', async () => {
      const file = csv([
        ['题型', '题干', '答案'],
        ['判断', '熔断器用于短路保护。', '对'],
      ]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([[1, '鉴定点', 'HEADER_MISSING']]);
      expect(result.rows).toEqual([]);
    });

    it('asks for the task columns only when the file has practical tasks', async () => {
      const file = csv([
        ['题型', '鉴定点', '题干', '答案'],
        ['实操', 'A-01-001', '安装线路', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([
        [1, '试题名称', 'HEADER_MISSING'],
        [1, '考核时间', 'HEADER_MISSING'],
        [1, '评分标准', 'HEADER_MISSING'],
      ]);
    });

    it('refuses two columns that mean the same field (HEADER_DUPLICATE)', async () => {
      const file = csv([
        ['题型', '鉴定点', '题干', 'stem', '答案'],
        ['判断', 'A-01-001', 'x', 'y', '对'],
      ]);
      expect(errorsOf(await parseImport(file, 'csv'))).toEqual([[1, 'stem', 'HEADER_DUPLICATE']]);
    });
  });

  describe('answers', () => {
    const judgeFile = (answers: string[]): Buffer =>
      csv([['题型', '鉴定点', '题干', '答案'], ...answers.map((a, i) => ['判断', 'A-01-001', `第${i}题`, a])]);

    it.each(['√', '对', '正确', 'T', 'true', 'TRUE', 't', '✓', '✔', 'Y', '是'])(
      'reads the judge answer %j as true',
      async (answer) => {
        const result = await parseImport(judgeFile([answer]), 'csv');
        expect(result.rows[0].content.type === 'judge' && result.rows[0].content.answer).toBe(true);
      },
    );

    it.each(['×', '错', '错误', 'F', 'false', 'False', 'f', '✗', '✘', 'N', '否'])(
      'reads the judge answer %j as false',
      async (answer) => {
        const result = await parseImport(judgeFile([answer]), 'csv');
        expect(result.errors).toEqual([]);
        expect((result.rows[0].content as { answer: unknown }).answer).toBe(false);
      },
    );

    it('reads every SPEC §5 judge spelling pair from an xlsx sheet too', async () => {
      const pairs = [
        ['√', '×'],
        ['对', '错'],
        ['正确', '错误'],
        ['T', 'F'],
        ['true', 'false'],
      ];
      const file = await xlsx([
        ['题型', '鉴定点', '题干', '答案'],
        ...pairs.flat().map((a, i) => ['判断', 'A-01-001', `第${i}题`, a]),
      ]);
      const result = await parseImport(file, 'xlsx');
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => (r.content as { answer: unknown }).answer)).toEqual(
        pairs.flatMap(() => [true, false]),
      );
    });

    it('reports an unreadable judge answer with its row and column (ANSWER_INVALID)', async () => {
      const result = await parseImport(judgeFile(['√', '可能']), 'csv');
      expect(errorsOf(result)).toEqual([[3, '答案', 'ANSWER_INVALID']]);
      expect(result.errors[0].message).toContain('可能');
      expect(result.rows).toHaveLength(1);
    });

    it.each(['ABD', 'A,B,D', 'A、B、D', 'a b d', 'ＡＢＤ', 'D;B;A', 'A，B，D'])(
      'reads the multiple-choice answer %j as A, B, D',
      async (answer) => {
        const file = csv([
          HEADER,
          [
            '多选',
            'A-01-001',
            '下列属于主令电器的有（　　）。',
            '按钮',
            '接触器',
            '行程开关',
            '万能转换开关',
            answer,
            '',
            '',
            '',
            '',
          ],
        ]);
        const result = await parseImport(file, 'csv');
        expect(result.errors).toEqual([]);
        expect((result.rows[0].content as { answer: unknown }).answer).toEqual(['A', 'B', 'D']);
      },
    );

    it('keeps two letters on a single-choice row so the batch check can report the key count', async () => {
      const file = csv([
        HEADER,
        ['单选', 'A-01-001', '电阻的单位是（　　）。', '欧姆', '安培', '伏特', '瓦特', 'AB', '', '', '', ''],
      ]);
      expect((await parseImport(file, 'csv')).rows[0].content).toMatchObject({ answer: ['A', 'B'] });
    });
  });

  describe('row rules', () => {
    it('drops trailing empty options but refuses a gap (OPTION_GAP)', async () => {
      const file = csv([
        HEADER,
        ['单选', 'A-01-001', '第一题（　　）', '甲', '乙', '', '', 'A', '', '', '', ''],
        ['单选', 'A-01-001', '第二题（　　）', '甲', '', '丙', '', 'A', '', '', '', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.rows.map((r) => (r.content as { options: string[] }).options)).toEqual([['甲', '乙']]);
      expect(errorsOf(result)).toEqual([[3, '选项B', 'OPTION_GAP']]);
    });

    it('defaults difficulty to 3 and refuses one that is not a number (DIFFICULTY_INVALID)', async () => {
      const file = csv([
        HEADER,
        ['判断', 'A-01-001', '第一题', '', '', '', '', '对', '', '', '', ''],
        ['判断', 'A-01-001', '第二题', '', '', '', '', '对', '难', '', '', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.rows[0].content.difficulty).toBe(3);
      expect(errorsOf(result)).toEqual([[3, '难度', 'DIFFICULTY_INVALID']]);
    });

    it('refuses a ref used twice in the file and names the first row (REF_DUPLICATE)', async () => {
      const file = csv([
        HEADER,
        ['判断', 'A-01-001', '第一题', '', '', '', '', '对', '', '', 'Q1', ''],
        ['判断', 'A-01-001', '第二题', '', '', '', '', '对', '', '', 'Q1', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([[3, '编号', 'REF_DUPLICATE']]);
      expect(result.errors[0].message).toContain('2');
    });

    it('refuses an unknown type and quotes it (TYPE_UNKNOWN)', async () => {
      const file = csv([HEADER, ['填空', 'A-01-001', '第一题', '', '', '', '', '对', '', '', 'Q9', '']]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([[2, '题型', 'TYPE_UNKNOWN']]);
      expect(result.errors[0].message).toContain('填空');
      expect(result.refs).toEqual(['Q9']);
    });

    it('reports every bad row, not just the first', async () => {
      const file = csv([
        HEADER,
        ['判断', 'A-01-001', '好的题', '', '', '', '', '对', '', '', '', ''],
        ['判断', 'A-01-001', '坏答案', '', '', '', '', '?', '', '', '', ''],
        ['单选', 'A-01-001', '坏选项（　　）', '甲', '', '丙', '', 'A', '', '', '', ''],
        ['单选', 'A-01-001', '坏难度（　　）', '甲', '乙', '', '', 'A', 'x', '', '', ''],
        ['题', 'A-01-001', '坏题型', '', '', '', '', '对', '', '', '', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([
        [3, '答案', 'ANSWER_INVALID'],
        [4, '选项B', 'OPTION_GAP'],
        [5, '难度', 'DIFFICULTY_INVALID'],
        [6, '题型', 'TYPE_UNKNOWN'],
      ]);
      expect(result.rows.map((r) => r.row)).toEqual([2]);
    });
  });

  describe('practical tasks', () => {
    const TASK_HEADER = [
      '题型',
      '鉴定点',
      '试题名称',
      '任务描述',
      '所需材料',
      '考核时间',
      '评分标准',
      '所属卷',
      '编号',
    ];

    it('reads a task with its rubric lines, minutes and set', async () => {
      const rubric = '20|元件安装牢固\n 50 | 接线正确，走线规范 \n\n30分|通电试车一次成功｜得满分';
      const file = csv([
        TASK_HEADER,
        [
          '实操',
          'C-03-002',
          '正反转控制线路',
          '按图安装并试车。',
          '接触器2只\n按钮3只',
          '90分钟',
          rubric,
          'SC-01',
          'P1',
        ],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.errors).toEqual([]);
      expect(result.rows[0].content).toEqual({
        type: 'task',
        knowledgePoint: 'C-03-002',
        title: '正反转控制线路',
        stem: '按图安装并试车。',
        materials: '接触器2只\n按钮3只',
        minutes: 90,
        rubric: [
          { points: 20, criterion: '元件安装牢固' },
          { points: 50, criterion: '接线正确，走线规范' },
          { points: 30, criterion: '通电试车一次成功｜得满分' },
        ],
        totalPoints: 100,
        difficulty: 3,
        set: 'SC-01',
        ref: 'P1',
      });
    });

    it('reports a rubric line that is not points|criterion and a bad time', async () => {
      const file = csv([
        TASK_HEADER,
        ['实操', 'C-03-002', '正反转控制线路', '按图安装。', '', '一小时', '50|接线\n五十|试车', '', ''],
      ]);
      const result = await parseImport(file, 'csv');
      expect(errorsOf(result)).toEqual([
        [2, '考核时间', 'MINUTES_INVALID'],
        [2, '评分标准', 'RUBRIC_LINE_INVALID'],
      ]);
      expect(result.errors[1].message).toContain('2');
    });

    it('reads theory items and tasks from one file', async () => {
      const file = csv([
        ['题型', '鉴定点', '题干', '答案', '试题名称', '任务描述', '考核时间', '评分标准'],
        ['判断', 'A-01-001', '熔断器用于短路保护。', '对', '', '', '', ''],
        ['实操', 'A-01-001', '', '', '照明线路', '安装双控照明。', '60', '100|功能正确'],
      ]);
      const result = await parseImport(file, 'csv');
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => r.content.type)).toEqual(['judge', 'task']);
    });
  });

  describe('xlsx', () => {
    it('reads the first sheet, converting rich text, numbers, formulas, booleans and escaped cells to text', async () => {
      // Arrange
      const file = await xlsx([
        ['题型', '鉴定点', '题干', '选项A', '选项B', '选项C', '答案', '难度', '编号'],
        [
          '单选',
          'A-01-001',
          { richText: [{ text: '额定电压' }, { text: '220V', font: { bold: true } }, { text: '的灯泡（　　）' }] },
          220,
          0.1,
          { formula: '2*3', result: 6 },
          'a',
          4,
          1001,
        ],
        ['判断', 'A-01-001', "'=SUM(A1)是公式。", undefined, undefined, undefined, true, undefined, undefined],
      ]);
      // Act
      const result = await parseImport(file, 'xlsx');
      // Assert
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => [r.row, r.content])).toEqual([
        [
          2,
          {
            type: 'single',
            knowledgePoint: 'A-01-001',
            stem: '额定电压220V的灯泡（　　）',
            options: ['220', '0.1', '6'],
            answer: 'A',
            difficulty: 4,
            ref: '1001',
          },
        ],
        [
          3,
          {
            type: 'judge',
            knowledgePoint: 'A-01-001',
            stem: '=SUM(A1)是公式。',
            options: [],
            answer: true,
            difficulty: 3,
          },
        ],
      ]);
    });

    it('uses sheet row numbers, skipping empty rows', async () => {
      const file = await xlsx([['题型', '鉴定点', '题干', '答案'], [], [], ['判断', 'A-01-001', '第四行。', '×']]);
      expect((await parseImport(file, 'xlsx')).rows.map((r) => r.row)).toEqual([4]);
    });

    it('reports a cell holding a spreadsheet error (CELL_ERROR)', async () => {
      const file = await xlsx([
        ['题型', '鉴定点', '题干', '答案'],
        ['判断', { formula: 'VLOOKUP(1,B:B,2)', result: { error: '#N/A' } }, '第二行。', '√'],
      ]);
      expect(errorsOf(await parseImport(file, 'xlsx'))).toEqual([[2, '鉴定点', 'CELL_ERROR']]);
    });

    it('reads a 2,000-row sheet in full and reports the one broken row by row and column', async () => {
      // Arrange: row 1,501 of the sheet (data row 1,500) has an answer that is no option letter.
      const rows: unknown[][] = [HEADER];
      for (let i = 0; i < 2000; i++) {
        rows.push([
          '单选',
          'A-01-001',
          `第${i + 1}题：电阻为${i + 1}Ω（ ）`,
          '甲',
          '乙',
          '丙',
          '丁',
          i === 1499 ? 'Z' : 'C',
          3,
          '',
          `R${i + 1}`,
          '',
        ]);
      }
      const file = await xlsx(rows);
      // Act
      const result = await parseImport(file, 'xlsx');
      // Assert
      expect(result.rows).toHaveLength(1999);
      expect(result.refs).toHaveLength(2000);
      expect(errorsOf(result)).toEqual([[1501, '答案', 'ANSWER_INVALID']]);
    });

    it('matches English headers in any order, reads a practical task row and warns about an unknown column', async () => {
      // Arrange
      const file = await xlsx([
        [
          'rubric',
          'Stem',
          'answer',
          'remark',
          'optionB',
          'type',
          'title',
          'optionA',
          'knowledgePoint',
          'minutes',
          'task',
          'set',
        ],
        [
          undefined,
          '熔断器用于过载保护。',
          '×',
          '张工',
          undefined,
          'judge',
          undefined,
          undefined,
          'A-01-001',
          undefined,
          undefined,
          undefined,
        ],
        [
          '60|接线正确\n40|通电试车',
          undefined,
          undefined,
          undefined,
          undefined,
          '实操',
          '照明线路',
          undefined,
          'A-01-002',
          45,
          '安装双控照明。',
          'SC-01',
        ],
        [
          undefined,
          '电流的单位是（　　）。',
          'b',
          undefined,
          '安培',
          'single',
          undefined,
          '伏特',
          'A-01-001',
          undefined,
          undefined,
          undefined,
        ],
      ]);
      // Act
      const result = await parseImport(file, 'xlsx');
      // Assert
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([expect.stringContaining('remark')]);
      expect(result.rows.map((r) => [r.row, r.content])).toEqual([
        [
          2,
          {
            type: 'judge',
            knowledgePoint: 'A-01-001',
            stem: '熔断器用于过载保护。',
            options: [],
            answer: false,
            difficulty: 3,
          },
        ],
        [
          3,
          {
            type: 'task',
            knowledgePoint: 'A-01-002',
            title: '照明线路',
            stem: '安装双控照明。',
            minutes: 45,
            rubric: [
              { points: 60, criterion: '接线正确' },
              { points: 40, criterion: '通电试车' },
            ],
            totalPoints: 100,
            difficulty: 3,
            set: 'SC-01',
          },
        ],
        [
          4,
          {
            type: 'single',
            knowledgePoint: 'A-01-001',
            stem: '电流的单位是（　　）。',
            options: ['伏特', '安培'],
            answer: 'B',
            difficulty: 3,
          },
        ],
      ]);
    });

    it('refuses a file that is not an xlsx workbook (FILE_UNREADABLE)', async () => {
      expect(errorsOf(await parseImport(Buffer.from('题型,题干'), 'xlsx'))).toEqual([[0, '', 'FILE_UNREADABLE']]);
    });
  });

  describe('json', () => {
    it('reads an array of items with native values; row = index + 2 like a spreadsheet', async () => {
      const file = Buffer.from(
        JSON.stringify([
          { type: 'judge', knowledgePoint: 'A-01-001', stem: '熔断器用于短路保护。', answer: true },
          {
            type: 'multiple',
            knowledgePoint: 'A-01-001',
            stem: '属于主令电器的有（　　）。',
            options: ['按钮', '接触器', '行程开关'],
            answer: ['C', 'a'],
            enemies: ['Q1'],
            difficulty: 4,
          },
          { 题型: '单选', 鉴定点: 'A-01-001', 题干: '电阻的单位是（　　）。', 选项A: '欧姆', 选项B: '安培', 答案: 'A' },
          {
            type: 'task',
            knowledgePoint: 'A-01-001',
            title: '照明',
            task: '安装照明线路。',
            minutes: 60,
            rubric: [{ points: 100, criterion: '功能正确' }],
          },
        ]),
      );
      const result = await parseImport(file, 'json');
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => [r.row, r.content])).toEqual([
        [
          2,
          {
            type: 'judge',
            knowledgePoint: 'A-01-001',
            stem: '熔断器用于短路保护。',
            options: [],
            answer: true,
            difficulty: 3,
          },
        ],
        [
          3,
          {
            type: 'multiple',
            knowledgePoint: 'A-01-001',
            stem: '属于主令电器的有（　　）。',
            options: ['按钮', '接触器', '行程开关'],
            answer: ['A', 'C'],
            difficulty: 4,
            enemies: ['Q1'],
          },
        ],
        [
          4,
          {
            type: 'single',
            knowledgePoint: 'A-01-001',
            stem: '电阻的单位是（　　）。',
            options: ['欧姆', '安培'],
            answer: 'A',
            difficulty: 3,
          },
        ],
        [
          5,
          {
            type: 'task',
            knowledgePoint: 'A-01-001',
            title: '照明',
            stem: '安装照明线路。',
            minutes: 60,
            rubric: [{ points: 100, criterion: '功能正确' }],
            totalPoints: 100,
            difficulty: 3,
          },
        ],
      ]);
    });

    it('accepts {"items": [...]} and reports an element that is not an object by its row', async () => {
      const file = Buffer.from(
        JSON.stringify({ items: [{ type: 'judge', knowledgePoint: 'A-01-001', stem: 'x。', answer: false }, 'oops'] }),
      );
      const result = await parseImport(file, 'json');
      expect(result.rows).toHaveLength(1);
      expect(errorsOf(result)).toEqual([[3, 'type', 'ROW_INVALID']]);
    });

    it('refuses malformed JSON (FILE_UNREADABLE)', async () => {
      expect(errorsOf(await parseImport(Buffer.from('[{'), 'json'))).toEqual([[0, '', 'FILE_UNREADABLE']]);
    });
  });
});
