import type { KnowledgeMap, TheoryContent } from '@jianding/itembank';
import { bootApp, Session, TestContext, unique } from '../support/app';
import { fileOf, newBank } from '../support/items-factories';
import { inDays, seedInstitution, seedPolicy, waitForRequest } from '../support/papers-factories';

/** Weights sum to 100; area E, as in many real banks, holds only 判断 items. */
const MAP: KnowledgeMap = {
  areas: [
    {
      code: 'A',
      name: '电工基础',
      weight: 30,
      children: [
        { code: 'A-01', name: '直流电路', importance: 'X' },
        { code: 'A-02', name: '交流电路', importance: 'Y' },
      ],
    },
    {
      code: 'B',
      name: '电工仪表',
      weight: 30,
      children: [
        { code: 'B-01', name: '万用表', importance: 'X' },
        { code: 'B-02', name: '兆欧表', importance: 'Z' },
      ],
    },
    { code: 'C', name: '电力拖动', weight: 20, children: [{ code: 'C-01', name: '控制线路', importance: 'X' }] },
    {
      code: 'E',
      name: '安全规程',
      weight: 20,
      children: [
        { code: 'E-01', name: '安全用电', importance: 'X' },
        { code: 'E-02', name: '触电急救', importance: 'Y' },
      ],
    },
  ],
};
const WEIGHTS: Record<string, number> = { A: 30, B: 30, C: 20, E: 20 };

/** Per knowledge point: how many judge and single items. */
function contents(tag: string, judgeInE: number): TheoryContent[] {
  const supply: Record<string, [number, number]> = {
    'A-01': [3, 30],
    'A-02': [3, 30],
    'B-01': [3, 30],
    'B-02': [3, 30],
    'C-01': [6, 40],
    'E-01': [Math.ceil(judgeInE / 2), 0],
    'E-02': [Math.floor(judgeInE / 2), 0],
  };
  const out: TheoryContent[] = [];
  for (const [knowledgePoint, [judge, single]] of Object.entries(supply)) {
    for (let i = 0; i < judge; i++)
      out.push({
        type: 'judge',
        stem: `${tag} ${knowledgePoint} 判断第${i}题：作业前应验电${i}次。`,
        options: [],
        answer: i % 2 === 0,
        knowledgePoint,
        difficulty: 2,
        ref: `${tag}-${knowledgePoint}-j${i}`,
      });
    for (let i = 0; i < single; i++)
      out.push({
        type: 'single',
        stem: `${tag} ${knowledgePoint} 单选第${i}题：下列数值中最大的是（ ）。`,
        options: [`${i}`, `${i + 1}`, `${i + 2}`, `${i + 3}`],
        answer: 'D',
        knowledgePoint,
        difficulty: 3,
        ref: `${tag}-${knowledgePoint}-s${i}`,
      });
  }
  return out;
}

describe('Paper assembly over an uneven bank', () => {
  let ctx: TestContext;
  let author: Session;
  let reviewer: Session;
  let centre: Session;
  let policyId: string;

  beforeAll(async () => {
    ctx = await bootApp();
    [author, reviewer, centre] = await Promise.all([
      ctx.newUser(['author']),
      ctx.newUser(['reviewer']),
      ctx.newUser(['centre']),
    ]);
    policyId = await seedPolicy(ctx, 100);
  });
  afterAll(() => ctx.close());

  /** A bank imported from a spreadsheet, submitted and approved through the review workflow. */
  async function importedBank(judgeInE: number) {
    const bank = await newBank(author, MAP);
    const items = contents(unique('alloc'), judgeInE);
    const imported = await author
      .post('/items/import')
      .field('occupation', bank.occupation)
      .field('level', bank.level)
      .attach('file', await fileOf(items, 'csv'), 'bank.csv');
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toBe(items.length);
    const ids = (
      await author.get(`/items?occupation=${bank.occupation}&level=${bank.level}&pageSize=500`).expect(200)
    ).body.items.map((i: { id: string }) => i.id);
    await author.post('/items/submit').send({ ids }).expect(200);
    await reviewer.post('/items/approve').send({ ids }).expect(200);
    await centre.put(`/banks/${bank.occupation}/${bank.level}/settings`).send({ policyId }).expect(200);
    const inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
    return { ...bank, inst };
  }

  it('draws two parallel forms whose area points match the weights within one item, the 判断-only area met by 判断 items', async () => {
    const bank = await importedBank(40);
    const report = (await author.get(`/banks/${bank.occupation}/${bank.level}/compliance`).expect(200)).body;
    expect(report.shortfalls).toEqual([]);
    expect(report.met).toBe(true);
    expect(report.strata).toEqual(
      expect.arrayContaining([
        { stratum: 'E', type: 'judge', needed: 20, available: 40 },
        { stratum: 'E', type: 'single', needed: 0, available: 0 },
      ]),
    );

    const created = await bank.inst.user
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level, examDate: inDays(20), forms: 2 });
    expect(created.status).toBe(201);
    await centre.post(`/paper-requests/${created.body.id}/approve`).send({}).expect(200);
    const done = await waitForRequest(centre, created.body.id);
    expect(done.status).toBe('ready');
    expect(done.papers).toHaveLength(2);

    const forms = await Promise.all(
      done.papers.map(
        async (id) =>
          (await centre.get(`/papers/${id}`).expect(200)).body as {
            positions: { type: string; points: number; knowledgePoint: string; itemId: string }[];
          },
      ),
    );
    for (const form of forms) {
      const points: Record<string, number> = { A: 0, B: 0, C: 0, E: 0 };
      for (const p of form.positions) points[p.knowledgePoint.split('-')[0]] += p.points;
      for (const [code, weight] of Object.entries(WEIGHTS))
        expect(Math.abs(points[code] - weight)).toBeLessThanOrEqual(1);
      const inE = form.positions.filter((p) => p.knowledgePoint.startsWith('E-'));
      expect(inE.length).toBe(20);
      expect(inE.every((p) => p.type === 'judge')).toBe(true);
      expect(form.positions.filter((p) => p.type === 'single')).toHaveLength(80);
    }
    // The overlap cap (0.3 by default) holds between the two forms.
    const inA = new Set(forms[0].positions.map((p) => p.itemId));
    expect(forms[1].positions.filter((p) => inA.has(p.itemId)).length).toBeLessThanOrEqual(30);
    // Re-derivation reproduces both papers, their allocation included.
    for (const id of done.papers)
      expect((await centre.post(`/papers/${id}/verify`).send({}).expect(200)).body).toMatchObject({
        match: true,
        bodyIdentical: true,
      });
  });

  it('refuses a request when the 判断-only area cannot reach its points, naming the area and what it holds', async () => {
    const bank = await importedBank(5);
    const report = (await author.get(`/banks/${bank.occupation}/${bank.level}/compliance`).expect(200)).body;
    expect(report.met).toBe(false);
    expect(report.shortfalls).toEqual([expect.objectContaining({ area: 'E', needed: 20, available: 5 })]);
    const res = await bank.inst.user
      .post('/paper-requests')
      .send({ occupation: bank.occupation, level: bank.level, examDate: inDays(20) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('BANK_QUOTA_SHORTFALL');
    expect(res.body.message).toContain(
      'Area E (weight 20%) needs 20 points (within 1) and holds 5 judge, 0 single and 0 multiple-choice items',
    );
  });
});
