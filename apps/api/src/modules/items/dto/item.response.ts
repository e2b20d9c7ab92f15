import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ITEM_STATUSES,
  ITEM_TYPES,
  type ItemQualityFlag,
  type ItemStatus,
  type ItemType,
  type RubricLine,
} from '@jianding/itembank';
import { UserRefView } from '../../users/dto/user-ref.response';
import type { ItemStatisticsView } from '../item-statistics.service';

const QUALITY_FLAGS: ItemQualityFlag[] = ['too_hard', 'too_easy', 'low_discrimination'];
const ANSWER_KEY = {
  description: 'judge: true/false; single: "B"; multiple: ["A","D"] (sorted letters)',
  oneOf: [{ type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

export class RubricLineView implements RubricLine {
  @ApiProperty()
  points!: number;

  @ApiProperty()
  criterion!: string;
}

/** An item version's content: the theory fields or the practical task fields, by `type`. */
export class ItemContentView {
  @ApiProperty({ enum: ITEM_TYPES, enumName: 'ItemType' })
  type!: ItemType;

  @ApiProperty({ description: 'Theory: the question. Task: the task description (任务描述).' })
  stem!: string;

  @ApiPropertyOptional({ type: [String], description: 'Theory: option texts, index 0 = A; [] for judge' })
  options?: string[];

  @ApiPropertyOptional(ANSWER_KEY)
  answer?: boolean | string | string[];

  @ApiProperty({ example: 'A-01-001' })
  knowledgePoint!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  difficulty!: number;

  @ApiPropertyOptional()
  explanation?: string;

  @ApiPropertyOptional({ type: [String], description: 'Items that must never share a paper with this one' })
  enemies?: string[];

  @ApiPropertyOptional({ description: "The author's own reference (编号)" })
  ref?: string;

  @ApiPropertyOptional({ description: 'Task: title (试题名称)' })
  title?: string;

  @ApiPropertyOptional({ description: 'Task: materials (所需材料)' })
  materials?: string;

  @ApiPropertyOptional({ description: 'Task: minutes (考核时间)' })
  minutes?: number;

  @ApiPropertyOptional({ type: [RubricLineView], description: 'Task: scoring rubric' })
  rubric?: RubricLineView[];

  @ApiPropertyOptional({ description: 'Task: total points' })
  totalPoints?: number;

  @ApiPropertyOptional({ description: 'Task: code of the practical set (实际操作卷)' })
  set?: string;
}

export class ApprovedVersionView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ nullable: true, type: String })
  reviewerId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  reviewedAt!: string | null;
}

export class ItemStatisticsResponse implements ItemStatisticsView {
  @ApiProperty({ description: 'Attempts over all sessions' })
  n!: number;

  @ApiProperty()
  sessions!: number;

  @ApiProperty({ description: 'n-weighted mean p-value (share answering correctly)' })
  pValue!: number;

  @ApiProperty({ nullable: true, type: Number })
  pointBiserial!: number | null;

  @ApiProperty({ enum: QUALITY_FLAGS, enumName: 'ItemQualityFlag', isArray: true })
  flags!: ItemQualityFlag[];

  @ApiProperty({ description: 'When the newest pooled session was computed' })
  computedAt!: string;
}

/** An item with the content of its latest version. */
export class ItemResponse extends ItemContentView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  bankId!: string;

  @ApiProperty({ example: '6-31-01-03' })
  occupation!: string;

  @ApiProperty({ example: '4' })
  level!: string;

  @ApiProperty({ enum: ITEM_STATUSES, enumName: 'ItemStatus', description: 'Status of the latest version' })
  status!: ItemStatus;

  @ApiProperty()
  version!: number;

  @ApiProperty()
  versionId!: string;

  @ApiProperty({ type: ApprovedVersionView, nullable: true, description: 'The version papers draw from' })
  approvedVersion!: ApprovedVersionView | null;

  @ApiProperty({
    type: ItemStatisticsResponse,
    nullable: true,
    description: 'Pooled over the sessions computed so far',
  })
  statistics!: ItemStatisticsResponse | null;

  @ApiProperty({ description: 'Who wrote the latest version' })
  authorId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Why the latest version was made' })
  changeNote!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The reviewer's reason when the latest version was sent back",
  })
  reviewReason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  updatedAt!: string | null;
}

export class ItemVersionView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: ITEM_STATUSES, enumName: 'ItemStatus' })
  status!: ItemStatus;

  @ApiProperty({ description: 'The version papers draw from' })
  inUse!: boolean;

  @ApiProperty({ description: 'An older draft replaced by a newer edit: it can no longer go forward' })
  superseded!: boolean;

  @ApiProperty({ type: UserRefView, nullable: true })
  author!: UserRefView | null;

  @ApiProperty({ nullable: true, type: String })
  createdAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  changeNote!: string | null;

  @ApiProperty({ type: UserRefView, nullable: true })
  reviewer!: UserRefView | null;

  @ApiProperty({ nullable: true, type: String })
  reviewedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  reviewReason!: string | null;

  @ApiProperty({ nullable: true, type: String })
  updatedAt!: string | null;

  @ApiProperty({ type: ItemContentView })
  content!: ItemContentView;
}

export class ItemVersionsView {
  @ApiProperty()
  itemId!: string;

  @ApiProperty({ nullable: true, type: String })
  approvedVersionId!: string | null;

  @ApiProperty({ type: [ItemVersionView] })
  items!: ItemVersionView[];

  @ApiProperty()
  total!: number;
}

const DIFF_VALUE = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
};

export class FieldChangeView {
  @ApiProperty({ example: 'options.B', description: '`stem`, `answer`, `options.B`, `rubric[0]`, …' })
  field!: string;

  @ApiProperty({ ...DIFF_VALUE, description: 'null: absent on this side' })
  before!: string | number | boolean | string[] | null;

  @ApiProperty({ ...DIFF_VALUE, description: 'null: absent on this side' })
  after!: string | number | boolean | string[] | null;
}

export class ItemDiffView {
  @ApiProperty()
  itemId!: string;

  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiProperty({ type: [FieldChangeView] })
  changes!: FieldChangeView[];
}

export class BulkActionView {
  @ApiProperty({ enum: ['submit', 'approve'] })
  action!: string;

  @ApiProperty()
  count!: number;

  @ApiProperty({ type: [String] })
  ids!: string[];
}

export class ImportResultView {
  @ApiProperty()
  imported!: number;

  @ApiProperty({ type: [String] })
  warnings!: string[];
}

/** One bad row of a refused import (422 IMPORT_INVALID `details.errors`). */
export class ImportErrorView {
  @ApiProperty({ description: 'Row as the spreadsheet shows it (header = 1); 0 for the file as a whole' })
  row!: number;

  @ApiProperty({ description: 'The header as written in the file' })
  column!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty()
  message!: string;
}
