import { Module } from '@nestjs/common';
import { ItemImportProcessor } from './items-import.processor';

@Module({ providers: [ItemImportProcessor] })
export class ItemsModule {}
