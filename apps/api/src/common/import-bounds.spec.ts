import { AppException } from './app.exception';
import { assertImportBounded, IMPORT_LIMITS } from './import-bounds';
import { xlsxWithRows } from '../../../../test/support/zip';

const refusal = async (work: Promise<void>) => {
  try {
    await work;
  } catch (err) {
    return err instanceof AppException
      ? { status: err.status, code: err.code, details: err.details }
      : { error: String(err) };
  }
  return null;
};

describe(assertImportBounded.name, () => {
  const small = { ...IMPORT_LIMITS, rows: 50, columns: 10, cells: 400, inflatedBytes: 1 << 20 };

  it('lets a workbook inside every bound through', async () => {
    expect(await refusal(assertImportBounded(await xlsxWithRows(40, { columns: 8 }), 'xlsx', small))).toBeNull();
  });

  it('refuses a workbook with more rows than the bound', async () => {
    expect(await refusal(assertImportBounded(await xlsxWithRows(52, { columns: 2 }), 'xlsx', small))).toMatchObject({
      status: 413,
      code: 'IMPORT_TOO_LARGE',
      details: { limitRows: 50 },
    });
  });

  it('counts every row of a sheet that streams in many chunks, tags cut by chunk boundaries included', async () => {
    const limits = { ...IMPORT_LIMITS, rows: 20_000 };
    expect(await refusal(assertImportBounded(await xlsxWithRows(20_001, { columns: 3 }), 'xlsx', limits))).toBeNull();
    expect(
      await refusal(assertImportBounded(await xlsxWithRows(20_002, { columns: 3 }), 'xlsx', limits)),
    ).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limitRows: 20_000 } });
  });

  it('refuses a workbook wider than the bound', async () => {
    expect(await refusal(assertImportBounded(await xlsxWithRows(3, { columns: 11 }), 'xlsx', small))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitColumns: 10 },
    });
  });

  it('refuses a workbook with more cells than the bound', async () => {
    expect(await refusal(assertImportBounded(await xlsxWithRows(45, { columns: 10 }), 'xlsx', small))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitCells: 400 },
    });
  });

  it('refuses a sheet that declares more bytes than the bound', async () => {
    const bomb = await xlsxWithRows(20, { columns: 1, cellText: 'x'.repeat(100_000) });
    expect(bomb.length).toBeLessThan(50_000);
    expect(await refusal(assertImportBounded(bomb, 'xlsx', small))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitBytes: 1 << 20 },
    });
  });

  it('refuses a sheet that declares a small size and inflates past it', async () => {
    const forged = await xlsxWithRows(20, { columns: 1, cellText: 'x'.repeat(100_000), declaredSheetSize: 1000 });
    expect(await refusal(assertImportBounded(forged, 'xlsx', small))).toMatchObject({ code: 'IMPORT_TOO_LARGE' });
  });

  it('counts CSV records, not lines: a quoted line break stays one row', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},"two\nlines"`).join('\n');
    expect(await refusal(assertImportBounded(Buffer.from(`a,b\n${rows}\n`), 'csv', small))).toBeNull();
    expect(await refusal(assertImportBounded(Buffer.from(`a,b\n${rows}\n51,x\n`), 'csv', small))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitRows: 50 },
    });
  });

  it('counts the top-level elements of a JSON array, commas inside strings and nested values aside', async () => {
    const rows = (n: number) =>
      Buffer.from(
        JSON.stringify(Array.from({ length: n }, (_, i) => ({ stem: `a, b "${i}" [x]`, options: ['1', '2'] }))),
      );
    expect(await refusal(assertImportBounded(rows(50), 'json', { ...small, cells: 1000 }))).toBeNull();
    expect(await refusal(assertImportBounded(rows(51), 'json', { ...small, cells: 1000 }))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitRows: 50 },
    });
    expect(await refusal(assertImportBounded(rows(40), 'json', { ...small, cells: 100 }))).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      details: { limitCells: 100 },
    });
  });

  it('leaves a file that is no zip to the parser', async () => {
    expect(await refusal(assertImportBounded(Buffer.from('题型,题干'), 'xlsx', small))).toBeNull();
  });
});
