import { Module } from '@nestjs/common';
import { BankCatalogue } from './bank-catalogue';
import { BanksController } from './banks.controller';
import { BanksRepository } from './banks.repository';
import { BanksService } from './banks.service';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { OccupationsController } from './occupations.controller';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';

/** Occupations, banks (occupation × level), knowledge maps, policies and compliance. */
@Module({
  controllers: [OccupationsController, BanksController, PoliciesController, ComplianceController],
  providers: [BanksRepository, BanksService, PoliciesService, ComplianceService, BankCatalogue],
  exports: [BankCatalogue, BanksService, PoliciesService, BanksRepository],
})
export class BanksModule {}
