import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { QueryInt } from '../../../common/paging';
import { IsBoolean, IsObject, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

export class CreateOccupationDto {
  @ApiProperty({
    example: '6-31-01-03',
    description: 'Code from the national occupation classification, or a special-ability project code',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/, { message: 'code must be 1–32 letters, digits, dots or dashes' })
  code!: string;

  @ApiProperty({ example: '电工' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiPropertyOptional({
    description: 'A special vocational ability project (专项职业能力): its only level is S',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  special?: boolean;
}

export class BanksQuery {
  @ApiPropertyOptional({ description: 'Occupation code' })
  @IsOptional()
  @IsString()
  occupation?: string;
}

export class BankSettingsDto {
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'A policy id; null returns the bank to the deployment default',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  policyId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Paper template {durationMinutes, sections:[{type,count,pointsEach}]}; null = the level default',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  template?: Record<string, unknown> | null;
}

export class ComplianceQuery {
  @ApiPropertyOptional({ description: 'Judge under this policy instead of the bank’s own' })
  @IsOptional()
  @IsString()
  policy?: string;

  @QueryInt({ min: 0, max: 1_000_000, default: 20, description: 'Uses above which an item is listed as over-used' })
  maxUses?: number;
}

/** The all-banks report, optionally for one occupation's banks (the banks page asks for the rows it shows). */
export class AllComplianceQuery extends ComplianceQuery {
  @ApiPropertyOptional({ description: 'Only this occupation’s banks (occupation code)' })
  @IsOptional()
  @IsString()
  occupation?: string;
}

/** Swagger shape of a policy (validated by the item bank library's PolicySchema). */
export const POLICY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'source', 'theoryMinItems', 'practical', 'retentionYears'],
  properties: {
    id: { type: 'string', example: 'shanghai-2025' },
    name: { type: 'string' },
    source: { type: 'string', description: 'The regulation and clause the numbers come from' },
    theoryMinItems: { type: 'integer', example: 1000 },
    practical: {
      type: 'object',
      nullable: true,
      properties: { kind: { type: 'string', enum: ['sets', 'tasks'] }, min: { type: 'integer' } },
    },
    retentionYears: { type: 'integer', example: 5 },
    retentionNote: { type: 'string' },
    passMark: { type: 'number', default: 60 },
    multipleCredit: { type: 'string', enum: ['all-or-nothing', 'partial'] },
    showResultToCandidate: { type: 'boolean' },
  },
};
