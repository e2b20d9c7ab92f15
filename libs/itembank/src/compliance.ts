import type { Policy, PracticalKind } from './policy';
import type { TheoryType } from './types';

/** Approved counts of one bank. Only `approved` versions in use count toward a threshold (SPEC §2). */
export interface BankCounts {
  approvedTheory: Readonly<Record<TheoryType, number>>;
  approvedPracticalSets: number;
  approvedPracticalTasks: number;
}

/** What a template needs from one stratum (knowledge area, or point) for one item type, and what the bank has. */
export interface StratumNeed {
  stratum: string;
  type: TheoryType;
  needed: number;
  available: number;
}

/** Approved theory items citing one knowledge point; `needed` when the assembler's quota reaches down to points. */
export interface PointCount {
  point: string;
  approved: number;
  needed?: number;
}

/**
 * A need the bank cannot meet. `needed`/`available` count items, except for an `area` that cannot get its
 * share of the paper's points (鉴定比重), where they are points: the target and the closest the bank allows.
 */
export interface Shortfall {
  area?: string;
  stratum?: string;
  point?: string;
  type?: TheoryType;
  needed: number;
  available: number;
  message: string;
}

export interface ComplianceReport {
  policy: string;
  /** Papers can be drawn: the thresholds are met and every quota can be filled. */
  met: boolean;
  /** The policy's bank-size thresholds alone (refuse with BANK_BELOW_THRESHOLD when false). */
  thresholdMet: boolean;
  theory: { approved: number; required: number; met: boolean; byType: Record<TheoryType, number> };
  /** `kind: null` when the policy has no practical rule; `approved` then counts sets, for information. */
  practical: { kind: PracticalKind | null; approved: number; required: number; met: boolean };
  /** Quotas the bank cannot fill, and points with fewer items than needed. */
  shortfalls: Shortfall[];
  /** Knowledge points without a single approved theory item, in the order given. */
  pointsWithoutItems: string[];
}

export interface ComplianceDetail {
  /** Per stratum and type, from the assembler's allocation of the template (`blueprintNeeds`). */
  strata?: readonly StratumNeed[];
  /** Why the template cannot be allocated over the bank, from the same function; listed first. */
  allocation?: readonly Shortfall[];
  /** Per knowledge point approved counts; include points with 0 so they are reported. */
  points?: readonly PointCount[];
}

const TYPE_NAMES: Readonly<Record<TheoryType, string>> = { judge: '判断题', single: '单选题', multiple: '多选题' };

/**
 * Compliance arithmetic of one bank under a policy. A bank can meet the total and still be unable to
 * fill a quota; `shortfalls` says which stratum or point and by how much.
 */
export function complianceReport(
  counts: BankCounts,
  policy: Pick<Policy, 'id' | 'theoryMinItems' | 'practical'>,
  detail: ComplianceDetail = {},
): ComplianceReport {
  const byType = {
    judge: counts.approvedTheory.judge ?? 0,
    single: counts.approvedTheory.single ?? 0,
    multiple: counts.approvedTheory.multiple ?? 0,
  };
  const approvedTheory = byType.judge + byType.single + byType.multiple;
  const theory = {
    approved: approvedTheory,
    required: policy.theoryMinItems,
    met: approvedTheory >= policy.theoryMinItems,
    byType,
  };

  const rule = policy.practical;
  const practicalApproved = rule?.kind === 'tasks' ? counts.approvedPracticalTasks : counts.approvedPracticalSets;
  const practical = rule
    ? { kind: rule.kind, approved: practicalApproved, required: rule.min, met: practicalApproved >= rule.min }
    : { kind: null, approved: practicalApproved, required: 0, met: true };

  const shortfalls: Shortfall[] = [...(detail.allocation ?? [])];
  for (const s of detail.strata ?? []) {
    if (s.available < s.needed) {
      shortfalls.push({
        stratum: s.stratum,
        type: s.type,
        needed: s.needed,
        available: s.available,
        message: `Stratum ${s.stratum} needs ${s.needed} approved ${s.type} items per paper but has ${s.available}. ${s.stratum} 需要${TYPE_NAMES[s.type]} ${s.needed} 道，仅有 ${s.available} 道。`,
      });
    }
  }
  const pointsWithoutItems: string[] = [];
  for (const p of detail.points ?? []) {
    if (p.approved <= 0) pointsWithoutItems.push(p.point);
    if (p.needed !== undefined && p.approved < p.needed) {
      shortfalls.push({
        point: p.point,
        needed: p.needed,
        available: p.approved,
        message: `Knowledge point ${p.point} needs ${p.needed} approved items but has ${p.approved}. 鉴定点 ${p.point} 需要 ${p.needed} 道试题，仅有 ${p.approved} 道。`,
      });
    }
  }
  const thresholdMet = theory.met && practical.met;
  return {
    policy: policy.id,
    met: thresholdMet && shortfalls.length === 0,
    thresholdMet,
    theory,
    practical,
    shortfalls,
    pointsWithoutItems,
  };
}

export interface ItemUsage {
  itemId: string;
  /** Papers the item has appeared in. */
  uses: number;
  /** ISO time of the last use, if any; passed through for the report. */
  lastUsedAt?: string | null;
}

export interface UsageClassification {
  unused: string[];
  /** Most used first. */
  overUsed: string[];
}

/**
 * Splits items into never used and over-used (`uses > maxUses`), the input to bank refreshing
 * [004 七(二): 根据试题使用频次每年动态更新].
 */
export function classifyUsage(usages: readonly ItemUsage[], maxUses: number): UsageClassification {
  const unused = usages.filter((u) => u.uses <= 0).map((u) => u.itemId);
  const overUsed = usages
    .filter((u) => u.uses > maxUses)
    .sort((a, b) => b.uses - a.uses || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
    .map((u) => u.itemId);
  return { unused, overUsed };
}
