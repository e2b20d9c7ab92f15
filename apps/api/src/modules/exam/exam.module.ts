import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { ItemsModule } from '../items/items.module';
import { PapersModule } from '../papers/papers.module';
import { AnswerLogService } from './answer-log.service';
import { AnswerWriter } from './answer-writer';
import { AttemptDeadlineProcessor } from './attempt-deadline.processor';
import { CandidateGuard } from './candidate-guard';
import { ExamDeadlines } from './exam-deadlines.service';
import { ExamPaperCache } from './exam-paper.cache';
import { ExamScoringService } from './exam-scoring.service';
import { AttemptsController, ExamSessionsController } from './exam-sessions.controller';
import { ExamSessionsService } from './exam-sessions.service';
import { ExamController } from './exam.controller';
import { ExamRepository } from './exam.repository';
import { ExamService } from './exam.service';
import { MonitorService } from './monitor.service';
import { SessionRecordService } from './session-record.service';
import { ResultsService } from './results.service';
import { RetentionPurgeProcessor } from './retention-purge.processor';
import { RosterIdentity } from './roster-identity';
import { RostersService } from './rosters.service';
import { SessionAccessService } from './session-access';
import { SessionDeadlineProcessor } from './session-deadline.processor';
import { SessionFacts } from './session-facts';
import { SessionProctorsService } from './session-proctors.service';
import { UsersModule } from '../users/users.module';
import { SignInService } from './sign-in.service';

/**
 * Exam delivery, one provider per use case: the candidate's sign-in and attempt (with the guard's check and the
 * group-committed saves), the deadline jobs, and on the staff side sessions, rosters, monitoring, results and the
 * answer log, each asking the one access policy through {@link SessionAccessService}.
 */
@Module({
  imports: [BanksModule, ItemsModule, PapersModule, UsersModule],
  controllers: [ExamController, ExamSessionsController, AttemptsController],
  providers: [
    ExamRepository,
    ExamPaperCache,
    AnswerWriter,
    ExamScoringService,
    ExamDeadlines,
    CandidateGuard,
    SignInService,
    ExamService,
    RosterIdentity,
    SessionAccessService,
    RostersService,
    ExamSessionsService,
    MonitorService,
    SessionRecordService,
    ResultsService,
    AnswerLogService,
    RetentionPurgeProcessor,
    AttemptDeadlineProcessor,
    SessionDeadlineProcessor,
    SessionFacts,
    SessionProctorsService,
  ],
  exports: [ExamSessionsService, RosterIdentity, SessionFacts],
})
export class ExamModule {}
