import * as ExcelJS from 'exceljs';
import { exportItems, type ExportableItem } from './export';
import { parseImport, type ImportFormat } from './import/parse-import';
import { judgeItem, multipleItem, singleItem, taskItem } from './testing/factories';
import type { ItemContent } from './types';

function bank(): ExportableItem[] {
  return [
    {
      id: 'id-1',
      content: singleItem({
        ref: 'Q1',
        stem: '=A1+1 的结果是（　　）',
        options: ['-5V', '+5V', '@home', "'=literal"],
        answer: 'B',
        explanation: '公式注入测试',
        enemies: ['Q2'],
      }),
    },
    {
      id: 'id-2',
      content: judgeItem({ ref: 'Q2', stem: '变压器不能改变直流电压。\n（第二行）', answer: false, enemies: ['Q1'] }),
    },
    {
      id: 'id-3',
      content: multipleItem({
        ref: 'Q3',
        options: ['1', '2', '3', '4', '5', '6', '7', '8'],
        answer: ['A', 'C', 'H'],
        difficulty: 5,
      }),
    },
    {
      id: 'id-4',
      content: singleItem({
        ref: undefined,
        stem: '电阻的单位是（　　）。',
        options: ['欧姆', '安培', '伏特'],
        answer: 'A',
        enemies: ['id-1'],
      }),
    },
    {
      id: 'id-5',
      content: taskItem({
        ref: 'P1',
        materials: '接触器2只\n按钮3只',
        rubric: [
          { points: 2.5, criterion: '接地 | 可靠' },
          { points: 97.5, criterion: '=功能正确' },
        ],
      }),
    },
    {
      id: 'id-6',
      content: taskItem({
        ref: 'P2',
        stem: '安装照明线路。',
        title: '照明',
        materials: undefined,
        set: undefined,
        totalPoints: 50,
        rubric: [{ points: 50, criterion: '功能' }],
      }),
    },
  ];
}

/** What import must give back: refs assigned (id when missing) and enemies by ref. */
function expected(): ItemContent[] {
  const items = bank().map((i) => ({ ...i.content }));
  items[3] = { ...items[3], ref: 'id-4', enemies: ['Q1'] };
  return items;
}

describe(exportItems.name, () => {
  it.each(['xlsx', 'csv', 'json'] as ImportFormat[])(
    'round-trips every item through %s: export then import gives the same content',
    async (format) => {
      // Act
      const file = await exportItems(bank(), format);
      const result = await parseImport(file, format);
      // Assert
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.rows.map((r) => r.content)).toEqual(expected());
    },
  );

  it('writes CSV with a UTF-8 BOM and the Chinese template headers', async () => {
    const text = (await exportItems([{ id: 'x', content: judgeItem() }], 'csv')).toString('utf8');
    expect(text.startsWith('\uFEFF题型,鉴定点,题干,选项A,选项B,选项C,选项D,答案,难度,解析,编号,互斥\r\n')).toBe(true);
    expect(text).toContain('判断,A-01-002,变压器不能改变直流电压。,,,,,√,2,,x,');
  });

  it('escapes cells a spreadsheet would execute in CSV', async () => {
    const text = (await exportItems(bank().slice(0, 1), 'csv')).toString('utf8');
    expect(text).toContain(",'=A1+1 的结果是（　　）,'-5V,'+5V,'@home,''=literal,");
  });

  it('writes escaped text cells, never formulas, in xlsx', async () => {
    // Arrange
    const file = await exportItems(bank().slice(0, 1), 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    // Act
    const header = sheet.getRow(1).values as unknown[];
    const stemCell = sheet.getCell(2, header.indexOf('题干'));
    const optionA = sheet.getCell(2, header.indexOf('选项A'));
    // Assert
    expect(stemCell.type).toBe(ExcelJS.ValueType.String);
    expect(stemCell.value).toBe("'=A1+1 的结果是（　　）");
    expect(optionA.value).toBe("'-5V");
  });

  it('exports tasks alone without the theory columns, and they still import', async () => {
    const items = bank().filter((i) => i.content.type === 'task');
    const csv = await exportItems(items, 'csv');
    expect(csv.toString('utf8')).not.toContain('题干');
    expect((await parseImport(csv, 'csv')).rows.map((r) => r.content)).toEqual(items.map((i) => i.content));
  });

  it('falls back to the item id when a ref is shared or would split in the 互斥 cell', async () => {
    const items: ExportableItem[] = [
      { id: 'a', content: judgeItem({ stem: '一。', ref: 'R 1' }) },
      { id: 'b', content: judgeItem({ stem: '二。', ref: 'R2' }) },
      { id: 'c', content: judgeItem({ stem: '三。', ref: 'R2', enemies: ['a', 'b'] }) },
    ];
    const rows = (await parseImport(await exportItems(items, 'json'), 'json')).rows;
    expect(rows.map((r) => [r.content.ref, r.content.enemies])).toEqual([
      ['a', undefined],
      ['R2', undefined],
      ['c', ['a', 'R2']],
    ]);
  });

  it('exports an empty bank as a header-only file', async () => {
    const result = await parseImport(await exportItems([], 'csv'), 'csv');
    expect(result).toEqual({ rows: [], errors: [], warnings: [], refs: [] });
  });
});
