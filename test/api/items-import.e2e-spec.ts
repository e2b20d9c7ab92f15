import type { ItemContent, TheoryContent } from '@jianding/itembank';
import { parseImport } from '@jianding/itembank';
import { bootApp, Session, TestContext, unique } from '../support/app';
import { fileOf, newBank, taskContent, theoryContents, waitForJob } from '../support/items-factories';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Items: import and export', () => {
  let ctx: TestContext;
  let author: Session;
  let reviewer: Session;

  beforeAll(async () => {
    ctx = await bootApp();
    author = await ctx.newUser(['author']);
    reviewer = await ctx.newUser(['reviewer']);
  });
  afterAll(() => ctx.close());

  const upload = (
    session: Session,
    where: { occupation: string; level: string },
    file: Buffer,
    name: string,
    query = '',
  ) =>
    session
      .post(`/items/import${query}`)
      .field('occupation', where.occupation)
      .field('level', where.level)
      .attach('file', file, name);

  const countIn = async (where: { occupation: string; level: string }, status?: string) =>
    (
      await author
        .get(
          `/items?occupation=${where.occupation}&level=${where.level}&pageSize=1${status ? `&status=${status}` : ''}`,
        )
        .expect(200)
    ).body.total as number;

  async function allIds(where: { occupation: string; level: string }): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const res = await author
        .get(`/items?occupation=${where.occupation}&level=${where.level}&page=${page}&pageSize=500`)
        .expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      if (ids.length >= res.body.total) return ids;
    }
  }

  it('imports nothing from a 1,500-row xlsx with row 1,234 broken, naming that row and column; then the fixed file imports', async () => {
    const bank = await newBank(author);
    const contents = theoryContents(1500, unique('imp'));
    // Spreadsheet row 1,234 is data row 1,233 (row 1 is the header): element 1,232.
    const broken = contents.map((c, i) =>
      i === 1232 ? ({ ...c, type: 'single', options: ['甲', '乙', '丙'], answer: 'Q' } as TheoryContent) : c,
    );
    const bad = await upload(author, bank, await fileOf(broken, 'xlsx'), 'bank.xlsx');
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('IMPORT_INVALID');
    expect(bad.body.details.imported).toBe(0);
    expect(bad.body.details.errors).toEqual([
      expect.objectContaining({ row: 1234, column: '答案', code: 'ANSWER_INVALID' }),
    ]);
    expect(await countIn(bank)).toBe(0);

    const good = await upload(author, bank, await fileOf(contents, 'xlsx'), 'bank.xlsx');
    expect(good.status).toBe(201);
    expect(good.body).toEqual({ imported: 1500, warnings: [] });
    expect(await countIn(bank, 'draft')).toBe(1500);
    // Importing the same file again: every stem is a duplicate of the bank's.
    const again = await upload(author, bank, await fileOf(contents.slice(0, 3), 'xlsx'), 'again.xlsx');
    expect(again.body.details.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(['STEM_DUPLICATE', 'REF_DUPLICATE']),
    );
  });

  it('exports a bank and imports it into an empty bank with every item identical', async () => {
    const tag = unique('rt');
    const theory: ItemContent[] = theoryContents(30, tag);
    theory[0] = {
      ...(theory[0] as TheoryContent),
      stem: `=1+1 ${tag} 在表格中不应被执行。`,
      enemies: [`${tag}-1`, `${tag}-2`],
    };
    theory[1] = { ...(theory[1] as TheoryContent), options: ['-5', '+5', '@5', '5'] };
    delete theory[3].ref; // exported with its id as 编号
    const tasks = [0, 1, 2, 3, 4, 5].map((i) => taskContent(tag, `${tag}-SET${i % 2}`, i));
    const source = await newBank(author);
    const imported = await upload(
      author,
      source,
      await fileOf([...theory, ...tasks], 'json'),
      'source.json',
      '?status=in_review',
    );
    expect(imported.status).toBe(201);
    expect(await countIn(source, 'in_review')).toBe(36);
    await reviewer
      .post('/items/approve')
      .send({ ids: await allIds(source) })
      .expect(200);

    const xlsx = await author
      .get(`/items/export?occupation=${source.occupation}&level=4&format=xlsx`)
      .responseType('blob');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain(XLSX);
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename=".*\.xlsx"$/);
    const parsed = await parseImport(xlsx.body as Buffer, 'xlsx');
    expect(parsed.rows).toHaveLength(36);

    const target = await newBank(author);
    expect((await upload(author, target, xlsx.body as Buffer, 'export.xlsx', '?status=in_review')).status).toBe(201);
    await reviewer
      .post('/items/approve')
      .send({ ids: await allIds(target) })
      .expect(200);

    const a = await author.get(`/items/export?occupation=${source.occupation}&level=4&format=json`).expect(200);
    const b = await author.get(`/items/export?occupation=${target.occupation}&level=4&format=json`).expect(200);
    expect(a.headers['content-type']).toContain('application/json');
    expect(b.text).toBe(a.text);
    const items = JSON.parse(a.text) as { stem?: string; enemies?: string[]; set?: string }[];
    expect(items).toHaveLength(36);
    expect(items.find((i) => i.stem?.startsWith('=1+1'))?.enemies).toEqual([`${tag}-1`, `${tag}-2`]);
    expect(new Set(items.filter((i) => i.set).map((i) => i.set))).toEqual(new Set([`${tag}-SET0`, `${tag}-SET1`]));

    const centre = await ctx.newUser(['centre']);
    const csv = await centre.get(`/items/export?occupation=${source.occupation}&level=4&format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`'=1+1 ${tag}`);
    expect(csv.text).toContain(`'-5`);
  });

  it('reports each validation problem with its row, column and code', async () => {
    const bank = await newBank(author);
    const tag = unique('val');
    const rows = theoryContents(6, tag);
    rows[1] = { ...rows[1], knowledgePoint: 'Q-01-001' };
    rows[2] = { ...rows[2], enemies: ['NO-SUCH-REF'] };
    rows[4] = { ...rows[4], stem: rows[0].stem.replace('：', ':  ') };
    const res = await upload(author, bank, await fileOf(rows, 'csv'), 'items.csv');
    expect(res.status).toBe(422);
    expect(
      res.body.details.errors.map(
        (e: { row: number; column: string; code: string }) => `${e.row}/${e.column}/${e.code}`,
      ),
    ).toEqual(['3/鉴定点/KNOWLEDGE_POINT_UNKNOWN', '4/互斥/ENEMY_UNKNOWN', '6/题干/STEM_DUPLICATE']);

    const english = Buffer.from(
      `\uFEFFtype,knowledgePoint,stem,optionA,optionB,answer\njudge,A-01-001,${tag} 英文表头,,,T\nsingle,A-01-002,${tag} 英文单选,甲,乙,b\n`,
      'utf8',
    );
    const ok = await upload(author, bank, english, 'english.csv');
    expect(ok.status).toBe(201);
    expect(ok.body.imported).toBe(2);

    const noHeader = await upload(author, bank, Buffer.from('题型,题干\n判断,没有答案列\n', 'utf8'), 'bad.csv');
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.details.errors[0]).toMatchObject({ row: 1, code: 'HEADER_MISSING' });

    const txt = await upload(author, bank, Buffer.from('hello'), 'items.txt');
    expect(txt.status).toBe(415);
    expect(txt.body.code).toBe('IMPORT_FORMAT_UNSUPPORTED');

    const missing = await author.post('/items/import').field('occupation', bank.occupation).field('level', '4');
    expect(missing.body.code).toBe('FILE_REQUIRED');
    expect((await upload(reviewer, bank, english, 'english.csv')).status).toBe(403);
  });

  it('runs a large import as a queued job with progress and the result at GET /jobs/{id}', async () => {
    const bank = await newBank(author);
    const contents = theoryContents(2100, unique('big'));
    const res = await upload(author, bank, await fileOf(contents, 'csv'), 'big.csv');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ jobId: expect.any(String), status: 'queued' });
    const job = await waitForJob(author, res.body.jobId);
    expect(job).toMatchObject({
      status: 'completed',
      progress: 100,
      result: { imported: 2100, errors: [], warnings: [] },
    });
    expect(await countIn(bank)).toBe(2100);

    // The same all-or-nothing rule in the job: one duplicate stem, nothing written.
    const other = await newBank(author);
    const dup = theoryContents(2100, unique('bigdup'));
    dup[2049] = { ...dup[2049], stem: dup[10].stem };
    const queued = await upload(author, other, await fileOf(dup, 'csv'), 'dup.csv');
    expect(queued.status).toBe(202);
    const failed = await waitForJob(author, queued.body.jobId);
    expect(failed).toMatchObject({
      status: 'completed',
      result: {
        imported: 0,
        errorCount: 1,
        errors: [expect.objectContaining({ row: 2051, column: '题干', code: 'STEM_DUPLICATE' })],
      },
    });
    expect(await countIn(other)).toBe(0);
  });
});
