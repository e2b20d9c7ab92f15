import { AuditEntryEntity, AuditHeadEntity } from '../modules/audit/audit-entry.entity';
import { JobRunEntity } from '../modules/jobs/job-run.entity';
import { UserEntity } from '../modules/users/user.entity';

/** Every entity, in one list shared by the app, the migration CLI and the schema-drift test. */
export const ENTITIES = [UserEntity, AuditEntryEntity, AuditHeadEntity, JobRunEntity];
