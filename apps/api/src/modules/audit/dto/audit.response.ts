import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainFault } from '../audit-chain';
import type { VerifyResult } from '../audit.service';

export class AuditActorView {
  @ApiProperty({ nullable: true, type: String, description: 'User id; null for the system' })
  id!: string | null;

  @ApiProperty()
  name!: string;
}

export class AuditEntryView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'Position in the chain, from 1' })
  seq!: number;

  @ApiProperty({ nullable: true, type: String })
  at!: string | null;

  @ApiProperty({ type: AuditActorView })
  actor!: AuditActorView;

  @ApiProperty({ example: 'item.approve' })
  action!: string;

  @ApiProperty({ example: 'item' })
  entity!: string;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ description: 'What the action changed, as hashed', type: 'object', additionalProperties: true })
  data!: unknown;

  @ApiProperty({ description: 'sha256 of the canonical entry including prevHash' })
  hash!: string;

  @ApiProperty()
  prevHash!: string;
}

const CHAIN_FAULTS: ChainFault[] = ['hash_mismatch', 'broken_link', 'sequence_gap', 'tail_missing'];

export class AuditVerifyView implements VerifyResult {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Entries checked before the first fault (all of them when ok)' })
  entries!: number;

  @ApiProperty()
  headSeq!: number;

  @ApiPropertyOptional({ description: 'The first entry that was edited, removed or inserted out of order' })
  firstBadId?: string;

  @ApiPropertyOptional()
  firstBadSeq?: number;

  @ApiPropertyOptional({ enum: CHAIN_FAULTS, enumName: 'ChainFault' })
  fault?: ChainFault;

  @ApiPropertyOptional({
    type: AuditEntryView,
    description: 'The first bad entry as stored (absent when entries are missing at the end)',
  })
  firstBad?: AuditEntryView;
}
