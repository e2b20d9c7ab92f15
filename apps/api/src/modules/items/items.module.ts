import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { ItemStatisticsService } from './item-statistics.service';
import { ItemUsage } from './item-usage.service';
import { ItemImportProcessor } from './items-import.processor';
import { ItemTransferService } from './items-transfer.service';
import { ItemsController } from './items.controller';
import { ItemsRepository } from './items.repository';
import { ItemsService } from './items.service';

/** Versioned items, review workflow, spreadsheet import/export, and per-session item statistics. */
@Module({
  imports: [BanksModule],
  controllers: [ItemsController],
  providers: [
    ItemsRepository,
    ItemsService,
    ItemStatisticsService,
    ItemUsage,
    ItemTransferService,
    ItemImportProcessor,
  ],
  exports: [ItemsService, ItemTransferService, ItemsRepository, ItemStatisticsService, ItemUsage],
})
export class ItemsModule {}
