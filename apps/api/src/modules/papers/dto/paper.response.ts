import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { RubricLineView } from '../../items/dto/item.response';
import { UserRefView } from '../../users/dto/user-ref.response';
import type { PaperRequestStatus } from '../paper.entities';
import type { PaperRequestView } from '../paper-requests.service';
import type { VerifyView } from '../papers.service';
import type { TaskView, TheoryPositionView } from '../paper-view';

const REQUEST_STATUSES: PaperRequestStatus[] = ['submitted', 'assembling', 'ready', 'failed', 'rejected'];

export class InstitutionRefView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class PaperRequestSummaryView implements Omit<PaperRequestView, 'papers'> {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty({ type: InstitutionRefView, nullable: true }) institution!: InstitutionRefView | null;
  @ApiProperty({ example: '6-31-01-03' }) occupation!: string;
  @ApiProperty({ example: '4' }) level!: string;
  @ApiProperty({ example: '2026-06-20' }) examDate!: string;
  @ApiProperty({ description: 'Parallel forms drawn (0 with perCandidate)' }) forms!: number;
  @ApiProperty() perCandidate!: boolean;
  @ApiProperty() candidates!: number;
  @ApiProperty() includePractical!: boolean;
  @ApiProperty({ enum: REQUEST_STATUSES, enumName: 'PaperRequestStatus' }) status!: PaperRequestStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected or failed' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) policy!: string | null;
  @ApiProperty({ nullable: true, type: String }) snapshotHash!: string | null;
  @ApiProperty({ nullable: true, type: String }) assemblerVersion!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The assembly job: GET /jobs/{id}' }) jobRunId!:
    string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class PaperRequestResponse extends PaperRequestSummaryView implements PaperRequestView {
  @ApiProperty({ type: [String], description: 'Ids of the drawn papers, once ready' }) papers!: string[];
}

export class PaperSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['theory', 'practical'] }) kind!: string;
  @ApiProperty() form!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ example: 'sealed' }) status!: string;
  @ApiProperty({ type: InstitutionRefView, nullable: true }) institution!: InstitutionRefView | null;
  @ApiProperty({ type: UserRefView, nullable: true }) requestedBy!: UserRefView | null;
  @ApiProperty({ type: UserRefView, nullable: true }) approvedBy!: UserRefView | null;
  @ApiProperty({ nullable: true, type: String }) requestedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) drawnAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) releasedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) examDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestSeed!: string | null;
  @ApiProperty() seed!: string;
  @ApiProperty() snapshotHash!: string;
  @ApiProperty() assemblerVersion!: string;
  @ApiProperty() contentHash!: string;
}

export class PaperOptionView {
  @ApiProperty({ example: 'A' }) key!: string;
  @ApiProperty() text!: string;
}

export class TheoryPositionResponse implements TheoryPositionView {
  @ApiProperty() position!: number;
  @ApiProperty() section!: number;
  @ApiProperty({ example: 'single' }) type!: string;
  @ApiProperty() points!: number;
  @ApiProperty() stem!: string;
  @ApiProperty({ type: [PaperOptionView] }) options!: PaperOptionView[];
  @ApiPropertyOptional({
    description: 'Centre only, in the letters the candidate sees',
    oneOf: [{ type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  answer?: boolean | string | string[];
  @ApiPropertyOptional({ description: 'Centre only' }) explanation?: string;
  @ApiPropertyOptional({ description: 'Centre only' }) itemId?: string;
  @ApiPropertyOptional({ description: 'Centre only' }) versionId?: string;
  @ApiPropertyOptional({ description: 'Centre only' }) knowledgePoint?: string;
  @ApiPropertyOptional({ description: 'Centre only' }) stratum?: string;
  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description: 'Centre only: displayed index d shows original option optionOrder[d]',
  })
  optionOrder?: number[] | null;
}

export class TaskPositionResponse implements TaskView {
  @ApiProperty() position!: number;
  @ApiPropertyOptional({ description: 'Centre only' }) itemId?: string;
  @ApiPropertyOptional({ description: 'Centre only' }) versionId?: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The task description' }) task!: string;
  @ApiPropertyOptional() materials?: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() points!: number;
  @ApiPropertyOptional({ type: [RubricLineView], description: 'Centre only' }) rubric?: RubricLineView[];
}

/** A theory paper (durationMinutes, totalPoints, theory positions) or a practical one (practicalSetId, tasks). */
@ApiExtraModels(TheoryPositionResponse, TaskPositionResponse)
export class PaperResponse {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['theory', 'practical'] }) kind!: string;
  @ApiProperty() form!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ example: 'released' }) status!: string;
  @ApiProperty({ nullable: true, type: String }) releasedAt!: string | null;
  @ApiProperty() assemblerVersion!: string;
  @ApiProperty() snapshotHash!: string;
  @ApiProperty() contentHash!: string;
  @ApiPropertyOptional({ description: 'Centre only' }) seed?: string;
  @ApiPropertyOptional({ description: 'Theory papers' }) durationMinutes?: number;
  @ApiPropertyOptional({ description: 'Theory papers' }) totalPoints?: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Practical papers drawn as a set' })
  practicalSetId?: string | null;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(TheoryPositionResponse) }, { $ref: getSchemaPath(TaskPositionResponse) }] },
  })
  positions!: (TheoryPositionResponse | TaskPositionResponse)[];
}

export class PaperReleaseView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'released' }) status!: string;
  @ApiProperty({ nullable: true, type: String }) releasedAt!: string | null;
}

export class PaperVerifyResponse implements VerifyView {
  @ApiProperty() paperId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() label!: string;
  @ApiProperty({
    description: 'Recorded, stored and re-derived hashes agree and the body is byte-identical to the re-derivation',
  })
  match!: boolean;
  @ApiProperty({ description: 'As recorded in the paper row' }) contentHash!: string;
  @ApiProperty({ description: 'Recomputed from the stored body' }) storedHash!: string;
  @ApiProperty({ nullable: true, type: String }) rederivedHash!: string | null;
  @ApiProperty() bodyIdentical!: boolean;
  @ApiProperty() snapshotHash!: string;
  @ApiProperty({ nullable: true, type: String }) rederivedSnapshotHash!: string | null;
  @ApiProperty() assemblerVersion!: string;
  @ApiProperty() currentAssemblerVersion!: string;
  @ApiPropertyOptional() error?: string;
}
