import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { BankReaderRepository } from './bank-reader.repository';
import { PaperAssembleProcessor } from './paper-assemble.processor';
import { PaperAssemblyService } from './paper-assembly.service';
import { PaperRequestsController } from './paper-requests.controller';
import { PaperRequestsService } from './paper-requests.service';
import { PapersController } from './papers.controller';
import { PapersRepository } from './papers.repository';
import { PapersService } from './papers.service';

@Module({
  imports: [ItemsModule],
  controllers: [PaperRequestsController, PapersController],
  providers: [
    BankReaderRepository,
    PapersRepository,
    PaperRequestsService,
    PaperAssemblyService,
    PapersService,
    PaperAssembleProcessor,
  ],
  exports: [PapersService, PaperRequestsService],
})
export class PapersModule {}
