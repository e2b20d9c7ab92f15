import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMINER_LEVELS } from '@jianding/exam';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/paging';

const OCCUPATION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class CreateExaminerDto {
  @ApiProperty({ format: 'uuid', description: 'A staff user holding the examiner role; they sign in to score' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 'KPY-2026-00123', description: 'Examiner certificate (考评员证) number, unique' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'certificateNo must be 1–64 letters, digits, . _ / -' })
  certificateNo!: string;

  @ApiProperty({ type: [String], example: ['6-31-01-03'], description: 'Occupation codes the examiner may examine' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(OCCUPATION_CODE, { each: true, message: 'each occupation must be an occupation code' })
  occupations!: string[];

  @ApiProperty({ enum: EXAMINER_LEVELS, description: 'Highest level held: 三级 or higher' })
  @IsIn(EXAMINER_LEVELS)
  level!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The examiner's institution; null for the centre",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  institutionId?: string | null;
}

export class UpdateExaminerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(OCCUPATION_CODE, { each: true, message: 'each occupation must be an occupation code' })
  occupations?: string[];

  @ApiPropertyOptional({ enum: EXAMINER_LEVELS })
  @IsOptional()
  @IsIn(EXAMINER_LEVELS)
  level?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  institutionId?: string | null;

  @ApiPropertyOptional({ description: 'An inactive examiner cannot be put on a panel' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ExaminerQuery extends PageQuery {
  @ApiPropertyOptional({ example: '6-31-01-03' })
  @IsOptional()
  @Matches(OCCUPATION_CODE, { message: 'occupation must be an occupation code' })
  occupation?: string;

  @ApiPropertyOptional({ enum: EXAMINER_LEVELS })
  @IsOptional()
  @IsIn(EXAMINER_LEVELS)
  level?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or certificate number' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class ExaminerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() certificateNo!: string;
  @ApiProperty({ type: [String] }) occupations!: string[];
  @ApiProperty({ enum: EXAMINER_LEVELS }) level!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) institutionId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ExaminerAccountsQuery {
  @ApiPropertyOptional({ description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class ExaminerAccountView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class DispatchPanelDto {
  @ApiProperty({ type: [String], description: 'Examiner ids: at least 3, an odd number' })
  @IsArray()
  @ArrayMaxSize(15)
  @IsUUID('all', { each: true })
  examiners!: string[];

  @ApiProperty({ format: 'uuid', description: 'The chief examiner (考评组长), one of the panel' })
  @IsUUID()
  chief!: string;
}

export class PanelMemberView {
  @ApiProperty({ format: 'uuid' }) examinerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() certificateNo!: string;
  @ApiProperty({ enum: EXAMINER_LEVELS }) level!: string;
  @ApiProperty() chief!: boolean;
}

export class PanelView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: [PanelMemberView] }) examiners!: PanelMemberView[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) chief!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dispatchedAt!: string | null;
  @ApiProperty({ description: 'Signed sheets lock the panel' }) locked!: boolean;
}

export class CriterionDto {
  @ApiProperty({ description: 'The rubric line, counted from 0' })
  @IsInt()
  @Min(0)
  @Max(99)
  index!: number;

  @ApiProperty({ description: "0 to the line's points, in half points" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points!: number;
}

export class SheetDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

export class DecisionDto {
  @ApiProperty({ description: "The task's score the chief decides, in half points" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;

  @ApiProperty({ description: 'Why: it goes to the audit log with the score' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ReviewScoreDto {
  @ApiProperty({ description: '综合评审 score out of 100' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  score!: number;
}

export class CriterionView {
  @ApiProperty() index!: number;
  @ApiProperty() points!: number;
}

export class SheetView {
  @ApiProperty() ticketNo!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) examinerId!: string;
  @ApiProperty({ type: [CriterionView] }) criteria!: CriterionView[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Every rubric line is scored' }) complete!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the signed sheet' })
  contentHash!: string | null;
}

export class RubricLineView {
  @ApiProperty() points!: number;
  @ApiProperty() criterion!: string;
}

export class PracticalTaskView {
  @ApiProperty() position!: number;
  @ApiProperty() title!: string;
  @ApiProperty() task!: string;
  @ApiPropertyOptional() materials?: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() points!: number;
  @ApiProperty({ type: [RubricLineView] }) rubric!: RubricLineView[];
}

export class OtherSheetView {
  @ApiProperty({ format: 'uuid' }) examinerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Shown once this examiner has signed their own sheet' })
  total!: number | null;
}

export class ScoringTaskView {
  @ApiProperty() position!: number;
  @ApiProperty({ type: SheetView, nullable: true }) mine!: SheetView | null;
  @ApiProperty({ type: [OtherSheetView] }) others!: OtherSheetView[];
}

export class ScoringCandidateView {
  @ApiProperty() ticketNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [ScoringTaskView] }) tasks!: ScoringTaskView[];
}

export class ScoringView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() sessionName!: string;
  @ApiProperty({ format: 'uuid' }) examinerId!: string;
  @ApiProperty() chief!: boolean;
  @ApiProperty({ type: [PracticalTaskView] }) tasks!: PracticalTaskView[];
  @ApiProperty({ type: [ScoringCandidateView] }) candidates!: ScoringCandidateView[];
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() occupationName!: string;
  @ApiProperty() level!: string;
  @ApiProperty() chief!: boolean;
}

export class ExaminerSheetTotalView {
  @ApiProperty({ format: 'uuid' }) examinerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Signed total; null until signed' }) total!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt!: string | null;
}

export class TaskResultView {
  @ApiProperty() position!: number;
  @ApiProperty() points!: number;
  @ApiProperty({ type: [ExaminerSheetTotalView] }) sheets!: ExaminerSheetTotalView[];
  @ApiProperty({ enum: ['scoring', 'needs_decision', 'decided', 'scored'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Highest minus lowest signed total' })
  spread!: number | null;
  @ApiProperty({ type: String, nullable: true, description: "The chief's reason, for a decided task" })
  decisionReason!: string | null;
}

export class PracticalResultRow {
  @ApiProperty() ticketNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Masked' }) idNumber!: string;
  @ApiProperty({ type: [TaskResultView] }) tasks!: TaskResultView[];
  @ApiProperty({ type: Number, nullable: true, description: 'The theory score in force' }) theory!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Sum of the task scores once all are scored' })
  practical!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '综合评审, levels 2 and 1 only' }) review!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null while a needed score is missing' })
  passed!: boolean | null;
}

export class PracticalResultsView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() level!: string;
  @ApiProperty({ enum: ['mean', 'median'] }) aggregate!: string;
  @ApiProperty({ description: "Share of a task's points the signed totals may spread before the chief decides" })
  spreadTolerance!: number;
  @ApiProperty() reviewNeeded!: boolean;
  @ApiProperty({ type: [PracticalResultRow] }) items!: PracticalResultRow[];
}
