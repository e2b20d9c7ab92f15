// `import = require` is TypeScript's form for an `export =` module: a default import would need
// esModuleInterop, which the bench's swc-node loader does not apply (the root tsconfig has no compilerOptions).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import seedrandom = require('seedrandom');
import type { ItemContent, KnowledgeMap, Level, TaskContent } from '@jianding/itembank';
import { BLANK, DemoBuilder, pick, shuffle } from './builder';
import { DEVICES, FACTS, INSULATION_CLASSES, MULTI_FACTS, SAFETY_COLOURS } from './electrician-facts';
import { ELECTRICIAN_L4_MAP } from './electrician-map';
import { distractors, keyText, NUMERIC_FORMS, NUMERIC_MULTI } from './electrician-numeric';
import { TASK_MODULES } from './electrician-practical';

export interface DemoItem {
  /** Unique within the bank; enemies name items by it. Equal to `content.ref`. */
  ref: string;
  content: ItemContent;
}

export interface DemoPracticalSet {
  code: string;
  name: string;
  /** Refs of the set's tasks, in paper order. */
  taskRefs: string[];
}

export interface DemoBank {
  occupation: { code: string; name: string };
  level: Level;
  knowledgeMap: KnowledgeMap;
  /** Theory items, then practical tasks. */
  items: DemoItem[];
  practicalSets: DemoPracticalSet[];
}

export const DEMO_OCCUPATION = { code: '6-31-01-03', name: '电工' } as const;
export const DEMO_LEVEL: Level = '4';
export const DEMO_PRACTICAL_SETS = 12;

const REF_PREFIX = 'DG4';
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A realistic demo bank for 电工 level 4: the knowledge map, about 1,400 theory items (true/false,
 * single and multiple choice) built from real electrical facts and textbook formulas, and 12 practical
 * sets of 3 tasks each. Deterministic: the same seed gives the same bank, byte for byte. Every item
 * passes `validateItem`, stems are unique after normalisation, and the bank meets `chengdu-2024`.
 * Items derived from the same fact are mutual enemies. Everything is returned as content, with refs
 * for ids: the API's DemoBankService imports it as the demo author and takes it through review.
 */
export function generateDemoBank(seed: string): DemoBank {
  const random = seedrandom(seed);
  const rng = (): number => random();
  const b = new DemoBuilder(rng);

  addFacts(b);
  addTables(b);
  addNumeric(b);
  for (const [point, facts] of Object.entries(MULTI_FACTS)) {
    for (const [stem, keys, wrongs] of facts) b.multiple(point, stem.replace('__', BLANK), keys, wrongs, 3);
  }
  const theoryCount = b.drafts.length;
  const sets = addPracticalSets(b);

  // Refs in generation order; groups of items that give each other away become mutual enemies.
  let theoryNo = 0;
  const refs = b.drafts.map((d, i) =>
    i < theoryCount
      ? `${REF_PREFIX}-${pad(++theoryNo, 4)}`
      : `${REF_PREFIX}-P${(d.content as TaskContent).set!.slice(-2)}-${sets.position.get(i)! + 1}`,
  );
  const groups = new Map<string, string[]>();
  b.drafts.forEach((d, i) => {
    if (d.group) groups.set(d.group, [...(groups.get(d.group) ?? []), refs[i]]);
  });
  const items = b.drafts.map((d, i): DemoItem => {
    const content: ItemContent = { ...d.content, ref: refs[i] };
    const enemies = d.group ? groups.get(d.group)!.filter((r) => r !== refs[i]) : [];
    if (enemies.length > 0) content.enemies = enemies;
    return { ref: refs[i], content };
  });
  return {
    occupation: { ...DEMO_OCCUPATION },
    level: DEMO_LEVEL,
    knowledgeMap: structuredClone(ELECTRICIAN_L4_MAP),
    items,
    practicalSets: sets.sets.map(({ code, name, members }) => ({ code, name, taskRefs: members.map((i) => refs[i]) })),
  };
}

/** Each fact gives a single-choice item and a true/false item (true or false at random), as enemies. */
function addFacts(b: DemoBuilder): void {
  for (const [point, facts] of Object.entries(FACTS)) {
    facts.forEach(([stem, key, ...wrongs], i) => {
      const group = `fact:${point}:${i}`;
      b.single(point, stem.replace('__', BLANK), key, wrongs, 2, { group });
      const truth = b.rng() < 0.5;
      b.judge(point, stem.replace('__', truth ? key : wrongs[0]), truth, 2, { group });
    });
  }
}

/** Tables read both ways: device ↔ symbol ↔ function, colour ↔ meaning, insulation class ↔ temperature. */
function addTables(b: DemoBuilder): void {
  const rng = b.rng;
  const others = <T>(all: readonly T[], self: T, n = 3): T[] =>
    shuffle(
      all.filter((x) => x !== self),
      rng,
    ).slice(0, n);

  for (const [name, symbol, use, point] of DEVICES) {
    const symbols = DEVICES.map((d) => d[1]);
    const uses = DEVICES.map((d) => d[2]);
    const names = DEVICES.map((d) => d[0]);
    b.single(point, `在电气控制原理图中，${name}的文字符号是${BLANK}。`, symbol, others(symbols, symbol), 2, {
      group: `sym:${name}`,
    });
    b.single(point, `电气控制原理图中的文字符号“${symbol}”表示${BLANK}。`, name, others(names, name), 2, {
      group: `sym:${name}`,
    });
    const symTruth = rng() < 0.5;
    b.judge(
      point,
      `在电气控制原理图中，${name}的文字符号是${symTruth ? symbol : pick(others(symbols, symbol), rng)}。`,
      symTruth,
      2,
      { group: `sym:${name}` },
    );
    b.single(point, `${name}在电路中主要用于${BLANK}。`, use, others(uses, use), 2, { group: `use:${name}` });
    const useTruth = rng() < 0.5;
    b.judge(point, `${name}在电路中主要用于${useTruth ? use : pick(others(uses, use), rng)}。`, useTruth, 2, {
      group: `use:${name}`,
    });
  }

  const colours = SAFETY_COLOURS.map((c) => c[0]);
  const meanings = SAFETY_COLOURS.map((c) => c[1]);
  for (const [colour, meaning] of SAFETY_COLOURS) {
    const group = `colour:${colour}`;
    b.single('B-02-003', `安全色中，表示“${meaning}”含义的颜色是${BLANK}。`, colour, others(colours, colour), 1, {
      group,
    });
    b.single('B-02-003', `安全色中的${colour}表示${BLANK}。`, meaning, others(meanings, meaning), 1, { group });
    const truth = rng() < 0.5;
    b.judge(
      'B-02-003',
      `安全色中的${colour}表示${truth ? meaning : pick(others(meanings, meaning), rng)}的含义。`,
      truth,
      1,
      { group },
    );
  }
  const phases: [string, string][] = [
    ['L1（U）', '黄色'],
    ['L2（V）', '绿色'],
    ['L3（W）', '红色'],
  ];
  const phaseColours = ['黄色', '绿色', '红色', '淡蓝色'];
  for (const [phase, colour] of phases) {
    const group = `phase:${phase}`;
    b.single(
      'B-02-003',
      `三相交流系统中，${phase}相导线（母线）的颜色应为${BLANK}。`,
      colour,
      others(phaseColours, colour),
      2,
      { group },
    );
    const truth = rng() < 0.5;
    b.judge(
      'B-02-003',
      `三相交流系统中，${phase}相导线（母线）的颜色应为${truth ? colour : pick(others(phaseColours, colour), rng)}。`,
      truth,
      2,
      { group },
    );
  }

  const classes = INSULATION_CLASSES.map((c) => c[0]);
  const limits = INSULATION_CLASSES.map((c) => String(c[1]));
  for (const [cls, limit] of INSULATION_CLASSES) {
    const group = `insulation:${cls}`;
    b.single(
      'A-03-002',
      `耐热等级为${cls}级的绝缘材料，其极限工作温度为${BLANK}℃。`,
      String(limit),
      others(limits, String(limit)),
      3,
      { group },
    );
    b.single('A-03-002', `极限工作温度为${limit}℃的绝缘材料，其耐热等级为${BLANK}级。`, cls, others(classes, cls), 3, {
      group,
    });
    const truth = rng() < 0.5;
    b.judge(
      'A-03-002',
      `${cls}级绝缘材料的极限工作温度为${truth ? limit : pick(others(limits, String(limit)), rng)}℃。`,
      truth,
      3,
      { group },
    );
  }
}

/** Up to `cap` questions per form in seeded order; every third becomes a true/false item. */
function addNumeric(b: DemoBuilder): void {
  for (const form of NUMERIC_FORMS) {
    let added = 0;
    for (const q of shuffle(form.questions, b.rng)) {
      if (added >= form.cap) break;
      const wrong = distractors(q.key, q.wrongs);
      if (wrong.length < 3) continue;
      const extra = q.explanation ? { explanation: q.explanation } : {};
      let ok: boolean;
      if (added % 3 === 2) {
        const truth = b.rng() < 0.5;
        ok = b.judge(form.point, q.stem.replace('__', truth ? keyText(q.key) : wrong[0]), truth, form.base, extra);
      } else {
        ok = b.single(form.point, q.stem.replace('__', BLANK), keyText(q.key), wrong, form.base, extra);
      }
      if (ok) added++;
    }
  }
  for (const form of NUMERIC_MULTI) {
    let added = 0;
    for (const q of shuffle(form.questions, b.rng)) {
      if (added >= form.cap) break;
      if (b.multiple(form.point, q.stem.replace('__', BLANK), q.keys, q.wrongs, form.base)) added++;
    }
  }
}

/** 12 sets; set k takes the k-th task of each module after a seeded shuffle, so every task is used once. */
function addPracticalSets(b: DemoBuilder): {
  sets: { code: string; name: string; members: number[] }[];
  position: Map<number, number>;
} {
  const orders = TASK_MODULES.map((m) => shuffle(m.tasks, b.rng));
  const sets: { code: string; name: string; members: number[] }[] = [];
  const position = new Map<number, number>();
  for (let k = 0; k < DEMO_PRACTICAL_SETS; k++) {
    const code = `${REF_PREFIX}-SC-${pad(k + 1, 2)}`;
    const members: number[] = [];
    TASK_MODULES.forEach((module, m) => {
      const spec = orders[m][k % orders[m].length];
      const content: TaskContent = {
        type: 'task',
        title: spec.title,
        stem: `${module.intro(spec.title)}${spec.requirement}`,
        materials: module.materials,
        minutes: module.minutes,
        rubric: pick(module.rubrics, b.rng).map((line) => ({ ...line })),
        totalPoints: 100,
        knowledgePoint: spec.point,
        difficulty: b.difficulty(module.difficulty),
        set: code,
      };
      if (b.add(content)) {
        position.set(b.drafts.length - 1, m);
        members.push(b.drafts.length - 1);
      }
    });
    sets.push({ code, name: `电工（四级）实际操作卷 ${pad(k + 1, 2)}`, members });
  }
  return { sets, position };
}
