import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { AnswerWriter } from './answer-writer';
import { AttemptDeadlineProcessor } from './attempt-deadline.processor';
import { SessionDeadlineProcessor } from './session-deadline.processor';
import { ExamController } from './exam.controller';
import { ExamPaperCache } from './exam-paper.cache';
import { ExamRepository } from './exam.repository';
import { ExamScoringService } from './exam-scoring.service';
import { AttemptsController, ExamSessionsController } from './exam-sessions.controller';
import { ExamSessionsService } from './exam-sessions.service';
import { ExamService } from './exam.service';
import { RetentionPurgeProcessor } from './retention-purge.processor';

@Module({
  imports: [ItemsModule],
  controllers: [ExamController, ExamSessionsController, AttemptsController],
  providers: [
    ExamRepository,
    ExamPaperCache,
    AnswerWriter,
    ExamScoringService,
    ExamService,
    ExamSessionsService,
    RetentionPurgeProcessor,
    AttemptDeadlineProcessor,
    SessionDeadlineProcessor,
  ],
  exports: [ExamSessionsService],
})
export class ExamModule {}
