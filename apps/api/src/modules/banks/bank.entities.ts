import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

/** 职业 / 工种, or a special vocational ability project (`special`, only level S). */
@Entity('occupations')
export class OccupationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_occupations_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'boolean', default: false })
  special!: boolean;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

/** One occupation × one level: everything about items, thresholds and papers is per bank. */
@Entity('banks')
@Index('uq_banks_occupation_level', ['occupationId', 'level'], { unique: true })
export class BankEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'occupation_id', type: 'varchar', length: 36 })
  occupationId!: string;

  @Column({ type: 'varchar', length: 2 })
  level!: string;

  /** A policy id; null means the deployment default (POLICY). */
  @Column({ name: 'policy_id', type: 'varchar', length: 64, nullable: true })
  policyId!: string | null;

  /** The 鉴定要素细目表 as JSON; replaced as a whole, its version bumps each time. */
  @Column({ name: 'knowledge_map', type: 'text', nullable: true })
  knowledgeMap!: string | null;

  @Column({ name: 'knowledge_map_version', type: 'integer', default: 0 })
  knowledgeMapVersion!: number;

  /** Paper template JSON; null means the default for the level. */
  @Column({ type: 'text', nullable: true })
  template!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}

/** Admin-defined policies; the presets live in code (libs/itembank) and are not stored. */
@Entity('policies')
export class PolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'text' })
  definition!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}
