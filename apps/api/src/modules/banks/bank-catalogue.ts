import { Injectable } from '@nestjs/common';
import type { KnowledgeMap, PaperTemplate, Policy } from '@jianding/itembank';
import { notFound } from '../../common/app.exception';
import { BankEntity, OccupationEntity } from './bank.entities';
import { BanksRepository } from './banks.repository';
import { BanksService, parseJson } from './banks.service';
import { BankComplianceReport, ComplianceService } from './compliance.service';
import { PoliciesService } from './policies.service';

export interface CatalogueBank {
  id: string;
  occupationId: string;
  occupationCode: string;
  occupationName: string;
  level: string;
  policyId: string | null;
  knowledgeMapVersion: number;
}

/**
 * What other modules (paper requests, assembly, institutions) may ask about a bank, without touching its tables:
 * inject it from BanksModule.
 */
@Injectable()
export class BankCatalogue {
  constructor(
    private readonly repo: BanksRepository,
    private readonly banks: BanksService,
    private readonly policies: PoliciesService,
    private readonly compliance: ComplianceService,
  ) {}

  /** The bank of an occupation (by code) and level, or null when there is none. */
  async findBank(occupationCode: string, level: string): Promise<CatalogueBank | null> {
    const occupation = await this.repo.findOccupationByCode(occupationCode);
    if (!occupation) return null;
    const bank = await this.repo.findBank(occupation.id, level);
    return bank ? toCatalogue(bank, occupation) : null;
  }

  async findBankById(bankId: string): Promise<CatalogueBank | null> {
    const bank = await this.repo.findBankById(bankId);
    const occupation = bank && (await this.repo.findOccupationById(bank.occupationId));
    return bank && occupation ? toCatalogue(bank, occupation) : null;
  }

  /**
   * Whether papers may be drawn from the bank: `met` is the policy's bank-size thresholds (theory items, practical
   * sets or tasks); `report` also names the quotas the knowledge map cannot fill (`report.shortfalls`, `report.met`).
   */
  async thresholdStatus(bankId: string, policyId?: string): Promise<{ met: boolean; report: BankComplianceReport }> {
    const { bank, occupation } = await this.load(bankId);
    const report = await this.compliance.forBank(bank, occupation, policyId);
    return { met: report.thresholdMet, report };
  }

  /** The bank's knowledge map, or null when none has been stored. */
  async knowledgeMap(bankId: string): Promise<KnowledgeMap | null> {
    const { bank } = await this.load(bankId);
    return parseJson<KnowledgeMap>(bank.knowledgeMap);
  }

  /** The bank's paper template, or its level's default. */
  async template(bankId: string): Promise<PaperTemplate> {
    const { bank } = await this.load(bankId);
    return this.banks.templateOf(bank);
  }

  /** The policy the bank is under: its own, or the deployment default. */
  async policyFor(bankId: string): Promise<Policy> {
    const { bank } = await this.load(bankId);
    return this.policies.resolve(this.banks.effectivePolicyId(bank));
  }

  private async load(bankId: string): Promise<{ bank: BankEntity; occupation: OccupationEntity }> {
    const bank = await this.repo.findBankById(bankId);
    const occupation = bank && (await this.repo.findOccupationById(bank.occupationId));
    if (!bank || !occupation) throw notFound('BANK_NOT_FOUND', 'No bank has this id');
    return { bank, occupation };
  }
}

function toCatalogue(bank: BankEntity, occupation: OccupationEntity): CatalogueBank {
  return {
    id: bank.id,
    occupationId: occupation.id,
    occupationCode: occupation.code,
    occupationName: occupation.name,
    level: bank.level,
    policyId: bank.policyId,
    knowledgeMapVersion: bank.knowledgeMapVersion,
  };
}
