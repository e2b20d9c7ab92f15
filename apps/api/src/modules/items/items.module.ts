import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { DemoBankService } from './demo-bank.service';
import { ItemStatisticsService } from './item-statistics.service';
import { ItemUsage } from './item-usage.service';
import { ItemImportProcessor } from './items-import.processor';
import { ItemTransferService } from './items-transfer.service';
import { ItemsController } from './items.controller';
import { ItemsRepository } from './items.repository';
import { ItemsService } from './items.service';

/** Versioned items, review workflow, spreadsheet import/export, per-session item statistics and the demo bank. */
@Module({
  imports: [BanksModule],
  controllers: [ItemsController],
  providers: [
    ItemsRepository,
    ItemsService,
    ItemStatisticsService,
    ItemUsage,
    ItemTransferService,
    DemoBankService,
    ItemImportProcessor,
  ],
  exports: [DemoBankService, ItemTransferService, ItemsRepository, ItemStatisticsService, ItemUsage],
})
export class ItemsModule {}
