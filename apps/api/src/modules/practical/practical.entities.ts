import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

/** 考评员 in the centre's register: the occupations and level they may examine, and whose staff they are. */
@Entity('examiners')
export class ExaminerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The staff account (role `examiner`) that signs in to score. */
  @Index('uq_examiners_user', { unique: true })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The examiner certificate (考评员证) number, unique in the register. */
  @Index('uq_examiners_certificate', { unique: true })
  @Column({ name: 'certificate_no', type: 'varchar', length: 64 })
  certificateNo!: string;

  /** JSON array of occupation codes. */
  @Column({ type: 'text' })
  occupations!: string;

  /** Highest level held: `3`, `2` or `1`. */
  @Column({ type: 'varchar', length: 2 })
  level!: string;

  /** The institution the examiner works for; null for the centre's own. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/**
 * One examiner on one session's panel. The session's institution, occupation and start are copied here when the panel
 * is dispatched, so the rotation rules read earlier panels from this table alone.
 */
@Entity('panel_members')
@Index('ix_panel_members_site', ['institutionId', 'startsAt'])
@Index('ix_panel_members_examiner', ['examinerId'])
export class PanelMemberEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @PrimaryColumn({ name: 'examiner_id', type: 'varchar', length: 36 })
  examinerId!: string;

  @Column({ type: 'boolean', default: false })
  chief!: boolean;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'occupation_code', type: 'varchar', length: 32 })
  occupationCode!: string;

  @Column({ name: 'starts_at', ...msColumn })
  startsAt!: number;

  @Column({ name: 'dispatched_by', type: 'varchar', length: 36 })
  dispatchedBy!: string;

  @Column({ name: 'dispatched_at', ...msColumn })
  dispatchedAt!: number;
}

/** One examiner's score sheet for one candidate's task: a draft until signed, then never changed. */
@Entity('practical_sheets')
@Index('uq_practical_sheets', ['sessionId', 'candidateId', 'position', 'examinerId'], { unique: true })
export class PracticalSheetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'examiner_id', type: 'varchar', length: 36 })
  examinerId!: string;

  /** JSON `[{index, points}]`, in rubric order. */
  @Column({ type: 'text' })
  criteria!: string;

  /** Decimal string, like score records. */
  @Column({ type: 'varchar', length: 16 })
  total!: string;

  @Column({ name: 'signed_at', ...msColumn, nullable: true })
  signedAt!: number | null;

  /** SHA-256 of the signed content, also in the audit entry of the signature. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash!: string | null;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/** The chief's reasoned score for a task whose sheets spread beyond the policy's tolerance. */
@Entity('practical_decisions')
export class PracticalDecisionEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @PrimaryColumn({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  score!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'examiner_id', type: 'varchar', length: 36 })
  examinerId!: string;

  @Column({ name: 'decided_at', ...msColumn })
  decidedAt!: number;
}

/** The comprehensive review (综合评审) score of a level 2 or 1 candidate, entered by the centre. */
@Entity('review_scores')
export class ReviewScoreEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @PrimaryColumn({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Column({ type: 'varchar', length: 16 })
  score!: string;

  @Column({ name: 'entered_by', type: 'varchar', length: 36 })
  enteredBy!: string;

  @Column({ name: 'entered_at', ...msColumn })
  enteredAt!: number;
}
