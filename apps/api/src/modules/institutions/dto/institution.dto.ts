import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { iso } from '../../../common/columns';
import { PageQuery, QueryInt } from '../../../common/paging';
import {
  INSTITUTION_STATUSES,
  INSTITUTION_TYPES,
  InstitutionEntity,
  InstitutionStatus,
  InstitutionType,
} from '../institution.entity';
import { parseScope, ScopeEntry } from '@jianding/itembank';

const LEVELS = ['5', '4', '3', '2', '1', 'S'] as const;

export class ScopeEntryDto implements ScopeEntry {
  @ApiProperty({ example: '6-31-01-03', description: 'Occupation code' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'occupation must be an occupation code' })
  occupation!: string;

  @ApiProperty({ enum: LEVELS, isArray: true, example: ['4', '3'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(LEVELS, { each: true })
  levels!: string[];
}

export class CreateInstitutionDto {
  @ApiProperty({ example: 'CD-PJ-0012', description: 'Filing code, unique' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, dots, dashes or underscores',
  })
  code!: string;

  @ApiProperty({ example: '成都市某职业技能培训学校' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: INSTITUTION_TYPES })
  @IsIn(INSTITUTION_TYPES)
  type!: InstitutionType;

  @ApiProperty({ type: [ScopeEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ScopeEntryDto)
  scope!: ScopeEntryDto[];

  @ApiPropertyOptional({ description: 'ISO date or time; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'ISO date or time; default three years after validFrom' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

export class UpdateInstitutionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: INSTITUTION_TYPES })
  @IsOptional()
  @IsIn(INSTITUTION_TYPES)
  type?: InstitutionType;

  @ApiPropertyOptional({ type: [ScopeEntryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ScopeEntryDto)
  scope?: ScopeEntryDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;

  @ApiPropertyOptional({
    enum: INSTITUTION_STATUSES,
    description: 'suspended and revoked need a reason; revoked is final',
  })
  @IsOptional()
  @IsIn(INSTITUTION_STATUSES)
  status?: InstitutionStatus;

  @ApiPropertyOptional({ description: 'Why the status changes' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class InstitutionQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INSTITUTION_STATUSES })
  @IsOptional()
  @IsIn(INSTITUTION_STATUSES)
  status?: InstitutionStatus;

  @ApiPropertyOptional({ example: '6-31-01-03', description: 'Only institutions whose scope names this occupation' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'occupation must be an occupation code' })
  occupation?: string;

  @QueryInt({
    min: 1,
    max: 3650,
    description: 'Only filings still valid whose validity ends within this many days (the centre looks at 90)',
  })
  expiringWithinDays?: number;

  @ApiPropertyOptional({ description: 'Part of the code or the name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

/** What the list is narrowed to; `expiresBefore` (ms) with `now` (ms) picks filings still valid that end soon. */
export interface InstitutionFilter {
  id?: string;
  status?: InstitutionStatus;
  occupation?: string;
  q?: string;
  expiring?: { now: number; before: number };
}

export class InstitutionView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INSTITUTION_TYPES }) type!: InstitutionType;
  @ApiProperty({ type: [ScopeEntryDto] }) scope!: ScopeEntry[];
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: INSTITUTION_STATUSES }) status!: InstitutionStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(e: InstitutionEntity): InstitutionView {
    return {
      id: e.id,
      code: e.code,
      name: e.name,
      type: e.type,
      scope: parseScope(e.scope),
      validFrom: iso(e.validFrom)!,
      validUntil: iso(e.validUntil)!,
      status: e.status,
      statusReason: e.statusReason,
      createdAt: iso(e.createdAt)!,
      updatedAt: iso(e.updatedAt)!,
    };
  }
}
