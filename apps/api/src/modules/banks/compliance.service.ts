import { Injectable } from '@nestjs/common';
import {
  classifyUsage,
  complianceReport,
  poolItemStatistics,
  type BankCounts,
  type ComplianceReport,
  type ItemQualityFlag,
  type KnowledgeMap,
  type Policy,
} from '@jianding/itembank';
import { iso } from '../../common/columns';
import { mipSolver } from '../../common/mip-solver';
import { BankEntity, OccupationEntity } from './bank.entities';
import { BanksRepository, StatisticsRow } from './banks.repository';
import { BanksService, parseJson } from './banks.service';
import { complianceDetail, PointNeed } from './compliance-detail';
import { PoliciesService } from './policies.service';

/** Over this many uses an item counts as over-used in the refresh lists (SPEC §2, [004 七(二)]); `?maxUses=` overrides. */
export const DEFAULT_MAX_USES = 20;
/** Longest unused / over-used / flagged list in a report; the counts are always complete. */
export const USAGE_LIST_CAP = 100;

export interface BankComplianceReport extends ComplianceReport {
  bank: { id: string; occupation: { code: string; name: string }; level: string; knowledgeMapVersion: number };
  policyName: string;
  strata: { stratum: string; type: string; needed: number; available: number }[];
  points: PointNeed[];
  usage: {
    maxUses: number;
    unused: { count: number; items: UsageView[] };
    overUsed: { count: number; items: UsageView[] };
  };
  /** Items in use with stored exam statistics (pooled over sessions), and those the rules of thumb flag for review. */
  statistics: {
    items: number;
    flagged: { count: number; items: FlaggedView[] };
  };
}

interface UsageView {
  itemId: string;
  ref: string | null;
  type: string;
  uses: number;
  lastUsedAt: string | null;
}

type FlaggedView = StatisticsRow & { flags: ItemQualityFlag[] };

@Injectable()
export class ComplianceService {
  constructor(
    private readonly repo: BanksRepository,
    private readonly banks: BanksService,
    private readonly policies: PoliciesService,
  ) {}

  async forPath(
    occupationCode: string,
    level: string,
    policyId?: string,
    maxUses = DEFAULT_MAX_USES,
  ): Promise<BankComplianceReport> {
    const { bank, occupation } = await this.banks.find(occupationCode, level);
    return this.forBank(bank, occupation, policyId, maxUses);
  }

  /** The bank's counts under a policy (the bank's own, or the deployment default, unless one is named). */
  async forBank(
    bank: BankEntity,
    occupation: OccupationEntity,
    policyId?: string,
    maxUses = DEFAULT_MAX_USES,
  ): Promise<BankComplianceReport> {
    const policy = await this.policies.resolve(policyId ?? this.banks.effectivePolicyId(bank));
    const [countRows, pointRows, usageRows, statisticsRows] = await Promise.all([
      this.repo.bankCounts(bank.id),
      this.repo.pointCounts(bank.id),
      this.repo.usage(bank.id),
      this.repo.statistics(bank.id),
    ]);
    const map = parseJson<KnowledgeMap>(bank.knowledgeMap);
    const detail = map
      ? complianceDetail({ map, template: this.banks.templateOf(bank), counts: pointRows, solver: await mipSolver() })
      : { strata: [], allocation: [], points: [] };
    const report = complianceReport(toCounts(countRows), policy, detail);
    if (!map) {
      report.met = false;
      report.shortfalls.push({
        needed: 0,
        available: 0,
        message: 'The bank has no knowledge map, so no paper quota can be filled. 题库尚无鉴定要素细目表。',
      });
    }

    const usages = usageRows.map((u) => ({ itemId: u.itemId, uses: u.usageCount, lastUsedAt: iso(u.lastUsedAt) }));
    const byId = new Map(usageRows.map((u) => [u.itemId, u]));
    const { unused, overUsed } = classifyUsage(usages, maxUses);
    const view = (id: string): UsageView => {
      const u = byId.get(id)!;
      return { itemId: id, ref: u.ref, type: u.type, uses: u.usageCount, lastUsedAt: iso(u.lastUsedAt) };
    };
    return {
      bank: {
        id: bank.id,
        occupation: { code: occupation.code, name: occupation.name },
        level: bank.level,
        knowledgeMapVersion: bank.knowledgeMapVersion,
      },
      ...report,
      policyName: policy.name,
      strata: detail.strata,
      points: detail.points,
      usage: {
        maxUses,
        unused: { count: unused.length, items: unused.slice(0, USAGE_LIST_CAP).map(view) },
        overUsed: { count: overUsed.length, items: overUsed.slice(0, USAGE_LIST_CAP).map(view) },
      },
      statistics: statisticsSummary(statisticsRows),
    };
  }

  /**
   * Every bank's thresholds from one aggregate query. Each bank is judged under the named policy or, without one,
   * its own; quota detail per knowledge point is in the per-bank report. `occupationCode` narrows it to one
   * occupation's banks (an unknown code: none).
   */
  async allBanks(policyId?: string, maxUses = DEFAULT_MAX_USES, occupationCode?: string) {
    const named = policyId ? await this.policies.resolve(policyId) : undefined;
    const policies = named ? undefined : await this.policies.all();
    const rows = await this.repo.allBanks(maxUses, occupationCode);
    const banks = rows.map((r) => {
      const policy: Policy =
        named ?? policies!.get(r.policyId ?? this.banks.defaultPolicyId) ?? policies!.get(this.banks.defaultPolicyId)!;
      const report = complianceReport(
        {
          approvedTheory: { judge: r.judge, single: r.single, multiple: r.multiple },
          approvedPracticalSets: r.sets,
          approvedPracticalTasks: r.task,
        },
        policy,
      );
      return {
        bankId: r.bankId,
        occupation: { code: r.occupationCode, name: r.occupationName },
        level: r.level,
        policy: report.policy,
        met: report.thresholdMet,
        theory: report.theory,
        practical: report.practical,
        usage: { unused: r.unused, overUsed: r.overUsed, maxUses },
      };
    });
    const met = banks.filter((b) => b.met).length;
    return { policy: named?.id ?? null, total: banks.length, met, notMet: banks.length - met, banks };
  }
}

/** Pools each item's rows (they come ordered by item id, so the flagged list keeps that order). */
function statisticsSummary(rows: readonly StatisticsRow[]): BankComplianceReport['statistics'] {
  const byItem = new Map<string, StatisticsRow[]>();
  for (const row of rows) {
    const list = byItem.get(row.itemId) ?? [];
    list.push(row);
    byItem.set(row.itemId, list);
  }
  const flagged: FlaggedView[] = [];
  for (const [itemId, list] of byItem) {
    const pooled = poolItemStatistics(list);
    if (pooled?.flags.length)
      flagged.push({
        itemId,
        ref: list[0].ref,
        type: list[0].type,
        n: pooled.n,
        pValue: pooled.pValue,
        pointBiserial: pooled.pointBiserial,
        flags: pooled.flags,
      });
  }
  return { items: byItem.size, flagged: { count: flagged.length, items: flagged.slice(0, USAGE_LIST_CAP) } };
}

export function toCounts(rows: readonly { type: string; approved: number; sets: number }[]): BankCounts {
  const of = (type: string) => rows.find((r) => r.type === type);
  return {
    approvedTheory: {
      judge: of('judge')?.approved ?? 0,
      single: of('single')?.approved ?? 0,
      multiple: of('multiple')?.approved ?? 0,
    },
    approvedPracticalSets: of('task')?.sets ?? 0,
    approvedPracticalTasks: of('task')?.approved ?? 0,
  };
}
