import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { THEORY_TYPES, type TheoryType } from '@jianding/itembank';
import type { AttemptStatus } from '../exam.entities';

/** An answer as the candidate gave it, in the letters they saw. */
export const AnswerProperty = () =>
  ApiProperty({
    description: 'judge: true/false; single: "B"; multiple: ["A","D"] (letters as shown); null clears',
    nullable: true,
    oneOf: [{ type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
  });

export type AnswerValue = boolean | string | string[] | null;

export class AttemptOptionView {
  @ApiProperty({ example: 'B', description: 'The letter the candidate sees, after this candidate’s option shuffle' })
  key!: string;

  @ApiProperty()
  text!: string;
}

/** What a candidate is shown of an item: no key, no explanation, no version id, no knowledge point. */
export class AttemptItemView {
  @ApiProperty({ description: '1-based position in this candidate’s paper' })
  position!: number;

  @ApiProperty({ enum: THEORY_TYPES, enumName: 'TheoryType' })
  type!: TheoryType;

  @ApiProperty()
  stem!: string;

  @ApiProperty({ type: [AttemptOptionView], description: 'Empty for judge items' })
  options!: AttemptOptionView[];

  @ApiProperty()
  points!: number;
}

export class SavedAnswerView {
  @ApiProperty()
  position!: number;

  @AnswerProperty()
  answer!: AnswerValue;

  @ApiProperty({ description: 'The sequence number the answer was saved with' })
  seq!: number;
}

export class AttemptCandidateView {
  @ApiProperty({ description: '姓名' })
  name!: string;

  @ApiProperty({ description: '准考证号' })
  ticketNo!: string;
}

export class AttemptSessionView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  occupationName!: string;

  @ApiProperty({ example: '4' })
  level!: string;

  @ApiProperty({ description: 'This attempt’s deadline (session end plus any extension), ISO time' })
  endsAt!: string;
}

export class AttemptPolicyView {
  @ApiProperty({ description: 'Whether the candidate sees the score after submitting' })
  showResult!: boolean;
}

export class ExamResultView {
  @ApiProperty()
  score!: number;

  @ApiProperty()
  passed!: boolean;
}

/** `GET /exam/attempt`: the candidate's paper without keys, the saved answers and the time left by the server clock. */
export class AttemptView {
  @ApiProperty()
  attemptId!: string;

  @ApiProperty({ type: AttemptCandidateView })
  candidate!: AttemptCandidateView;

  @ApiProperty({ type: AttemptSessionView })
  session!: AttemptSessionView;

  @ApiProperty({ enum: ['in_progress', 'submitted'], enumName: 'AttemptStatus' })
  status!: AttemptStatus;

  @ApiProperty({
    description:
      'A proctor paused the attempt: the countdown stands still and saves are refused with ATTEMPT_PAUSED until the resume',
  })
  paused!: boolean;

  @ApiProperty({ description: 'ISO time on the server when the body was made' })
  serverTime!: string;

  @ApiProperty({
    description: 'Seconds to the deadline by the server clock (standing still while paused); 0 once submitted',
  })
  remainingSeconds!: number;

  @ApiProperty()
  currentPosition!: number;

  @ApiProperty({ description: 'Highest sequence number the server has stored for this attempt' })
  lastSeq!: number;

  @ApiProperty({ type: [AttemptItemView] })
  items!: AttemptItemView[];

  @ApiProperty({ type: [SavedAnswerView] })
  answers!: SavedAnswerView[];

  @ApiProperty({ type: AttemptPolicyView })
  policy!: AttemptPolicyView;

  @ApiPropertyOptional({ type: ExamResultView, description: 'Once submitted, when the session shows results' })
  result?: ExamResultView;
}

export class SubmitView {
  @ApiProperty({ enum: [true] })
  submitted!: true;

  @ApiPropertyOptional({ description: 'When the session shows results' })
  score?: number;

  @ApiPropertyOptional({ description: 'When the session shows results' })
  passed?: boolean;
}
