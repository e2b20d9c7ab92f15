import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

export type PaperRequestStatus = 'submitted' | 'assembling' | 'ready' | 'failed' | 'rejected';

/** An institution's request for the papers of one bank for a dated exam; the centre approves, a worker draws. */
@Entity('paper_requests')
@Index('ix_paper_requests_institution', ['institutionId', 'createdAt'])
@Index('ix_paper_requests_status', ['status'])
export class PaperRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'bank_id', type: 'varchar', length: 36 })
  bankId!: string;

  @Column({ name: 'exam_date', type: 'varchar', length: 10 })
  examDate!: string;

  /** Parallel forms (A/B卷); with `perCandidate` one paper per candidate instead. */
  @Column({ type: 'integer' })
  forms!: number;

  @Column({ name: 'per_candidate', type: 'boolean', default: false })
  perCandidate!: boolean;

  @Column({ name: 'candidate_count', type: 'integer', default: 0 })
  candidateCount!: number;

  /** Also draw the practical paper (one whole set, or tasks composed by the template). */
  @Column({ name: 'include_practical', type: 'boolean', default: false })
  includePractical!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: PaperRequestStatus;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  /** Why it was rejected or failed; a stable code first, e.g. `BANK_BELOW_THRESHOLD: …`. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** Fixed at approval, so a retried job draws the same papers. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  seed!: string | null;

  @Column({ name: 'policy_id', type: 'varchar', length: 64, nullable: true })
  policyId!: string | null;

  /** Knowledge map and template JSON as they were at approval. */
  @Column({ name: 'map_json', type: 'text', nullable: true })
  mapJson!: string | null;

  @Column({ name: 'template_json', type: 'text', nullable: true })
  templateJson!: string | null;

  /** Papers drawn from the bank before this request: the exposure rate's denominator. */
  @Column({ name: 'papers_drawn_before', type: 'integer', default: 0 })
  papersDrawnBefore!: number;

  @Column({ name: 'snapshot_hash', type: 'varchar', length: 64, nullable: true })
  snapshotHash!: string | null;

  @Column({ name: 'assembler_version', type: 'varchar', length: 64, nullable: true })
  assemblerVersion!: string | null;

  @Column({ name: 'job_run_id', type: 'varchar', length: 36, nullable: true })
  jobRunId!: string | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', ...msColumn, nullable: true })
  decidedAt!: number | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/** The bank as the draw saw it: approved versions and their usage counts at approval time. Enough to re-derive. */
@Entity('paper_snapshot_items')
export class PaperSnapshotItemEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 36 })
  requestId!: string;

  @PrimaryColumn({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  @Column({ name: 'usage_count', type: 'integer' })
  usageCount!: number;
}

export type PaperStatus = 'sealed' | 'released';

@Entity('papers')
@Index('uq_papers_request_kind_form', ['requestId', 'kind', 'form'], { unique: true })
export class PaperEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId!: string;

  /** `theory` or `practical`. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** 0-based form index (A=0, B=1…) or candidate index for per-candidate papers. */
  @Column({ type: 'integer' })
  form!: number;

  @Column({ type: 'varchar', length: 16 })
  label!: string;

  @Column({ type: 'varchar', length: 64 })
  seed!: string;

  @Column({ name: 'assembler_version', type: 'varchar', length: 64 })
  assemblerVersion!: string;

  @Column({ name: 'snapshot_hash', type: 'varchar', length: 64 })
  snapshotHash!: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  /** The full paper JSON from libs/assembly (positions with version ids, points and option order). */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PaperStatus;

  @Column({ name: 'released_at', ...msColumn, nullable: true })
  releasedAt!: number | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}
