import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { z } from 'zod';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE, PageQuery, QueryInt } from '../../../common/paging';
import {
  INTEGRITY_EVENT_TYPES,
  IRREGULARITY_CATEGORIES,
  MONITOR_STATES,
  type IrregularityCategory,
  type MonitorState,
} from '@jianding/exam';

// --- candidate -------------------------------------------------------------------------------------------------

/** Sign-in body. A zod schema rather than a class: every candidate signs in within the first minute of a session. */
export const CandidateLoginSchema = z.strictObject({
  ticketNo: z.string().min(1).max(32).describe('准考证号'),
  idNumber: z.string().min(1).max(32).describe('身份证号'),
});
export type CandidateLoginBody = z.infer<typeof CandidateLoginSchema>;

export class CandidateTokenView {
  @ApiProperty() token!: string;
}

/** Answer save body. A zod schema rather than a class: every candidate saves every few seconds. */
export const SaveAnswerSchema = z.strictObject({
  answer: z
    .unknown()
    .optional()
    .describe('judge: true/false; single: "B"; multiple: ["A","D"] (letters as shown); null clears'),
  seq: z
    .number()
    .int()
    .min(1)
    .max(2_000_000_000)
    .describe('The attempt-wide sequence number of this change (client counter, from 1)'),
  clientTime: z.string().max(40).nullish().describe('ISO time on the candidate machine'),
});
export type SaveAnswerBody = z.infer<typeof SaveAnswerSchema>;

export class AnswerAckView {
  @ApiProperty() seq!: number;
  @ApiProperty() savedAt!: string;
}

export class CursorDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10_000)
  position!: number;
}

export class IntegrityEventDto {
  @ApiProperty({ enum: INTEGRITY_EVENT_TYPES, enumName: 'IntegrityEventType' })
  @IsIn(INTEGRITY_EVENT_TYPES)
  type!: string;

  @ApiProperty({ description: 'ISO client time' })
  @IsString()
  @MaxLength(40)
  at!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  detail?: Record<string, unknown>;
}

// --- staff ---------------------------------------------------------------------------------------------------------

export class RosterEntryDto {
  @ApiProperty({ description: '准考证号' })
  @IsString()
  @MaxLength(64)
  ticketNo!: string;

  @ApiProperty({ description: '姓名' })
  @IsString()
  @MaxLength(128)
  name!: string;

  @ApiProperty({ description: '身份证号 (GB 11643); stored only as a keyed hash and the last four' })
  @IsString()
  @MaxLength(32)
  idNumber!: string;
}

export class CreateExamSessionDto {
  @ApiProperty()
  @IsUUID()
  paperRequestId!: string;

  @ApiPropertyOptional({ description: 'Room / session name' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: '考场: the room, printed on the admission slips' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  room?: string;

  @ApiProperty({ example: '2025-06-01T01:00:00Z' })
  @IsISO8601()
  startsAt!: string;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes!: number;

  @ApiProperty({ type: [RosterEntryDto] })
  @ValidateNested({ each: true })
  @Type(() => RosterEntryDto)
  @ArrayMaxSize(50_000)
  candidates!: RosterEntryDto[];

  @ApiPropertyOptional({ description: 'Show the score to the candidate after submit; default from the policy' })
  @IsOptional()
  @IsBoolean()
  showResult?: boolean;

  @ApiPropertyOptional({ description: 'Safe Exam Browser config key; when set, candidates must use SEB with it' })
  @IsOptional()
  @IsString()
  @Length(16, 128)
  sebConfigKey?: string;
}

export class ListSessionsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  paperRequestId?: string;
}

export class ExportLogQuery {
  @ApiPropertyOptional({ enum: ['jsonl', 'xlsx'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['jsonl', 'xlsx'])
  format?: 'jsonl' | 'xlsx';
}

export class ExtendDto {
  @ApiProperty({ minimum: 1, maximum: 240 })
  @IsInt()
  @Min(1)
  @Max(240)
  minutes!: number;

  @ApiProperty()
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class AssignProctorsDto {
  @ApiProperty({ type: [String], description: 'User ids of proctors; they replace the ones assigned before' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

export class ProctorReasonDto {
  @ApiProperty({ description: 'Why, for the session record and the audit log' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class ScoreCorrectionDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty()
  @IsString()
  @Length(2, 1000)
  reason!: string;
}

export class DecideCorrectionDto {
  @ApiPropertyOptional({ description: 'Required to reject; an optional note on approval' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class IrregularityDto {
  @ApiProperty({
    enum: IRREGULARITY_CATEGORIES,
    enumName: 'IrregularityCategory',
    description: 'candidate (考生违纪), environment (考场环境), staff (考务人员), technical (设备/网络)',
  })
  @IsIn(IRREGULARITY_CATEGORIES)
  category!: IrregularityCategory;

  @ApiProperty({ description: 'What the proctor saw, for the session record' })
  @IsString()
  @Length(2, 1000)
  description!: string;
}

/** The live view of a session: every candidate unless a state, a search or a page is asked for. */
export class MonitorQuery {
  @ApiPropertyOptional({ enum: MONITOR_STATES, enumName: 'MonitorState' })
  @IsOptional()
  @IsIn(MONITOR_STATES)
  state?: MonitorState;

  @ApiPropertyOptional({ description: 'Part of the ticket number or the name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @QueryInt({ min: 1, max: MAX_PAGE, description: 'With pageSize: one page of the filtered candidates' })
  page?: number;

  @QueryInt({ min: 1, max: 500 })
  pageSize?: number;
}

export class SessionCorrectionsQuery {
  @ApiPropertyOptional({ enum: ['requested', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['requested', 'approved', 'rejected'])
  status?: 'requested' | 'approved' | 'rejected';
}
