import * as ExcelJS from 'exceljs';
import { binaryBody as binary, bootApp, Session, TestContext, unique } from '../support/app';
import { fileOf, newBank, singleBody, theoryContents } from '../support/items-factories';

async function rowsOf(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('What the staff console needs from the API', () => {
  let ctx: TestContext;
  let author: Session;
  let author2: Session;
  let reviewer: Session;
  let onlyReviewer: Session;
  let bank: { occupation: string; level: string; bankId: string };

  beforeAll(async () => {
    ctx = await bootApp();
    author = await ctx.newUser(['author']);
    author2 = await ctx.newUser(['author']);
    // Writes items too, so the queue must leave their own out.
    reviewer = await ctx.newUser(['reviewer', 'author']);
    onlyReviewer = await ctx.newUser(['reviewer']);
    bank = await newBank(author);
  });
  afterAll(() => ctx.close());

  const create = async (session: Session, overrides: Record<string, unknown> = {}) =>
    (
      await session
        .post('/items')
        .send(singleBody(bank.occupation, bank.level, overrides))
        .expect(201)
    ).body as { id: string };
  const submit = (session: Session, id: string) => session.post(`/items/${id}/submit`).expect(200);

  it('filters items by difficulty and lists the drafts a reviewer sent back, with the reason', async () => {
    const easy = await create(author, { difficulty: 1 });
    const sentBack = await create(author, { difficulty: 5 });
    await submit(author, sentBack.id);
    await reviewer.post(`/items/${sentBack.id}/reject`).send({ reason: '选项重复' }).expect(200);

    const byDifficulty = await author
      .get(`/items?occupation=${bank.occupation}&level=${bank.level}&difficulty=1`)
      .expect(200);
    expect(byDifficulty.body.items.map((i: { id: string }) => i.id)).toEqual([easy.id]);
    const rejected = await author
      .get(`/items?occupation=${bank.occupation}&level=${bank.level}&rejected=true`)
      .expect(200);
    expect(rejected.body.items).toEqual([
      expect.objectContaining({ id: sentBack.id, status: 'draft', reviewReason: '选项重复' }),
    ]);
    const bad = await author.get('/items?difficulty=9').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it("gives a reviewer the items in review written by others, oldest first, never the reviewer's own", async () => {
    const first = await create(author);
    await submit(author, first.id);
    const second = await create(author2);
    await submit(author2, second.id);
    const own = await create(reviewer);
    await submit(reviewer, own.id);

    const queue = await reviewer
      .get(`/items/review-queue?occupation=${bank.occupation}&level=${bank.level}`)
      .expect(200);
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(ids).not.toContain(own.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(queue.body.items[0]).toHaveProperty('answer');
    expect(queue.body.total).toBe(ids.length);
    await author.get('/items/review-queue').expect(403);
  });

  it('serves the import template: the Chinese headers and one example row that imports once the point exists', async () => {
    const res = await author.get('/items/import-template').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await rowsOf(res.body as Buffer);
    expect(rows[0].slice(0, 4)).toEqual(['题型', '鉴定点', '题干', '选项A']);
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe('单选');
    const csv = await author.get('/items/import-template?format=csv').expect(200);
    expect(csv.text.split('\r\n')[0]).toContain('题型');
    await author.get('/items/import-template?format=pdf').expect(400);
    await onlyReviewer.get('/items/import-template').expect(403);
  });

  it('returns the bad rows of an upload as xlsx with the row number and a reason column, importing nothing', async () => {
    const contents = theoryContents(4, unique('bad'));
    contents[2] = { ...contents[2], knowledgePoint: 'Z-99-999' };
    const file = await fileOf(contents, 'xlsx');
    const res = await author
      .post('/items/import/bad-rows')
      .field('occupation', bank.occupation)
      .field('level', bank.level)
      .attach('file', file, 'bank.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await rowsOf(res.body as Buffer);
    expect(rows[0][0]).toBe('行号');
    expect(rows[0].at(-1)).toBe('错误原因');
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe('4');
    expect(rows[1].at(-1)).toContain('Z-99-999');
    expect(rows[1]).toContain(contents[2].stem);
    const total = (
      await author
        .get(
          `/items?occupation=${bank.occupation}&level=${bank.level}&q=${encodeURIComponent(contents[0].stem.slice(0, 12))}`,
        )
        .expect(200)
    ).body.total;
    expect(total).toBe(0);

    const good = await author
      .post('/items/import/bad-rows')
      .field('occupation', bank.occupation)
      .field('level', bank.level)
      .attach('file', await fileOf(theoryContents(2, unique('ok')), 'xlsx'), 'ok.xlsx')
      .expect(409);
    expect(good.body.code).toBe('IMPORT_VALID');
    await author
      .post('/items/import/bad-rows')
      .field('occupation', bank.occupation)
      .field('level', bank.level)
      .expect(400);
    await onlyReviewer
      .post('/items/import/bad-rows')
      .field('occupation', bank.occupation)
      .field('level', bank.level)
      .attach('file', file, 'bank.xlsx')
      .expect(403);
  });

  it('lets a staff member change their own password only with the current one', async () => {
    const username = unique('pw.');
    const admin = await ctx.admin();
    await admin
      .post('/users')
      .send({ username, password: 'first-password-1', roles: ['reviewer'] })
      .expect(201);
    const me = await ctx.login(username, 'first-password-1');
    const wrong = await me
      .post('/account/password')
      .send({ currentPassword: 'not-it-at-all', newPassword: 'second-password-2' })
      .expect(403);
    expect(wrong.body.code).toBe('PASSWORD_WRONG');
    const same = await me
      .post('/account/password')
      .send({ currentPassword: 'first-password-1', newPassword: 'first-password-1' })
      .expect(400);
    expect(same.body.code).toBe('PASSWORD_UNCHANGED');
    await me.post('/account/password').send({ currentPassword: 'first-password-1', newPassword: 'short' }).expect(400);
    await me
      .post('/account/password')
      .send({ currentPassword: 'first-password-1', newPassword: 'second-password-2' })
      .expect(200, { changed: true });
    await expect(ctx.login(username, 'first-password-1')).rejects.toThrow('401');
    await ctx.login(username, 'second-password-2');
    const centre = await ctx.newUser(['centre']);
    const audit = await centre.get(`/audit?entity=user&id=${me.user.id}`).expect(200);
    expect(JSON.stringify(audit.body)).toContain('user.password_change');
  });
});
