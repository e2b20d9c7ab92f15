import * as ExcelJS from 'exceljs';
import { importTemplate } from '../export';
import { badRowsWorkbook, REASON_HEADER } from './bad-rows';
import { parseImport } from './parse-import';

async function rowsOf(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

describe(badRowsWorkbook.name, () => {
  it('keeps only the rows with errors, in the file’s columns, with the row number and every reason', async () => {
    const file = csv(['题型,鉴定点,题干,答案', '判断,A-01,第一题,√', '判断,A-99,第二题,√', '判断,A-01,第三题,√']);
    const body = await badRowsWorkbook(file, 'csv', [
      { row: 3, column: '鉴定点', code: 'KNOWLEDGE_POINT_UNKNOWN', message: 'unknown point' },
      { row: 3, column: '答案', code: 'X', message: 'second problem' },
      { row: 0, column: '', code: 'FILE', message: 'about the file' },
    ]);
    expect(await rowsOf(body)).toEqual([
      ['行号', '题型', '鉴定点', '题干', '答案', REASON_HEADER],
      ['3', '判断', 'A-99', '第二题', '√', '[鉴定点] unknown point\n[答案] second problem'],
    ]);
  });

  it('escapes a cell a spreadsheet would run as a formula', async () => {
    const body = await badRowsWorkbook(csv(['题型,题干', '判断,"=1+1"']), 'csv', [
      { row: 2, column: '题干', code: 'X', message: 'bad' },
    ]);
    expect((await rowsOf(body))[1][2]).toBe("'=1+1");
  });
});

describe(importTemplate.name, () => {
  it('is a file the importer reads: Chinese headers and one example row', async () => {
    const rows = await rowsOf(await importTemplate('xlsx'));
    expect(rows[0].slice(0, 3)).toEqual(['题型', '鉴定点', '题干']);
    expect(rows).toHaveLength(2);
    const parsed = await parseImport(await importTemplate('csv'), 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0].content).toMatchObject({ type: 'single', knowledgePoint: 'A-01-001', answer: 'A' });
  });
});
