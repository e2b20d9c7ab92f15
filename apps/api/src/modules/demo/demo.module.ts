import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { ExamModule } from '../exam/exam.module';
import { ItemsModule } from '../items/items.module';
import { PapersModule } from '../papers/papers.module';
import { PracticalModule } from '../practical/practical.module';
import { UsersModule } from '../users/users.module';
import { DemoBankService } from './demo-bank.service';
import { DemoService } from './demo.service';

@Module({
  imports: [UsersModule, BanksModule, ItemsModule, PapersModule, ExamModule, PracticalModule],
  providers: [DemoBankService, DemoService],
  exports: [DemoBankService, DemoService],
})
export class DemoModule {}
