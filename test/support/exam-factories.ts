import { randomBytes, randomUUID } from 'crypto';
import { assemble, type Paper, type SnapshotItem } from '@jianding/assembly';
import { generateDemoBank, type DemoBank } from '../../apps/api/src/demo/generate-demo-bank';
import { BankEntity, OccupationEntity, PolicyEntity } from '../../apps/api/src/modules/banks/bank.entities';
import { InstitutionEntity } from '../../apps/api/src/modules/institutions/institution.entity';
import { ItemEntity, ItemVersionEntity } from '../../apps/api/src/modules/items/item.entities';
import { PaperEntity, PaperRequestEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { idCheckDigit } from '@jianding/exam';
import { Session, TestContext, unique } from './app';

/** A valid 18-character resident ID number (GB 11643) for candidate `n`. */
export function idNumber(n: number): string {
  const body = `110105${1970 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

/** An item written by hand: letters in `answer` refer to the original option order. */
export interface HandItem {
  type: 'judge' | 'single' | 'multiple';
  stem: string;
  options?: string[];
  answer: boolean | string | string[];
  points: number;
  explanation?: string;
  /** displayed → original option index as drawn; default identity. */
  optionOrder?: number[];
}

/** A practical task of a hand-made world: its rubric lines' points add up to the task's points. */
export interface HandTask {
  title: string;
  rubric: { points: number; criterion: string }[];
}

export interface ExamWorld {
  institutionId: string;
  occupationCode: string;
  level: string;
  bankId: string;
  requestId: string;
  requestSeed: string;
  papers: PaperEntity[];
  /** versionId → content, keys included, to check what must not leak. */
  contents: Map<string, { stem: string; options?: string[]; answer: unknown; explanation?: string }>;
}

let demo: DemoBank | undefined;

async function baseRows(ctx: TestContext, opts: { policyId?: string | null; level?: string }) {
  const m = ctx.db.manager;
  const now = Date.now();
  const occupation = Object.assign(new OccupationEntity(), {
    id: randomUUID(),
    code: unique('9-99-'),
    name: '电工',
    special: false,
    createdAt: now,
  });
  await m.insert(OccupationEntity, occupation);
  const bank = Object.assign(new BankEntity(), {
    id: randomUUID(),
    occupationId: occupation.id,
    level: opts.level ?? '4',
    policyId: opts.policyId ?? null,
    knowledgeMap: null,
    knowledgeMapVersion: 0,
    template: null,
    createdAt: now,
    updatedAt: now,
  });
  await m.insert(BankEntity, bank);
  const institution = Object.assign(new InstitutionEntity(), {
    id: randomUUID(),
    code: unique('I').slice(0, 32),
    name: unique('考核站 '),
    type: 'training',
    scope: JSON.stringify([{ occupation: occupation.code, levels: [opts.level ?? '4'] }]),
    validFrom: now - 86_400_000,
    validUntil: now + 3 * 365 * 86_400_000,
    status: 'active',
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  });
  await m.insert(InstitutionEntity, institution);
  return { bank, institution, occupation, now };
}

async function insertVersion(
  ctx: TestContext,
  bankId: string,
  type: string,
  content: object,
  knowledgePoint: string,
): Promise<{ itemId: string; versionId: string }> {
  const now = Date.now();
  const itemId = randomUUID();
  const versionId = randomUUID();
  await ctx.db.manager.insert(
    ItemEntity,
    Object.assign(new ItemEntity(), {
      id: itemId,
      bankId,
      type,
      ref: null,
      latestVersionId: versionId,
      latestNo: 1,
      approvedVersionId: versionId,
      practicalSetId: null,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: randomUUID(),
      createdAt: now,
      updatedAt: now,
    }),
  );
  await ctx.db.manager.insert(
    ItemVersionEntity,
    Object.assign(new ItemVersionEntity(), {
      id: versionId,
      itemId,
      bankId,
      no: 1,
      type,
      status: 'approved',
      content: JSON.stringify(content),
      stemKey: randomBytes(16).toString('hex'),
      knowledgePoint,
      difficulty: 3,
      authorId: randomUUID(),
      changeNote: null,
      reviewerId: randomUUID(),
      reviewedAt: now,
      reviewReason: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return { itemId, versionId };
}

async function insertRequest(
  ctx: TestContext,
  w: {
    institutionId: string;
    bankId: string;
    forms: number;
    perCandidate: boolean;
    candidateCount: number;
    seed: string;
    policyId: string | null;
  },
): Promise<string> {
  const now = Date.now();
  const id = randomUUID();
  await ctx.db.manager.insert(
    PaperRequestEntity,
    Object.assign(new PaperRequestEntity(), {
      id,
      institutionId: w.institutionId,
      bankId: w.bankId,
      examDate: new Date(now).toISOString().slice(0, 10),
      forms: w.forms,
      perCandidate: w.perCandidate,
      candidateCount: w.candidateCount,
      includePractical: false,
      status: 'ready',
      progress: 100,
      reason: null,
      seed: w.seed,
      policyId: w.policyId,
      mapJson: null,
      templateJson: null,
      papersDrawnBefore: 0,
      snapshotHash: 'f'.repeat(64),
      assemblerVersion: 'test',
      jobRunId: null,
      requestedBy: randomUUID(),
      decidedBy: randomUUID(),
      decidedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}

async function insertPaper(
  ctx: TestContext,
  requestId: string,
  form: number,
  body: object,
  seed: string,
  kind: 'theory' | 'practical' = 'theory',
): Promise<PaperEntity> {
  const paper = Object.assign(new PaperEntity(), {
    id: randomUUID(),
    requestId,
    kind,
    form,
    label: kind === 'practical' ? 'P' : String.fromCharCode(65 + (form % 26)) + (form >= 26 ? form : ''),
    seed,
    assemblerVersion: 'test',
    snapshotHash: 'f'.repeat(64),
    contentHash: randomBytes(32).toString('hex'),
    body: JSON.stringify(body),
    status: 'sealed',
    releasedAt: null,
    createdAt: Date.now(),
  });
  await ctx.db.manager.insert(PaperEntity, paper);
  return paper;
}

/** An admin-defined policy with partial credit for multiple choice (half the points for a correct subset). */
export async function partialCreditPolicy(ctx: TestContext): Promise<string> {
  const id = unique('partial-').toLowerCase();
  const definition = {
    id,
    name: 'partial credit',
    source: 'test',
    theoryMinItems: 10,
    practical: null,
    retentionYears: 1,
    passMark: 60,
    multipleCredit: 'partial',
    showResultToCandidate: true,
  };
  await ctx.db.manager.insert(
    PolicyEntity,
    Object.assign(new PolicyEntity(), {
      id,
      definition: JSON.stringify(definition),
      createdBy: null,
      createdAt: Date.now(),
    }),
  );
  return id;
}

/**
 * A ready request with hand-written items: every form has the same items in the same order (the option order of
 * each position is `optionOrder` or the identity). `shuffleOptions: false` keeps the drawn order for every candidate.
 */
export async function seedHandWorld(
  ctx: TestContext,
  items: HandItem[],
  opts: {
    forms?: number;
    policyId?: string | null;
    shuffleOptions?: boolean;
    level?: string;
    /** Practical tasks: the request then also has a practical paper of these tasks, in this order. */
    practical?: HandTask[];
  } = {},
): Promise<ExamWorld> {
  const { bank, institution, occupation } = await baseRows(ctx, opts);
  const contents: ExamWorld['contents'] = new Map();
  const positions = [];
  for (const [i, it] of items.entries()) {
    const content = {
      type: it.type,
      stem: it.stem,
      options: it.type === 'judge' ? [] : it.options,
      answer: it.answer,
      explanation: it.explanation ?? `因为 ${it.stem}`,
      knowledgePoint: 'A-01-001',
      difficulty: 3,
    };
    const { itemId, versionId } = await insertVersion(ctx, bank.id, it.type, content, 'A-01-001');
    contents.set(versionId, content);
    positions.push({
      position: i + 1,
      section: 0,
      type: it.type,
      itemId,
      versionId,
      knowledgePoint: 'A-01-001',
      stratum: 'A-01',
      points: it.points,
      optionOrder: it.type === 'judge' ? null : (it.optionOrder ?? (it.options ?? []).map((_, k) => k)),
    });
  }
  const forms = opts.forms ?? 1;
  const seed = randomBytes(16).toString('hex');
  const requestId = await insertRequest(ctx, {
    institutionId: institution.id,
    bankId: bank.id,
    forms,
    perCandidate: false,
    candidateCount: 0,
    seed,
    policyId: opts.policyId ?? null,
  });
  const papers: PaperEntity[] = [];
  for (let f = 0; f < forms; f++) {
    const body = {
      assemblerVersion: 'test',
      form: f,
      seed,
      options: {
        maxOverlap: 1,
        exposureCap: null,
        papersDrawn: null,
        shuffleOptions: opts.shuffleOptions ?? false,
        avoided: [],
      },
      durationMinutes: 60,
      totalPoints: 100,
      positions,
    };
    papers.push(await insertPaper(ctx, requestId, f, body, seed));
  }
  if (opts.practical) await insertPracticalPaper(ctx, bank.id, requestId, seed, opts.practical);
  return {
    institutionId: institution.id,
    occupationCode: occupation.code,
    level: bank.level,
    bankId: bank.id,
    requestId,
    requestSeed: seed,
    papers,
    contents,
  };
}

/** Approved task versions and the request's practical paper composed of them (the shape `composePracticalPaper` draws). */
async function insertPracticalPaper(
  ctx: TestContext,
  bankId: string,
  requestId: string,
  seed: string,
  tasks: HandTask[],
) {
  const positions = [];
  for (const [i, t] of tasks.entries()) {
    const points = t.rubric.reduce((sum, l) => sum + l.points, 0);
    const content = {
      type: 'task',
      title: t.title,
      stem: `${t.title}：按图完成`,
      materials: '万用表、导线',
      minutes: 30,
      rubric: t.rubric,
      totalPoints: points,
      knowledgePoint: 'A-01-001',
      difficulty: 3,
    };
    const { itemId, versionId } = await insertVersion(ctx, bankId, 'task', content, 'A-01-001');
    positions.push({ position: i + 1, section: 0, itemId, versionId, knowledgePoint: 'A-01-001', points, minutes: 30 });
  }
  const body = {
    assemblerVersion: 'test',
    seed,
    poolHash: 'e'.repeat(64),
    templateHash: 'd'.repeat(64),
    totalPoints: positions.reduce((sum, p) => sum + p.points, 0),
    totalMinutes: positions.length * 30,
    positions,
    contentHash: randomBytes(32).toString('hex'),
  };
  await insertPaper(ctx, requestId, 0, body, seed, 'practical');
  await ctx.db.manager.update(PaperRequestEntity, { id: requestId }, { includePractical: true });
}

/** A ready request whose forms are drawn by libs/assembly from the demo bank (电工 level 4), options shuffled. */
export async function seedDemoWorld(
  ctx: TestContext,
  opts: { forms?: number; perCandidate?: number } = {},
): Promise<ExamWorld> {
  demo ??= generateDemoBank('exam-tests');
  const { bank, institution, occupation } = await baseRows(ctx, {});
  const theory = demo.items.filter((i) => i.content.type !== 'task');
  const refToItem = new Map(theory.map((i) => [i.ref, randomUUID()]));
  const snapshot: SnapshotItem[] = theory.map((i) => {
    const c = i.content as {
      type: 'judge' | 'single' | 'multiple';
      knowledgePoint: string;
      options?: string[];
      enemies?: string[];
    };
    return {
      versionId: `v-${i.ref}`,
      itemId: refToItem.get(i.ref)!,
      type: c.type,
      knowledgePoint: c.knowledgePoint,
      difficulty: 3,
      enemies: (c.enemies ?? []).map((r) => refToItem.get(r) ?? r),
      optionCount: c.options?.length ?? 0,
      usageCount: 0,
    };
  });
  const template = {
    durationMinutes: 90,
    sections: [
      { type: 'judge' as const, count: 10, pointsEach: 2 },
      { type: 'single' as const, count: 20, pointsEach: 3 },
      { type: 'multiple' as const, count: 5, pointsEach: 4 },
    ],
  };
  const seed = randomBytes(16).toString('hex');
  const perCandidate = opts.perCandidate ?? 0;
  const forms = perCandidate || opts.forms || 2;
  const result = assemble({
    snapshot,
    map: demo.knowledgeMap as never,
    template,
    seed,
    options: { forms, maxOverlap: 1 },
  });
  const drawn: Paper[] = result.papers;
  // Only the versions the papers use go into the database, under real ids.
  const used = new Set(drawn.flatMap((p) => p.positions.map((x) => x.versionId as string)));
  const ids = new Map<string, { itemId: string; versionId: string }>();
  const contents: ExamWorld['contents'] = new Map();
  for (const i of theory) {
    const vid = `v-${i.ref}`;
    if (!used.has(vid)) continue;
    const c = i.content as {
      type: string;
      knowledgePoint: string;
      stem: string;
      options?: string[];
      answer: unknown;
      explanation?: string;
    };
    const row = await insertVersion(ctx, bank.id, c.type, c, c.knowledgePoint);
    ids.set(vid, row);
    contents.set(row.versionId, c);
  }
  const requestId = await insertRequest(ctx, {
    institutionId: institution.id,
    bankId: bank.id,
    forms: perCandidate ? 1 : forms,
    perCandidate: perCandidate > 0,
    candidateCount: perCandidate,
    seed,
    policyId: null,
  });
  const papers: PaperEntity[] = [];
  for (const p of drawn) {
    const positions = p.positions.map((x) => ({
      ...x,
      itemId: ids.get(x.versionId)!.itemId,
      versionId: ids.get(x.versionId)!.versionId,
    }));
    papers.push(await insertPaper(ctx, requestId, p.form, { ...p, positions }, p.seed));
  }
  return {
    institutionId: institution.id,
    occupationCode: occupation.code,
    level: bank.level,
    bankId: bank.id,
    requestId,
    requestSeed: seed,
    papers,
    contents,
  };
}

export interface Roster {
  ticketNo: string;
  name: string;
  idNumber: string;
}

let rosterCounter = 0;
export function roster(n: number): Roster[] {
  return Array.from({ length: n }, () => {
    const k = rosterCounter++;
    return { ticketNo: unique('T'), name: `考生${k}`, idNumber: idNumber(k + 17) };
  });
}

/** An institution user of the world's institution creates a session through the API. */
export async function createSession(
  ctx: TestContext,
  world: ExamWorld,
  opts: {
    candidates?: Roster[];
    startsAt?: number;
    durationMinutes?: number;
    showResult?: boolean;
    sebConfigKey?: string;
    staff?: Session;
  } = {},
): Promise<{ id: string; staff: Session; candidates: Roster[]; body: Record<string, unknown> }> {
  const staff = opts.staff ?? (await ctx.newUser(['institution'], { institutionId: world.institutionId }));
  const candidates = opts.candidates ?? roster(3);
  const res = await staff.post('/exam-sessions').send({
    paperRequestId: world.requestId,
    name: unique('第一考场 '),
    startsAt: new Date(opts.startsAt ?? Date.now() - 60_000).toISOString(),
    durationMinutes: opts.durationMinutes ?? 60,
    candidates,
    showResult: opts.showResult,
    sebConfigKey: opts.sebConfigKey,
  });
  if (res.status !== 201) throw new Error(`create session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, staff, candidates, body: res.body };
}

let ipCounter = 1;
/** Each sign-in from its own address, so throttling of failures in one test never blocks another. */
export const freshIp = () => `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

export async function candidateLogin(ctx: TestContext, c: Pick<Roster, 'ticketNo' | 'idNumber'>, ip = freshIp()) {
  return ctx.http
    .post('/api/v1/exam/login')
    .set('X-Forwarded-For', ip)
    .send({ ticketNo: c.ticketNo, idNumber: c.idNumber });
}

/** Signs a candidate in and returns a session with their token. */
export async function signIn(ctx: TestContext, c: Roster): Promise<Session> {
  const res = await candidateLogin(ctx, c);
  if (res.status !== 200) throw new Error(`candidate sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Session(ctx.http, res.body.token as string, {
    id: c.ticketNo,
    username: c.ticketNo,
    roles: ['candidate'],
  });
}

/** A proctor of the world's institution, assigned to the session by its institution: proctors see only their sessions. */
export async function assignedProctor(
  ctx: TestContext,
  world: Pick<ExamWorld, 'institutionId'>,
  s: { id: string; staff: Session },
): Promise<Session> {
  const proctor = await ctx.newUser(['proctor'], { institutionId: world.institutionId });
  const res = await s.staff.put(`/exam-sessions/${s.id}/proctors`).send({ userIds: [proctor.user.id] });
  if (res.status !== 200) throw new Error(`assign proctor failed: ${res.status} ${JSON.stringify(res.body)}`);
  return proctor;
}
