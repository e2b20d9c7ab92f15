import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { ITEM_STATUSES, ITEM_TYPES, LEVELS } from '@jianding/itembank';
import { PageQuery, QueryInt } from '../../../common/paging';

const MAX_VERSION = 1_000_000;

/**
 * Content fields are checked for their JSON kind here and for every domain rule by the item bank's validateItem,
 * which reports all problems at once with stable codes (ITEM_INVALID, details = issues).
 */
class ContentFieldsDto {
  @ApiPropertyOptional({ description: 'Theory: the question. Task: the task description (任务描述).' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  stem?: string;

  @ApiPropertyOptional({ type: [String], description: 'Option texts, index 0 = A; none for judge' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  options?: string[];

  @ApiPropertyOptional({
    description: 'judge: true/false (or √/×); single: "B"; multiple: ["A","D"] or "AD"',
    oneOf: [{ type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  @Allow()
  answer?: unknown;

  @ApiPropertyOptional({ example: 'A-01-001' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  knowledgePoint?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 3 })
  @IsOptional()
  @IsNumber()
  difficulty?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  explanation?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Ids of items of the same bank that must never share a paper with this one',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  enemies?: string[];

  @ApiPropertyOptional({ description: "The author's own reference (编号)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ref?: string;

  @ApiPropertyOptional({ description: 'Task: title (试题名称)' })
  @IsOptional()
  @IsString()
  title?: string;

  @ApiPropertyOptional({ description: 'Task: materials (所需材料)' })
  @IsOptional()
  @IsString()
  materials?: string;

  @ApiPropertyOptional({ description: 'Task: time in minutes (考核时间)' })
  @IsOptional()
  @IsNumber()
  minutes?: number;

  @ApiPropertyOptional({
    description: 'Task: scoring rubric [{points, criterion}]',
    type: 'array',
    items: { type: 'object', properties: { points: { type: 'number' }, criterion: { type: 'string' } } },
  })
  @IsOptional()
  @IsArray()
  rubric?: { points: number; criterion: string }[];

  @ApiPropertyOptional({ description: 'Task: total points (default 100)' })
  @IsOptional()
  @IsNumber()
  totalPoints?: number;

  @ApiPropertyOptional({ description: 'Task: code of the practical set (实际操作卷) it belongs to' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  set?: string;
}

export class CreateItemDto extends ContentFieldsDto {
  @ApiProperty({ example: '6-31-01-03' })
  @IsString()
  occupation!: string;

  @ApiProperty({ enum: LEVELS })
  @IsString()
  level!: string;

  @ApiProperty({ enum: ITEM_TYPES })
  @IsString()
  type!: string;
}

export class UpdateItemDto extends ContentFieldsDto {
  @ApiPropertyOptional({ description: 'Why this version was made' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  changeNote?: string;
}

/** The filters the items table and the review queue share. */
export class ItemFilterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Occupation code' })
  @IsOptional()
  @IsString()
  occupation?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: string;

  @ApiPropertyOptional({ enum: ITEM_TYPES })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  knowledgePoint?: string;

  @QueryInt({ min: 1, max: 5, description: 'Difficulty 1–5' })
  difficulty?: number;

  @ApiPropertyOptional({ description: 'Text in the stem, options or explanation, or an exact ref' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ListItemsQuery extends ItemFilterQuery {
  @ApiPropertyOptional({ enum: ITEM_STATUSES, description: 'Status of the latest version' })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only items whose latest version a reviewer sent back (a draft with a reason)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  rejected?: boolean;
}

export class RejectDto {
  @ApiProperty({ description: 'Why the version goes back to its author' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class BulkIdsDto {
  @ApiProperty({ type: [String], maxItems: 2000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class DiffQuery {
  @QueryInt({ min: 1, max: MAX_VERSION, required: true, description: 'Version number' })
  from!: number;

  @QueryInt({ min: 1, max: MAX_VERSION, required: true, description: 'Version number' })
  to!: number;
}

export class ImportFieldsDto {
  @ApiProperty({ example: '6-31-01-03' })
  @IsString()
  occupation!: string;

  @ApiProperty({ enum: LEVELS })
  @IsString()
  level!: string;
}

export class ImportQuery {
  @ApiPropertyOptional({
    enum: ['draft', 'in_review'],
    default: 'draft',
    description: 'in_review submits every imported item at once',
  })
  @IsOptional()
  @IsIn(['draft', 'in_review'])
  status?: 'draft' | 'in_review';
}

export class TemplateQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

export class ExportQuery {
  @ApiProperty({ example: '6-31-01-03' })
  @IsString()
  occupation!: string;

  @ApiProperty({ enum: LEVELS })
  @IsString()
  level!: string;

  @ApiPropertyOptional({ enum: ['xlsx', 'csv', 'json'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv', 'json'])
  format?: 'xlsx' | 'csv' | 'json';

  @ApiPropertyOptional({
    enum: ITEM_STATUSES,
    default: 'approved',
    description: 'approved = the versions in use; other statuses = latest versions with that status',
  })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: string;
}
