import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

/** An item's identity across versions, with pointers to its newest version and the version in use. */
@Entity('items')
/**
 * Covers every column the compliance reports read (all-banks: one GROUP BY over this index alone, no row lookups);
 * its (bank_id, type) prefix also serves what the former ix_items_bank_type did.
 */
@Index('ix_items_bank_report', ['bankId', 'type', 'approvedVersionId', 'practicalSetId', 'usageCount'])
export class ItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'bank_id', type: 'varchar', length: 36 })
  bankId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  /** The author's own reference (编号), unique within a bank when present. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ref!: string | null;

  @Column({ name: 'latest_version_id', type: 'varchar', length: 36 })
  latestVersionId!: string;

  @Column({ name: 'latest_no', type: 'integer' })
  latestNo!: number;

  /** The approved version papers draw; stays until a successor is approved. Null until the first approval. */
  @Index('ix_items_approved')
  @Column({ name: 'approved_version_id', type: 'varchar', length: 36, nullable: true })
  approvedVersionId!: string | null;

  /** Practical set (实际操作卷) of a task. */
  @Index('ix_items_set')
  @Column({ name: 'practical_set_id', type: 'varchar', length: 36, nullable: true })
  practicalSetId!: string | null;

  @Column({ name: 'usage_count', type: 'integer', default: 0 })
  usageCount!: number;

  @Column({
    name: 'last_used_at',
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v?: number | null) => v,
      from: (v?: string | number | null) => (v === null || v === undefined ? null : Number(v)),
    },
  })
  lastUsedAt!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/** Immutable content of one version; only the review fields change (status, reviewer, reason). */
@Entity('item_versions')
@Index('uq_item_versions_no', ['itemId', 'no'], { unique: true })
@Index('ix_item_versions_bank_status', ['bankId', 'status', 'type'])
@Index('ix_item_versions_bank_stem', ['bankId', 'stemKey'])
@Index('ix_item_versions_bank_point', ['bankId', 'knowledgePoint'])
export class ItemVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ name: 'bank_id', type: 'varchar', length: 36 })
  bankId!: string;

  @Column({ type: 'integer' })
  no!: number;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** ItemContent JSON (stem, options, answer, explanation, task fields, enemies as item ids). */
  @Column({ type: 'text' })
  content!: string;

  /** sha256 of the normalised stem: duplicate stems in a bank are found by index, not by scanning. */
  @Column({ name: 'stem_key', type: 'varchar', length: 64 })
  stemKey!: string;

  @Column({ name: 'knowledge_point', type: 'varchar', length: 64 })
  knowledgePoint!: string;

  @Column({ type: 'integer' })
  difficulty!: number;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId!: string;

  /** Why this version was made (change note). */
  @Column({ name: 'change_note', type: 'varchar', length: 500, nullable: true })
  changeNote!: string | null;

  @Column({ name: 'reviewer_id', type: 'varchar', length: 36, nullable: true })
  reviewerId!: string | null;

  @Column({
    name: 'reviewed_at',
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v?: number | null) => v,
      from: (v?: string | number | null) => (v === null || v === undefined ? null : Number(v)),
    },
  })
  reviewedAt!: number | null;

  /** The reviewer's reason on the last rejection. */
  @Column({ name: 'review_reason', type: 'varchar', length: 1000, nullable: true })
  reviewReason!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/** 实际操作卷: a named group of practical tasks. */
@Entity('practical_sets')
@Index('uq_practical_sets_code', ['bankId', 'code'], { unique: true })
export class PracticalSetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'bank_id', type: 'varchar', length: 36 })
  bankId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

/**
 * One item's statistics from one exam session (`itemStatistics` over its submitted, auto-scored attempts). Kept per
 * session so computing a session again replaces its rows instead of counting its attempts twice; reports pool them.
 */
@Entity('item_statistics')
@Index('ix_item_statistics_session', ['sessionId'])
export class ItemStatisticEntity {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  /** Attempts that had the item. */
  @Column({ type: 'integer' })
  n!: number;

  @Column({ name: 'p_value', type: 'double' })
  pValue!: number;

  /** Null when the item or the rest of the score did not vary in the session. */
  @Column({ name: 'point_biserial', type: 'double', nullable: true })
  pointBiserial!: number | null;

  @Column({ name: 'computed_at', ...msColumn })
  computedAt!: number;
}
