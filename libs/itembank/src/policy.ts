import { z } from 'zod';
import type { Issue, Level } from './types';

/**
 * Policies: the rule sets of the jurisdictions in SPEC §2. Each preset cites the clause it comes from,
 * so a compliance report can say why a threshold applies.
 */
export type MultipleCreditRule = 'all-or-nothing' | 'partial';
export type PracticalKind = 'sets' | 'tasks';

export interface Policy {
  id: string;
  name: string;
  /** Where the numbers come from (document and clause). */
  source: string;
  /** Minimum approved theory items per bank (occupation × level). */
  theoryMinItems: number;
  /** Minimum approved practical sets (实际操作卷, 套) or tasks (技能试题); `null` = no rule. */
  practical: { kind: PracticalKind; min: number } | null;
  /** Retention of electronic answer records, in years. */
  retentionYears: number;
  retentionNote?: string;
  /** Pass mark out of 100, for theory and for practical alike. */
  passMark: number;
  /** `all-or-nothing`: a multiple-choice item scores only when exactly the keys are chosen. */
  multipleCredit: MultipleCreditRule;
  showResultToCandidate: boolean;
  /**
   * How a practical panel's signed totals become a task score (`mean` unless a policy says `median`) and the spread,
   * as a share of the task's points, above which the chief decides. Absent: mean and 0.2.
   */
  practicalScoring?: { aggregate: 'mean' | 'median'; spreadTolerance: number };
}

export const POLICY_PRESET_IDS = ['chengdu-2024', 'wuxi-2021', 'jilin-draft', 'bazhong-2023', 'hunan-2021'] as const;
export type PolicyPresetId = (typeof POLICY_PRESET_IDS)[number];
/** The strictest preset, used when a deployment names none (SPEC §2). */
export const DEFAULT_POLICY_ID: PolicyPresetId = 'chengdu-2024';
/** When a regulation sets no bank size, SPEC §2 says to use 800. */
export const FALLBACK_THEORY_MIN_ITEMS = 800;
export const DEFAULT_PASS_MARK = 60;

const common = { passMark: DEFAULT_PASS_MARK, multipleCredit: 'all-or-nothing', showResultToCandidate: true } as const;

export const POLICY_PRESETS: Readonly<Record<PolicyPresetId, Policy>> = {
  'chengdu-2024': {
    id: 'chengdu-2024',
    name: '成都市职业技能等级评价机构管理办法（2024）',
    source:
      '《成都市职业技能等级评价机构管理办法》（成都市人力资源和社会保障局，2024年2月2日）第十七条(二)：每职业(工种)每等级题库题量理论知识不低于1200题，实际操作卷库不低于10套；第二十二条：电子材料保管不少于5年，关键节点材料永久保存；第二十一条：两科目均达到60分者为合格',
    theoryMinItems: 1200,
    practical: { kind: 'sets', min: 10 },
    retentionYears: 5,
    retentionNote: '关键节点材料扫描后永久保存 (key records permanent)',
    ...common,
  },
  'wuxi-2021': {
    id: 'wuxi-2021',
    name: '巫溪县职业技能等级评价机构建设规范（试行）（2021）',
    source:
      '《巫溪县职业技能等级评价机构建设规范（试行）》（溪人社发〔2021〕62号）七(二)：单个职业（工种）每等级理论题库不少于800题，技能题库不少于30题；未规定保存期限，按5年',
    theoryMinItems: 800,
    practical: { kind: 'tasks', min: 30 },
    retentionYears: 5,
    ...common,
  },
  'jilin-draft': {
    id: 'jilin-draft',
    name: '吉林省职业技能考核鉴定机构备案及管理办法（试行）（征求意见稿）',
    source:
      '《吉林省职业技能考核鉴定机构备案及管理办法（试行）（征求意见稿）》第二十一条：考生答题信息应保存一年以上；未规定题库题量，按800题',
    theoryMinItems: FALLBACK_THEORY_MIN_ITEMS,
    practical: null,
    retentionYears: 1,
    ...common,
  },
  'bazhong-2023': {
    id: 'bazhong-2023',
    name: '巴中市专项职业能力考核机构管理办法（试行）（2023）',
    source:
      '《巴中市专项职业能力考核机构管理办法（试行）》（巴人社规〔2023〕1号）第十八条：电子档保存不少于十年；未规定题库题量，按800题',
    theoryMinItems: FALLBACK_THEORY_MIN_ITEMS,
    practical: null,
    retentionYears: 10,
    ...common,
  },
  'hunan-2021': {
    id: 'hunan-2021',
    name: '湖南省专项职业能力考核工作规程（试行）（2021）',
    source:
      '《湖南省专项职业能力考核工作规程（试行）》（湘人社规〔2021〕14号）三(三)：电子材料保存5年以上；未规定题库题量，按800题',
    theoryMinItems: FALLBACK_THEORY_MIN_ITEMS,
    practical: null,
    retentionYears: 5,
    ...common,
  },
};

export function isPolicyPresetId(id: string): id is PolicyPresetId {
  return (POLICY_PRESET_IDS as readonly string[]).includes(id);
}

/** Schema of an admin-defined policy. Omitted pass mark, credit rule and result flag take the preset defaults. */
export const PolicySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/u, 'lower-case letters, digits and hyphens, 2–63 characters'),
  name: z.string().trim().min(1),
  source: z.string().trim().min(1, 'cite the regulation the policy comes from'),
  theoryMinItems: z.number().int().min(1).max(1_000_000),
  practical: z.object({ kind: z.enum(['sets', 'tasks']), min: z.number().int().min(1).max(100_000) }).nullable(),
  retentionYears: z.number().int().min(1).max(100),
  retentionNote: z.string().optional(),
  passMark: z.number().min(0).max(100).default(DEFAULT_PASS_MARK),
  multipleCredit: z.enum(['all-or-nothing', 'partial']).default('all-or-nothing'),
  showResultToCandidate: z.boolean().default(true),
  practicalScoring: z
    .object({ aggregate: z.enum(['mean', 'median']), spreadTolerance: z.number().min(0).max(1) })
    .optional(),
});

export type PolicyInput = z.input<typeof PolicySchema>;

/** Stable codes of {@link parsePolicy}. */
export const PolicyIssueCode = {
  POLICY_INVALID: 'POLICY_INVALID',
  POLICY_ID_RESERVED: 'POLICY_ID_RESERVED',
} as const;
export type PolicyIssueCode = (typeof PolicyIssueCode)[keyof typeof PolicyIssueCode];

/**
 * Validates an admin-defined policy. An id equal to a preset's is refused so a preset can never be
 * shadowed. Issues use the zod path as `field` and the code `POLICY_INVALID`.
 */
export function parsePolicy(input: unknown): { ok: true; policy: Policy } | { ok: false; issues: Issue[] } {
  const result = PolicySchema.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((i) => ({
        code: PolicyIssueCode.POLICY_INVALID,
        field: i.path.join('.') || '(root)',
        message: i.message,
      })),
    };
  }
  if (isPolicyPresetId(result.data.id)) {
    return {
      ok: false,
      issues: [
        {
          code: PolicyIssueCode.POLICY_ID_RESERVED,
          field: 'id',
          message: `"${result.data.id}" is a preset; choose another id.`,
        },
      ],
    };
  }
  return { ok: true, policy: result.data };
}

/**
 * A preset by id, or one of the given admin-defined policies; `undefined` when none matches.
 */
export function findPolicy(id: string, custom: readonly Policy[] = []): Policy | undefined {
  return isPolicyPresetId(id) ? POLICY_PRESETS[id] : custom.find((p) => p.id === id);
}

/** Levels 2 and 1 also need a comprehensive review (综合评审) besides the two exams [002 第二十一条]. */
export function requiresComprehensiveReview(level: Level): boolean {
  return level === '2' || level === '1';
}
