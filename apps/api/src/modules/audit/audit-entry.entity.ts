import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

/** One link of the hash chain. Rows are only ever inserted; `verify` notices an edit, a deletion or a gap. */
@Entity('audit_entries')
@Index('ix_audit_entity', ['entity', 'entityId'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_audit_seq', { unique: true })
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'at', ...msColumn })
  at!: number;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 128 })
  actorName!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId!: string;

  /** Canonical JSON text, hashed exactly as stored. */
  @Column({ type: 'text' })
  data!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/** A single row that holds the chain's tip; locking it serialises appends and lets verify notice a cut-off tail. */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
