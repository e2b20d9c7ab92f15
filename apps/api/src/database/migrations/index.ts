import type { MigrationInterface } from 'typeorm';

/** Committed migrations in order; a landed migration is never edited, a change is a new file. */
import { SessionProctors1796675045112 } from './1796675045112-SessionProctors';
import { PracticalAssessment1796674409982 } from './1796674409982-PracticalAssessment';
import { AttemptPauses1796664360216 } from './1796664360216-AttemptPauses';
import { ScoreCorrections1796180402493 } from './1796180402493-ScoreCorrections';
import { JobRunsRunAt1796164128918 } from './1796164128918-JobRunsRunAt';
import { ItemStatistics1795440627712 } from './1795440627712-ItemStatistics';
import { ItemsReportIndex1795433049081 } from './1795433049081-ItemsReportIndex';
import { DomainSchema1795430849572 } from './1795430849572-DomainSchema';
import { Init1795430391473 } from './1795430391473-Init';
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Init1795430391473,
  DomainSchema1795430849572,
  ItemsReportIndex1795433049081,
  ItemStatistics1795440627712,
  JobRunsRunAt1796164128918,
  ScoreCorrections1796180402493,
  AttemptPauses1796664360216,
  PracticalAssessment1796674409982,
  SessionProctors1796675045112,
];
