import { crc32, createDeflateRaw } from 'zlib';

/** One part of a zip: its bytes as chunks (so a huge part never exists in memory at once), and an optional lie. */
export interface ZipPart {
  name: string;
  chunks: Iterable<Buffer>;
  /** What the headers claim the part inflates to; the true size when absent. */
  declaredSize?: number;
}

/** A zip (deflate, no zip64) built by streaming each part through the deflater: a 400 MB part costs no 400 MB. */
export async function buildZip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const deflater = createDeflateRaw({ level: 9 });
    const compressed: Buffer[] = [];
    deflater.on('data', (c: Buffer) => compressed.push(c));
    const done = new Promise<void>((resolve, reject) => {
      deflater.on('end', resolve);
      deflater.on('error', reject);
    });
    let crc = 0;
    let size = 0;
    for (const chunk of part.chunks) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflater.write(chunk)) await new Promise((r) => deflater.once('drain', r));
    }
    deflater.end();
    await done;
    const data = Buffer.concat(compressed);
    const declared = part.declaredSize ?? size;
    const header = (central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let o = 0;
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, o);
      o += 4;
      if (central) {
        b.writeUInt16LE(20, o); // version made by
        o += 2;
      }
      b.writeUInt16LE(20, o); // version needed
      b.writeUInt16LE(0x0800, o + 2); // UTF-8 names
      b.writeUInt16LE(8, o + 4); // deflate
      b.writeUInt32LE(0, o + 6); // time, date
      b.writeUInt32LE(crc >>> 0, o + 10);
      b.writeUInt32LE(data.length, o + 14);
      b.writeUInt32LE(declared, o + 18);
      b.writeUInt16LE(name.length, o + 22);
      b.writeUInt16LE(0, o + 24); // extra
      if (central) b.writeUInt32LE(offset, o + 36); // comment, disk, attributes stay 0
      return b;
    };
    central.push(header(true), name);
    const local = Buffer.concat([header(false), name, data]);
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function* repeat(head: string, body: (i: number) => string, count: number, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  // Rows go out in batches: the deflater sees a few hundred KB at a time, the test never holds the whole sheet.
  for (let i = 0; i < count;) {
    let batch = '';
    while (batch.length < 1 << 20 && i < count) batch += body(i++);
    yield Buffer.from(batch);
  }
  yield Buffer.from(tail);
}

/**
 * A workbook whose first sheet has `rows` rows of `columns` cells of `cellText`: with long enough cells, a file of a
 * few hundred KB that unpacks to hundreds of MB. `declaredSheetSize` makes the headers lie about the sheet.
 */
export function xlsxWithRows(
  rows: number,
  opts: { columns?: number; cellText?: string; declaredSheetSize?: number } = {},
): Promise<Buffer> {
  const columns = opts.columns ?? 8;
  const text = opts.cellText ?? 'x';
  const letters = (n: number) => {
    let s = '';
    for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    return s;
  };
  const cols = Array.from({ length: columns }, (_, c) => letters(c));
  const row = (i: number) =>
    `<row r="${i + 1}">${cols.map((c) => `<c r="${c}${i + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
  const xml = (s: string) => [Buffer.from(s)];
  return buildZip([
    {
      name: '[Content_Types].xml',
      chunks: xml(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: xml(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: xml(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: xml(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      declaredSize: opts.declaredSheetSize,
      chunks: repeat(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        row,
        rows,
        '</sheetData></worksheet>',
      ),
    },
  ]);
}
