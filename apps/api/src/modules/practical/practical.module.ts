import { Module } from '@nestjs/common';
import { ExamModule } from '../exam/exam.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { PapersModule } from '../papers/papers.module';
import { UsersModule } from '../users/users.module';
import { ExaminersService } from './examiners.service';
import { ExaminersController, PracticalAssignmentsController, PracticalController } from './practical.controller';
import { PracticalRepository } from './practical.repository';
import { PracticalService } from './practical.service';

/**
 * Practical assessment (技能操作考核): the examiner register, the panel per session, score sheets signed by each
 * examiner, the chief's decisions, the review score of levels 2 and 1, and the combined results. Sessions, rosters and
 * theory scores are the exam module's, read through {@link SessionFacts}; tasks and rubrics the papers module's.
 */
@Module({
  imports: [ExamModule, PapersModule, UsersModule, InstitutionsModule],
  controllers: [ExaminersController, PracticalAssignmentsController, PracticalController],
  providers: [PracticalRepository, ExaminersService, PracticalService],
  exports: [ExaminersService, PracticalService],
})
export class PracticalModule {}
