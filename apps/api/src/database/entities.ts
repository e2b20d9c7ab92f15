import { AuditEntryEntity, AuditHeadEntity } from '../modules/audit/audit-entry.entity';
import { BankEntity, OccupationEntity, PolicyEntity } from '../modules/banks/bank.entities';
import {
  AnswerLogEntity,
  AttemptAnswerEntity,
  AttemptEntity,
  CandidateEntity,
  ExamSessionEntity,
  IntegrityEventEntity,
  ScoreCorrectionEntity,
  ScoreRecordEntity,
  SessionProctorEntity,
} from '../modules/exam/exam.entities';
import { InstitutionEntity } from '../modules/institutions/institution.entity';
import { ItemEntity, ItemStatisticEntity, ItemVersionEntity, PracticalSetEntity } from '../modules/items/item.entities';
import { JobRunEntity } from '../modules/jobs/job-run.entity';
import { PaperEntity, PaperRequestEntity, PaperSnapshotItemEntity } from '../modules/papers/paper.entities';
import {
  ExaminerEntity,
  PanelMemberEntity,
  PracticalDecisionEntity,
  PracticalSheetEntity,
  ReviewScoreEntity,
} from '../modules/practical/practical.entities';
import { UserEntity } from '../modules/users/user.entity';

/** Every entity, in one list shared by the app, the migration CLI and the schema-drift test. */
export const ENTITIES = [
  UserEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  JobRunEntity,
  OccupationEntity,
  BankEntity,
  PolicyEntity,
  ItemEntity,
  ItemVersionEntity,
  PracticalSetEntity,
  ItemStatisticEntity,
  InstitutionEntity,
  PaperRequestEntity,
  PaperSnapshotItemEntity,
  PaperEntity,
  ExamSessionEntity,
  CandidateEntity,
  AttemptEntity,
  AttemptAnswerEntity,
  AnswerLogEntity,
  IntegrityEventEntity,
  ScoreRecordEntity,
  ScoreCorrectionEntity,
  SessionProctorEntity,
  ExaminerEntity,
  PanelMemberEntity,
  PracticalSheetEntity,
  PracticalDecisionEntity,
  ReviewScoreEntity,
];
