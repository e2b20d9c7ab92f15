import { bootApp, Session, TestContext } from '../support/app';
import { createSession, roster, seedDemoWorld, signIn } from '../support/exam-factories';
import { newBank } from '../support/items-factories';
import { xlsxWithRows } from '../support/zip';

const MB = 1024 * 1024;

/** Highest resident memory of this process while `work` runs, sampled every few milliseconds, minus the start. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / MB, ms: Date.now() - started };
  } finally {
    clearInterval(sampler);
  }
}

describe('Hostile input', () => {
  let ctx: TestContext;
  let centre: Session;
  beforeAll(async () => {
    ctx = await bootApp();
    centre = await ctx.newUser(['centre']);
  });
  afterAll(() => ctx.close());

  describe('numbers in query strings', () => {
    it('refuses page numbers that are not safe integers with 400 on every list endpoint', async () => {
      const doc = (await ctx.http.get('/api/docs-json').expect(200)).body as {
        paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
      };
      const lists = Object.entries(doc.paths)
        .filter(([, ops]) => ops.get?.parameters?.some((p) => p.in === 'query' && p.name === 'page'))
        .map(([path]) => path.replace(/^\/api\/v1/, ''));
      expect(lists).toEqual(
        expect.arrayContaining([
          '/users',
          '/items',
          '/audit',
          '/institutions',
          '/paper-requests',
          '/papers',
          '/exam-sessions',
        ]),
      );
      const admin = await ctx.admin();
      // The review queue is the reviewers' own list; every other list but users is the centre's.
      const reviewer = await ctx.newUser(['reviewer']);
      const readerOf = (path: string) =>
        path === '/users' ? admin : path === '/items/review-queue' ? reviewer : centre;
      // A list inside one session (the proctor's monitor) is walked on a real session.
      const session = await createSession(ctx, await seedDemoWorld(ctx), { candidates: roster(1) });
      for (const template of lists) {
        const path = template.replace('{id}', session.id);
        const who = readerOf(template);
        // A stream never ends: only its refusals are walked.
        if (!path.endsWith('/stream')) expect([path, (await who.get(`${path}?page=2`)).status]).toEqual([path, 200]);
        for (const bad of ['1e20', '99999999999999999999', '1e308', '0x10', '1.5', '-1', '0', 'abc']) {
          const res = await who.get(`${path}?page=${bad}`);
          expect([path, bad, res.status, res.body.code]).toEqual([path, bad, 400, 'VALIDATION_FAILED']);
        }
        expect((await who.get(`${path}?pageSize=1e3`)).status).toBe(400);
      }
    });

    it('refuses a version number beyond the safe integers on the item diff', async () => {
      const author = await ctx.newUser(['author']);
      const res = await author.get('/items/00000000-0000-4000-8000-000000000000/diff?from=1&to=99999999999999999999');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('spreadsheets that would not fit in memory', () => {
    let author: Session;
    let bank: { occupation: string; level: string };
    beforeAll(async () => {
      author = await ctx.newUser(['author']);
      bank = await newBank(author);
    });
    const upload = (file: Buffer) =>
      author
        .post('/items/import')
        .field('occupation', bank.occupation)
        .field('level', bank.level)
        .attach('file', file, 'bomb.xlsx');

    it('refuses a zip bomb (a small workbook whose sheet unpacks to 400 MB) with 413 IMPORT_TOO_LARGE, in bounded memory', async () => {
      const bomb = await xlsxWithRows(4000, { columns: 1, cellText: 'x'.repeat(100_000) });
      expect(bomb.length).toBeLessThan(2 * MB);
      const { result: res, growthMb, ms } = await rssGrowth(() => upload(bomb));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'IMPORT_TOO_LARGE' });
      expect(ms).toBeLessThan(5000);
      expect(growthMb).toBeLessThan(200);
    });

    it('refuses a zip bomb whose headers understate the sheet, inflating it as a stream only up to the bound', async () => {
      const forged = await xlsxWithRows(4000, {
        columns: 1,
        cellText: 'x'.repeat(100_000),
        declaredSheetSize: 150 * MB,
      });
      const { result: res, growthMb, ms } = await rssGrowth(() => upload(forged));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('IMPORT_TOO_LARGE');
      expect(ms).toBeLessThan(5000);
      expect(growthMb).toBeLessThan(200);
    });

    it('refuses a workbook of more than 100,000 rows before parsing it', async () => {
      const tall = await xlsxWithRows(100_002, { columns: 1 });
      const res = await upload(tall);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limitRows: 100_000 } });
    });

    it('refuses a roster zip bomb with 413 IMPORT_TOO_LARGE', async () => {
      const world = await seedDemoWorld(ctx);
      const s = await createSession(ctx, world, { startsAt: Date.now() + 3_600_000 });
      const bomb = await xlsxWithRows(4000, { columns: 3, cellText: 'x'.repeat(40_000) });
      const { result: res, growthMb } = await rssGrowth(() =>
        s.staff.post(`/exam-sessions/${s.id}/candidates/import`).attach('file', bomb, 'roster.xlsx'),
      );
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('IMPORT_TOO_LARGE');
      expect(growthMb).toBeLessThan(200);
    });
  });

  describe('a suspended institution', () => {
    it('can read, but neither import a roster nor extend a candidate’s time (403 INSTITUTION_SUSPENDED)', async () => {
      const world = await seedDemoWorld(ctx);
      const s = await createSession(ctx, world);
      const candidate = await signIn(ctx, s.candidates[0]);
      const attemptId = (await candidate.get('/exam/attempt').expect(200)).body.attemptId as string;
      const extension = { minutes: 5, reason: '设备故障' };
      await s.staff.post(`/attempts/${attemptId}/extend`).send(extension).expect(200);

      await centre
        .patch(`/institutions/${world.institutionId}`)
        .send({ status: 'suspended', reason: '停业整顿' })
        .expect(200);
      const csv = `准考证号,姓名,身份证号\n${roster(1)
        .map((r) => `${r.ticketNo},${r.name},${r.idNumber}`)
        .join('\n')}\n`;
      const imported = await s.staff
        .post(`/exam-sessions/${s.id}/candidates/import`)
        .attach('file', Buffer.from(csv), 'roster.csv');
      expect(imported.status).toBe(403);
      expect(imported.body.code).toBe('INSTITUTION_SUSPENDED');
      const extended = await s.staff.post(`/attempts/${attemptId}/extend`).send(extension);
      expect(extended.status).toBe(403);
      expect(extended.body.code).toBe('INSTITUTION_SUSPENDED');
      await s.staff.get(`/exam-sessions/${s.id}`).expect(200);

      await centre
        .patch(`/institutions/${world.institutionId}`)
        .send({ status: 'active', reason: '整改完成' })
        .expect(200);
      await s.staff.post(`/attempts/${attemptId}/extend`).send(extension).expect(200);
    });
  });
});
