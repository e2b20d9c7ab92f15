import { importFormatOf } from './items-transfer.service';

describe(importFormatOf.name, () => {
  it('takes the format from the extension, whatever the MIME type says', () => {
    expect(importFormatOf('题库.XLSX', 'application/octet-stream')).toBe('xlsx');
    expect(importFormatOf('bank.csv', 'application/vnd.ms-excel')).toBe('csv');
    expect(importFormatOf('bank.json', undefined)).toBe('json');
  });

  it('falls back to the MIME type only for a file without extension', () => {
    expect(importFormatOf('upload', 'text/csv; charset=utf-8')).toBe('csv');
  });

  it('refuses anything else with IMPORT_FORMAT_UNSUPPORTED (415)', () => {
    expect(() => importFormatOf('bank.xls', 'application/vnd.ms-excel')).toThrow(
      expect.objectContaining({ code: 'IMPORT_FORMAT_UNSUPPORTED', status: 415 }),
    );
    expect(() => importFormatOf('notes.txt', 'text/csv')).toThrow(
      expect.objectContaining({ code: 'IMPORT_FORMAT_UNSUPPORTED' }),
    );
  });
});
