import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../../common/paging';

const LEVELS = ['5', '4', '3', '2', '1', 'S'] as const;
const STATUSES = ['submitted', 'assembling', 'ready', 'failed', 'rejected'] as const;
export const MAX_FORMS = 26;
export const MAX_CANDIDATES = 20_000;

export class CreatePaperRequestDto {
  @ApiProperty({ example: '6-31-01-03' })
  @IsString()
  @Length(1, 32)
  occupation!: string;

  @ApiProperty({ enum: LEVELS, example: '4' })
  @IsIn(LEVELS)
  level!: string;

  @ApiProperty({ example: '2026-06-20', description: 'Exam day (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'examDate must be YYYY-MM-DD' })
  examDate!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_FORMS,
    default: 1,
    description: 'Parallel papers (A/B卷); not with perCandidate',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FORMS)
  forms?: number;

  @ApiPropertyOptional({ description: 'One paper per candidate (千人千卷); needs `candidates`' })
  @IsOptional()
  @IsBoolean()
  perCandidate?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CANDIDATES })
  @ValidateIf((o: CreatePaperRequestDto) => o.perCandidate === true || o.candidates !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_CANDIDATES)
  candidates?: number;

  @ApiPropertyOptional({ description: 'Also draw the practical paper (a whole set, or tasks by the template)' })
  @IsOptional()
  @IsBoolean()
  includePractical?: boolean;
}

export class ApprovePaperRequestDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0.3,
    description: 'Largest share of items two parallel forms may have in common',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxOverlap?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 1,
    description:
      "Items used in more than this share of the bank's earlier papers are skipped; below it, less-used items are preferred",
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  exposureCap?: number;
}

export class RejectPaperRequestDto {
  @ApiProperty({ example: '考试日期与场地安排冲突' })
  @IsString()
  @Length(1, 900)
  reason!: string;
}

export class PaperRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Institution id (centre only)' })
  @IsOptional()
  @IsUUID()
  institution?: string;
}

export class PaperQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @ApiPropertyOptional({ description: 'Institution id' })
  @IsOptional()
  @IsUUID()
  institution?: string;
}

export class CreatedRequestView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['submitted'] }) status!: 'submitted';
}
