import { idCheckDigit, idNumberTail, isValidIdNumber, maskIdNumber } from './id-number';
import { nextSeat, parseCsv, rosterFromTable, validateRoster } from './roster';

describe(isValidIdNumber.name, () => {
  it('accepts the GB 11643 example and refuses a wrong check digit, a bad date or a short number', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });

  it('keeps and shows only the last four', () => {
    expect(idNumberTail(' 11010519491231002x ')).toBe('002X');
    expect(maskIdNumber('002X')).toBe('**************002X');
  });
});

describe(validateRoster.name, () => {
  it('reports every bad entry with where it came from', () => {
    const rows = [
      { ticketNo: 'T1', name: '张三', idNumber: '11010519491231002X' },
      { ticketNo: 'T1', name: '', idNumber: '110105194912310021' },
    ];
    expect(validateRoster(rows, new Set(), (i) => ({ row: i + 2 })).map((e) => [e.row, e.code])).toEqual([
      [3, 'TICKET_NO_DUPLICATE'],
      [3, 'NAME_INVALID'],
      [3, 'ID_NUMBER_INVALID'],
    ]);
  });

  it('refuses a ticket already on the roster', () => {
    expect(
      validateRoster([{ ticketNo: 'T9', name: '李四', idNumber: '11010519491231002X' }], new Set(['T9']), (i) => ({
        index: i,
      })),
    ).toEqual([
      { index: 0, field: 'ticketNo', code: 'TICKET_NO_DUPLICATE', message: 'ticket T9 is already on this roster' },
    ]);
  });

  it('seats added rows after the highest seat taken', () => {
    expect(nextSeat([])).toBe(0);
    expect(nextSeat([{ seat: 0 }, { seat: 4 }, { seat: 2 }])).toBe(5);
  });
});

describe(rosterFromTable.name, () => {
  it('reads Chinese headers in any order, skips blank rows and numbers rows as the sheet does', () => {
    const table = [
      ['姓名', '\uFEFF准考证号', '身份证号码'],
      [' 张三 ', 'T1', '11010519491231002X'],
      ['', ' ', ''],
      ['李四', 'T2', 'x'],
    ];
    expect(rosterFromTable(table)).toEqual({
      rows: [
        { ticketNo: 'T1', name: '张三', idNumber: '11010519491231002X' },
        { ticketNo: 'T2', name: '李四', idNumber: 'x' },
      ],
      rowNumbers: [2, 4],
      missing: [],
    });
  });

  it('names the missing headers and reads no rows then', () => {
    expect(
      rosterFromTable([
        ['ticketNo', 'name'],
        ['T1', 'A'],
      ]),
    ).toEqual({ rows: [], rowNumbers: [], missing: ['idNumber'] });
  });

  it('reads CSV with BOM, quotes and CRLF', () => {
    expect(parseCsv('\uFEFFa,"b ""x"", y"\r\n1,2\n')).toEqual([
      ['a', 'b "x", y'],
      ['1', '2'],
    ]);
  });
});
