import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

export const INSTITUTION_TYPES = ['employer', 'training', 'technical_school', 'special_station'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export const INSTITUTION_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];

/** 评价机构 / 考核站 filed with the centre: a scope of occupations and levels, valid for three years. */
@Entity('institutions')
export class InstitutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_institutions_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: InstitutionType;

  /** JSON `[{occupation: "6-31-01-03", levels: ["5","4"]}]`. */
  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'valid_from', ...msColumn })
  validFrom!: number;

  @Column({ name: 'valid_until', ...msColumn })
  validUntil!: number;

  /** active, suspended (can do nothing until reinstated) or revoked (for good). */
  @Column({ type: 'varchar', length: 16 })
  status!: InstitutionStatus;

  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}
