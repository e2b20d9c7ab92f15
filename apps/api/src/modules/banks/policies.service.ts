import { Inject, Injectable } from '@nestjs/common';
import { findPolicy, parsePolicy, POLICY_PRESET_IDS, POLICY_PRESETS, type Policy } from '@jianding/itembank';
import { conflict, notFound, unprocessable } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/principal';
import { PolicyEntity } from './bank.entities';
import { BanksRepository } from './banks.repository';

export interface PolicyView extends Policy {
  preset: boolean;
  createdAt?: string | null;
}

/** The five presets of SPEC §2 (in code) and admin-defined policies (stored). */
@Injectable()
export class PoliciesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: BanksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<{ items: PolicyView[]; total: number; defaultPolicyId: string }> {
    const custom = await this.repo.listPolicies();
    const items: PolicyView[] = [
      ...POLICY_PRESET_IDS.map((id) => ({ ...POLICY_PRESETS[id], preset: true })),
      ...custom.map((row) => ({
        ...(JSON.parse(row.definition) as Policy),
        preset: false,
        createdAt: iso(row.createdAt),
      })),
    ];
    return { items, total: items.length, defaultPolicyId: this.config.defaultPolicy };
  }

  async create(actor: Actor, input: unknown): Promise<PolicyView> {
    const parsed = parsePolicy(input);
    if (!parsed.ok) {
      const reserved = parsed.issues.find((i) => i.code === 'POLICY_ID_RESERVED');
      if (reserved) throw conflict('POLICY_ID_RESERVED', reserved.message, parsed.issues);
      throw unprocessable('POLICY_INVALID', 'The policy is not valid', parsed.issues);
    }
    const policy = parsed.policy;
    return this.db.transaction(async (tx) => {
      if (await this.repo.findPolicy(policy.id, tx))
        throw conflict('POLICY_EXISTS', `A policy with the id ${policy.id} already exists`);
      const row = Object.assign(new PolicyEntity(), {
        id: policy.id,
        definition: JSON.stringify(policy),
        createdBy: actor.id,
        createdAt: Date.now(),
      });
      await this.repo.insertPolicy(tx, row);
      await this.audit.append(tx, {
        actor,
        action: 'policy.create',
        entity: 'policy',
        entityId: policy.id,
        data: { ...policy },
      });
      return { ...policy, preset: false, createdAt: iso(row.createdAt) };
    });
  }

  /** A preset or a stored policy by id; 404 POLICY_NOT_FOUND otherwise. */
  async resolve(id: string): Promise<Policy> {
    const preset = findPolicy(id);
    if (preset) return preset;
    const row = await this.repo.findPolicy(id);
    const policy = row ? findPolicy(id, [JSON.parse(row.definition) as Policy]) : undefined;
    if (!policy) throw notFound('POLICY_NOT_FOUND', `No policy has the id ${id}`);
    return policy;
  }

  /**
   * The policy an exam runs under: the one named (a preset or a stored one), else the deployment default; a name
   * that no longer resolves falls back to the default too, so a session is never without rules.
   */
  async inForce(id: string | null): Promise<Policy> {
    const wanted = id ?? this.config.defaultPolicy;
    const preset = findPolicy(wanted);
    if (preset) return preset;
    const row = await this.repo.findPolicy(wanted);
    const parsed = row ? parsePolicy(JSON.parse(row.definition)) : null;
    if (parsed?.ok) return parsed.policy;
    return findPolicy(this.config.defaultPolicy) ?? (findPolicy('chengdu-2024') as Policy);
  }

  /** Every policy by id, for reports that use several at once. */
  async all(): Promise<Map<string, Policy>> {
    const custom = (await this.repo.listPolicies()).map((row) => JSON.parse(row.definition) as Policy);
    const out = new Map<string, Policy>();
    for (const id of POLICY_PRESET_IDS) out.set(id, POLICY_PRESETS[id]);
    for (const p of custom) out.set(p.id, p);
    return out;
  }
}
