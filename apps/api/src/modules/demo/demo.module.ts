import { Module } from '@nestjs/common';
import { ExamModule } from '../exam/exam.module';
import { ItemsModule } from '../items/items.module';
import { PapersModule } from '../papers/papers.module';
import { UsersModule } from '../users/users.module';
import { DemoService } from './demo.service';

@Module({
  imports: [UsersModule, ItemsModule, PapersModule, ExamModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
