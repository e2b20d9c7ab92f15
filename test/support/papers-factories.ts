import { normaliseStem, type ItemContent } from '@jianding/itembank';
import { generateDemoBank, type DemoBank } from '../../apps/api/src/demo/generate-demo-bank';
import { createHash, randomUUID } from 'crypto';
import { BankEntity, OccupationEntity, PolicyEntity } from '../../apps/api/src/modules/banks/bank.entities';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from '../../apps/api/src/modules/items/item.entities';
import { Session, TestContext, unique } from './app';

let demo: DemoBank | undefined;
/** The realistic 电工 level-4 demo bank (≈1,470 theory items, 12 practical sets), generated once per test file. */
export const demoBank = (): DemoBank => (demo ??= generateDemoBank('papers-e2e'));

export interface SeededBank {
  occupation: string;
  level: string;
  bankId: string;
  /** Item id by demo ref. */
  itemIds: Map<string, string>;
  theoryItems: number;
}

const ROWS_PER_INSERT = 300;

async function insertChunked<T extends object>(ctx: TestContext, entity: new () => T, rows: T[]): Promise<void> {
  for (let k = 0; k < rows.length; k += ROWS_PER_INSERT) {
    await ctx.db.transaction((tx) =>
      tx
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(k, k + ROWS_PER_INSERT) as never)
        .updateEntity(false)
        .execute(),
    );
  }
}

/**
 * A bank whose items are all approved, written straight into the item bank's tables (the bank module's API is
 * another module's business): the demo map and items under a fresh occupation code. `theory` keeps only the
 * first n theory items (to fall below a threshold); `practical: false` leaves the practical sets out.
 */
export async function seedBank(
  ctx: TestContext,
  opts: { level?: string; theory?: number; practical?: boolean; policyId?: string | null; template?: unknown } = {},
): Promise<SeededBank> {
  const bank = demoBank();
  const now = Date.now();
  const occupation = Object.assign(new OccupationEntity(), {
    id: randomUUID(),
    code: unique('T-'),
    name: `${bank.occupation.name} ${unique('')}`,
    special: false,
    createdAt: now,
  });
  const level = opts.level ?? bank.level;
  const bankRow = Object.assign(new BankEntity(), {
    id: randomUUID(),
    occupationId: occupation.id,
    level,
    policyId: opts.policyId ?? null,
    knowledgeMap: JSON.stringify(bank.knowledgeMap),
    knowledgeMapVersion: 1,
    template: opts.template ? JSON.stringify(opts.template) : null,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.db.transaction(async (tx) => {
    await tx.insert(OccupationEntity, occupation);
    await tx.insert(BankEntity, bankRow);
  });

  const theory = bank.items.filter((i) => i.content.type !== 'task').slice(0, opts.theory ?? Number.MAX_SAFE_INTEGER);
  const tasks = opts.practical === false ? [] : bank.items.filter((i) => i.content.type === 'task');
  const chosen = [...theory, ...tasks];
  const itemIds = new Map<string, string>(chosen.map((i) => [i.ref, randomUUID()]));
  const sets =
    opts.practical === false
      ? []
      : bank.practicalSets.map((s) =>
          Object.assign(new PracticalSetEntity(), {
            id: randomUUID(),
            bankId: bankRow.id,
            code: s.code,
            title: s.name,
            createdAt: now,
          }),
        );
  const setOf = new Map<string, string>();
  bank.practicalSets.forEach((s, k) => s.taskRefs.forEach((ref) => sets[k] && setOf.set(ref, sets[k].id)));

  const author = randomUUID();
  const items: ItemEntity[] = [];
  const versions: ItemVersionEntity[] = [];
  for (const demoItem of chosen) {
    const id = itemIds.get(demoItem.ref)!;
    const versionId = randomUUID();
    const content: ItemContent = {
      ...demoItem.content,
      enemies: (demoItem.content.enemies ?? []).map((r) => itemIds.get(r)).filter((x): x is string => !!x),
    };
    items.push(
      Object.assign(new ItemEntity(), {
        id,
        bankId: bankRow.id,
        type: content.type,
        ref: demoItem.ref,
        latestVersionId: versionId,
        latestNo: 1,
        approvedVersionId: versionId,
        practicalSetId: setOf.get(demoItem.ref) ?? null,
        usageCount: 0,
        lastUsedAt: null,
        createdBy: author,
        createdAt: now,
        updatedAt: now,
      }),
    );
    versions.push(
      Object.assign(new ItemVersionEntity(), {
        id: versionId,
        itemId: id,
        bankId: bankRow.id,
        no: 1,
        type: content.type,
        status: 'approved',
        content: JSON.stringify(content),
        stemKey: createHash('sha256').update(normaliseStem(content.stem)).digest('hex'),
        knowledgePoint: content.knowledgePoint,
        difficulty: content.difficulty,
        authorId: author,
        changeNote: null,
        reviewerId: randomUUID(),
        reviewedAt: now,
        reviewReason: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  if (sets.length) await insertChunked(ctx, PracticalSetEntity, sets);
  await insertChunked(ctx, ItemEntity, items);
  await insertChunked(ctx, ItemVersionEntity, versions);
  return { occupation: occupation.code, level, bankId: bankRow.id, itemIds, theoryItems: theory.length };
}

/** An admin-defined policy with a small threshold, so a test bank can pass with few items. */
export async function seedPolicy(ctx: TestContext, theoryMinItems: number): Promise<string> {
  const id = unique('pol-').toLowerCase();
  const definition = {
    id,
    name: id,
    source: 'test',
    theoryMinItems,
    practical: null,
    retentionYears: 5,
    passMark: 60,
    multipleCredit: 'all-or-nothing',
    showResultToCandidate: true,
  };
  await ctx.db.transaction((tx) =>
    tx.insert(PolicyEntity, { id, definition: JSON.stringify(definition), createdBy: null, createdAt: Date.now() }),
  );
  return id;
}

export interface SeededInstitution {
  id: string;
  code: string;
  user: Session;
}

/** Files an institution through the API (as the centre) and signs in one of its staff. */
export async function seedInstitution(
  ctx: TestContext,
  centre: Session,
  scope: { occupation: string; levels: string[] }[],
  extra: Record<string, unknown> = {},
): Promise<SeededInstitution> {
  const code = unique('INS-');
  const res = await centre
    .post('/institutions')
    .send({ code, name: `机构 ${code}`, type: 'training', scope, ...extra });
  if (res.status !== 201) throw new Error(`file institution failed: ${res.status} ${JSON.stringify(res.body)}`);
  const user = await ctx.newUser(['institution'], { institutionId: res.body.id });
  return { id: res.body.id as string, code, user };
}

/** A date `days` from today, YYYY-MM-DD (UTC). */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Polls a request until it leaves `submitted`/`assembling`. */
export async function waitForRequest(
  session: Session,
  id: string,
  timeoutMs = 60_000,
): Promise<Record<string, unknown> & { status: string; papers: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await session.get(`/paper-requests/${id}`);
    if (res.status !== 200) throw new Error(`GET request ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status !== 'assembling' && res.body.status !== 'submitted') return res.body;
    if (Date.now() > deadline)
      throw new Error(`request ${id} still ${res.body.status} (${res.body.progress}%) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
