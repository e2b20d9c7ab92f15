import {
  exportItems,
  type ExportableItem,
  type ExportFormat,
  type ItemContent,
  type KnowledgeMap,
  type TaskContent,
  type TheoryContent,
} from '@jianding/itembank';
import { randomUUID } from 'crypto';
import { InstitutionEntity } from '../../apps/api/src/modules/institutions/institution.entity';
import { stemKey } from '../../apps/api/src/modules/items/item-content';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from '../../apps/api/src/modules/items/item.entities';
import { ItemsRepository } from '../../apps/api/src/modules/items/items.repository';
import { Session, TestContext, unique } from './app';

/**
 * A small map: two areas of one stratum each. With the level-4 template (20 judge + 80 single) stratum A-01 needs
 * 12 judge + 48 single and B-01 8 judge + 32 single per paper.
 */
export const TEST_MAP: KnowledgeMap = {
  areas: [
    {
      code: 'A',
      name: '基础知识',
      weight: 60,
      children: [
        {
          code: 'A-01',
          name: '电工基础',
          weight: 100,
          children: [
            { code: 'A-01-001', name: '安全电压', importance: 'X' },
            { code: 'A-01-002', name: '欧姆定律', importance: 'Y' },
          ],
        },
      ],
    },
    {
      code: 'B',
      name: '相关知识',
      weight: 40,
      children: [
        {
          code: 'B-01',
          name: '电气安全',
          weight: 100,
          children: [
            { code: 'B-01-001', name: '触电急救', importance: 'X' },
            { code: 'B-01-002', name: '防火防爆', importance: 'Z' },
          ],
        },
      ],
    },
  ],
};
export const TEST_POINTS = ['A-01-001', 'A-01-002', 'B-01-001', 'B-01-002'];

/** A fresh occupation (unique code) created by the given author or admin. */
export async function newOccupation(
  session: Session,
  extra: { special?: boolean; name?: string } = {},
): Promise<string> {
  const code = unique('T-');
  const res = await session.post('/occupations').send({ code, name: extra.name ?? '测试工种', special: extra.special });
  if (res.status !== 201) throw new Error(`create occupation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}

/** A fresh bank (new occupation, level 4) with {@link TEST_MAP} as its knowledge map. */
export async function newBank(
  author: Session,
  map: KnowledgeMap = TEST_MAP,
  level = '4',
): Promise<{ occupation: string; level: string; bankId: string }> {
  const occupation = await newOccupation(author);
  await putMap(author, occupation, level, map);
  const banks = await author.get(`/banks?occupation=${occupation}`).expect(200);
  return { occupation, level, bankId: banks.body.items.find((b: { level: string }) => b.level === level).id };
}

export async function putMap(
  author: Session,
  occupation: string,
  level: string,
  map: KnowledgeMap = TEST_MAP,
): Promise<void> {
  const res = await author.put(`/banks/${occupation}/${level}/knowledge-map`).send(map);
  if (res.status !== 200) throw new Error(`put map failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A valid single-choice item body for POST /items. */
export function singleBody(occupation: string, level: string, overrides: Record<string, unknown> = {}) {
  return {
    occupation,
    level,
    type: 'single',
    stem: `${unique('题干')}：我国安全电压额定值的最高一级为（ ）V。`,
    options: ['42', '36', '24', '12'],
    answer: 'A',
    knowledgePoint: 'A-01-001',
    difficulty: 3,
    ...overrides,
  };
}

/** `n` distinct theory items cycling judge / single / multiple over the test points; stems carry `tag`. */
export function theoryContents(n: number, tag: string): TheoryContent[] {
  const out: TheoryContent[] = [];
  for (let i = 0; i < n; i++) {
    const knowledgePoint = TEST_POINTS[i % TEST_POINTS.length];
    const kind = i % 3;
    if (kind === 0)
      out.push({
        type: 'judge',
        stem: `${tag} 第${i}题：安全电压不高于${i}伏。`,
        options: [],
        answer: i % 2 === 0,
        knowledgePoint,
        difficulty: 1 + (i % 5),
        ref: `${tag}-${i}`,
      });
    else if (kind === 1)
      out.push({
        type: 'single',
        stem: `${tag} 第${i}题：下列数值中最大的是（ ）。`,
        options: [`${i}`, `${i + 1}`, `${i + 2}`, `${i + 3}`],
        answer: 'D',
        knowledgePoint,
        difficulty: 3,
        ref: `${tag}-${i}`,
      });
    else
      out.push({
        type: 'multiple',
        stem: `${tag} 第${i}题：下列数值中大于${i}的有（ ）。`,
        options: [`${i - 1}`, `${i + 1}`, `${i + 2}`, `${i}`],
        answer: ['B', 'C'],
        knowledgePoint,
        difficulty: 4,
        explanation: `解析 ${i}`,
        ref: `${tag}-${i}`,
      });
  }
  return out;
}

export function taskContent(tag: string, set: string, i: number): TaskContent {
  return {
    type: 'task',
    title: `${tag} 实操 ${i}`,
    stem: `${tag} 任务 ${i}：按电气原理图完成线路安装并通电试车。`,
    materials: '交流接触器2只、热继电器1只',
    minutes: 90,
    rubric: [
      { points: 40, criterion: '元件安装' },
      { points: 60, criterion: '通电试车' },
    ],
    totalPoints: 100,
    knowledgePoint: 'A-01-001',
    difficulty: 3,
    set,
    ref: `${tag}-T${i}`,
  };
}

/** A file in the import template (the library's own exporter writes it). */
export function fileOf(contents: ItemContent[], format: ExportFormat): Promise<Buffer> {
  return exportItems(
    contents.map((content, i): ExportableItem => ({ id: content.ref ?? `row-${i}`, content })),
    format,
  );
}

/**
 * Approved items written straight to the tables (through the items repository's bulk insert): the compliance tests
 * need banks of a thousand items in well under a second.
 */
export async function insertApproved(
  ctx: TestContext,
  bankId: string,
  opts: {
    theory: number;
    sets?: number;
    tasksPerSet?: number;
    authorId: string;
    reviewerId: string;
    points?: string[];
  },
): Promise<void> {
  const tag = unique('bulk');
  const repo = ctx.app.get(ItemsRepository);
  const now = Date.now();
  const points = opts.points ?? TEST_POINTS;
  // One judge, single and multiple item per point in turn, so every point gets every type.
  const contents: ItemContent[] = theoryContents(opts.theory, tag).map((c, i) => ({
    ...c,
    knowledgePoint: points[Math.floor(i / 3) % points.length],
  }));
  const sets: PracticalSetEntity[] = [];
  for (let s = 0; s < (opts.sets ?? 0); s++) {
    const set = Object.assign(new PracticalSetEntity(), {
      id: randomUUID(),
      bankId,
      code: `${tag}-S${s}`,
      title: `${tag} 第${s}套`,
      createdAt: now,
    });
    sets.push(set);
    for (let t = 0; t < (opts.tasksPerSet ?? 3); t++) contents.push(taskContent(tag, set.code, s * 10 + t));
  }
  const setId = new Map(sets.map((s) => [s.code, s.id]));
  const items: ItemEntity[] = [];
  const versions: ItemVersionEntity[] = [];
  for (const content of contents) {
    const id = randomUUID();
    const versionId = randomUUID();
    items.push(
      Object.assign(new ItemEntity(), {
        id,
        bankId,
        type: content.type,
        ref: content.ref ?? null,
        latestVersionId: versionId,
        latestNo: 1,
        approvedVersionId: versionId,
        practicalSetId: content.type === 'task' ? setId.get(content.set!)! : null,
        usageCount: 0,
        lastUsedAt: null,
        createdBy: opts.authorId,
        createdAt: now,
        updatedAt: now,
      }),
    );
    versions.push(
      Object.assign(new ItemVersionEntity(), {
        id: versionId,
        itemId: id,
        bankId,
        no: 1,
        type: content.type,
        status: 'approved',
        content: JSON.stringify(content),
        stemKey: stemKey(content.stem),
        knowledgePoint: content.knowledgePoint,
        difficulty: content.difficulty,
        authorId: opts.authorId,
        changeNote: null,
        reviewerId: opts.reviewerId,
        reviewedAt: now,
        reviewReason: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  await ctx.db.transaction(async (tx) => {
    await repo.insertSets(tx, sets);
    await repo.bulkInsert(tx, items, versions);
  });
}

/** An institution row (the institutions module owns it; a direct insert is enough for role checks). */
export async function newInstitution(ctx: TestContext): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await ctx.db.manager.insert(InstitutionEntity, {
    id,
    code: unique('I'),
    name: '测试机构',
    type: 'training',
    scope: '[]',
    validFrom: now,
    validUntil: now + 3 * 365 * 86_400_000,
    status: 'active',
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Polls GET /jobs/{id} until the run finishes. */
export async function waitForJob(
  session: Session,
  jobId: string,
  timeoutMs = 30_000,
): Promise<{ status: string; progress: number; result: unknown; error: string | null }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await session.get(`/jobs/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'completed' || res.body.status === 'failed' || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}
